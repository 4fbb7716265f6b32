import type { APIRoute } from "astro";
import { ApiUnavailableError } from "../../lib/api.ts";
import { json, seeOther, wantsJson } from "../../lib/cart-responses.ts";
import { quoteFor } from "../../lib/checkout-flow.ts";
import { readCheckoutForm } from "../../lib/checkout-form.ts";
import { parseFulfilmentValue } from "../../lib/checkout-options.ts";
import { taxLabel, totalsRows } from "../../lib/checkout-summary.ts";
import { requireShop } from "../../lib/shop-context.ts";
import { getRuntime } from "../../runtime.ts";

/**
 * The checkout island's totals: the checkout form as it stands (posted as it is) in, the rows to show
 * and any message for the discount code or the way of getting it out. Nothing is placed or held.
 */
export const POST: APIRoute = async ({ request, locals }) => {
  const shop = requireShop(locals);
  const { text, locale, href, snapshot } = shop;
  if (!wantsJson(request)) return seeOther(href("/checkout"));
  const form = readCheckoutForm(await request.formData().catch(() => new FormData()));
  if (!form.lines) return json({ ok: false, message: text.errorGeneral }, 422);
  const context = { api: getRuntime().checkouts, host: shop.host, snapshot, locale, text, href };
  try {
    const quoted = await quoteFor(context, form.values, form.lines);
    if (quoted.problem) return json({ ok: false, message: text.unreachable }, quoted.problem === "unknown" ? 404 : 503);
    const { quote, errors } = quoted;
    const totals = quote
      ? totalsRows(quote.totals, {
          currency: quote.currency,
          locale,
          text,
          fulfilmentType: parseFulfilmentValue(form.values.fulfilment)?.type,
          discountCode: quote.discountCode,
          taxLabel: taxLabel(snapshot.tax, text),
        })
      : undefined;
    const fieldErrors = { discountCode: errors.fields.discountCode ?? "", fulfilment: errors.fields.fulfilment ?? "" };
    const total = totals?.rows.find((row) => row.key === "total")?.value;
    return json({
      ok: true,
      rows: totals?.rows ?? [],
      taxNote: totals?.taxNote ?? "",
      errors: fieldErrors,
      // What the live region says: the problem when there is one, otherwise the new total.
      message:
        fieldErrors.discountCode || fieldErrors.fulfilment || (total ? text.totalUpdated(total) : text.totalLater),
    });
  } catch (error) {
    if (!(error instanceof ApiUnavailableError)) throw error;
    console.warn(JSON.stringify({ level: "warn", msg: "checkout API unavailable", error: error.message }));
    return json({ ok: false, message: text.noticeTryAgain }, 503);
  }
};

/** A bookmarked or refreshed address: the checkout is where the buyer wanted to be. */
export const GET: APIRoute = ({ locals }) => seeOther(requireShop(locals).href("/checkout"));
