// Pods (decision 040) on two real sqld servers: a shop with products, photos and orders moves from home
// to pod2 and back while its storefront answers; writes during the move are refused cleanly; a failed
// move leaves it where it was; another shop never sees its rows.
import { createHash } from "node:crypto";
import { forShop, HOME_POD, movingTables, platform, podDirectory, podFenceRepository, schema } from "@stall/db";
import { createSqldTestDb, type TestDatabase } from "@stall/db/testing";
import { eq } from "drizzle-orm";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPods } from "../src/pods/pods.ts";
import { moveShop } from "../src/use-cases/pods/move-shop.ts";
import { client, ownerWithShop } from "./client.ts";
import { createHarness, type Harness, type Json } from "./harness.ts";

let home: TestDatabase;
let pod2: TestDatabase;
let harness: Harness;

beforeAll(async () => {
  [home, pod2] = await Promise.all([createSqldTestDb(), createSqldTestDb()]);
  harness = await createHarness({ database: home });
  harness.deps.pods = createPods(home, [{ name: "pod2", database: pod2 }], {
    refreshMs: () => harness.deps.config.caches.hostDirectoryRefreshMs,
    now: () => harness.clock.now(),
  });
}, 60_000);
afterAll(() => {
  harness?.cleanup();
  pod2?.cleanup();
});

const deps = () => ({ ...harness.deps, pods: harness.deps.pods as NonNullable<Harness["deps"]["pods"]> });

async function photo(colour: string): Promise<Uint8Array> {
  return new Uint8Array(
    await sharp({ create: { width: 640, height: 480, channels: 3, background: colour } })
      .jpeg()
      .toBuffer(),
  );
}

type Shop = Awaited<ReturnType<typeof openShop>>;

/** A published shop with two photographed products, a page and three orders (one of them paid). */
async function openShop(colour: string) {
  const owner = await ownerWithShop(harness);
  const base = `/v1/shops/${owner.shopId}`;
  const mediaIds: string[] = [];
  for (const shade of [colour, "#123456"]) {
    const form = new FormData();
    form.append("file", new File([await photo(shade)], "photo.jpg", { type: "image/jpeg" }));
    const uploaded = await harness.app.request(`${base}/media`, {
      method: "POST",
      headers: { authorization: `Bearer ${owner.token}` },
      body: form,
    });
    expect(uploaded.status).toBe(201);
    mediaIds.push(((await uploaded.json()) as Json).id);
  }
  const honey = (
    await owner.api.post(`${base}/products`, {
      title: "Honey",
      variants: [{ price: 1200, stock: 20 }],
      mediaIds: [mediaIds[0]],
    })
  ).body;
  const jam = (
    await owner.api.post(`${base}/products`, { title: "Jam", variants: [{ price: 500, stock: 9 }], mediaIds })
  ).body;
  const pickup = (await owner.api.post(`${base}/pickup-points`, { name: "Market", address: "Green" })).body;
  expect((await owner.api.post(`${base}/pages`, { title: "About us", body: "Bees." })).status).toBe(201);
  expect((await owner.api.post(`${base}/publish`)).status).toBe(200);
  const host = `${owner.shop.slug}.localhost`;
  const orderBody = (variantId: string, quantity: number) => ({
    lines: [{ variantId, quantity }],
    buyer: { name: "Ana", email: "ana@example.test" },
    fulfilment: { type: "pickup", pickupPointId: pickup.id },
    paymentMethod: "pay_at_pickup",
  });
  const orders: Json[] = [];
  for (const [index, [variant, quantity]] of [
    [honey.variants[0].id, 2],
    [jam.variants[0].id, 1],
    [honey.variants[0].id, 1],
  ].entries()) {
    const placed = await client(harness).post(`/v1/storefront/${host}/checkouts`, orderBody(variant, quantity), {
      "idempotency-key": `${owner.shopId}-${index}`,
    });
    expect(placed.status).toBe(201);
    orders.push(placed.body.order);
  }
  expect((await owner.api.post(`${base}/orders/${orders[0]?.id}/mark-paid`)).status).toBe(200);
  return { ...owner, base, host, honey, jam, orders, orderBody };
}

