// The owner's order screens' API: filters and counts, paging, undo within the window (decision 018),
// part refunds of manual orders, and what a helper with the "orders" right may do.
import { type NotificationRow, platform } from "@stall/db";
import { UNDO_WINDOW_MS } from "@stall/domain";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { client, ownerWithShop } from "./client.ts";
import { createHarness, type Harness, type Json } from "./harness.ts";

let harness: Harness;
beforeAll(async () => {
  harness = await createHarness();
});
afterAll(() => harness?.cleanup());

type Shop = Awaited<ReturnType<typeof openShop>>;

async function openShop() {
  const owner = await ownerWithShop(harness);
  const base = `/v1/shops/${owner.shopId}`;
  const honey = (await owner.api.post(`${base}/products`, { title: "Honey", variants: [{ price: 1200, stock: 20 }] }))
    .body;
  const pickup = (await owner.api.post(`${base}/pickup-points`, { name: "Market", address: "Town green" })).body;
  await owner.api.patch(base, { paymentMethods: ["pay_at_pickup"] });
  await owner.api.post(`${base}/publish`);
  return { ...owner, base, host: `${owner.shop.slug}.localhost`, variantId: honey.variants[0].id as string, pickup };
}

let keys = 0;
async function place(shop: Shop, email = "ana@example.test", quantity = 1) {
  const response = await client(harness).post(
    `/v1/storefront/${shop.host}/checkouts`,
    {
      lines: [{ variantId: shop.variantId, quantity }],
      buyer: { name: "Ana", email },
      fulfilment: { type: "pickup", pickupPointId: shop.pickup.id },
      paymentMethod: "pay_at_pickup",
    },
    { "idempotency-key": `order-steps-${++keys}` },
  );
  expect(response.status, response.text).toBe(201);
  harness.clock.advance(1000);
  return response.body.order as Json;
}

async function mailTo(email: string, orderNumber: number): Promise<NotificationRow[]> {
  const rows = await platform(harness.database.db).notifications.listForRecipient(email);
  return rows.filter((row) => (row.payload as Json).orderNumber === orderNumber);
}

/** The buyer's "order update" emails of one kind (paid, ready, dispatched…). */
async function updates(email: string, orderNumber: number, kind: string) {
  return (await mailTo(email, orderNumber)).filter(
    (row) => row.template === "order_update" && (row.payload as Json).kind === kind,
  );
}

async function helperWith(shop: Shop, permissions: string[]) {
  const invite = await shop.api.post(`${shop.base}/invites`, { role: "helper", permissions });
  const helper = await ownerWithShop(harness);
  expect((await helper.api.post("/v1/invites/accept", { token: invite.body.token })).status).toBe(200);
  return helper;
}

