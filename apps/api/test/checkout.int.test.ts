// Buying, end to end through the API: real libSQL file, the real stripe SDK against the local Stripe
// double, webhooks signed with the SDK's own helper.
import { forShop, platform } from "@stall/db";
import Stripe from "stripe";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createStripePayments } from "../src/adapters/stripe-payments.ts";
import { client, ownerWithShop } from "./client.ts";
import { createHarness, type Harness, type Json } from "./harness.ts";
import { signedEvent } from "./stripe-double/events.ts";
import { type StripeDouble, startStripeDouble } from "./stripe-double/server.ts";

const KEY = "sk_test_stall";
const WEBHOOK_SECRET = "whsec_test_stall";
let harness: Harness;
let double: StripeDouble;
let stripe: Stripe;

beforeAll(async () => {
  let clockNow = () => Date.now();
  double = await startStripeDouble({ now: () => clockNow() });
  harness = await createHarness({
    payments: createStripePayments({ secretKey: KEY, webhookSecret: WEBHOOK_SECRET, ...double.sdkConfig }),
  });
  clockNow = () => harness.clock.now();
  stripe = new Stripe(KEY, double.sdkConfig);
});
afterAll(async () => {
  harness?.cleanup();
  await double?.close();
});

type Shop = Awaited<ReturnType<typeof openShop>>;

/** A published shop with a pickup point, a delivery area, honey (limited stock) and bread. */
async function openShop(options: { stock?: number; stripe?: boolean } = {}) {
  const owner = await ownerWithShop(harness);
  const base = `/v1/shops/${owner.shopId}`;
  const honey = (
    await owner.api.post(`${base}/products`, { title: "Honey", variants: [{ price: 1200, stock: options.stock ?? 5 }] })
  ).body;
  const bread = (await owner.api.post(`${base}/products`, { title: "Bread", variants: [{ price: 700, stock: null }] }))
    .body;
  const pickup = (await owner.api.post(`${base}/pickup-points`, { name: "Market", address: "Town green" })).body;
  const delivery = (await owner.api.post(`${base}/delivery-areas`, { name: "Village", fee: 300 })).body;
  let accountId: string | undefined;
  if (options.stripe) {
    const connect = await owner.api.post(`${base}/stripe/connect`);
    expect(connect.status).toBe(200);
    accountId = connect.body.accountId;
    double.onboard(accountId ?? "");
    await postWebhook({
      type: "account.updated",
      account: accountId,
      data: { object: { id: accountId, object: "account", charges_enabled: true } },
    });
    await owner.api.patch(base, {
      paymentMethods: ["stripe", "pay_at_pickup", "bank_transfer"],
      stripePaymentMethods: ["card", "wechat_pay", "alipay"],
      bankTransferInstructions: "Account 12-345",
    });
  } else {
    await owner.api.patch(base, {
      paymentMethods: ["pay_at_pickup", "cash_on_delivery", "bank_transfer"],
      bankTransferInstructions: "Account 12-345",
    });
  }
  await owner.api.post(`${base}/publish`);
  const host = `${owner.shop.slug}.localhost`;
  return {
    ...owner,
    base,
    host,
    honey,
    bread,
    pickup,
    delivery,
    accountId,
    honeyVariant: honey.variants[0].id as string,
    breadVariant: bread.variants[0].id as string,
  };
}

let keyCounter = 0;
function checkout(shop: Shop, body: Json, key = `key-${++keyCounter}-${Date.now()}`) {
  return client(harness).post(`/v1/storefront/${shop.host}/checkouts`, body, { "idempotency-key": key });
}

function pickupOrder(shop: Shop, quantity = 1, extra: Json = {}) {
  return {
    lines: [{ variantId: shop.honeyVariant, quantity }],
    buyer: { name: "Ana", email: "ana@example.test" },
    fulfilment: { type: "pickup", pickupPointId: shop.pickup.id },
    paymentMethod: "pay_at_pickup",
    ...extra,
  };
}

async function postWebhook(input: Json, options: { ageSeconds?: number; timestamp?: number; tamper?: boolean } = {}) {
  const signed = signedEvent(stripe, WEBHOOK_SECRET, input as never, {
    ...(options.ageSeconds ? { ageSeconds: options.ageSeconds } : {}),
    ...(options.timestamp ? { timestamp: options.timestamp } : {}),
  });
  const body = options.tamper ? signed.body.replace('"paid"', '"unpaid"') : signed.body;
  const response = await harness.app.request("/v1/webhooks/stripe", { method: "POST", headers: signed.headers, body });
  return { status: response.status, body: (await response.json()) as Json, event: signed.event };
}

async function stockOf(shop: Shop) {
  return (await shop.api.get(`${shop.base}/products/${shop.honey.id}`)).body.variants[0].stock as number;
}

async function orderOf(shop: Shop, orderId: string) {
  return (await shop.api.get(`${shop.base}/orders/${orderId}`)).body;
}

