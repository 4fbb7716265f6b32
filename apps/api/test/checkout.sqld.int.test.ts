// The buying flow on the scale-out path: the same API against a real sqld (libSQL server) instead of
// a file. Placement is one batch over HTTP; state changes are interactive transactions over HTTP.
import Stripe from "stripe";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createStripePayments } from "../src/adapters/stripe-payments.ts";
import { client, ownerWithShop } from "./client.ts";
import { createHarness, type Harness, type Json } from "./harness.ts";
import { signedEvent } from "./stripe-double/events.ts";
import { type StripeDouble, startStripeDouble } from "./stripe-double/server.ts";

const KEY = "sk_test_stall";
const WEBHOOK_SECRET = "whsec_test_stall";
const METRICS_TOKEN = "metrics-token";
let harness: Harness;
let double: StripeDouble;
let stripe: Stripe;

beforeAll(async () => {
  let clockNow = () => Date.now();
  double = await startStripeDouble({ now: () => clockNow() });
  harness = await createHarness({
    database: "sqld",
    config: { metricsToken: METRICS_TOKEN },
    payments: createStripePayments({ secretKey: KEY, webhookSecret: WEBHOOK_SECRET, ...double.sdkConfig }),
  });
  clockNow = () => harness.clock.now();
  stripe = new Stripe(KEY, double.sdkConfig);
});
afterAll(async () => {
  harness?.cleanup();
  await double?.close();
});

async function postWebhook(input: Json) {
  const signed = signedEvent(stripe, WEBHOOK_SECRET, input as never);
  const response = await harness.app.request("/v1/webhooks/stripe", {
    method: "POST",
    headers: signed.headers,
    body: signed.body,
  });
  return response.status;
}

it("places, pays by Stripe (webhook replayed), expires and releases, never overselling, on sqld", async () => {
  expect(harness.database.kind).toBe("remote");
  const owner = await ownerWithShop(harness);
  const base = `/v1/shops/${owner.shopId}`;
  const honey = (await owner.api.post(`${base}/products`, { title: "Honey", variants: [{ price: 1200, stock: 5 }] }))
    .body;
  const pickup = (await owner.api.post(`${base}/pickup-points`, { name: "Market", address: "Green" })).body;
  const connect = await owner.api.post(`${base}/stripe/connect`);
  double.onboard(connect.body.accountId);
  await postWebhook({
    type: "account.updated",
    account: connect.body.accountId,
    data: { object: { id: connect.body.accountId, object: "account", charges_enabled: true } },
  });
  await owner.api.patch(base, { paymentMethods: ["stripe", "pay_at_pickup"] });
  await owner.api.post(`${base}/publish`);
  const host = `${owner.shop.slug}.localhost`;
  const order = (method: string, quantity = 1) => ({
    lines: [{ variantId: honey.variants[0].id, quantity }],
    buyer: { name: "Ana", email: "ana@example.test" },
    fulfilment: { type: "pickup", pickupPointId: pickup.id },
    paymentMethod: method,
  });
  const place = (body: Json, key: string) =>
    client(harness).post(`/v1/storefront/${host}/checkouts`, body, { "idempotency-key": key });
  const stock = async () => (await owner.api.get(`${base}/products/${honey.id}`)).body.variants[0].stock;

  // 40 buyers for 5 units.
  const rush = await Promise.all(
    Array.from({ length: 40 }, (_, index) => place(order("pay_at_pickup"), `rush-key-${index}`)),
  );
  expect(rush.filter((result) => result.status === 201)).toHaveLength(5);
  expect(rush.filter((result) => result.status === 409)).toHaveLength(35);
  expect(await stock()).toBe(0);

  // Give two back, then a Stripe order for them, replayed key.
  const first = rush.find((result) => result.status === 201)?.body.order;
  const second = rush.filter((result) => result.status === 201)[1]?.body.order;
  await owner.api.post(`${base}/orders/${first.id}/cancel`);
  await owner.api.post(`${base}/orders/${second.id}/cancel`);
  expect(await stock()).toBe(2);
  const [paidOrder, replay] = [
    await place(order("stripe", 1), "stripe-key-1"),
    await place(order("stripe", 1), "stripe-key-1"),
  ];
  expect(replay.body.order.id).toBe(paidOrder.body.order.id);
  const unpaid = await place(order("stripe", 1), "stripe-key-2");
  expect(await stock()).toBe(0);

  const paidSession = double.complete(await sessionOf(paidOrder.body.order.id));
  for (let index = 0; index < 3; index++) {
    expect(
      await postWebhook({
        type: "checkout.session.completed",
        account: connect.body.accountId,
        data: { object: paidSession },
      }),
    ).toBe(200);
  }
  const expired = double.expire(await sessionOf(unpaid.body.order.id));
  await postWebhook({ type: "checkout.session.expired", account: connect.body.accountId, data: { object: expired } });
  await postWebhook({ type: "checkout.session.expired", account: connect.body.accountId, data: { object: expired } });
  expect((await owner.api.get(`${base}/orders/${paidOrder.body.order.id}`)).body.status).toBe("paid");
  expect((await owner.api.get(`${base}/orders/${unpaid.body.order.id}`)).body.status).toBe("expired");
  expect(await stock()).toBe(1);
}, 60_000);

it("reaches sqld on streams kept open between requests, counted in /metrics (decision 051)", async () => {
  const response = await harness.app.request("/metrics", { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
  const text = await response.text();
  const requests = (stream: string) =>
    Number(new RegExp(`^stall_db_stream_requests_total\\{stream="${stream}"\\} (\\d+)$`, "m").exec(text)?.[1]);
  // The flow above made hundreds of requests. New streams: the rush of 40 buyers at once, and each batch
  // refused for want of stock (its stream is closed, not kept). The client's own: the webhooks'
  // transactions.
  expect(requests("new")).toBeGreaterThan(0);
  expect(requests("own")).toBeGreaterThan(0);
  expect(requests("kept")).toBeGreaterThan(requests("new"));
  expect(text).toMatch(/^stall_db_streams_kept [1-9]/m);
});

async function sessionOf(orderId: string): Promise<string> {
  const { forShop } = await import("@stall/db");
  const { platform } = await import("@stall/db");
  for (const shop of (await platform(harness.database.db).shops.list({ limit: 100 })).items) {
    const found = await forShop(harness.database.db, shop.id).orders.get(orderId);
    if (found?.stripeCheckoutSessionId) return found.stripeCheckoutSessionId;
  }
  throw new Error(`no session for ${orderId}`);
}
