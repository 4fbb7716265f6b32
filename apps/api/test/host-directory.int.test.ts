// The host directory (decision 036): storefront host -> shop held in memory, right on the next request after
// this process's own writes, and right after the refresh interval for writes by another process (here a second
// connection to the same database file, writing directly as another API process or a script would).
import { createDb, type Database, platform, purgeShop } from "@stall/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_CONFIG } from "../src/deps.ts";
import { ownerWithShop } from "./client.ts";
import { createHarness, type Harness, type Json } from "./harness.ts";

const REFRESH_MS = 60_000;
const TOKEN = "metrics-token-for-tests-0123456789abcdef";

let harness: Harness;
/** Another process's connection to the same file. */
let other: Database;

beforeAll(async () => {
  harness = await createHarness({
    config: { metricsToken: TOKEN, caches: { ...DEFAULT_CONFIG.caches, hostDirectoryRefreshMs: REFRESH_MS } },
  });
  other = await createDb(harness.database.url);
});
afterAll(() => {
  other?.close();
  harness?.cleanup();
});

async function snapshot(host: string) {
  const response = await harness.app.request(`/v1/storefront/${host}/snapshot`);
  const text = await response.text();
  return { status: response.status, etag: response.headers.get("etag") ?? "", body: JSON.parse(text) as Json };
}

async function publishedShop() {
  const owner = await ownerWithShop(harness);
  const base = `/v1/shops/${owner.shopId}`;
  await owner.api.post(`${base}/products`, { title: "Honey", variants: [{ price: 900, stock: 5 }] });
  await owner.api.post(`${base}/publish`);
  const host = `${owner.shop.slug}.localhost`;
  // Seen once, so the directory holds it.
  expect((await snapshot(host)).status).toBe(200);
  return { ...owner, base, host };
}

async function metric(name: string, cache: string): Promise<number> {
  const response = await harness.app.request("/metrics", { headers: { authorization: `Bearer ${TOKEN}` } });
  const match = new RegExp(`^${name}\\{cache="${cache}"\\} (\\S+)$`, "m").exec(await response.text());
  if (!match) throw new Error(`no ${name}{cache="${cache}"} in /metrics`);
  return Number(match[1]);
}

/** Hosts the directory holds now. */
const heldHosts = () => metric("stall_cache_entries", "host_directory");

/** Lets the refresh interval pass on the app's clock. */
const intervalPasses = () => harness.clock.advance(REFRESH_MS);