describe("placing an order with a manual method", () => {
  it("prices from the database, takes stock, numbers the order and queues the emails, all at once", async () => {
    const shop = await openShop();
    const response = await checkout(shop, {
      lines: [
        { variantId: shop.honeyVariant, quantity: 2 },
        { variantId: shop.breadVariant, quantity: 1 },
      ],
      buyer: { name: "Ana", email: "ana@example.test" },
      fulfilment: { type: "delivery", deliveryAreaId: shop.delivery.id, address: "Blue gate by the mill" },
      paymentMethod: "cash_on_delivery",
      note: "Ring twice",
    });
    expect(response.status).toBe(201);
    expect(response.body.order).toMatchObject({ number: 1001, status: "awaiting_payment", currency: "USD" });
    expect(response.body.order.totals).toMatchObject({ subtotal: 3100, fulfilment: 300, total: 3400 });
    expect(response.body.next).toEqual({
      type: "instructions",
      text: "Please have the money ready when we bring your order.",
    });
    expect(await stockOf(shop)).toBe(3);
    const second = await checkout(shop, pickupOrder(shop));
    expect(second.body.order.number).toBe(1002);
    const directory = platform(harness.database.db);
    const buyerMail = await directory.notifications.listForRecipient("ana@example.test");
    expect(buyerMail.filter((row) => row.shopId === shop.shopId).map((row) => row.template)).toEqual([
      "order_placed",
      "order_placed",
    ]);
    const ownerMail = await directory.notifications.listForRecipient(shop.email);
    expect(ownerMail.map((row) => row.template)).toEqual(["owner_new_order", "owner_new_order"]);
  });

  it("moves the shop's version (buyers' cached pages) only when the stock buyers see changes", async () => {
    const shop = await openShop({ stock: 6 });
    const version = async () =>
      Number(
        (
          await harness.database.client.execute({
            sql: "SELECT version FROM shops WHERE id = ?",
            args: [shop.shopId],
          })
        ).rows[0]?.[0],
      );
    const start = await version();
    // 6 -> 5 -> 4 and an untracked loaf: still "in stock" with no count on every page, so pages stay cached.
    expect((await checkout(shop, pickupOrder(shop))).status).toBe(201);
    expect((await checkout(shop, pickupOrder(shop))).status).toBe(201);
    expect(
      (
        await checkout(shop, {
          ...pickupOrder(shop),
          lines: [{ variantId: shop.breadVariant, quantity: 3 }],
        })
      ).status,
    ).toBe(201);
    expect(await version()).toBe(start);
    // 4 -> 3: "only 3 left" now shows, then every unit sold changes it, down to sold out.
    expect((await checkout(shop, pickupOrder(shop))).status).toBe(201);
    expect(await version()).toBe(start + 1);
    expect((await checkout(shop, pickupOrder(shop, 3))).status).toBe(201);
    expect(await version()).toBe(start + 2);
    expect(await stockOf(shop)).toBe(0);
    // A refused order writes nothing, the version included.
    expect((await checkout(shop, pickupOrder(shop))).status).toBe(409);
    expect(await version()).toBe(start + 2);
    const snapshot = await client(harness).get(`/v1/storefront/${shop.host}/snapshot`);
    const honey = snapshot.body.products.find((product: Json) => product.id === shop.honey.id);
    expect(honey.variants[0]).toMatchObject({ availability: "sold_out", stockLeft: 0 });
  });

  it("ignores prices from the client: a price field is refused, and totals come from the shop", async () => {
    const shop = await openShop();
    const withPrice = await checkout(shop, {
      ...pickupOrder(shop),
      lines: [{ variantId: shop.honeyVariant, quantity: 1, price: 1 }],
    });
    expect(withPrice.status).toBe(422);
    const withTotal = await checkout(shop, { ...pickupOrder(shop), total: 1 });
    expect(withTotal.status).toBe(422);
    const honest = await checkout(shop, pickupOrder(shop));
    expect(honest.body.order.totals.total).toBe(1200);
  });

  it("the same Idempotency-Key ten times gives one order; with another body it is refused", async () => {
    const shop = await openShop();
    const key = `same-key-${Date.now()}`;
    const results = await Promise.all(Array.from({ length: 10 }, () => checkout(shop, pickupOrder(shop), key)));
    expect(new Set(results.map((result) => result.status))).toEqual(new Set([201]));
    expect(new Set(results.map((result) => result.body.order.id)).size).toBe(1);
    expect(new Set(results.map((result) => result.body.order.token)).size).toBe(1);
    expect(await stockOf(shop)).toBe(4);
    expect((await shop.api.get(`${shop.base}/orders`)).body.items).toHaveLength(1);
    const conflict = await checkout(shop, pickupOrder(shop, 2), key);
    expect(conflict.status).toBe(409);
    expect(conflict.body.code).toBe("idempotency_conflict");
    // The key is a required, described header: without one the request is refused like any bad input.
    const keyless = await checkout(shop, pickupOrder(shop), "");
    expect(keyless.status).toBe(422);
    expect(keyless.body.errors).toEqual([
      { path: "idempotency-key", message: expect.stringMatching(/Idempotency-Key/) },
    ]);
  });

  it("200 buyers at once for the last 5 units: exactly 5 orders, the rest 409 with what is short, stock 0", async () => {
    const shop = await openShop({ stock: 5 });
    const results = await Promise.all(Array.from({ length: 200 }, () => checkout(shop, pickupOrder(shop))));
    const placed = results.filter((result) => result.status === 201);
    const refused = results.filter((result) => result.status === 409);
    expect(placed).toHaveLength(5);
    expect(refused).toHaveLength(195);
    expect(refused[0]?.body).toMatchObject({
      code: "insufficient_stock",
      lines: [{ variantId: shop.honeyVariant, requested: 1, available: 0 }],
    });
    expect(await stockOf(shop)).toBe(0);
    expect((await shop.api.get(`${shop.base}/orders?limit=100`)).body.items).toHaveLength(5);
    expect(results.map((result) => result.status).filter((status) => status >= 500)).toEqual([]);
  });

  it.each([
    [{ paymentMethod: "cash_on_delivery" }, "paymentMethod"],
    [{ paymentMethod: "stripe" }, "paymentMethod"],
    [{ buyer: { name: "Ana" } }, "buyer.email"],
    [{ lines: [] }, "lines"],
    [{ fulfilment: { type: "pickup", pickupPointId: "pup_nope" } }, "fulfilment.pickupPointId"],
    [{ discountCode: "NOPE" }, "discountCode"],
  ])("refuses %j naming %s, and takes no stock", async (override, path) => {
    const shop = await openShop();
    const response = await checkout(shop, { ...pickupOrder(shop), ...override });
    expect(response.status).toBe(422);
    expect(response.body.errors.map((error: Json) => error.path)).toContain(path);
    expect(await stockOf(shop)).toBe(5);
  });

  it("the owner takes the steps with one tap each; impossible steps say why", async () => {
    const shop = await openShop();
    const placed = (await checkout(shop, pickupOrder(shop))).body.order;
    const act = (action: string, body?: Json) => shop.api.post(`${shop.base}/orders/${placed.id}/${action}`, body);
    const early = await act("mark-ready");
    expect(early.status).toBe(409);
    expect(early.body.code).toBe("invalid_state_transition");
    expect((await act("mark-paid")).body.status).toBe("paid");
    expect((await act("mark-paid")).body.status).toBe("paid");
    const ready = await act("mark-ready");
    expect(ready.body).toMatchObject({ status: "ready", actions: expect.arrayContaining(["fulfil"]) });
    expect((await act("fulfil")).body.status).toBe("fulfilled");
    const done = await act("complete");
    expect(done.body.status).toBe("completed");
    expect(done.body.history.map((step: Json) => `${step.from ?? "-"}>${step.to}`)).toEqual([
      "->awaiting_payment",
      "awaiting_payment>paid",
      "paid>ready",
      "ready>fulfilled",
      "fulfilled>completed",
    ]);
    const mail = await platform(harness.database.db).notifications.listForRecipient("ana@example.test");
    const mine = mail.filter(
      (row) => (row.payload as Json).orderNumber === placed.number && row.shopId === shop.shopId,
    );
    expect(mine.map((row) => `${row.template}:${(row.payload as Json).kind ?? ""}`)).toEqual([
      "order_placed:",
      "order_update:paid",
      "order_update:ready",
      "order_update:dispatched",
    ]);
  });

  it("cancelling an unpaid order puts its stock back once", async () => {
    const shop = await openShop();
    const placed = (await checkout(shop, pickupOrder(shop, 2))).body.order;
    expect(await stockOf(shop)).toBe(3);
    expect((await shop.api.post(`${shop.base}/orders/${placed.id}/cancel`)).body.status).toBe("cancelled");
    expect((await shop.api.post(`${shop.base}/orders/${placed.id}/cancel`)).body.status).toBe("cancelled");
    expect(await stockOf(shop)).toBe(5);
  });
});