/** Everything a shopper and the owner can see of a shop, with the bytes of every photo. */
async function everything(shop: Shop) {
  const snapshot = await client(harness).get(`/v1/storefront/${shop.host}/snapshot`);
  expect(snapshot.status).toBe(200);
  const { version: _version, ...published } = snapshot.body;
  const orderPages = await Promise.all(
    shop.orders.map((order) =>
      client(harness).get(`/v1/storefront/${shop.host}/orders/${order.id}?token=${order.token}`),
    ),
  );
  const photoUrls = [
    ...new Set(
      JSON.stringify(snapshot.body)
        .match(/http:\/\/localhost:8787\/media\/[0-9a-f/]+\.(?:webp|jpg|avif)/g)
        ?.map((url) => url.slice("http://localhost:8787".length)),
    ),
  ].sort();
  const photoBytes: Record<string, string> = {};
  for (const url of photoUrls) {
    const response = await harness.app.request(url);
    expect(response.status).toBe(200);
    photoBytes[url] = createHash("sha256")
      .update(new Uint8Array(await response.arrayBuffer()))
      .digest("hex");
  }
  const shareCards = await Promise.all(
    [shop.honey.slug, shop.jam.slug].map(
      async (slug) => (await harness.app.request(`/v1/storefront/${shop.host}/products/${slug}/share.jpg`)).status,
    ),
  );
  const ownerOrders = await shop.api.get(`${shop.base}/orders`);
  const ownerShop = await shop.api.get(shop.base);
  return {
    published,
    orderPages: orderPages.map((page) => ({ status: page.status, body: page.body })),
    photoBytes,
    shareCards,
    ownerOrders: ownerOrders.body,
    counters: { storageUsedBytes: ownerShop.body.storageUsedBytes },
  };
}

/** The shop's rows per moving table in one database. */
async function rowsIn(database: TestDatabase, shopId: string): Promise<number> {
  let total = 0;
  for (const table of await movingTables(database.db)) {
    const result = await database.client.execute({
      sql: `SELECT count(*) AS n FROM "${table.name}" WHERE shop_id = ?`,
      args: [shopId],
    });
    total += Number(result.rows[0]?.n ?? 0);
  }
  return total;
}

