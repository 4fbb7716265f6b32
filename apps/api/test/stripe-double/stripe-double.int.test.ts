// The Stripe-API double, driven by the REAL `stripe` SDK: what checkout relies on (Connect accounts
// and links, Checkout Sessions on a connected account, idempotency, Stripe-shaped validation errors,
// payments, refunds, expiry) and webhook events signed by the SDK's own helper.
import Stripe from "stripe";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { chargeRefunded, checkoutSessionCompleted, signedEvent } from "./events.ts";
import { type StripeDouble, startStripeDouble } from "./server.ts";

const KEY = "sk_test_stall_double_0000";
const WEBHOOK_SECRET = "whsec_test_stall_double";

let double: StripeDouble;
let stripe: Stripe;

beforeAll(async () => {
  double = await startStripeDouble();
  stripe = new Stripe(KEY, double.sdkConfig);
});
afterAll(async () => {
  await double.close();
});
beforeEach(() => {
  double.reset();
});

const now = () => Math.floor(Date.now() / 1000);

async function onboardedShop(): Promise<string> {
  const account = await stripe.accounts.create({ type: "standard", country: "US", email: "shop@example.com" });
  double.onboard(account.id);
  return account.id;
}

function sessionParams(
  overrides: Partial<Stripe.Checkout.SessionCreateParams> = {},
): Stripe.Checkout.SessionCreateParams {
  return {
    mode: "payment",
    line_items: [
      { price_data: { currency: "usd", unit_amount: 1250, product_data: { name: "Sourdough loaf" } }, quantity: 2 },
      { price_data: { currency: "usd", unit_amount: 399, product_data: { name: "Plum jam" } }, quantity: 1 },
    ],
    allowed_payment_method_types: ["card", "wechat_pay", "alipay"],
    payment_method_options: { wechat_pay: { client: "web" } },
    success_url: "https://shop.example/orders/ord_1?paid=1",
    cancel_url: "https://shop.example/checkout",
    expires_at: now() + 30 * 60,
    client_reference_id: "ord_1",
    metadata: { order_id: "ord_1", shop_id: "shop_1" },
    customer_email: "buyer@example.com",
    payment_intent_data: { application_fee_amount: 145, metadata: { order_id: "ord_1" } },
    ...overrides,
  };
}

/** The rejection a promise ends with (fails the test if it resolves). */
async function rejection(promise: Promise<unknown>): Promise<Stripe.errors.StripeError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof Stripe.errors.StripeError) return error;
    throw error;
  }
  throw new Error("expected the request to be rejected");
}