describe("quotes", () => {
  it("answer the totals from the shop's prices as the buyer chooses, holding nothing", async () => {
    const shop = await openShop();
    await shop.api.post(`${shop.base}/discount-codes`, { code: "TENOFF", kind: "percent", value: 1000 });
    const quote = await client(harness).post(`/v1/storefront/${shop.host}/checkouts/quote`, {
      lines: [{ variantId: shop.honeyVariant, quantity: 2 }],
      fulfilment: { type: "delivery", deliveryAreaId: shop.delivery.id, address: "Mill lane" },
      discountCode: "tenoff",
    });
    expect(quote.status).toBe(200);
    expect(quote.body).toMatchObject({
      discountCode: "TENOFF",
      totals: { subtotal: 2400, discount: 240, fulfilment: 300, total: 2460 },
    });
    expect(await stockOf(shop)).toBe(5);
  });
});

describe("the buyer's order page", () => {
  it("opens only with the token of that order, and never across shops", async () => {
    const shopA = await openShop();
    const shopB = await openShop();
    const a = (await checkout(shopA, pickupOrder(shopA))).body.order;
    const b = (await checkout(shopB, pickupOrder(shopB))).body.order;
    const view = await client(harness).get(`/v1/storefront/${shopA.host}/orders/${a.id}?token=${a.token}`);
    expect(view.status).toBe(200);
    expect(view.body).toMatchObject({ number: a.number, status: "awaiting_payment", buyer: { name: "Ana" } });
    expect(view.body.buyer.email).toBeUndefined();
    expect((await client(harness).get(`/v1/storefront/${shopA.host}/orders/${a.id}`)).status).toBe(404);
    expect((await client(harness).get(`/v1/storefront/${shopA.host}/orders/${a.id}?token=${b.token}`)).status).toBe(
      404,
    );
    expect((await client(harness).get(`/v1/storefront/${shopA.host}/orders/${b.id}?token=${b.token}`)).status).toBe(
      404,
    );
    expect((await client(harness).get(`/v1/storefront/${shopB.host}/orders/${a.id}?token=${a.token}`)).status).toBe(
      404,
    );
  });
});