describe("moving a shop between pods", () => {
  let moved: Shop;
  let neighbour: Shop;
  let before: Awaited<ReturnType<typeof everything>>;
  let neighbourBefore: Awaited<ReturnType<typeof everything>>;

  beforeAll(async () => {
    moved = await openShop("#c0ffee");
    neighbour = await openShop("#abcdef");
    before = await everything(moved);
    neighbourBefore = await everything(neighbour);
  }, 60_000);

  it("keeps every order, photo and URL, refuses writes during the move, and logs it", async () => {
    const homeRows = await rowsIn(home, moved.shopId);
    expect(homeRows).toBeGreaterThan(20);
    expect(await rowsIn(pod2, moved.shopId)).toBe(0);
    const during: Record<string, { reads: Awaited<ReturnType<typeof everything>>; writes: number[] }> = {};

    const report = await moveShop(deps(), {
      shop: moved.shop.slug,
      to: "pod2",
      by: "ops@example.test",
      settleMs: 0,
      batchRows: 7,
      onStep: async (step) => {
        if (step === "flipped") return;
        // Read-only: the owner's edit, a shopper's order and a cart are refused, and the reason is plain.
        const edit = await moved.api.patch(`${moved.base}/products/${moved.honey.id}`, { title: "Changed" });
        const order = await client(harness).post(
          `/v1/storefront/${moved.host}/checkouts`,
          moved.orderBody(moved.honey.variants[0].id, 1),
          { "idempotency-key": `during-${step}` },
        );
        for (const refused of [edit, order]) {
          expect(refused.headers.get("content-type")).toMatch(/^application\/problem\+json/);
          expect(refused.headers.get("retry-after")).toBe("5");
          expect(refused.body.detail).toMatch(/moving to another database/);
        }
        // Even a write that skips the API's check is refused by the database, whole.
        await expect(forShop(home.db, moved.shopId).products.delete(moved.jam.id, Date.now())).rejects.toThrow(
          /stall_shop_moving/,
        );
        during[step] = { reads: await everything(moved), writes: [edit.status, order.status] };
      },
    });

    expect(Object.keys(during)).toEqual(["fenced", "copied"]);
    for (const { reads, writes } of Object.values(during)) {
      expect(writes).toEqual([503, 503]);
      expect(reads).toEqual(before);
    }
    expect(report).toMatchObject({ shopId: moved.shopId, from: HOME_POD, to: "pod2", totalRows: homeRows });
    expect(report.rows.orders).toBe(3);
    expect(report.rows.media).toBe(2);

    // Everything answers the same from pod2; nothing of the shop is left on home.
    expect(await everything(moved)).toEqual(before);
    expect(await rowsIn(pod2, moved.shopId)).toBe(homeRows);
    expect(await rowsIn(home, moved.shopId)).toBe(0);
    expect(await podDirectory(home.db).find(moved.shopId)).toMatchObject({ pod: "pod2", state: "placed" });

    // The audit log says who moved what, where, and how many rows.
    const trail = (await platform(home.db).audit.listForShop(moved.shopId, { limit: 50 })).items;
    const entry = trail.find((row) => row.action === "shop.moved");
    expect(entry).toMatchObject({
      actorRole: "operator",
      targetId: moved.shopId,
      data: { by: "ops@example.test", from: "home", to: "pod2", totalRows: homeRows },
    });
  }, 120_000);

  it("writes after the move land on pod2, never on home, and the storefront sees them", async () => {
    const edited = await moved.api.patch(`${moved.base}/products/${moved.honey.id}`, { title: "Wildflower honey" });
    expect(edited.status).toBe(200);
    const order = await client(harness).post(
      `/v1/storefront/${moved.host}/checkouts`,
      moved.orderBody(moved.jam.variants[0].id, 2),
      { "idempotency-key": "after-move" },
    );
    expect(order.status).toBe(201);
    // Order numbers go on from where home left them.
    expect(order.body.order.number).toBe(Math.max(...moved.orders.map((placed) => placed.number)) + 1);
    expect((await forShop(pod2.db, moved.shopId).products.get(moved.honey.id))?.title).toBe("Wildflower honey");
    expect(await forShop(pod2.db, moved.shopId).orders.get(order.body.order.id)).toBeDefined();
    expect(await forShop(home.db, moved.shopId).orders.get(order.body.order.id)).toBeUndefined();
    expect(await rowsIn(home, moved.shopId)).toBe(0);
    const snapshot = await client(harness).get(`/v1/storefront/${moved.host}/snapshot`);
    expect(JSON.stringify(snapshot.body)).toContain("Wildflower honey");
    // A stray write to home for the shop that left is refused by the fence there.
    await expect(
      forShop(home.db, moved.shopId).pages.create(
        { id: "page_stray", title: "Stray", slug: "stray", body: "", createdAt: 1, updatedAt: 1 } as never,
        Date.now(),
      ),
    ).rejects.toThrow(/stall_shop_moving/);
  });

  it("leaves the neighbour on home untouched, and it cannot reach the moved shop's rows", async () => {
    expect(await everything(neighbour)).toEqual(neighbourBefore);
    expect(await rowsIn(pod2, neighbour.shopId)).toBe(0);
    expect(await forShop(pod2.db, neighbour.shopId).orders.get(moved.orders[0]?.id)).toBeUndefined();
    // Through the API: the neighbour's owner gets 404 for the moved shop, and its own shop stays writable.
    expect((await neighbour.api.get(`${moved.base}/orders`)).status).toBe(404);
    expect((await neighbour.api.get(`${neighbour.base}/orders/${moved.orders[0]?.id}`)).status).toBe(404);
    const stranger = await client(harness).get(
      `/v1/storefront/${neighbour.host}/orders/${moved.orders[0]?.id}?token=${moved.orders[0]?.token}`,
    );
    expect(stranger.status).toBe(404);
    expect(
      (await neighbour.api.patch(`${neighbour.base}/products/${neighbour.jam.id}`, { title: "Plum" })).status,
    ).toBe(200);
  });

  it("a failed move leaves the shop on its pod, writable, and the target without its rows", async () => {
    // An id already taken on home (a page of the neighbour's with the moved shop's page id) fails the copy halfway.
    const [page] = await pod2.db.select().from(schema.pages).where(eq(schema.pages.shopId, moved.shopId));
    if (!page) throw new Error("the moved shop has a page");
    await home.db.insert(schema.pages).values({ ...page, shopId: neighbour.shopId, slug: "taken" });
    const podRows = await rowsIn(pod2, moved.shopId);

    await expect(
      moveShop(deps(), { shop: moved.shopId, to: HOME_POD, by: "ops@example.test", settleMs: 0, batchRows: 3 }),
    ).rejects.toThrow(/UNIQUE|constraint/i);

    expect(await podDirectory(home.db).find(moved.shopId)).toMatchObject({ pod: "pod2", state: "placed" });
    expect(await podFenceRepository(pod2.db).get(moved.shopId)).toBeUndefined();
    expect(await podFenceRepository(home.db).get(moved.shopId)).toBe("gone");
    expect(await rowsIn(home, moved.shopId)).toBe(0);
    expect(await rowsIn(pod2, moved.shopId)).toBe(podRows);
    const edit = await moved.api.patch(`${moved.base}/products/${moved.jam.id}`, { title: "Plum jam" });
    expect(edit.status).toBe(200);
    const trail = (await platform(home.db).audit.listForShop(moved.shopId, { limit: 50 })).items;
    expect(trail.find((row) => row.action === "shop.move_failed")?.data).toMatchObject({ from: "pod2", to: "home" });

    // With the clash gone it moves back home, whole.
    await home.db.delete(schema.pages).where(eq(schema.pages.id, page.id));
    const now = await everything(moved);
    const back = await moveShop(deps(), { shop: moved.shopId, to: HOME_POD, by: "ops@example.test", settleMs: 0 });
    expect(back).toMatchObject({ from: "pod2", to: HOME_POD, totalRows: podRows });
    const after = await everything(moved);
    expect(after).toEqual(now);
    expect(await rowsIn(pod2, moved.shopId)).toBe(0);
    expect(await rowsIn(home, moved.shopId)).toBe(podRows);
    expect((await pod2.db.select().from(schema.shops).where(eq(schema.shops.id, moved.shopId))).length).toBe(0);
    const order = await client(harness).post(
      `/v1/storefront/${moved.host}/checkouts`,
      moved.orderBody(moved.jam.variants[0].id, 1),
      { "idempotency-key": "back-home" },
    );
    expect(order.status).toBe(201);
    expect(await forShop(home.db, moved.shopId).orders.get(order.body.order.id)).toBeDefined();
  }, 120_000);
});

it("every shop table carries the three fence triggers", async () => {
  const triggers = await home.client.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'");
  const names = new Set(triggers.rows.map((row) => String(row.name)));
  const tables = await movingTables(home.db);
  expect(tables.length).toBeGreaterThan(20);
  for (const table of tables) {
    for (const operation of ["insert", "update", "delete"]) {
      expect(names.has(`${table.name}_pod_fence_${operation}`), `${table.name} ${operation}`).toBe(true);
    }
  }
});