describe("Connect accounts", () => {
  it("creates an account and an onboarding link; onboarding flips charges_enabled and records account.updated", async () => {
    const account = await stripe.accounts.create({ type: "express", country: "SG", email: "owner@example.com" });
    expect(account.id).toMatch(/^acct_/);
    expect(account).toMatchObject({ type: "express", country: "SG", charges_enabled: false, details_submitted: false });
    expect(account.default_currency).toBe("sgd");

    const link = await stripe.accountLinks.create({
      account: account.id,
      refresh_url: "https://stall.example/connect/refresh",
      return_url: "https://stall.example/connect/done",
      type: "account_onboarding",
    });
    expect(link.url).toMatch(/^https:\/\/connect\.stripe\.com\//);
    expect(link.expires_at).toBeGreaterThan(now());

    double.onboard(account.id);
    const retrieved = await stripe.accounts.retrieve(account.id);
    expect(retrieved).toMatchObject({ charges_enabled: true, details_submitted: true, payouts_enabled: true });
    const event = double.lastEvent("account.updated");
    expect(event).toMatchObject({ account: account.id, data: { object: { id: account.id, charges_enabled: true } } });
    expect(event.data.previous_attributes).toMatchObject({ charges_enabled: false, details_submitted: false });
  });

  it("rejects links and retrievals for unknown accounts, and validates the link", async () => {
    const missing = await rejection(stripe.accounts.retrieve("acct_nope"));
    expect(missing).toBeInstanceOf(Stripe.errors.StripePermissionError);
    expect(missing).toMatchObject({ statusCode: 403, code: "account_invalid" });

    const account = await stripe.accounts.create({ type: "standard" });
    const badType = await rejection(
      stripe.accountLinks.create({
        account: account.id,
        refresh_url: "https://stall.example/r",
        return_url: "https://stall.example/d",
        type: "bogus" as "account_onboarding",
      }),
    );
    expect(badType).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    expect(badType.param).toBe("type");
  });
});

describe("Checkout Sessions on a connected account", () => {
  it("speaks Stripe's form encoding and answers with an open, unpaid session", async () => {
    const shop = await onboardedShop();
    const session = await stripe.checkout.sessions.create(sessionParams(), {
      stripeAccount: shop,
      idempotencyKey: "order-ord_1",
    });
    expect(session.id).toMatch(/^cs_test_/);
    expect(session).toMatchObject({
      object: "checkout.session",
      status: "open",
      payment_status: "unpaid",
      amount_total: 2 * 1250 + 399,
      amount_subtotal: 2899,
      currency: "usd",
      payment_intent: null,
      client_reference_id: "ord_1",
      metadata: { order_id: "ord_1", shop_id: "shop_1" },
      customer_email: "buyer@example.com",
      payment_method_types: ["card", "wechat_pay", "alipay"],
      payment_method_options: { wechat_pay: { client: "web" } },
      mode: "payment",
      livemode: false,
    });
    expect(session.url).toBe(`https://checkout.stripe.com/c/pay/${session.id}`);
    expect(session.expires_at).toBeGreaterThanOrEqual(now() + 29 * 60);

    const request = double.requests.at(-1);
    expect(request).toMatchObject({
      method: "POST",
      path: "/v1/checkout/sessions",
      stripeAccount: shop,
      idempotencyKey: "order-ord_1",
      status: 200,
      replayed: false,
    });
    expect(request?.headers.authorization).toBe(`Bearer ${KEY}`);
    expect(request?.rawBody).toContain("line_items[0][price_data][unit_amount]=1250");
    expect(request?.rawBody).toContain("allowed_payment_method_types[1]=wechat_pay");
    expect(request?.rawBody).toContain("metadata[order_id]=ord_1");
    expect(request?.body).toMatchObject({
      line_items: [
        {
          price_data: { currency: "usd", unit_amount: "1250", product_data: { name: "Sourdough loaf" } },
          quantity: "2",
        },
        { price_data: { unit_amount: "399" }, quantity: "1" },
      ],
      allowed_payment_method_types: ["card", "wechat_pay", "alipay"],
      payment_method_options: { wechat_pay: { client: "web" } },
      payment_intent_data: { application_fee_amount: "145" },
    });
  });

  it("retrieves, expands line items, lists newest first with has_more, and hides sessions from other accounts", async () => {
    const shop = await onboardedShop();
    const otherShop = await onboardedShop();
    const first = await stripe.checkout.sessions.create(sessionParams({ client_reference_id: "a" }), {
      stripeAccount: shop,
    });
    const second = await stripe.checkout.sessions.create(sessionParams({ client_reference_id: "b" }), {
      stripeAccount: shop,
    });
    const third = await stripe.checkout.sessions.create(sessionParams({ client_reference_id: "c" }), {
      stripeAccount: shop,
    });

    const retrieved = await stripe.checkout.sessions.retrieve(
      first.id,
      { expand: ["line_items"] },
      { stripeAccount: shop },
    );
    expect(retrieved.id).toBe(first.id);
    expect(retrieved.line_items?.data.map((item) => [item.description, item.quantity, item.amount_total])).toEqual([
      ["Sourdough loaf", 2, 2500],
      ["Plum jam", 1, 399],
    ]);

    const page = await stripe.checkout.sessions.list(
      { created: { gte: now() - 60 }, limit: 2, status: "open" },
      { stripeAccount: shop },
    );
    expect(page.data.map((session) => session.id)).toEqual([third.id, second.id]);
    expect(page.has_more).toBe(true);
    const rest = await stripe.checkout.sessions.list(
      { created: { gte: now() - 60 }, limit: 2, starting_after: second.id },
      { stripeAccount: shop },
    );
    expect(rest.data.map((session) => session.id)).toEqual([first.id]);
    expect(rest.has_more).toBe(false);
    const all = await stripe.checkout.sessions.list({ limit: 1 }, { stripeAccount: shop }).autoPagingToArray({
      limit: 10,
    });
    expect(all.map((session) => session.id)).toEqual([third.id, second.id, first.id]);
    expect(double.requests.at(-1)?.query).toMatchObject({ limit: "1", starting_after: second.id });

    const elsewhere = await rejection(stripe.checkout.sessions.retrieve(first.id, {}, { stripeAccount: otherShop }));
    expect(elsewhere).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    expect(elsewhere).toMatchObject({ statusCode: 404, code: "resource_missing" });
    expect(elsewhere.message).toBe(`No such checkout.session: '${first.id}'`);
    await expect(stripe.checkout.sessions.retrieve(first.id)).rejects.toMatchObject({ code: "resource_missing" });
    const otherList = await stripe.checkout.sessions.list({}, { stripeAccount: otherShop });
    expect(otherList.data).toEqual([]);
  });

  it("refuses sessions on an account that cannot take charges yet", async () => {
    const account = await stripe.accounts.create({ type: "standard", country: "US" });
    const error = await rejection(stripe.checkout.sessions.create(sessionParams(), { stripeAccount: account.id }));
    expect(error).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    expect(error.message).toMatch(/cannot currently make charges/);
  });

  it("offers only the payment methods the account has activated", async () => {
    const shop = await onboardedShop();
    double.setAccount(shop, { capabilities: { wechat_pay_payments: "inactive" } });
    const session = await stripe.checkout.sessions.create(sessionParams(), { stripeAccount: shop });
    expect(session.payment_method_types).toEqual(["card", "alipay"]);
    expect(session.allowed_payment_method_types).toEqual(["card", "wechat_pay", "alipay"]);
  });
});

describe("idempotency", () => {
  it("replays the same key with the same body, concurrently too, and creates one session", async () => {
    const shop = await onboardedShop();
    const params = sessionParams();
    const first = await stripe.checkout.sessions.create(params, { stripeAccount: shop, idempotencyKey: "ord_7" });
    const again = await stripe.checkout.sessions.create(params, { stripeAccount: shop, idempotencyKey: "ord_7" });
    expect(again.id).toBe(first.id);
    expect(again.lastResponse.headers["idempotent-replayed"]).toBe("true");
    expect(first.lastResponse.headers["idempotent-replayed"]).toBeUndefined();

    const burst = await Promise.all(
      Array.from({ length: 8 }, () =>
        stripe.checkout.sessions.create(params, { stripeAccount: shop, idempotencyKey: "ord_8" }),
      ),
    );
    expect(new Set(burst.map((session) => session.id)).size).toBe(1);
    const listed = await stripe.checkout.sessions.list({ limit: 100 }, { stripeAccount: shop });
    expect(listed.data).toHaveLength(2);
    expect(double.requests.filter((request) => request.replayed)).toHaveLength(1 + 7);
  });

  it("rejects the same key with a different body as an idempotency error", async () => {
    const shop = await onboardedShop();
    await stripe.checkout.sessions.create(sessionParams(), { stripeAccount: shop, idempotencyKey: "ord_9" });
    const error = await rejection(
      stripe.checkout.sessions.create(sessionParams({ client_reference_id: "changed" }), {
        stripeAccount: shop,
        idempotencyKey: "ord_9",
      }),
    );
    expect(error).toBeInstanceOf(Stripe.errors.StripeIdempotencyError);
    expect(error).toMatchObject({ statusCode: 400, rawType: "idempotency_error" });
    expect(error.message).toMatch(/same parameters/);
  });

  it("scopes keys to the account and does not save a failed validation", async () => {
    const shop = await onboardedShop();
    const otherShop = await onboardedShop();
    const a = await stripe.checkout.sessions.create(sessionParams(), { stripeAccount: shop, idempotencyKey: "k" });
    const b = await stripe.checkout.sessions.create(sessionParams(), { stripeAccount: otherShop, idempotencyKey: "k" });
    expect(b.id).not.toBe(a.id);

    const bad = sessionParams({ expires_at: now() + 60 });
    await expect(stripe.checkout.sessions.create(bad, { stripeAccount: shop, idempotencyKey: "k2" })).rejects.toThrow(
      /30 minutes/,
    );
    const fixed = await stripe.checkout.sessions.create(sessionParams(), { stripeAccount: shop, idempotencyKey: "k2" });
    expect(fixed.id).toMatch(/^cs_test_/);
  });
});

describe("validation errors surface as StripeInvalidRequestError with a param", () => {
  const line = (priceData: Record<string, unknown>, quantity = 1) =>
    [
      { price_data: { currency: "usd", product_data: { name: "Bun" }, ...priceData }, quantity },
    ] as Stripe.Checkout.SessionCreateParams.LineItem[];
  const cases: [string, () => Partial<Stripe.Checkout.SessionCreateParams>, string][] = [
    [
      "a fractional unit_amount",
      () => ({ line_items: line({ unit_amount: 12.5 }) }),
      "line_items[0][price_data][unit_amount]",
    ],
    [
      "a negative unit_amount",
      () => ({ line_items: line({ unit_amount: -1 }) }),
      "line_items[0][price_data][unit_amount]",
    ],
    [
      "an upper-case currency",
      () => ({ line_items: line({ currency: "USD", unit_amount: 500 }) }),
      "line_items[0][price_data][currency]",
    ],
    [
      "an unknown currency",
      () => ({ line_items: line({ currency: "xxx", unit_amount: 500 }) }),
      "line_items[0][price_data][currency]",
    ],
    ["a zero total", () => ({ line_items: line({ unit_amount: 0 }) }), "line_items"],
    ["a total below the minimum charge", () => ({ line_items: line({ unit_amount: 20 }) }), "line_items"],
    ["no line items", () => ({ line_items: [] }), "line_items"],
    [
      "a missing quantity",
      () => ({ line_items: [{ price_data: { currency: "usd", unit_amount: 500, product_data: { name: "Bun" } } }] }),
      "line_items[0][quantity]",
    ],
    [
      "a missing product name",
      () => ({
        line_items: [
          {
            price_data: {
              currency: "usd",
              unit_amount: 500,
              product_data: { description: "soft" } as unknown as { name: string },
            },
            quantity: 1,
          },
        ],
      }),
      "line_items[0][price_data][product_data][name]",
    ],
    [
      "WeChat Pay without a client",
      () => ({ payment_method_options: {} }),
      "payment_method_options[wechat_pay][client]",
    ],
    ["expires_at under 30 minutes", () => ({ expires_at: now() + 10 * 60 }), "expires_at"],
    ["expires_at over 24 hours", () => ({ expires_at: now() + 25 * 3600 }), "expires_at"],
    [
      "a fee above the total",
      () => ({ payment_intent_data: { application_fee_amount: 999_999 } }),
      "payment_intent_data[application_fee_amount]",
    ],
    ["an unknown parameter", () => ({ colour: "red" }) as Partial<Stripe.Checkout.SessionCreateParams>, "colour"],
    [
      "payment_method_types on API version endive",
      () => ({ payment_method_types: ["card"] }) as Partial<Stripe.Checkout.SessionCreateParams>,
      "payment_method_types",
    ],
    ["a malformed customer email", () => ({ customer_email: "not-an-email" }), "customer_email"],
  ];

  it.each(cases)("rejects %s", async (_, overrides, param) => {
    const shop = await onboardedShop();
    const error = await rejection(stripe.checkout.sessions.create(sessionParams(overrides()), { stripeAccount: shop }));
    expect(error).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    expect(error.statusCode).toBe(400);
    expect(error.param).toBe(param);
    expect(error.rawType).toBe("invalid_request_error");
  });

  it("still takes payment_method_types from a request pinned to an older API version", async () => {
    const shop = await onboardedShop();
    const { allowed_payment_method_types: _, ...params } = sessionParams();
    const session = await stripe.checkout.sessions.create(
      { ...params, payment_method_types: ["card", "alipay"] } as Stripe.Checkout.SessionCreateParams,
      { stripeAccount: shop, apiVersion: "2025-08-27.basil" },
    );
    expect(session.payment_method_types).toEqual(["card", "alipay"]);
  });

  it("takes an application fee only on a connected account", async () => {
    const error = await rejection(stripe.checkout.sessions.create(sessionParams()));
    expect(error.param).toBe("payment_intent_data[application_fee_amount]");
  });

  it("requires a test secret key", async () => {
    const wrong = new Stripe("sk_live_nope_1234", double.sdkConfig);
    const error = await rejection(wrong.accounts.create({ type: "standard" }));
    expect(error).toBeInstanceOf(Stripe.errors.StripeAuthenticationError);
    expect(error.statusCode).toBe(401);

    const response = await fetch(`${double.url}/v1/checkout/sessions`);
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ error: { type: "invalid_request_error" } });
  });
});

