// Holiday mode: the owner pauses the shop with a message; buyers still browse (the snapshot carries the
// message), but new cart lines and new orders are refused with problem+json; orders already placed go on.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { client, ownerWithShop } from "./client.ts";
import { createHarness, type Harness, type Json } from "./harness.ts";

let harness: Harness;
beforeAll(async () => {
  harness = await createHarness();
});
afterAll(() => harness?.cleanup());

let keyCounter = 0;

/** A published shop taking pay-at-pickup orders, with honey (5 in stock). */
async function openShop() {
  const owner = await ownerWithShop(harness);
  const base = `/v1/shops/${owner.shopId}`;
  const honey = (await owner.api.post(`${base}/products`, { title: "Honey", variants: [{ price: 1200, stock: 5 }] }))
    .body;
  const pickup = (await owner.api.post(`${base}/pickup-points`, { name: "Market", address: "Town green" })).body;
  expect((await owner.api.post(`${base}/publish`)).status).toBe(200);
  const host = `${owner.shop.slug}.localhost`;
  const variantId = honey.variants[0].id as string;
  const order = (): Json => ({
    lines: [{ variantId, quantity: 1 }],
    buyer: { name: "Ana", email: "ana@example.test" },
    fulfilment: { type: "pickup", pickupPointId: pickup.id },
    paymentMethod: "pay_at_pickup",
  });
  const checkout = (key = `holiday-${++keyCounter}`) =>
    client(harness).post(`/v1/storefront/${host}/checkouts`, order(), { "idempotency-key": key });
  const stock = async () => (await owner.api.get(`${base}/products/${honey.id}`)).body.variants[0].stock as number;
  return { ...owner, base, host, variantId, checkout, stock };
}

describe("holiday mode", () => {
  it("refuses new orders and cart lines while paused, with the owner's message; orders already placed go on", async () => {
    const shop = await openShop();
    const before = await shop.checkout("holiday-before-pause");
    expect(before.status).toBe(201);

    const paused = await shop.api.patch(shop.base, { isPaused: true, pauseMessage: "Back on 12 January" });
    expect(paused.status).toBe(200);
    expect(paused.body).toMatchObject({ isPaused: true, pauseMessage: "Back on 12 January" });
    expect((await shop.api.get(shop.base)).body).toMatchObject({ isPaused: true, pauseMessage: "Back on 12 January" });

    const snapshot = await client(harness).get(`/v1/storefront/${shop.host}/snapshot`);
    expect(snapshot.status).toBe(200);
    expect(snapshot.body.shop).toMatchObject({ isPaused: true, pauseMessage: "Back on 12 January" });

    const stockBefore = await shop.stock();
    const refused = await shop.checkout();
    expect(refused.status).toBe(409);
    expect(refused.headers.get("content-type")).toMatch(/^application\/problem\+json/);
    expect(refused.body).toMatchObject({
      code: "shop_paused",
      title: "The shop is not taking orders just now",
      detail: "This shop is not taking orders just now: Back on 12 January",
      pauseMessage: "Back on 12 January",
    });
    expect(await shop.stock()).toBe(stockBefore);

    const cart = await client(harness).post(`/v1/storefront/${shop.host}/carts`);
    expect(cart.status).toBe(201);
    const add = await client(harness).post(`/v1/storefront/${shop.host}/carts/${cart.body.id}/lines`, {
      variantId: shop.variantId,
      quantity: 1,
    });
    expect(add.status).toBe(409);
    expect(add.body.code).toBe("shop_paused");

    // The order placed before the pause: its link still answers, and the owner can still move it on.
    const replay = await shop.checkout("holiday-before-pause");
    expect(replay.status).toBe(201);
    expect(replay.body.order.id).toBe(before.body.order.id);
    const orderId = before.body.order.id as string;
    const markedPaid = await shop.api.post(`${shop.base}/orders/${orderId}/mark-paid`);
    expect(markedPaid.status).toBe(200);
    expect(markedPaid.body.status).toBe("paid");

    const reopened = await shop.api.patch(shop.base, { isPaused: false });
    expect(reopened.body).toMatchObject({ isPaused: false, pauseMessage: "Back on 12 January" });
    expect((await shop.checkout()).status).toBe(201);
  });

  it("a pause without a message still says plainly that no orders are taken", async () => {
    const shop = await openShop();
    await shop.api.patch(shop.base, { isPaused: true });
    const refused = await shop.checkout();
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ code: "shop_paused", detail: "This shop is not taking orders just now" });
  });

  it("refuses a message that is too long, and changes nothing", async () => {
    const shop = await openShop();
    const response = await shop.api.patch(shop.base, { isPaused: true, pauseMessage: "x".repeat(201) });
    expect(response.status).toBe(422);
    expect(response.body.errors).toEqual([expect.objectContaining({ path: "pauseMessage" })]);
    expect((await shop.api.get(shop.base)).body.isPaused).toBe(false);
    expect((await shop.checkout()).status).toBe(201);
  });

  it("another shop's owner cannot pause this shop, and one shop's pause leaves the other taking orders", async () => {
    const a = await openShop();
    const b = await openShop();
    const across = await b.api.patch(a.base, { isPaused: true, pauseMessage: "Gone fishing" });
    expect(across.status).toBe(404);
    expect((await a.api.get(a.base)).body.isPaused).toBe(false);

    expect((await a.api.patch(a.base, { isPaused: true })).status).toBe(200);
    expect((await a.checkout()).status).toBe(409);
    expect((await b.checkout()).status).toBe(201);
  });

  it("a helper without the settings right cannot pause the shop", async () => {
    const owner = await openShop();
    const invite = await owner.api.post(`${owner.base}/invites`, { role: "helper", permissions: ["orders"] });
    const helper = await ownerWithShop(harness);
    expect((await helper.api.post("/v1/invites/accept", { token: invite.body.token })).status).toBe(200);
    const refused = await helper.api.patch(owner.base, { isPaused: true });
    expect(refused.status).toBe(403);
    expect((await owner.api.get(owner.base)).body.isPaused).toBe(false);
  });
});
