// What the checkout page does with a visit or a form post, apart from Astro: show the form for the cart,
// work out the totals, place the order, and say what to do when the API refuses. The page turns the
// outcome into HTML, a redirect or a status page.
import type { ApiProblem, Cart, CheckoutApi, CheckoutLine, Quote, ShortLine } from "./api.ts";
import { type CheckoutErrors, checkoutErrors, type FieldErrors, missingChoiceErrors } from "./checkout-errors.ts";
import {
  type CheckoutValues,
  checkoutBody,
  emptyValues,
  isIdempotencyKey,
  newIdempotencyKey,
  quoteBody,
  readCheckoutForm,
  sameLines,
} from "./checkout-form.ts";
import { defaultChoices, fulfilmentOptions, paymentOptions } from "./checkout-options.ts";
import type { Locale, Messages } from "./i18n.ts";
import type { Snapshot } from "./snapshot.ts";

export type CheckoutContext = {
  api: Pick<CheckoutApi, "quote" | "place">;
  host: string;
  snapshot: Snapshot;
  locale: Locale;
  text: Messages;
  /** A path on the shop in the page language. */
  href: (path: string) => string;
  newKey?: () => string;
};

/** One line of the buyer's cart, as far as the checkout needs it. */
export type CartItem = CheckoutLine & {
  title: string;
  variantTitle: string;
  unitPrice: number;
  total: number;
  hasProblem: boolean;
  /** What the line weighs in a parcel, in grams (decision 033). */
  weightGrams: number;
};

/** The cart's lines as the checkout sees them. */
export function cartItems(cart: Pick<Cart, "lines"> | undefined): CartItem[] {
  return (cart?.lines ?? []).map((line) => ({
    variantId: line.variantId,
    quantity: line.quantity,
    title: line.title,
    variantTitle: line.variantTitle,
    unitPrice: line.unitPrice,
    total: line.lineTotal,
    hasProblem: line.problem !== null,
    weightGrams: line.weightGrams ?? 0,
  }));
}

/** What the cart weighs in a parcel, for choosing the shipping rates that take it (decision 033). */
export function parcelGrams(cart: readonly Pick<CartItem, "weightGrams">[]): number {
  return cart.reduce((total, line) => total + line.weightGrams, 0);
}

/** A line of the order summary. */
export type SummaryItem = { title: string; variantTitle: string; quantity: number; unitPrice: number; total: number };

export type CheckoutView = {
  status: number;
  /** Nothing to check out: the page says the cart is empty. */
  isEmpty: boolean;
  values: CheckoutValues;
  lines: CheckoutLine[];
  idempotencyKey: string;
  items: SummaryItem[];
  quote: Quote | undefined;
  errors: FieldErrors;
  /** Problems with no field of their own, for the top of the form. */
  general: string[];
  /** What happened before this page (payment cancelled, cart changed), said at the top. */
  notice: string;
};

export type ShopProblem = "unknown" | "suspended";

export type CheckoutOutcome =
  | { kind: "view"; view: CheckoutView }
  /** 303 to `location`; `isPlaced` when the order is placed and the cart is done with. */
  | { kind: "see-other"; location: string; isPlaced: boolean }
  | { kind: "problem"; problem: ShopProblem };

type Quoted = { quote: Quote | undefined; errors: CheckoutErrors; problem?: ShopProblem };

function noErrors(): CheckoutErrors {
  return { fields: {}, general: [], isAboutLines: false };
}

function shopProblem(problem: ApiProblem): ShopProblem | undefined {
  if (problem.status === 404) return "unknown";
  if (problem.status === 503) return "suspended";
  return undefined;
}

/**
 * The totals for the form as it stands. A discount code the shop refuses is reported next to its field
 * and the totals are worked out without it, so the buyer still sees what they would pay.
 */