describe("paying, refunding, expiring", () => {
  it("completes a session: paid, with a succeeded PaymentIntent and charge carrying the fee", async () => {
    const shop = await onboardedShop();
    const session = await stripe.checkout.sessions.create(sessionParams(), { stripeAccount: shop });
    const completed = double.complete(session.id, { paymentMethod: "wechat_pay" });
    expect(completed).toMatchObject({ status: "complete", payment_status: "paid", url: null });

    const retrieved = await stripe.checkout.sessions.retrieve(
      session.id,
      { expand: ["payment_intent.latest_charge"] },
      { stripeAccount: shop },
    );
    expect(retrieved).toMatchObject({ status: "complete", payment_status: "paid" });
    const paymentIntent = retrieved.payment_intent as Stripe.PaymentIntent;
    expect(paymentIntent).toMatchObject({
      object: "payment_intent",
      status: "succeeded",
      amount: 2899,
      amount_received: 2899,
      application_fee_amount: 145,
      metadata: { order_id: "ord_1" },
      payment_method_types: ["wechat_pay"],
    });
    expect(paymentIntent.latest_charge).toMatchObject({
      object: "charge",
      amount: 2899,
      paid: true,
      refunded: false,
      payment_intent: paymentIntent.id,
      payment_method_details: { type: "wechat_pay" },
    });
    const plain = await stripe.paymentIntents.retrieve(paymentIntent.id, {}, { stripeAccount: shop });
    expect(plain.latest_charge).toMatch(/^ch_/);

    const event = double.lastEvent("checkout.session.completed");
    expect(event).toMatchObject({ account: shop, livemode: false, data: { object: { id: session.id } } });
    expect(() => double.complete(session.id)).toThrow(/complete/);
  });

  it("completes an async payment unpaid, then settles it or fails it", async () => {
    const shop = await onboardedShop();
    const settles = await stripe.checkout.sessions.create(sessionParams(), { stripeAccount: shop });
    const fails = await stripe.checkout.sessions.create(sessionParams(), { stripeAccount: shop });

    expect(double.complete(settles.id, { async: true })).toMatchObject({
      status: "complete",
      payment_status: "unpaid",
    });
    const pending = await stripe.checkout.sessions.retrieve(settles.id, {}, { stripeAccount: shop });
    const processing = await stripe.paymentIntents.retrieve(
      String(pending.payment_intent),
      {},
      { stripeAccount: shop },
    );
    expect(processing.status).toBe("processing");
    expect(double.succeedAsync(settles.id)).toMatchObject({ payment_status: "paid" });
    expect(double.lastEvent().type).toBe("checkout.session.async_payment_succeeded");

    double.complete(fails.id, { async: true });
    expect(double.failAsync(fails.id)).toMatchObject({ status: "complete", payment_status: "unpaid" });
    expect(double.lastEvent().type).toBe("checkout.session.async_payment_failed");
    const failed = await stripe.paymentIntents.retrieve(
      String(double.session(fails.id).payment_intent),
      {},
      {
        stripeAccount: shop,
      },
    );
    expect(failed.status).toBe("requires_payment_method");
    expect(double.chargeOf(fails.id).status).toBe("failed");
  });

  it("refunds partially then the rest, and refuses to refund more", async () => {
    const shop = await onboardedShop();
    const session = await stripe.checkout.sessions.create(sessionParams(), { stripeAccount: shop });
    const paymentIntent = String(double.complete(session.id).payment_intent);

    const partial = await stripe.refunds.create(
      { payment_intent: paymentIntent, amount: 1000, reason: "requested_by_customer" },
      { stripeAccount: shop, idempotencyKey: "refund-ord_1-1" },
    );
    expect(partial).toMatchObject({
      object: "refund",
      amount: 1000,
      status: "succeeded",
      payment_intent: paymentIntent,
    });
    expect(partial.id).toMatch(/^re_/);
    expect(double.chargeOf(paymentIntent)).toMatchObject({ amount_refunded: 1000, refunded: false });
    const replay = await stripe.refunds.create(
      { payment_intent: paymentIntent, amount: 1000, reason: "requested_by_customer" },
      { stripeAccount: shop, idempotencyKey: "refund-ord_1-1" },
    );
    expect(replay.id).toBe(partial.id);

    const tooMuch = await rejection(
      stripe.refunds.create({ payment_intent: paymentIntent, amount: 5000 }, { stripeAccount: shop }),
    );
    expect(tooMuch).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    expect(tooMuch.param).toBe("amount");

    const rest = await stripe.refunds.create({ payment_intent: paymentIntent }, { stripeAccount: shop });
    expect(rest.amount).toBe(2899 - 1000);
    const charge = double.chargeOf(session.id);
    expect(charge).toMatchObject({
      amount: 2899,
      amount_refunded: 2899,
      refunded: true,
      payment_intent: paymentIntent,
    });

    const again = await rejection(stripe.refunds.create({ payment_intent: paymentIntent }, { stripeAccount: shop }));
    expect(again.code).toBe("charge_already_refunded");

    const refundEvents = double.events.filter((event) => event.type === "charge.refunded");
    expect(refundEvents).toHaveLength(2);
    expect(refundEvents[1]).toMatchObject({
      account: shop,
      data: { object: { amount_refunded: 2899, refunded: true }, previous_attributes: { amount_refunded: 1000 } },
    });

    const missing = await rejection(stripe.refunds.create({ payment_intent: "pi_nope" }, { stripeAccount: shop }));
    expect(missing).toMatchObject({ code: "resource_missing", param: "payment_intent" });
  });

  it("refunds from the dashboard through the test control", async () => {
    const shop = await onboardedShop();
    const session = await stripe.checkout.sessions.create(sessionParams(), { stripeAccount: shop });
    double.complete(session.id);
    const { refund, charge } = double.refund(session.id, { amount: 899 });
    expect(refund.amount).toBe(899);
    expect(charge).toMatchObject({ amount_refunded: 899, refunded: false });
    expect(double.lastEvent("charge.refunded").account).toBe(shop);
  });

  it("lists refunds newest first by PaymentIntent, charge or time, pages them, and hides other accounts", async () => {
    const shop = await onboardedShop();
    const other = await onboardedShop();
    const session = await stripe.checkout.sessions.create(sessionParams(), { stripeAccount: shop });
    const paymentIntent = String(double.complete(session.id).payment_intent);
    const otherSession = await stripe.checkout.sessions.create(sessionParams(), { stripeAccount: other });
    double.complete(otherSession.id);
    double.refund(otherSession.id, { amount: 100 });
    const made = [300, 300, 200, 100].map((amount) => double.refund(session.id, { amount }).refund.id);

    const all: Stripe.Refund[] = [];
    for await (const refund of stripe.refunds.list(
      { payment_intent: paymentIntent, limit: 3 },
      { stripeAccount: shop },
    )) {
      all.push(refund);
    }
    expect(all.map((refund) => refund.id)).toEqual([...made].reverse());
    expect(all.map((refund) => refund.amount)).toEqual([100, 200, 300, 300]);
    expect(all.every((refund) => refund.payment_intent === paymentIntent && refund.status === "succeeded")).toBe(true);
    const page = await stripe.refunds.list({ payment_intent: paymentIntent, limit: 3 }, { stripeAccount: shop });
    expect(page.has_more).toBe(true);

    const byCharge = await stripe.refunds.list({ charge: double.chargeOf(session.id).id }, { stripeAccount: shop });
    expect(byCharge.data).toHaveLength(4);
    const recent = await stripe.refunds.list({ created: { gte: now() - 60 } }, { stripeAccount: shop });
    expect(recent.data).toHaveLength(4);
    const future = await stripe.refunds.list({ created: { gt: now() + 60 } }, { stripeAccount: shop });
    expect(future.data).toHaveLength(0);
    const elsewhere = await stripe.refunds.list({ payment_intent: paymentIntent }, { stripeAccount: other });
    expect(elsewhere.data).toHaveLength(0);
  });

  it("can charge an amount other than the session's total (as when Stripe adds something)", async () => {
    const shop = await onboardedShop();
    const session = await stripe.checkout.sessions.create(sessionParams(), { stripeAccount: shop });
    const paid = double.complete(session.id, { amountTotal: 2000 });
    expect(paid).toMatchObject({ amount_total: 2000, payment_status: "paid" });
    expect(double.chargeOf(session.id).amount).toBe(2000);
    expect(double.lastEvent("checkout.session.completed").data.object).toMatchObject({ amount_total: 2000 });
  });

  it("expires through the API, through the control, and when expires_at passes", async () => {
    const shop = await onboardedShop();
    const viaApi = await stripe.checkout.sessions.create(sessionParams(), { stripeAccount: shop });
    const expired = await stripe.checkout.sessions.expire(viaApi.id, {}, { stripeAccount: shop });
    expect(expired).toMatchObject({ status: "expired", url: null, payment_status: "unpaid" });
    const twice = await rejection(stripe.checkout.sessions.expire(viaApi.id, {}, { stripeAccount: shop }));
    expect(twice).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);

    const viaControl = await stripe.checkout.sessions.create(sessionParams(), { stripeAccount: shop });
    expect(double.expire(viaControl.id).status).toBe("expired");

    const byTime = await stripe.checkout.sessions.create(sessionParams(), { stripeAccount: shop });
    double.advance(31 * 60);
    const later = await stripe.checkout.sessions.retrieve(byTime.id, {}, { stripeAccount: shop });
    expect(later.status).toBe("expired");
    expect(() => double.complete(byTime.id)).toThrow(/expired/);

    const expiredEvents = double.events.filter((event) => event.type === "checkout.session.expired");
    expect(expiredEvents.map((event) => (event.data.object as Stripe.Checkout.Session).id)).toEqual([
      viaApi.id,
      viaControl.id,
      byTime.id,
    ]);
    const list = await stripe.checkout.sessions.list({ status: "expired" }, { stripeAccount: shop });
    expect(list.data).toHaveLength(3);
  });
});