describe("the host directory", () => {
  it("shows an owner's edit made through this process on the very next request", async () => {
    const shop = await publishedShop();
    await shop.api.patch(shop.base, { tagline: "Fresh this morning" });
    const after = await snapshot(shop.host);
    expect(after.body.shop.tagline).toBe("Fresh this morning");
    await shop.api.post(`${shop.base}/unpublish`);
    expect((await snapshot(shop.host)).status).toBe(404);
  });

  it("serves what it holds until the interval, then shows another process's edit", async () => {
    const shop = await publishedShop();
    const before = await snapshot(shop.host);
    await platform(other.db).shops.updateSettings(shop.shopId, { tagline: "Written elsewhere" }, Date.now());
    // Not read again per request: the held answer stands until the interval is up.
    const held = await snapshot(shop.host);
    expect(held.etag).toBe(before.etag);
    expect(held.body.shop.tagline).not.toBe("Written elsewhere");
    intervalPasses();
    const after = await snapshot(shop.host);
    expect(after.etag).not.toBe(before.etag);
    expect(after.body.shop.tagline).toBe("Written elsewhere");
  });

  it("a shop suspended, unpublished, put up for deletion or purged elsewhere shows so after the interval", async () => {
    const suspended = await publishedShop();
    const unpublished = await publishedShop();
    const closing = await publishedShop();
    const purged = await publishedShop();
    const elsewhere = platform(other.db);
    const now = Date.now();
    await other.db.run(
      elsewhere.shops.setStatusStatement(suspended.shopId, { status: "suspended", reason: "test" }, now).getSQL(),
    );
    await elsewhere.shops.setPublished(unpublished.shopId, false, now);
    await elsewhere.deletions.schedule(closing.shopId, { dueAt: now + 14 * 86_400_000, requestedBy: "test", now });
    await elsewhere.deletions.schedule(purged.shopId, { dueAt: now, requestedBy: "test", now });
    expect((await purgeShop(other.db, purged.shopId, now)).deleted.shops).toBe(1);
    intervalPasses();
    expect((await snapshot(suspended.host)).etag).toMatch(/\.suspended"$/);
    expect((await snapshot(unpublished.host)).status).toBe(404);
    expect((await snapshot(closing.host)).etag).toMatch(/\.closed"$/);
    expect((await snapshot(purged.host)).status).toBe(404);
  });

  it("a custom domain verified elsewhere, and a new address, answer after the interval; an unknown host stays 404", async () => {
    const shop = await publishedShop();
    const domain = "honey-from-elsewhere.example.com";
    // Unknown hosts are held too (as unknown).
    expect((await snapshot(domain)).status).toBe(404);
    await platform(other.db).domains.add({
      id: `dom_${shop.shopId}`,
      shopId: shop.shopId,
      hostname: domain,
      verificationToken: "token",
      verifiedAt: Date.now(),
      createdAt: Date.now(),
    });
    await other.client.execute({
      sql: "UPDATE shops SET slug = ?, version = version + 1 WHERE id = ?",
      args: [`${shop.shop.slug}-moved`, shop.shopId],
    });
    intervalPasses();
    expect((await snapshot(domain)).status).toBe(200);
    expect((await snapshot(`${shop.shop.slug}-moved.localhost`)).status).toBe(200);
    expect((await snapshot(shop.host)).status).toBe(404);
    expect((await snapshot("still-nobody.example.com")).status).toBe(404);
  });

  it("an order in one shop drops that shop only: the others stay held", async () => {
    const a = await publishedShop();
    const b = await publishedShop();
    const aBefore = (await snapshot(a.host)).etag;
    const since = (await platform(harness.database.db).shops.directoryChangesSince(undefined)).latest;
    const held = await heldHosts();
    // A change that moves its shop's version (an order leaving 3 or fewer, say), from another process here.
    await other.client.execute({
      sql: "UPDATE shops SET next_order_number = next_order_number + 1, last_order_at = ?, version = version + 1 WHERE id = ?",
      args: [Date.now(), a.shopId],
    });
    expect(await platform(harness.database.db).shops.directoryChangesSince(since)).toEqual({
      latest: since + 1,
      shopIds: [a.shopId],
    });
    intervalPasses();
    const bAfter = await snapshot(b.host);
    expect(bAfter.status).toBe(200);
    // A's host went; B's answer came from memory.
    expect(await heldHosts()).toBe(held - 1);
    const aAfter = await snapshot(a.host);
    expect(aAfter.etag).not.toBe(aBefore);
    expect(await heldHosts()).toBe(held);
  });
});

/** A published shop with honey and a pickup point, taking pay-at-pickup orders. */
async function shopTakingOrders(stock = 50) {
  const shop = await publishedShop();
  const honey = (await shop.api.post(`${shop.base}/products`, { title: "Honey", variants: [{ price: 1200, stock }] }))
    .body;
  const pickup = (await shop.api.post(`${shop.base}/pickup-points`, { name: "Market", address: "Town green" })).body;
  await shop.api.patch(shop.base, { paymentMethods: ["pay_at_pickup"] });
  return { ...shop, variantId: honey.variants[0].id as string, pickupId: pickup.id as string };
}

let orderKeys = 0;
function placeOrder(shop: Awaited<ReturnType<typeof shopTakingOrders>>, variantId = shop.variantId) {
  return harness.app.request(`/v1/storefront/${shop.host}/checkouts`, {
    method: "POST",
    headers: { "content-type": "application/json", "idempotency-key": `held-row-${++orderKeys}` },
    body: JSON.stringify({
      lines: [{ variantId, quantity: 1 }],
      buyer: { name: "Ana", email: "ana@example.test" },
      fulfilment: { type: "pickup", pickupPointId: shop.pickupId },
      paymentMethod: "pay_at_pickup",
    }),
  });
}

/** Whole shop rows held for buyers' requests now. */
const heldRows = () => metric("stall_cache_entries", "shop_rows");

describe("buyers' checkouts take the shop's row from the directory (decision 048)", () => {
  it("twenty orders at once all use one held row; each shop's orders land in that shop only", async () => {
    const a = await shopTakingOrders();
    const b = await shopTakingOrders();
    intervalPasses();
    const answers = await Promise.all(Array.from({ length: 20 }, (_, index) => placeOrder(index % 2 === 0 ? a : b)));
    expect(answers.map((answer) => answer.status)).toEqual(Array(20).fill(201));
    const numbers = async (shop: typeof a) =>
      ((await shop.api.get(`${shop.base}/orders?limit=50`)).body.items as { number: number }[])
        .map((order) => order.number)
        .sort();
    expect(await numbers(a)).toEqual([1001, 1002, 1003, 1004, 1005, 1006, 1007, 1008, 1009, 1010]);
    expect(await numbers(b)).toEqual([1001, 1002, 1003, 1004, 1005, 1006, 1007, 1008, 1009, 1010]);
    expect(await heldRows()).toBeGreaterThanOrEqual(2);
    // A's size ordered on B's address is not B's: refused, nothing written in either shop.
    const crossed = await placeOrder(b, a.variantId);
    expect(crossed.status).toBe(422);
    expect(await numbers(b)).toHaveLength(10);
    expect(await numbers(a)).toHaveLength(10);
  });

  it("another process's suspension stops orders once the interval is up; this process's own edit at once", async () => {
    const shop = await shopTakingOrders();
    expect((await placeOrder(shop)).status).toBe(201);
    const elsewhere = platform(other.db);
    await other.db.run(
      elsewhere.shops.setStatusStatement(shop.shopId, { status: "suspended", reason: "test" }, Date.now()).getSQL(),
    );
    // Within the interval this process still holds the shop as open, as its pages do.
    expect((await placeOrder(shop)).status).toBe(201);
    intervalPasses();
    const refused = await placeOrder(shop);
    expect(refused.status).toBe(503);

    // The owner unpublishes through this process: the very next order is refused, without waiting.
    const mine = await shopTakingOrders();
    expect((await placeOrder(mine)).status).toBe(201);
    expect((await mine.api.post(`${mine.base}/unpublish`)).status).toBe(200);
    expect((await placeOrder(mine)).status).toBe(404);
  });
});

describe("cache figures in /metrics", () => {
  it("counts each cache's bytes, entries and budget, within the budget", async () => {
    const shop = await publishedShop();
    await snapshot(shop.host);
    const response = await harness.app.request("/metrics", { headers: { authorization: `Bearer ${TOKEN}` } });
    const text = await response.text();
    const figure = (name: string, cache: string) => {
      const match = new RegExp(`^${name}\\{cache="${cache}"\\} (\\S+)$`, "m").exec(text);
      if (!match) throw new Error(`no ${name}{cache="${cache}"} in /metrics`);
      return Number(match[1]);
    };
    for (const cache of ["snapshots", "host_directory"]) {
      expect(figure("stall_cache_entries", cache)).toBeGreaterThan(0);
      expect(figure("stall_cache_bytes", cache)).toBeGreaterThan(0);
      expect(figure("stall_cache_bytes", cache)).toBeLessThanOrEqual(figure("stall_cache_budget_bytes", cache));
    }
    expect(figure("stall_cache_budget_bytes", "snapshots")).toBe(DEFAULT_CONFIG.caches.snapshotBytes);
    for (const cache of ["share_images", "rate_cart_per_ip", "rate_checkout_per_shop"]) {
      expect(figure("stall_cache_budget_bytes", cache)).toBeGreaterThan(0);
    }
  });

  it("keeps a snapshot cache inside a small budget: old shops' snapshots go, answers stay right", async () => {
    const small = await createHarness({
      config: {
        metricsToken: TOKEN,
        caches: { ...DEFAULT_CONFIG.caches, snapshotBytes: 4096, hostDirectoryBytes: 2048 },
      },
    });
    try {
      const hosts: string[] = [];
      for (let index = 0; index < 3; index++) {
        const owner = await ownerWithShop(small);
        const base = `/v1/shops/${owner.shopId}`;
        await owner.api.post(`${base}/products`, { title: `Jar ${index}`, variants: [{ price: 500, stock: 1 }] });
        await owner.api.post(`${base}/publish`);
        hosts.push(`${owner.shop.slug}.localhost`);
      }
      for (const host of [...hosts, ...hosts]) {
        const response = await small.app.request(`/v1/storefront/${host}/snapshot`);
        expect(response.status).toBe(200);
        expect(((await response.json()) as Json).shop.url).toContain(host);
      }
      const scrape = await small.app.request("/metrics", { headers: { authorization: `Bearer ${TOKEN}` } });
      const text = await scrape.text();
      const bytes = Number(/^stall_cache_bytes\{cache="snapshots"\} (\S+)$/m.exec(text)?.[1]);
      expect(bytes).toBeLessThanOrEqual(4096);
    } finally {
      small.cleanup();
    }
  });
});
