import { describe, expect, it } from "vitest";
import type { ApiProblem, ApiReply, CheckoutApi, CheckoutBody, CheckoutResult, Quote, QuoteBody } from "./api.ts";
import { type CartItem, type CheckoutContext, showCheckout, submitCheckout } from "./checkout-flow.ts";
import { messagesFor } from "./i18n.ts";
import type { Snapshot } from "./snapshot.ts";
import { localePath } from "./urls.ts";

const problem = (status: number, code: string, extra: Partial<ApiProblem> = {}) => ({
  ok: false as const,
  problem: {
    type: "about:blank",
    title: code,
    status,
    code,
    detail: `${code} detail`,
    errors: [],
    lines: [],
    ...extra,
  },
});

/** An in-memory checkout API with the real one's rules that the flow depends on. */
function fakeApi(options: { isDown502?: boolean; isGone?: boolean } = {}) {
  const placed = new Map<string, { hash: string; result: CheckoutResult }>();
  const calls: string[] = [];
  const quoteOf = (body: QuoteBody): ApiReply<Quote> => {
    if (body.discountCode && body.discountCode !== "SAVE10") {
      return problem(422, "validation_failed", {
        errors: [{ path: "discountCode", message: `The code ${body.discountCode} does not work in this shop` }],
      });
    }
    if (body.lines.some((line) => line.variantId === "var_gone")) {
      return problem(422, "validation_failed", { errors: [{ path: "lines.0.variantId", message: "No longer sold" }] });
    }
    const subtotal = body.lines.reduce((sum, line) => sum + line.quantity * 1000, 0);
    const discount = body.discountCode ? subtotal / 10 : 0;
    const fulfilment = body.fulfilment.type === "pickup" ? 0 : 300;
    return {
      ok: true,
      value: {
        currency: "USD",
        lines: body.lines.map((line) => ({
          variantId: line.variantId,
          title: `Item ${line.variantId}`,
          variantTitle: "",
          quantity: line.quantity,
          unitPrice: 1000,
          total: line.quantity * 1000,
        })),
        totals: { subtotal, discount, fulfilment, tax: 0, taxMode: "none", total: subtotal - discount + fulfilment },
        discountCode: body.discountCode ?? null,
        fulfilment: "",
      },
    };
  };
  const api: Pick<CheckoutApi, "quote" | "place"> = {
    quote: async (_host, body) => {
      calls.push(`quote ${body.fulfilment.type}${body.discountCode ? ` ${body.discountCode}` : ""}`);
      if (options.isGone) return problem(404, "shop_not_found");
      return quoteOf(body);
    },
    place: async (_host, key, body: CheckoutBody) => {
      calls.push(`place ${key}`);
      if (options.isGone) return problem(404, "shop_not_found");
      const hash = JSON.stringify(body);
      const existing = placed.get(key);
      if (existing)
        return existing.hash === hash ? { ok: true, value: existing.result } : problem(409, "idempotency_conflict");
      if (body.lines.some((line) => line.variantId === "var_gone")) {
        return problem(422, "validation_failed", {
          errors: [{ path: "lines.0.variantId", message: "No longer sold" }],
        });
      }
      if (!body.buyer.email && !body.buyer.phone) {
        return problem(422, "validation_failed", {
          errors: [{ path: "buyer.email", message: "Give an email or a phone number so the shop can reach you" }],
        });
      }
      if (body.paymentMethod === "cash_on_delivery" && body.fulfilment.type !== "delivery") {
        return problem(422, "validation_failed", {
          errors: [{ path: "paymentMethod", message: "Cash on delivery needs local delivery" }],
        });
      }
      if (body.lines.some((line) => line.variantId === "var_short")) {
        return problem(409, "insufficient_stock", { lines: [{ variantId: "var_short", requested: 2, available: 1 }] });
      }
      if (body.paymentMethod === "stripe" && options.isDown502) {
        return problem(502, "payment_provider_error", { detail: "Paying online is not working right now" });
      }
      const id = `ord_${placed.size + 1}`;
      const result: CheckoutResult = {
        order: {
          id,
          number: 1001 + placed.size,
          status: "awaiting_payment",
          token: `tok${placed.size + 1}`,
          currency: "USD",
          totals: quoteOf(body).ok ? (quoteOf(body) as { value: Quote }).value.totals : ({} as never),
        },
        next:
          body.paymentMethod === "stripe"
            ? { type: "redirect", url: `https://checkout.stripe.test/${id}` }
            : { type: "instructions", text: "Pay when you pick up your order." },
      };
      placed.set(key, { hash, result });
      return { ok: true, value: result };
    },
  };
  return { api, calls, placed };
}