describe("signed webhook events", () => {
  it("verify with constructEvent, and a tampered body, a wrong secret or a 6-minute-old signature fail", async () => {
    const shop = await onboardedShop();
    const session = await stripe.checkout.sessions.create(sessionParams(), { stripeAccount: shop });
    double.complete(session.id);

    const signed = signedEvent(stripe, WEBHOOK_SECRET, double.lastEvent("checkout.session.completed"));
    const event = stripe.webhooks.constructEvent(signed.body, signed.signature, WEBHOOK_SECRET);
    expect(event.type).toBe("checkout.session.completed");
    expect(event.account).toBe(shop);
    expect(event.id).toMatch(/^evt_/);
    expect(event.api_version).toBe(Stripe.API_VERSION);
    expect((event.data.object as Stripe.Checkout.Session).payment_status).toBe("paid");

    const tampered = signed.body.replace('"paid"', '"unpaid"');
    expect(tampered).not.toBe(signed.body);
    expect(() => stripe.webhooks.constructEvent(tampered, signed.signature, WEBHOOK_SECRET)).toThrow(
      Stripe.errors.StripeSignatureVerificationError,
    );
    expect(() => stripe.webhooks.constructEvent(signed.body, signed.signature, "whsec_other")).toThrow(
      Stripe.errors.StripeSignatureVerificationError,
    );
    const old = signedEvent(stripe, WEBHOOK_SECRET, double.lastEvent("checkout.session.completed"), {
      ageSeconds: 6 * 60,
    });
    expect(() => stripe.webhooks.constructEvent(old.body, old.signature, WEBHOOK_SECRET)).toThrow(/tolerance/);
    const recent = signedEvent(stripe, WEBHOOK_SECRET, double.lastEvent(), { ageSeconds: 4 * 60 });
    expect(stripe.webhooks.constructEvent(recent.body, recent.signature, WEBHOOK_SECRET).id).toBe(event.id);
  });

  it("builds events from the double's objects with a stable id for replays", async () => {
    const shop = await onboardedShop();
    const session = await stripe.checkout.sessions.create(sessionParams(), { stripeAccount: shop });
    double.complete(session.id);
    double.refund(session.id);

    const completed = checkoutSessionCompleted(double.session(session.id), { account: shop, id: "evt_fixed" });
    const first = signedEvent(stripe, WEBHOOK_SECRET, completed);
    const second = signedEvent(stripe, WEBHOOK_SECRET, completed);
    expect(stripe.webhooks.constructEvent(second.body, second.signature, WEBHOOK_SECRET).id).toBe("evt_fixed");
    expect(first.body).toBe(second.body);

    const refunded = chargeRefunded(double.chargeOf(session.id), { account: shop, livemode: true });
    const signedRefund = signedEvent(stripe, WEBHOOK_SECRET, refunded);
    const verified = stripe.webhooks.constructEvent(signedRefund.body, signedRefund.signature, WEBHOOK_SECRET);
    expect(verified).toMatchObject({ type: "charge.refunded", account: shop, livemode: true });
    expect(verified.data.object).toMatchObject({
      object: "charge",
      amount: 2899,
      amount_refunded: 2899,
      refunded: true,
    });
  });
});