describe("paying with Stripe", () => {
  async function stripeOrder(shop: Shop, quantity = 1) {
    const response = await checkout(shop, { ...pickupOrder(shop, quantity), paymentMethod: "stripe" });
    expect(response.status).toBe(201);
    const order = await orderOf(shop, response.body.order.id);
    const sessionId = new URL(response.body.next.url).pathname.split("/").pop() ?? "";
    return {
      placed: response.body,
      order,
      session: double.session(String(sessionId.startsWith("cs_") ? sessionId : await platformSession(shop, order.id))),
    };
  }
  async function platformSession(shop: Shop, orderId: string) {
    const rows = await (await import("@stall/db")).forShop(harness.database.db, shop.shopId).orders.get(orderId);
    return rows?.stripeCheckoutSessionId ?? "";
  }

  it("opens a Checkout Session on the shop's account with its methods, the order total and an idempotency key", async () => {
    const shop = await openShop({ stripe: true });
    const { placed, session } = await stripeOrder(shop, 2);
    expect(placed.order.status).toBe("pending_payment");
    expect(placed.next.type).toBe("redirect");
    expect(session.amount_total).toBe(2400);
    expect(session.payment_method_types).toEqual(["card", "wechat_pay", "alipay"]);
    const request = double.requests.find((entry) => entry.path === "/v1/checkout/sessions" && entry.method === "POST");
    expect(request?.headers["stripe-account"]).toBe(shop.accountId);
    expect(request?.headers["idempotency-key"]).toBe(`checkout-${placed.order.id}`);
    expect(await stockOf(shop)).toBe(3);
  });

  it("a completed session replayed 10 times (some at once) pays the order once and sends one email", async () => {
    const shop = await openShop({ stripe: true });
    const { placed, session } = await stripeOrder(shop);
    const paid = double.complete(session.id);
    const event = { type: "checkout.session.completed", account: shop.accountId, data: { object: paid } };
    const signed = signedEvent(stripe, WEBHOOK_SECRET, event as never);
    const send = () =>
      harness.app.request("/v1/webhooks/stripe", { method: "POST", headers: signed.headers, body: signed.body });
    const first = await Promise.all(Array.from({ length: 5 }, send));
    for (let index = 0; index < 5; index++) first.push(await send());
    expect(first.map((response) => response.status)).toEqual(Array(10).fill(200));
    // The same payment under another event id (Stripe retries with new ids sometimes) changes nothing either.
    await postWebhook(event);
    const order = await orderOf(shop, placed.order.id);
    expect(order.status).toBe("paid");
    expect(order.history.filter((step: Json) => step.to === "paid")).toHaveLength(1);
    const mail = await platform(harness.database.db).notifications.listForRecipient("ana@example.test");
    expect(mail.filter((row) => row.shopId === shop.shopId && row.template === "order_placed")).toHaveLength(1);
  });

  it("refuses a tampered body and a 6-minute-old signature with 400, changing nothing", async () => {
    const shop = await openShop({ stripe: true });
    const { placed, session } = await stripeOrder(shop);
    const paid = double.complete(session.id);
    const event = { type: "checkout.session.completed", account: shop.accountId, data: { object: paid } };
    expect((await postWebhook(event, { tamper: true })).status).toBe(400);
    expect((await postWebhook(event, { ageSeconds: 360 })).status).toBe(400);
    const bare = await harness.app.request("/v1/webhooks/stripe", { method: "POST", body: "{}" });
    expect(bare.status).toBe(400);
    expect((await orderOf(shop, placed.order.id)).status).toBe("pending_payment");
  });

  it("charge.refunded arriving before completed ends refunded", async () => {
    const shop = await openShop({ stripe: true });
    const { placed, session } = await stripeOrder(shop);
    const paid = double.complete(session.id);
    double.refund(session.id);
    const charge = double.chargeOf(String(paid.payment_intent));
    expect(
      (await postWebhook({ type: "charge.refunded", account: shop.accountId, data: { object: charge } })).status,
    ).toBe(200);
    expect(
      (await postWebhook({ type: "checkout.session.completed", account: shop.accountId, data: { object: paid } }))
        .status,
    ).toBe(200);
    const order = await orderOf(shop, placed.order.id);
    expect(order.status).toBe("refunded");
    expect(order.totals.refunded).toBe(1200);
  });

  it("a buyer turning back from Stripe cancels the unpaid order at once, stock back; not once it is paid", async () => {
    const shop = await openShop({ stripe: true });
    const { placed, session } = await stripeOrder(shop, 2);
    expect(await stockOf(shop)).toBe(3);
    const cancelUrl = new URL(String(session.cancel_url));
    expect(cancelUrl.searchParams.get("cancelled")).toBe(placed.order.id);
    const token = cancelUrl.searchParams.get("token");
    const cancel = (withToken: string | null) =>
      client(harness).post(`/v1/storefront/${shop.host}/orders/${placed.order.id}/cancel?token=${withToken ?? ""}`);
    expect((await cancel("wrong")).status).toBe(404);
    const other = await openShop();
    const elsewhere = await client(harness).post(
      `/v1/storefront/${other.host}/orders/${placed.order.id}/cancel?token=${token}`,
    );
    expect(elsewhere.status).toBe(404);
    const cancelled = await cancel(token);
    expect(cancelled.body.status).toBe("cancelled");
    expect(await stockOf(shop)).toBe(5);
    expect(double.session(session.id).status).toBe("expired");
    expect((await cancel(token)).body.status).toBe("cancelled");

    const paidLater = await stripeOrder(shop);
    double.complete(paidLater.session.id);
    const refused = await client(harness).post(
      `/v1/storefront/${shop.host}/orders/${paidLater.placed.order.id}/cancel?token=${paidLater.placed.order.token}`,
    );
    expect(refused.status).toBe(409);
  });

  it("expiry reported twice releases the stock once", async () => {
    const shop = await openShop({ stripe: true });
    const { placed, session } = await stripeOrder(shop, 2);
    expect(await stockOf(shop)).toBe(3);
    const expired = double.expire(session.id);
    await postWebhook({ type: "checkout.session.expired", account: shop.accountId, data: { object: expired } });
    await postWebhook({ type: "checkout.session.expired", account: shop.accountId, data: { object: expired } });
    expect(await stockOf(shop)).toBe(5);
    expect((await orderOf(shop, placed.order.id)).status).toBe("expired");
  });

  it("ignores an event for another shop's account", async () => {
    const shop = await openShop({ stripe: true });
    const other = await openShop({ stripe: true });
    const { placed, session } = await stripeOrder(shop);
    const paid = double.complete(session.id);
    const response = await postWebhook({
      type: "checkout.session.completed",
      account: other.accountId,
      data: { object: paid },
    });
    expect(response.status).toBe(200);
    expect(response.body.handled).toBe(false);
    expect((await orderOf(shop, placed.order.id)).status).toBe("pending_payment");
  });

  it("reconciliation repairs what missed webhooks left: a paid session pays its order, an ended hold expires", async () => {
    const shop = await openShop({ stripe: true });
    const paidQuietly = await stripeOrder(shop);
    double.complete(paidQuietly.session.id);
    const abandoned = await stripeOrder(shop, 2);
    expect(await stockOf(shop)).toBe(2);
    const { reconcilePayments } = await import("../src/use-cases/payments/reconcile-payments.ts");
    const mine = (report: { repaired: { orderId: string; to: string }[] }) =>
      report.repaired.filter((entry) =>
        [paidQuietly.placed.order.id, abandoned.placed.order.id].includes(entry.orderId),
      );
    const first = await reconcilePayments(harness.deps, { sinceMs: harness.clock.now() - 3_600_000 });
    expect(mine(first)).toEqual([expect.objectContaining({ orderId: paidQuietly.placed.order.id, to: "paid" })]);
    harness.clock.advance(40 * 60_000);
    const second = await reconcilePayments(harness.deps, { sinceMs: harness.clock.now() - 3_600_000 });
    expect(mine(second)).toEqual([expect.objectContaining({ orderId: abandoned.placed.order.id, to: "expired" })]);
    expect(await stockOf(shop)).toBe(4);
    expect(double.session(abandoned.session.id).status).toBe("expired");
    const third = await reconcilePayments(harness.deps, { sinceMs: harness.clock.now() - 3_600_000 });
    expect(mine(third)).toEqual([]);
    expect(third.failures).toEqual([]);
  });

  it("refunds from the dashboard go to Stripe once per amount", async () => {
    const shop = await openShop({ stripe: true });
    const { placed, session } = await stripeOrder(shop, 2);
    const paid = double.complete(session.id);
    await postWebhook({ type: "checkout.session.completed", account: shop.accountId, data: { object: paid } });
    const partial = await shop.api.post(`${shop.base}/orders/${placed.order.id}/refund`, { amount: 1000 });
    expect(partial.status).toBe(200);
    expect(partial.body.totals.refunded).toBe(1000);
    const rest = await shop.api.post(`${shop.base}/orders/${placed.order.id}/refund`);
    expect(rest.body).toMatchObject({ status: "refunded", totals: { refunded: 2400 } });
    const refunds = double.requests.filter(
      (entry) => entry.path === "/v1/refunds" && entry.headers["stripe-account"] === shop.accountId,
    );
    expect(refunds.map((entry) => entry.headers["idempotency-key"])).toEqual([
      `refund-${placed.order.id}-1000`,
      `refund-${placed.order.id}-2400`,
    ]);
    // Stripe's own charge.refunded afterwards changes nothing.
    const charge = double.chargeOf(String(paid.payment_intent));
    expect(
      (await postWebhook({ type: "charge.refunded", account: shop.accountId, data: { object: charge } })).body.handled,
    ).toBe(false);
    expect((await shop.api.post(`${shop.base}/orders/${placed.order.id}/refund`, { amount: 1 })).status).toBe(422);
  });
});