const snapshot = {
  shop: { currency: "USD", locale: "en", paymentMethods: ["pay_at_pickup", "cash_on_delivery", "stripe"] },
  pickupPoints: [{ id: "pup_1", name: "Market", address: "Green", hours: [], instructions: "" }],
  deliveryAreas: [
    { id: "dla_1", name: "Village", description: "", fee: 300, minimumOrder: 0, freeOver: null, deliveryDays: [] },
  ],
  shippingRates: [],
} as unknown as Snapshot;

function contextFor(api: Pick<CheckoutApi, "quote" | "place">, locale: "en" | "zh-CN" = "en"): CheckoutContext {
  let keys = 0;
  return {
    api,
    host: "demo.localhost",
    snapshot,
    locale,
    text: messagesFor(locale),
    href: (path) => localePath(path, locale, "en"),
    newKey: () => `chk_key_${++keys}`,
  };
}

const cart: CartItem[] = [
  {
    variantId: "var_1",
    quantity: 2,
    title: "Honey",
    variantTitle: "8 oz",
    unitPrice: 1000,
    total: 2000,
    hasProblem: false,
    weightGrams: 0,
  },
  {
    variantId: "var_2",
    quantity: 1,
    title: "Candle",
    variantTitle: "",
    unitPrice: 1000,
    total: 1000,
    hasProblem: false,
    weightGrams: 0,
  },
];

function formOf(entries: Record<string, string>): FormData {
  const form = new FormData();
  for (const [name, value] of Object.entries(entries)) form.append(name, value);
  return form;
}

const filled = {
  idempotencyKey: "chk_key_1",
  lines: "var_1*2 var_2*1",
  name: "Ann Lee",
  email: "ann@example.com",
  fulfilment: "pickup:pup_1",
  paymentMethod: "pay_at_pickup",
};

describe("showCheckout", () => {
  it("says the cart is empty when it is, and that a payment was not completed", async () => {
    const { api, calls } = fakeApi();
    const outcome = await showCheckout(contextFor(api), { cart: [], isCancelled: true });
    expect(outcome).toMatchObject({ kind: "view", view: { isEmpty: true, status: 200 } });
    expect(outcome.kind === "view" && outcome.view.notice).toBe(
      "Payment was not completed; your items are still in your cart.",
    );
    expect(calls).toEqual([]);
  });

  it("sends a cart with problems back to the cart", async () => {
    const { api } = fakeApi();
    const outcome = await showCheckout(contextFor(api, "zh-CN"), {
      cart: [{ ...(cart[0] as CartItem), hasProblem: true }],
      isCancelled: false,
    });
    expect(outcome).toEqual({ kind: "see-other", location: "/cart?notice=check&lang=zh-CN", isPlaced: false });
  });

  it("starts with the first choices, their totals and a new key", async () => {
    const { api, calls } = fakeApi();
    const outcome = await showCheckout(contextFor(api), { cart, isCancelled: false });
    if (outcome.kind !== "view") throw new Error("expected a view");
    const { view } = outcome;
    expect(view.values.fulfilment).toBe("pickup:pup_1");
    // Paying online comes first when the shop takes it.
    expect(view.values.paymentMethod).toBe("stripe");
    expect(view.lines).toEqual([
      { variantId: "var_1", quantity: 2 },
      { variantId: "var_2", quantity: 1 },
    ]);
    expect(view.idempotencyKey).toBe("chk_key_1");
    expect(view.quote?.totals.total).toBe(3000);
    expect(calls).toEqual(["quote pickup"]);
  });

  it("hands a shop that went away to the status page", async () => {
    const { api } = fakeApi({ isGone: true });
    expect(await showCheckout(contextFor(api), { cart, isCancelled: false })).toEqual({
      kind: "problem",
      problem: "unknown",
    });
  });
});