export async function quoteFor(
  context: CheckoutContext,
  values: CheckoutValues,
  lines: CheckoutLine[],
): Promise<Quoted> {
  const errors = noErrors();
  const body = quoteBody(values, lines, context.snapshot.shippingRates);
  if (!body) return { quote: undefined, errors };
  const describe = (problem: ApiProblem) =>
    checkoutErrors(problem.errors ?? [], problem.detail, { values, text: context.text, locale: context.locale });
  let reply = await context.api.quote(context.host, body);
  if (!reply.ok && reply.problem.status === 422 && body.discountCode) {
    const found = describe(reply.problem);
    if (found.fields.discountCode) {
      errors.fields.discountCode = found.fields.discountCode;
      const { discountCode: _dropped, ...withoutCode } = body;
      reply = await context.api.quote(context.host, withoutCode);
    }
  }
  if (reply.ok) return { quote: reply.value, errors };
  const problem = shopProblem(reply.problem);
  if (problem) return { quote: undefined, errors, problem };
  const found = describe(reply.problem);
  return {
    quote: undefined,
    errors: {
      fields: { ...found.fields, ...errors.fields },
      general: reply.problem.status === 422 ? found.general : [],
      isAboutLines: found.isAboutLines,
    },
  };
}

function itemsOf(quote: Quote | undefined, cart: CartItem[]): SummaryItem[] {
  const item = ({ title, variantTitle, quantity, unitPrice, total }: SummaryItem) => ({
    title,
    variantTitle,
    quantity,
    unitPrice,
    total,
  });
  // The quote's names are the main language's; the cart's are in the page language.
  const words = new Map(cart.map((line) => [line.variantId, line]));
  return quote
    ? quote.lines.map((line) => {
        const own = words.get(line.variantId);
        return item(own ? { ...line, title: own.title, variantTitle: own.variantTitle } : line);
      })
    : cart.map(item);
}

function emptyView(notice: string): CheckoutView {
  return {
    status: 200,
    isEmpty: true,
    values: emptyValues(),
    lines: [],
    idempotencyKey: "",
    items: [],
    quote: undefined,
    errors: {},
    general: [],
    notice,
  };
}

/** `/cart?notice=short&short=var_1*0 var_2*1`: the cart page names what is short from the cart's own lines. */
export function shortNoticePath(lines: ShortLine[]): string {
  const short = lines.map((line) => `${line.variantId}*${Math.max(0, line.available)}`).join(" ");
  return `/cart?${new URLSearchParams({ notice: "short", short }).toString()}`;
}

/** The checkout form for the buyer's cart (GET), with the first choices made and their totals. */
export async function showCheckout(
  context: CheckoutContext,
  request: { cart: CartItem[]; isCancelled: boolean },
): Promise<CheckoutOutcome> {
  const { text, snapshot, locale } = context;
  const notice = request.isCancelled ? text.paymentCancelled : "";
  if (request.cart.length === 0) return { kind: "view", view: emptyView(notice) };
  if (request.cart.some((item) => item.hasProblem)) {
    return { kind: "see-other", location: context.href("/cart?notice=check"), isPlaced: false };
  }
  const lines = request.cart.map(({ variantId, quantity }) => ({ variantId, quantity }));
  const choices = defaultChoices(
    fulfilmentOptions(snapshot, text, locale, parcelGrams(request.cart)),
    paymentOptions(snapshot, text),
  );
  const values = { ...emptyValues(), ...choices };
  const quoted = await quoteFor(context, values, lines);
  if (quoted.problem) return { kind: "problem", problem: quoted.problem };
  if (quoted.errors.isAboutLines) {
    return { kind: "see-other", location: context.href("/cart?notice=check"), isPlaced: false };
  }
  return {
    kind: "view",
    view: {
      status: 200,
      isEmpty: false,
      values,
      lines,
      idempotencyKey: (context.newKey ?? newIdempotencyKey)(),
      items: itemsOf(quoted.quote, request.cart),
      quote: quoted.quote,
      // Before the buyer has done anything, only what is true of the first choice (a minimum not met).
      errors: quoted.errors.fields,
      general: [],
      notice,
    },
  };
}