describe("hardening: refunds, reconciliation, webhook age, paid amounts, discount uses", () => {
  async function paidStripeOrder(shop: Shop, quantity = 1) {
    const response = await checkout(shop, { ...pickupOrder(shop, quantity), paymentMethod: "stripe" });
    expect(response.status).toBe(201);
    const orderId = response.body.order.id as string;
    const row = await forShop(harness.database.db, shop.shopId).orders.get(orderId);
    const sessionId = row?.stripeCheckoutSessionId ?? "";
    const paid = double.complete(sessionId);
    const completed = await postWebhook({
      type: "checkout.session.completed",
      account: shop.accountId,
      data: { object: paid },
    });
    expect(completed.body.reason).toBe("order paid");
    return { orderId, sessionId, paid };
  }
  const refundMail = async (shop: Shop) =>
    (await platform(harness.database.db).notifications.listForRecipient("ana@example.test")).filter(
      (row) => row.shopId === shop.shopId && (row.payload as Json).kind === "refunded",
    );
  const send = async (event: Stripe.Event) => {
    const signed = signedEvent(stripe, WEBHOOK_SECRET, event);
    const response = await harness.app.request("/v1/webhooks/stripe", {
      method: "POST",
      headers: signed.headers,
      body: signed.body,
    });
    return { status: response.status, body: (await response.json()) as Json };
  };

  it("two partial refunds from the Stripe Dashboard (half, then the rest) end fully refunded; replays change nothing", async () => {
    const shop = await openShop({ stripe: true });
    const { orderId, sessionId } = await paidStripeOrder(shop);
    expect(await stockOf(shop)).toBe(4);
    double.refund(sessionId, { amount: 600 });
    const first = double.lastEvent("charge.refunded");
    expect((await send(first)).status).toBe(200);
    expect(await orderOf(shop, orderId)).toMatchObject({ status: "paid", totals: { refunded: 600 } });

    double.refund(sessionId, { amount: 600 });
    const second = double.lastEvent("charge.refunded");
    expect(second.data.object).toMatchObject({ amount_refunded: 1200 });
    const full = await send(second);
    expect(full).toMatchObject({ status: 200, body: { handled: true } });
    const order = await orderOf(shop, orderId);
    expect(order).toMatchObject({ status: "refunded", totals: { refunded: 1200 } });
    expect(await stockOf(shop)).toBe(5);
    expect((await refundMail(shop)).map((row) => (row.payload as Json).amount)).toHaveLength(2);

    for (const event of [first, second, first]) {
      expect(await send(event)).toMatchObject({ status: 200, body: { handled: false } });
    }
    expect(await orderOf(shop, orderId)).toMatchObject({ status: "refunded", totals: { refunded: 1200 } });
    expect(await stockOf(shop)).toBe(5);
    expect(await refundMail(shop)).toHaveLength(2);
    const rows = await forShop(harness.database.db, shop.shopId).orders.refunds(orderId);
    const atStripe = await stripe.refunds.list(
      { payment_intent: String(double.session(sessionId).payment_intent) },
      { stripeAccount: shop.accountId ?? "" },
    );
    expect(rows.map((row) => row.providerReference).sort()).toEqual(atStripe.data.map((refund) => refund.id).sort());
  });

  it("refund events delivered out of order, or under new event ids, converge on the same order", async () => {
    const shop = await openShop({ stripe: true });
    const { orderId, sessionId } = await paidStripeOrder(shop);
    double.refund(sessionId, { amount: 200 });
    const first = double.lastEvent("charge.refunded");
    double.refund(sessionId, { amount: 300 });
    const second = double.lastEvent("charge.refunded");
    expect((await send(second)).status).toBe(200);
    expect((await send(first)).status).toBe(200);
    expect((await send({ ...first, id: "evt_redelivered_first" })).body.handled).toBe(false);
    expect(await orderOf(shop, orderId)).toMatchObject({ status: "paid", totals: { refunded: 500 } });
    expect(await refundMail(shop)).toHaveLength(1);
  });

  it("a refund made from Stall's dashboard is counted once, whether Stripe's event lands after it is recorded or before", async () => {
    const shop = await openShop({ stripe: true });
    const { orderId } = await paidStripeOrder(shop);
    // The usual way round: recorded by the route, then Stripe's event changes nothing.
    const first = await shop.api.post(`${shop.base}/orders/${orderId}/refund`, { amount: 500 });
    expect(first.body).toMatchObject({ status: "paid", totals: { refunded: 500 } });
    expect((await send(double.lastEvent("charge.refunded"))).body.handled).toBe(false);

    // Stripe's event lands while the route's request is still on its way back: the webhook records the
    // refund first, then the route records the same refund (what it does once Stripe answers).
    const key = `refund-${orderId}-1000`;
    const payment = (await forShop(harness.database.db, shop.shopId).orders.payments(orderId))[0];
    const made = await stripe.refunds.create(
      { payment_intent: String(payment?.providerReference), amount: 500 },
      { stripeAccount: shop.accountId ?? "", idempotencyKey: key },
    );
    expect((await send(double.lastEvent("charge.refunded"))).body.handled).toBe(true);
    const { applyOrderEvent } = await import("../src/use-cases/checkout/apply-order-event.ts");
    const shopRow = await platform(harness.database.db).shops.findById(shop.shopId);
    const late = await applyOrderEvent(harness.deps, {
      shop: shopRow as NonNullable<typeof shopRow>,
      orderId,
      event: "refund_partial",
      actor: "member",
      refunds: [{ id: "rfd_late", amount: 500, providerReference: made.id, idempotencyKey: key, createdBy: null }],
    });
    expect(late.changed).toBe(false);
    expect(await orderOf(shop, orderId)).toMatchObject({ status: "paid", totals: { refunded: 1000 } });
    const rest = await shop.api.post(`${shop.base}/orders/${orderId}/refund`);
    expect(rest.body).toMatchObject({ status: "refunded", totals: { refunded: 1200 } });
    expect((await send(double.lastEvent("charge.refunded"))).body.handled).toBe(false);
    expect(await stockOf(shop)).toBe(5);
    expect(await refundMail(shop)).toHaveLength(3);
  });

  it("reconciliation finds a refund whose webhook never came and applies it once", async () => {
    const shop = await openShop({ stripe: true });
    const { orderId, sessionId } = await paidStripeOrder(shop);
    double.refund(sessionId, { amount: 1200 });
    const { reconcilePayments } = await import("../src/use-cases/payments/reconcile-payments.ts");
    const since = harness.clock.now() - 3_600_000;
    const first = await reconcilePayments(harness.deps, { sinceMs: since });
    expect(first.failures).toEqual([]);
    expect(first.repaired.filter((entry) => entry.orderId === orderId)).toEqual([
      expect.objectContaining({ orderId, to: "refunded" }),
    ]);
    expect(await orderOf(shop, orderId)).toMatchObject({ status: "refunded", totals: { refunded: 1200 } });
    expect(await stockOf(shop)).toBe(5);
    expect(await refundMail(shop)).toHaveLength(1);
    const second = await reconcilePayments(harness.deps, { sinceMs: since });
    expect(second.repaired.filter((entry) => entry.orderId === orderId)).toEqual([]);
    // The late webhook afterwards is a no-op too.
    expect((await send(double.lastEvent("charge.refunded"))).body.handled).toBe(false);
  });

  it("refuses a signature dated more than 300 s in the future; a little clock skew is fine", async () => {
    const shop = await openShop({ stripe: true });
    const response = await checkout(shop, { ...pickupOrder(shop), paymentMethod: "stripe" });
    const row = await forShop(harness.database.db, shop.shopId).orders.get(response.body.order.id);
    const paid = double.complete(row?.stripeCheckoutSessionId ?? "");
    const event = { type: "checkout.session.completed", account: shop.accountId, data: { object: paid } };
    const now = Math.floor(Date.now() / 1000);
    const future = await postWebhook(event, { timestamp: now + 360 });
    expect(future.status).toBe(400);
    expect((await orderOf(shop, response.body.order.id)).status).toBe("pending_payment");
    expect((await postWebhook(event, { timestamp: now + 30 })).status).toBe(200);
    expect((await orderOf(shop, response.body.order.id)).status).toBe("paid");
  });

  it("a paid amount that differs from the order total is held for the owner, not marked paid", async () => {
    const shop = await openShop({ stripe: true });
    const response = await checkout(shop, { ...pickupOrder(shop), paymentMethod: "stripe" });
    const orderId = response.body.order.id as string;
    const row = await forShop(harness.database.db, shop.shopId).orders.get(orderId);
    const paid = double.complete(row?.stripeCheckoutSessionId ?? "", { amountTotal: 1100 });
    const logged = harness.logs.length;
    const webhook = await postWebhook({
      type: "checkout.session.completed",
      account: shop.accountId,
      data: { object: paid },
    });
    expect(webhook.status).toBe(200);
    const order = await orderOf(shop, orderId);
    expect(order).toMatchObject({ status: "on_hold", paidAt: null, holdExpiresAt: null });
    expect(order.actions).toEqual(["mark_paid", "refund_partial", "refund_full"]);
    expect(order.history.at(-1).note).toContain("11.00");
    expect(order.history.at(-1).note).toContain("12.00");
    expect(harness.logs.slice(logged).filter((log) => log.level === "error")).toEqual([
      expect.objectContaining({
        level: "error",
        fields: expect.objectContaining({ orderId, expectedAmount: 1200, paidAmount: 1100 }),
      }),
    ]);
    const buyerMail = await platform(harness.database.db).notifications.listForRecipient("ana@example.test");
    expect(buyerMail.filter((mail) => mail.shopId === shop.shopId && mail.template === "order_placed")).toEqual([]);
    // Stock stays held while the owner decides; a full refund returns the money through Stripe and the stock.
    expect(await stockOf(shop)).toBe(4);
    harness.clock.advance(60 * 60_000);
    const { reconcilePayments } = await import("../src/use-cases/payments/reconcile-payments.ts");
    await reconcilePayments(harness.deps, { sinceMs: harness.clock.now() - 2 * 3_600_000 });
    expect((await orderOf(shop, orderId)).status).toBe("on_hold");
    // "Refund all" gives back what Stripe took, not the order total it never took.
    const refund = await shop.api.post(`${shop.base}/orders/${orderId}/refund`);
    expect(refund.body).toMatchObject({ status: "refunded", totals: { refunded: 1100 } });
    expect(double.chargeOf(String(paid.payment_intent)).amount_refunded).toBe(1100);
    expect(await stockOf(shop)).toBe(5);
  });

  it("reconciliation holds a mismatched payment too, and the owner can accept it after checking", async () => {
    const shop = await openShop({ stripe: true });
    const response = await checkout(shop, { ...pickupOrder(shop), paymentMethod: "stripe" });
    const orderId = response.body.order.id as string;
    const row = await forShop(harness.database.db, shop.shopId).orders.get(orderId);
    double.complete(row?.stripeCheckoutSessionId ?? "", { amountTotal: 1300 });
    const { reconcilePayments } = await import("../src/use-cases/payments/reconcile-payments.ts");
    const report = await reconcilePayments(harness.deps, { sinceMs: harness.clock.now() - 3_600_000 });
    expect(report.repaired.filter((entry) => entry.orderId === orderId)).toEqual([
      expect.objectContaining({ to: "on_hold" }),
    ]);
    expect(harness.logs.filter((log) => log.level === "error" && log.fields.orderId === orderId)).toHaveLength(1);
    const accepted = await shop.api.post(`${shop.base}/orders/${orderId}/mark-paid`);
    expect(accepted.body).toMatchObject({ status: "paid" });
    expect((await forShop(harness.database.db, shop.shopId).orders.payments(orderId))[0]).toMatchObject({
      status: "succeeded",
      providerReference: expect.stringMatching(/^pi_/),
    });
  });

  it("a cancelled or expired order gives its discount use back exactly once; a late payment takes it again", async () => {
    const shop = await openShop({ stripe: true });
    const code = (
      await shop.api.post(`${shop.base}/discount-codes`, { code: "ONCE", kind: "fixed", value: 100, usageLimit: 1 })
    ).body;
    const usage = async () => (await shop.api.get(`${shop.base}/discount-codes/${code.id}`)).body.usageCount as number;

    const manual = (await checkout(shop, pickupOrder(shop, 1, { discountCode: "once" }))).body.order;
    expect(await usage()).toBe(1);
    expect((await checkout(shop, pickupOrder(shop, 1, { discountCode: "once" }))).status).toBe(422);
    for (let tap = 0; tap < 3; tap++) await shop.api.post(`${shop.base}/orders/${manual.id}/cancel`);
    expect(await usage()).toBe(0);

    const online = await checkout(shop, { ...pickupOrder(shop, 1, { discountCode: "once" }), paymentMethod: "stripe" });
    expect(online.status).toBe(201);
    expect(await usage()).toBe(1);
    const row = await forShop(harness.database.db, shop.shopId).orders.get(online.body.order.id);
    const expired = double.expire(row?.stripeCheckoutSessionId ?? "");
    for (let replay = 0; replay < 2; replay++) {
      await postWebhook({ type: "checkout.session.expired", account: shop.accountId, data: { object: expired } });
    }
    expect(await usage()).toBe(0);
    const { reconcilePayments } = await import("../src/use-cases/payments/reconcile-payments.ts");
    await reconcilePayments(harness.deps, { sinceMs: harness.clock.now() - 3_600_000 });
    expect(await usage()).toBe(0);
    expect(await stockOf(shop)).toBe(5);

    // The buyer's payment lands after the expiry: the order is paid, with its stock and its discount use.
    const late = { ...expired, status: "complete", payment_status: "paid", payment_intent: "pi_late" };
    await postWebhook({ type: "checkout.session.completed", account: shop.accountId, data: { object: late } });
    expect((await orderOf(shop, online.body.order.id)).status).toBe("paid");
    expect(await usage()).toBe(1);
    expect(await stockOf(shop)).toBe(4);
  });
});