describe("submitCheckout", () => {
  it("works the totals out again for Apply, with the code", async () => {
    const { api, calls } = fakeApi();
    const outcome = await submitCheckout(contextFor(api), {
      cart,
      form: formOf({ ...filled, fulfilment: "delivery:dla_1", discountCode: "SAVE10", intent: "quote" }),
    });
    expect(outcome).toMatchObject({ kind: "view", view: { status: 200, errors: {}, idempotencyKey: "chk_key_1" } });
    expect(outcome.kind === "view" && outcome.view.quote?.totals).toMatchObject({ discount: 300, total: 3000 });
    expect(calls).toEqual(["quote delivery SAVE10"]);
  });

  it("reports a code the shop refuses next to its field, with the totals without it", async () => {
    const { api, calls } = fakeApi();
    const outcome = await submitCheckout(contextFor(api), {
      cart,
      form: formOf({ ...filled, discountCode: "NOPE", intent: "quote" }),
    });
    if (outcome.kind !== "view") throw new Error("expected a view");
    expect(outcome.view.errors).toEqual({ discountCode: "The code NOPE does not work in this shop" });
    expect(outcome.view.quote?.totals.total).toBe(3000);
    expect(calls).toEqual(["quote pickup NOPE", "quote pickup"]);
  });

  it("places the order, and the same form again answers the same order", async () => {
    const { api, calls } = fakeApi();
    const first = await submitCheckout(contextFor(api), { cart, form: formOf({ ...filled, intent: "place" }) });
    expect(first).toEqual({ kind: "see-other", location: "/orders/ord_1?token=tok1&placed=1", isPlaced: true });
    // The cart is gone after the first; the form's own lines order the same things.
    const again = await submitCheckout(contextFor(api), { cart: [], form: formOf({ ...filled }) });
    expect(again).toEqual(first);
    expect(calls).toEqual(["place chk_key_1", "place chk_key_1"]);
  });

  it("sends a Stripe order to its payment page and keeps the cart", async () => {
    const { api } = fakeApi();
    const outcome = await submitCheckout(contextFor(api), {
      cart,
      form: formOf({ ...filled, paymentMethod: "stripe" }),
    });
    expect(outcome).toEqual({ kind: "see-other", location: "https://checkout.stripe.test/ord_1", isPlaced: false });
  });

  it("shows the API's refusal next to its field, keeping what the buyer typed (422)", async () => {
    const { api } = fakeApi();
    const outcome = await submitCheckout(contextFor(api), {
      cart,
      form: formOf({ ...filled, email: "", paymentMethod: "cash_on_delivery", note: "Back door" }),
    });
    if (outcome.kind !== "view") throw new Error("expected a view");
    expect(outcome.view.status).toBe(422);
    expect(outcome.view.errors).toEqual({ email: "Give an email or a phone number so the shop can reach you" });
    expect(outcome.view.values).toMatchObject({
      name: "Ann Lee",
      note: "Back door",
      paymentMethod: "cash_on_delivery",
    });
    expect(outcome.view.idempotencyKey).toBe("chk_key_1");
    const mismatch = await submitCheckout(contextFor(api), {
      cart,
      form: formOf({ ...filled, paymentMethod: "cash_on_delivery" }),
    });
    expect(mismatch.kind === "view" && mismatch.view.errors).toEqual({
      paymentMethod: "Cash on delivery needs local delivery",
    });
  });

  it("asks for missing choices without asking the API to place anything", async () => {
    const { api, calls } = fakeApi();
    const outcome = await submitCheckout(contextFor(api), { cart, form: formOf({ ...filled, paymentMethod: "" }) });
    expect(outcome.kind === "view" && outcome.view.errors).toEqual({ paymentMethod: "Choose how you'd like to pay" });
    expect(calls).toEqual(["quote pickup"]);
  });

  it("sends the buyer back to the cart, naming what is short, when stock ran out", async () => {
    const { api } = fakeApi();
    const short = [{ ...(cart[0] as CartItem), variantId: "var_short" }];
    const outcome = await submitCheckout(contextFor(api), {
      cart: short,
      form: formOf({ ...filled, lines: "var_short*2" }),
    });
    expect(outcome).toEqual({ kind: "see-other", location: "/cart?notice=short&short=var_short*1", isPlaced: false });
  });

  it("sends the buyer to the cart when an item is no longer sold", async () => {
    const { api } = fakeApi();
    const gone = [{ ...(cart[0] as CartItem), variantId: "var_gone" }];
    const outcome = await submitCheckout(contextFor(api), {
      cart: gone,
      form: formOf({ ...filled, lines: "var_gone*2" }),
    });
    expect(outcome).toEqual({ kind: "see-other", location: "/cart?notice=check", isPlaced: false });
  });

  it("gives a fresh key when this page's key already placed a different order", async () => {
    const { api } = fakeApi();
    await submitCheckout(contextFor(api), { cart, form: formOf(filled) });
    const outcome = await submitCheckout(contextFor(api), { cart: [], form: formOf({ ...filled, note: "changed" }) });
    if (outcome.kind !== "view") throw new Error("expected a view");
    expect(outcome.view.status).toBe(409);
    expect(outcome.view.idempotencyKey).toBe("chk_key_1");
    expect(outcome.view.notice).toMatch(/^You already placed an order from this page/);
  });

  it("says plainly when paying online is down (502)", async () => {
    const { api } = fakeApi({ isDown502: true });
    const outcome = await submitCheckout(contextFor(api), {
      cart,
      form: formOf({ ...filled, paymentMethod: "stripe" }),
    });
    expect(outcome).toMatchObject({
      kind: "view",
      view: { status: 502, errors: { paymentMethod: "Paying online is not working right now" } },
    });
    const zh = await submitCheckout(contextFor(fakeApi({ isDown502: true }).api, "zh-CN"), {
      cart,
      form: formOf({ ...filled, paymentMethod: "stripe" }),
    });
    expect(zh.kind === "view" && zh.view.errors.paymentMethod).toBe(messagesFor("zh-CN").paymentDown);
  });

  it("shows the new summary instead of ordering when the cart changed in another tab", async () => {
    const { api, calls } = fakeApi();
    const outcome = await submitCheckout(contextFor(api), { cart, form: formOf({ ...filled, lines: "var_1*2" }) });
    expect(outcome).toMatchObject({
      kind: "view",
      view: { status: 409, lines: [{ variantId: "var_1" }, { variantId: "var_2" }] },
    });
    expect(calls).toEqual(["quote pickup"]);
  });

  it("asks to press again, with a new key, when the form's key is missing", async () => {
    const { api, calls } = fakeApi();
    const outcome = await submitCheckout(contextFor(api), { cart, form: formOf({ ...filled, idempotencyKey: "" }) });
    expect(outcome).toMatchObject({ kind: "view", view: { status: 422, idempotencyKey: "chk_key_1" } });
    expect(calls).toEqual(["quote pickup"]);
  });

  it("says the cart is empty when there is neither a cart nor lines in the form", async () => {
    const { api } = fakeApi();
    const outcome = await submitCheckout(contextFor(api), { cart: [], form: formOf({ ...filled, lines: "" }) });
    expect(outcome).toMatchObject({ kind: "view", view: { isEmpty: true } });
  });
});