describe("undo", () => {
  it("takes back a step within the window: status, paid time and payment go back; the held email is withdrawn", async () => {
    const shop = await openShop();
    const order = await place(shop, "undo1@example.test");
    const act = (action: string, body?: Json) => shop.api.post(`${shop.base}/orders/${order.id}/${action}`, body);
    const paid = await act("mark-paid");
    expect(paid.body).toMatchObject({ status: "paid", undo: { step: expect.any(String) } });
    expect(paid.body.paidAt).not.toBeNull();
    harness.clock.advance(1000);
    const ready = await act("mark-ready");
    expect(ready.body.undo.until).toBe(harness.clock.now() + UNDO_WINDOW_MS);
    const held = await updates("undo1@example.test", order.number, "ready");
    expect(held.map((row) => [row.status, row.nextAttemptAt])).toEqual([["pending", ready.body.undo.until]]);
    harness.clock.advance(5000);
    const undone = await act("undo", { step: ready.body.undo.step });
    expect(undone.status).toBe(200);
    expect(undone.body.status).toBe("paid");
    expect(undone.body.history.at(-1)).toMatchObject({ from: "ready", to: "paid", undone: true, actor: "member" });
    // The buyer is never told of the undone step.
    expect(await updates("undo1@example.test", order.number, "ready")).toEqual([]);
    // The undo itself cannot be undone, and the step before it is no longer the latest.
    expect(undone.body.undo).toBeNull();
    expect((await act("undo", { step: paid.body.undo.step })).status).toBe(409);
    // Taking the step again queues one email again.
    harness.clock.advance(1000);
    await act("mark-ready");
    const again = await updates("undo1@example.test", order.number, "ready");
    expect(again).toHaveLength(1);
  });

  it("undoing mark paid leaves the order unpaid, with its payment open again, and its receipt unsent", async () => {
    const shop = await openShop();
    const order = await place(shop, "receipt@example.test");
    const paid = await shop.api.post(`${shop.base}/orders/${order.id}/mark-paid`);
    expect((await updates("receipt@example.test", order.number, "paid")).map((row) => row.nextAttemptAt)).toEqual([
      paid.body.undo.until,
    ]);
    const undone = await shop.api.post(`${shop.base}/orders/${order.id}/undo`, { step: paid.body.undo.step });
    expect(undone.body).toMatchObject({ status: "awaiting_payment", paidAt: null, actions: ["mark_paid", "cancel"] });
    const { forShop } = await import("@stall/db");
    const [payment] = await forShop(harness.database.db, shop.shopId).orders.payments(order.id);
    expect(payment?.status).toBe("pending");
    expect(await updates("receipt@example.test", order.number, "paid")).toEqual([]);
    // Marked paid again (for real this time): one receipt.
    harness.clock.advance(1000);
    await shop.api.post(`${shop.base}/orders/${order.id}/mark-paid`);
    expect(await updates("receipt@example.test", order.number, "paid")).toHaveLength(1);
  });

  it("is refused once the window has closed, and the held email goes out then", async () => {
    const shop = await openShop();
    const order = await place(shop, "late@example.test");
    await shop.api.post(`${shop.base}/orders/${order.id}/mark-paid`);
    harness.clock.advance(1000);
    const ready = await shop.api.post(`${shop.base}/orders/${order.id}/mark-ready`);
    harness.clock.advance(UNDO_WINDOW_MS - 1);
    expect((await shop.api.get(`${shop.base}/orders/${order.id}`)).body.undo).toEqual(ready.body.undo);
    harness.clock.advance(1);
    expect((await shop.api.get(`${shop.base}/orders/${order.id}`)).body.undo).toBeNull();
    const late = await shop.api.post(`${shop.base}/orders/${order.id}/undo`, { step: ready.body.undo.step });
    expect(late.status).toBe(409);
    expect(late.headers.get("content-type")).toContain("application/problem+json");
    expect(late.body.detail).toContain("too late");
    const [mail] = await updates("late@example.test", order.number, "ready");
    expect(mail?.status).toBe("pending");
    expect(mail?.nextAttemptAt).toBeLessThanOrEqual(harness.clock.now());
    expect((await shop.api.get(`${shop.base}/orders/${order.id}`)).body.status).toBe("ready");
  });

  it("is refused after someone else's step, and only the person who took a step can undo it", async () => {
    const shop = await openShop();
    const helper = await helperWith(shop, ["orders"]);
    const order = await place(shop);
    const path = `${shop.base}/orders/${order.id}`;
    const paid = await shop.api.post(`${path}/mark-paid`);
    harness.clock.advance(1000);
    // The helper sees no undo of the owner's step and cannot take it back.
    expect((await helper.api.get(path)).body.undo).toBeNull();
    const theirs = await helper.api.post(`${path}/undo`, { step: paid.body.undo.step });
    expect(theirs.status).toBe(409);
    expect(theirs.body.detail).toContain("Only the person who took that step");
    // The helper's own step, then the owner's undo of the earlier one is refused.
    const ready = await helper.api.post(`${path}/mark-ready`);
    expect(ready.body.status).toBe("ready");
    const stale = await shop.api.post(`${path}/undo`, { step: paid.body.undo.step });
    expect(stale.status).toBe(409);
    expect(stale.body.detail).toContain("the order has changed since");
    expect((await shop.api.get(path)).body.status).toBe("ready");
  });

  it("without a step, or with a step that is no order's, answers problem+json", async () => {
    const shop = await openShop();
    const order = await place(shop);
    const missing = await shop.api.post(`${shop.base}/orders/${order.id}/undo`);
    expect(missing.status).toBe(422);
    expect(missing.body.errors.map((error: Json) => error.path)).toEqual(["step"]);
    expect((await shop.api.post(`${shop.base}/orders/${order.id}/undo`, { step: "oev_nope" })).status).toBe(409);
  });
});

