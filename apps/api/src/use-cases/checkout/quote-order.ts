import type { CheckoutInput, CheckoutQuoteInput } from "@stall/domain";
import type { Deps } from "../../deps.ts";
import type { HostDirectory } from "../storefront/host-directory.ts";
import { publicShop } from "../storefront/public-shop.ts";
import type { CheckoutContexts } from "./checkout-context.ts";
import { priceFromReads } from "./price-order.ts";

/** The totals the checkout page shows as the buyer chooses; nothing is written or held. */
export async function quoteOrder(
  deps: Deps,
  options: {
    host: string;
    input: CheckoutQuoteInput;
    contexts: CheckoutContexts;
    /** Where the shop's row is held (decision 048); without it the row is read. */
    directory?: Pick<HostDirectory, "shopAt">;
  },
) {
  const { shop, repos } = await publicShop(deps, options.host, options.directory);
  const input: CheckoutInput = {
    ...options.input,
    buyer: { name: "quote", email: "quote@example.invalid" },
    paymentMethod: "pay_at_pickup",
  };
  const { reads } = await options.contexts.read(shop, repos, input);
  const priced = priceFromReads({ shop, input, reads, now: deps.clock.now() });
  const { totals } = priced;
  return {
    currency: shop.currency,
    lines: priced.lines.map((line) => ({
      variantId: line.variantId,
      title: line.title,
      variantTitle: line.optionValues.join(" / "),
      quantity: line.quantity,
      unitPrice: line.unitPrice,
      total: totals.lines.find((entry) => entry.key === line.variantId)?.subtotal ?? line.unitPrice * line.quantity,
    })),
    totals: {
      subtotal: totals.subtotal,
      discount: totals.discount,
      fulfilment: totals.fulfilment,
      tax: totals.tax,
      taxMode: priced.taxMode,
      total: totals.total,
    },
    discountCode: priced.discount?.code ?? null,
    fulfilment: priced.fulfilment.summary,
  };
}
