// What checkout holds in memory per shop (decision 043): an owner's edit is used by the very next order,
// what does not move the shop's version is read again within a second (the variants read stay while the
// version does), a replay is answered from the order it placed whatever changed since, another shop's ids
// price nothing, and the cache keeps its budget.

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_CONFIG } from "../src/deps.ts";
import { CONTEXT_TTL_MS } from "../src/use-cases/checkout/checkout-context.ts";
import { client, ownerWithShop } from "./client.ts";
import { createHarness, type Harness } from "./harness.ts";

const TOKEN = "metrics-token-for-the-checkout-context-tests-0123456789";
let harness: Harness;

beforeAll(async () => {
  harness = await createHarness({ config: { metricsToken: TOKEN } });
});
afterAll(() => harness?.cleanup());

/** A published shop taking pay-at-pickup, with jam (stock 10) and a pickup point. */
async function openShop(on: Harness = harness) {
  const owner = await ownerWithShop(on);
  const base = `/v1/shops/${owner.shopId}`;
  const jam = (await owner.api.post(`${base}/products`, { title: "Jam", variants: [{ price: 400, stock: 10 }] })).body;
  const pickup = (await owner.api.post(`${base}/pickup-points`, { name: "Market", address: "Town green" })).body;
  await owner.api.patch(base, { paymentMethods: ["pay_at_pickup"] });
  await owner.api.post(`${base}/publish`);
  return {
    ...owner,
    base,
    jam,
    pickup,
    host: `${owner.shop.slug}.localhost`,
    jamVariant: jam.variants[0].id as string,
  };
}
type Shop = Awaited<ReturnType<typeof openShop>>;

let keys = 0;
function order(shop: Shop, options: { quantity?: number; key?: string; variantId?: string; on?: Harness } = {}) {
  return client(options.on ?? harness).post(
    `/v1/storefront/${shop.host}/checkouts`,
    {
      lines: [{ variantId: options.variantId ?? shop.jamVariant, quantity: options.quantity ?? 1 }],
      buyer: { name: "Ana", email: "ana@example.test" },
      fulfilment: { type: "pickup", pickupPointId: shop.pickup.id },
      paymentMethod: "pay_at_pickup",
    },
    { "idempotency-key": options.key ?? `context-${++keys}-${Date.now()}` },
  );
}

async function ownerEmailsOf(shop: Shop): Promise<string[]> {
  const rows = await harness.database.client.execute({
    sql: "SELECT recipient FROM notifications WHERE shop_id = ? AND template = 'owner_new_order' ORDER BY created_at, id",
    args: [shop.shopId],
  });
  return rows.rows.map((row) => String(row[0]));
}