describe("the orders list: what needs doing, counts and pages", () => {
  it("filters by stage, counts each stage with one call, and pages with a cursor", async () => {
    const shop = await openShop();
    const orders: Json[] = [];
    for (let index = 0; index < 5; index++) orders.push(await place(shop));
    const act = (order: Json, action: string) => shop.api.post(`${shop.base}/orders/${order.id}/${action}`);
    await act(orders[0] as Json, "cancel");
    await act(orders[1] as Json, "mark-paid");
    await act(orders[2] as Json, "mark-paid");
    await act(orders[2] as Json, "fulfil");
    const counts = await shop.api.get(`${shop.base}/orders/counts`);
    expect(counts.body).toEqual({
      needsAction: 3,
      stages: { to_pay: 2, to_hand_over: 1, done: 1, cancelled: 1 },
      all: 5,
    });
    const numbers = async (query: string) =>
      (await shop.api.get(`${shop.base}/orders?${query}`)).body.items.map((item: Json) => item.number);
    const n = (index: number) => (orders[index] as Json).number;
    expect(await numbers("stage=to_pay")).toEqual([n(4), n(3)]);
    expect(await numbers("stage=to_hand_over")).toEqual([n(1)]);
    expect(await numbers("stage=done")).toEqual([n(2)]);
    expect(await numbers("stage=cancelled")).toEqual([n(0)]);
    expect(await numbers("stage=needs_action")).toEqual([n(4), n(3), n(1)]);
    expect(await numbers("stage=other")).toEqual([n(2), n(0)]);
    const first = await shop.api.get(`${shop.base}/orders?limit=2`);
    expect(first.body.items.map((item: Json) => item.number)).toEqual([n(4), n(3)]);
    const second = await shop.api.get(`${shop.base}/orders?limit=2&cursor=${first.body.nextCursor}`);
    expect(second.body.items.map((item: Json) => item.number)).toEqual([n(2), n(1)]);
    const last = await shop.api.get(`${shop.base}/orders?limit=2&cursor=${second.body.nextCursor}`);
    expect(last.body).toMatchObject({ nextCursor: null, items: [{ number: n(0) }] });
    const bad = await shop.api.get(`${shop.base}/orders?stage=everything`);
    expect(bad.status).toBe(422);
    expect(bad.headers.get("content-type")).toContain("application/problem+json");
  });

  it("counts are the shop's own: another shop's orders never show", async () => {
    const shop = await openShop();
    const other = await openShop();
    await place(other);
    expect((await shop.api.get(`${shop.base}/orders/counts`)).body.all).toBe(0);
    expect((await other.api.get(`${shop.base}/orders/counts`)).status).toBe(404);
  });
});

describe("money back on a manual order", () => {
  it("refunds part, then the rest, recorded in minor units; amounts over what is left are refused", async () => {
    const shop = await openShop();
    const order = await place(shop, "refund@example.test", 2);
    const path = `${shop.base}/orders/${order.id}`;
    await shop.api.post(`${path}/mark-paid`);
    const tooMuch = await shop.api.post(`${path}/refund`, { amount: 2401 });
    expect(tooMuch.status).toBe(422);
    expect(tooMuch.headers.get("content-type")).toContain("application/problem+json");
    expect(tooMuch.body.errors).toEqual([{ path: "amount", message: "At most 2400" }]);
    expect((await shop.api.post(`${path}/refund`, { amount: 0 })).status).toBe(422);
    expect((await shop.api.post(`${path}/refund`, { amount: 12.5 })).status).toBe(422);
    // Found by the fuzzer: these refusals were missing from the document (the harness checks each answer
    // against it); they change nothing.
    const broken = await shop.api.call("POST", `${path}/refund`, '{"amount": 5', {
      "content-type": "application/json",
    });
    expect(broken.status).toBe(400);
    expect(broken.body.code).toBe("invalid_json");
    const huge = await shop.api.call("POST", `${path}/refund`, `[${"1,".repeat(600_000)}1]`);
    expect(huge.status).toBe(413);
    expect(huge.body.code).toBe("payload_too_large");
    const part = await shop.api.post(`${path}/refund`, { amount: 500 });
    expect(part.body).toMatchObject({ status: "paid", totals: { refunded: 500 } });
    expect((await shop.api.post(`${path}/refund`, { amount: 1901 })).body.errors).toEqual([
      { path: "amount", message: "At most 1900" },
    ]);
    const rest = await shop.api.post(`${path}/refund`, { amount: 1900 });
    expect(rest.body).toMatchObject({ status: "refunded", totals: { refunded: 2400 } });
    const stock = (await shop.api.get(`${shop.base}/products`)).body.items[0].variants[0].stock;
    expect(stock).toBe(20);
  });
});

describe("a helper with the orders right", () => {
  it("takes steps and undoes their own, but cannot change the shop's settings", async () => {
    const shop = await openShop();
    const helper = await helperWith(shop, ["orders"]);
    const order = await place(shop);
    const path = `${shop.base}/orders/${order.id}`;
    const paid = await helper.api.post(`${path}/mark-paid`);
    expect(paid.body.status).toBe("paid");
    expect((await helper.api.post(`${path}/undo`, { step: paid.body.undo.step })).body.status).toBe("awaiting_payment");
    expect((await helper.api.get(`${shop.base}/orders/counts`)).body.needsAction).toBe(1);
    expect((await helper.api.patch(shop.base, { name: "Taken over" })).status).toBe(403);
  });
});