/**
 * A checkout form post: "Apply" (intent=quote) works out the totals again; "Place order" places it.
 * Lines come from the cart; once the order is placed the cart is gone, and a resend of the same form
 * (same key, the lines it carries) answers the same order.
 */
export async function submitCheckout(
  context: CheckoutContext,
  request: { cart: CartItem[]; form: FormData },
): Promise<CheckoutOutcome> {
  const { text, locale } = context;
  const newKey = context.newKey ?? newIdempotencyKey;
  const form = readCheckoutForm(request.form);
  const { values } = form;
  const cartLines = request.cart.map(({ variantId, quantity }) => ({ variantId, quantity }));
  const lines = cartLines.length > 0 ? cartLines : (form.lines ?? []);
  if (lines.length === 0) return { kind: "view", view: emptyView("") };

  const render = async (
    status: number,
    extra: { errors?: FieldErrors; general?: string[]; notice?: string; key?: string } = {},
  ): Promise<CheckoutOutcome> => {
    const quoted = await quoteFor(context, values, lines);
    if (quoted.problem) return { kind: "problem", problem: quoted.problem };
    if (quoted.errors.isAboutLines) {
      return { kind: "see-other", location: context.href("/cart?notice=check"), isPlaced: false };
    }
    return {
      kind: "view",
      view: {
        status,
        isEmpty: false,
        values,
        lines,
        idempotencyKey: extra.key ?? form.idempotencyKey,
        items: itemsOf(quoted.quote, request.cart),
        quote: quoted.quote,
        errors: { ...quoted.errors.fields, ...extra.errors },
        general: [...new Set([...(extra.general ?? []), ...quoted.errors.general])],
        notice: extra.notice ?? "",
      },
    };
  };

  const hasValidKey = isIdempotencyKey(form.idempotencyKey);
  if (form.intent === "quote") return render(200, hasValidKey ? {} : { key: newKey() });
  if (!hasValidKey) return render(422, { key: newKey(), notice: text.pressPlaceAgain });
  // The cart changed in another tab since this page was rendered: show the new summary before ordering.
  if (cartLines.length > 0 && form.lines && !sameLines(form.lines, cartLines)) {
    return render(409, { notice: text.cartChanged });
  }

  const built = checkoutBody(values, lines, locale);
  if (!built.ok) return render(422, { errors: missingChoiceErrors(built.missing, text) });
  const reply = await context.api.place(context.host, form.idempotencyKey, built.body);
  if (reply.ok) {
    const { order, next } = reply.value;
    if (next.type === "redirect") return { kind: "see-other", location: next.url, isPlaced: false };
    const query = new URLSearchParams({ token: order.token, placed: "1" }).toString();
    return {
      kind: "see-other",
      location: context.href(`/orders/${encodeURIComponent(order.id)}?${query}`),
      isPlaced: true,
    };
  }

  const { problem } = reply;
  const gone = shopProblem(problem);
  if (gone) return { kind: "problem", problem: gone };
  if (problem.code === "insufficient_stock") {
    return { kind: "see-other", location: context.href(shortNoticePath(problem.lines ?? [])), isPlaced: false };
  }
  if (problem.code === "idempotency_conflict") return render(409, { key: newKey(), notice: text.alreadyPlaced });
  if (problem.status === 502) {
    const message = locale === "en" && problem.detail ? problem.detail : text.paymentDown;
    return render(502, { errors: { paymentMethod: message } });
  }
  if (problem.status === 400) return render(422, { key: newKey(), notice: text.pressPlaceAgain });
  const found = checkoutErrors(problem.errors ?? [], problem.detail, { values, text, locale });
  if (found.isAboutLines) return { kind: "see-other", location: context.href("/cart?notice=check"), isPlaced: false };
  return render(problem.status === 422 ? 422 : 409, { errors: found.fields, general: found.general });
}