describe("checkout's reads held per shop", () => {
  it("uses an owner's edit on the very next order: a new price, tax, a pickup place closed", async () => {
    const shop = await openShop();
    expect((await order(shop)).body.order.totals.total).toBe(400);
    const edited = await shop.api.patch(`${shop.base}/products/${shop.jam.id}`, {
      variants: [{ id: shop.jamVariant, optionValues: [], price: 450 }],
    });
    expect(edited.status).toBe(200);
    expect((await order(shop)).body.order.totals.total).toBe(450);
    expect((await shop.api.put(`${shop.base}/tax`, { mode: "added", rate: 1000 })).status).toBe(200);
    expect((await order(shop)).body.order.totals).toMatchObject({ subtotal: 450, tax: 45, total: 495 });
    await shop.api.patch(`${shop.base}/pickup-points/${shop.pickup.id}`, { isActive: false });
    const refused = await order(shop);
    expect(refused.status).toBe(422);
    expect(refused.body.errors).toEqual([{ path: "fulfilment.pickupPointId", message: "Choose another place" }]);
  });

  it("sees what does not move the version (the owner's address) within a second", async () => {
    const shop = await openShop();
    expect((await order(shop)).status).toBe(201);
    // Changed straight in the database, as another process would: nothing here is told.
    const moved = `moved-${Date.now()}@example.test`;
    await harness.database.client.execute({
      sql: "UPDATE users SET email = ? WHERE email = ?",
      args: [moved, shop.email],
    });
    expect((await order(shop)).status).toBe(201);
    harness.clock.advance(CONTEXT_TTL_MS);
    expect((await order(shop)).status).toBe(201);
    const emails = await ownerEmailsOf(shop);
    expect(emails).toHaveLength(3);
    // The first order and the last are certain; the middle one, inside the second, may use either address.
    expect(emails[0]).toBe(shop.email);
    expect(emails[2]).toBe(moved);
  });

  it("keeps the variants read across the refresh while the version stands, and drops them when it moves", async () => {
    const shop = await openShop();
    expect((await order(shop)).body.order.totals.total).toBe(400);
    // A price written behind the API's back moves no version: the variant held is what this shop's
    // version says it costs, through the once-a-second refresh of the plan and the owner.
    await harness.database.client.execute({
      sql: "UPDATE product_variants SET price_amount = 999 WHERE id = ?",
      args: [shop.jamVariant],
    });
    harness.clock.advance(CONTEXT_TTL_MS);
    expect((await order(shop)).body.order.totals.total).toBe(400);
    // Any edit that moves the version (here the title) makes the next order read the variant again.
    await shop.api.patch(`${shop.base}/products/${shop.jam.id}`, { title: "Plum jam" });
    const after = await order(shop);
    expect(after.body.order.totals.total).toBe(999);
  });

  it("answers a replay with the order it placed, after a price change, the last unit sold, or a pause", async () => {
    const shop = await openShop();
    const first = await order(shop, { key: "replay-key-0001", quantity: 2 });
    expect(first.status).toBe(201);
    await shop.api.patch(`${shop.base}/products/${shop.jam.id}`, {
      variants: [{ id: shop.jamVariant, optionValues: [], price: 999 }],
    });
    expect((await order(shop, { quantity: 8 })).status).toBe(201);
    await shop.api.patch(shop.base, { isPaused: true, pauseMessage: "Away until Monday" });
    for (let attempt = 0; attempt < 3; attempt++) {
      const again = await order(shop, { key: "replay-key-0001", quantity: 2 });
      expect(again.status).toBe(201);
      expect(again.body.order).toMatchObject({ id: first.body.order.id, number: first.body.order.number });
      expect(again.body.order.totals.total).toBe(800);
    }
    // A new key is refused for the pause, and the same key with another body for the key.
    expect((await order(shop)).status).toBe(409);
    const other = await order(shop, { key: "replay-key-0001", quantity: 1 });
    expect(other.status).toBe(409);
    expect(other.body.code).toBe("idempotency_conflict");
    const stock = (await shop.api.get(`${shop.base}/products/${shop.jam.id}`)).body.variants[0].stock;
    expect(stock).toBe(0);
  });

  it("prices nothing of another shop: its variant is refused even while this shop's are held", async () => {
    const a = await openShop();
    const b = await openShop();
    expect((await order(a)).status).toBe(201);
    expect((await order(b)).status).toBe(201);
    const foreign = await order(b, { variantId: a.jamVariant });
    expect(foreign.status).toBe(422);
    expect(foreign.body.errors).toEqual([{ path: "lines.0.variantId", message: "This item is no longer sold here" }]);
    const stockOf = async (shop: Shop) =>
      (await shop.api.get(`${shop.base}/products/${shop.jam.id}`)).body.variants[0].stock as number;
    expect([await stockOf(a), await stockOf(b)]).toEqual([9, 9]);
  });

  it("stays inside a small budget, counted in /metrics, and orders stay right", async () => {
    const small = await createHarness({
      config: { metricsToken: TOKEN, caches: { ...DEFAULT_CONFIG.caches, checkoutContextBytes: 8000 } },
    });
    try {
      const shops: Shop[] = [];
      for (let index = 0; index < 4; index++) shops.push(await openShop(small));
      for (const shop of shops) {
        const placed = await order(shop, { on: small, quantity: 2 });
        expect(placed.status).toBe(201);
        expect(placed.body.order.totals.total).toBe(800);
      }
      const text = await (
        await small.app.request("/metrics", { headers: { authorization: `Bearer ${TOKEN}` } })
      ).text();
      const figure = (name: string) =>
        Number(new RegExp(`^${name}\\{cache="checkout_context"\\} (\\S+)$`, "m").exec(text)?.[1]);
      expect(figure("stall_cache_budget_bytes")).toBe(8000);
      expect(figure("stall_cache_bytes")).toBeGreaterThan(0);
      expect(figure("stall_cache_bytes")).toBeLessThanOrEqual(8000);
      expect(figure("stall_cache_entries")).toBeLessThan(4);
    } finally {
      small.cleanup();
    }
  });
});
