// Closing and deleting a shop: the owner (or an operator) schedules it with the shop's name typed; buyers
// see the shop closed for 14 days while the owner can undo; then the purge job deletes every row of
// every shop table (listed from sqlite_master, not by hand) and every file only this shop used, on disk
// and on an S3-compatible store (s3rver on loopback), and the address is free again. Audit entries about
// the deletion outlive the shop. Of several purge runs at once, one purges each shop.
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { listShopTables, platform } from "@stall/db";
import { freePort } from "@stall/db/testing";
import { DELETION_GRACE_MS } from "@stall/domain";
import { sql } from "drizzle-orm";
import S3rver from "s3rver";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { MediaStore } from "../src/adapters/media-store.ts";
import { createS3MediaStore } from "../src/adapters/s3-media-store.ts";
import { purgeDueShops } from "../src/use-cases/shops/purge-due-shops.ts";
import { client, operator, ownerWithShop } from "./client.ts";
import { createHarness, type Harness, type Json } from "./harness.ts";
import { sidewaysPhotoWithGps } from "./images.ts";

let harness: Harness;
let s3: S3rver;
let s3Dir: string;
let s3Store: MediaStore;
let diskStore: MediaStore;
beforeAll(async () => {
  harness = await createHarness();
  diskStore = harness.deps.mediaStore;
  s3Dir = mkdtempSync(join(tmpdir(), "stall-s3-"));
  const port = await freePort();
  s3 = new S3rver({
    port,
    address: "127.0.0.1",
    silent: true,
    directory: s3Dir,
    configureBuckets: [{ name: "stall-media", configs: [] }],
  });
  await s3.run();
  s3Store = createS3MediaStore({
    endpoint: `http://127.0.0.1:${port}`,
    bucket: "stall-media",
    region: "us-east-1",
    accessKeyId: "S3RVER",
    secretAccessKey: "S3RVER",
  });
});
afterAll(async () => {
  harness.deps.mediaStore = diskStore;
  await s3?.close();
  rmSync(s3Dir, { recursive: true, force: true });
  harness?.cleanup();
});

type Owner = Awaited<ReturnType<typeof ownerWithShop>>;

async function uploadPhoto(owner: Owner, bytes: Buffer): Promise<Json> {
  const form = new FormData();
  form.append("file", new File([new Uint8Array(bytes)], "photo.jpg", { type: "image/jpeg" }));
  const response = await harness.app.request(`/v1/shops/${owner.shopId}/media`, {
    method: "POST",
    headers: { authorization: `Bearer ${owner.token}` },
    body: form,
  });
  expect([200, 201]).toContain(response.status);
  return (await response.json()) as Json;
}

const keysOf = (photo: Json): string[] =>
  (photo.renditions as Json[]).map((rendition) => new URL(rendition.url).pathname.replace(/^\/media\//, ""));

let counter = 0;
/** A published shop with something in every kind of table: catalogue, photos, orders, settings, team. */
async function filledShop(name: string, shared: Buffer) {
  counter += 1;
  const owner = await ownerWithShop(harness, { name });
  const base = `/v1/shops/${owner.shopId}`;
  const own = await uploadPhoto(owner, await sidewaysPhotoWithGps(600 + counter * 8, 400));
  const common = await uploadPhoto(owner, shared);
  const product = (
    await owner.api.post(`${base}/products`, {
      title: `${name} noodles`,
      options: [{ name: "Size", values: ["Small", "Large"] }],
      variants: [
        { optionValues: ["Small"], price: 1200, stock: 10 },
        { optionValues: ["Large"], price: 1800, stock: 5 },
      ],
      mediaIds: [own.id, common.id],
    })
  ).body;
  expect(product.id).toBeDefined();
  await owner.api.post(`${base}/collections`, { title: `${name} favourites`, productIds: [product.id] });
  await owner.api.post(`${base}/pages`, { title: `About ${name}`, body: "Hello." });
  const pickup = (await owner.api.post(`${base}/pickup-points`, { name: "Stall", address: "Market" })).body;
  await owner.api.post(`${base}/delivery-areas`, { name: "Village", fee: 300 });
  await owner.api.post(`${base}/shipping-rates`, { name: "Post", countries: ["*"], price: 800 });
  await owner.api.post(`${base}/discount-codes`, { code: `CODE${counter}`, kind: "percent", value: 1000 });
  await owner.api.post(`${base}/invites`, { role: "staff" });
  await owner.api.post(`${base}/domains`, { hostname: `shop${counter}-${Date.now()}.example.com` });
  await owner.api.post(`${base}/publish`);
  const placed = await client(harness).post(
    `/v1/storefront/${owner.shop.slug}.localhost/checkouts`,
    {
      lines: [{ variantId: product.variants[0].id, quantity: 1 }],
      buyer: { name: "Buyer", email: `buyer${counter}@example.test` },
      fulfilment: { type: "pickup", pickupPointId: pickup.id },
      paymentMethod: "pay_at_pickup",
    },
    { "idempotency-key": `deletion-${counter}-${Date.now()}` },
  );
  expect(placed.status).toBe(201);
  await client(harness).post(`/v1/storefront/${owner.shop.slug}.localhost/carts`, {});
  return { ...owner, base, product, ownKeys: keysOf(own), sharedKeys: keysOf(common) };
}

/** Rows of `shopId` in every table that has a shop_id column, as the database lists its tables. */
async function rowsOfShop(shopId: string): Promise<Record<string, number>> {
  const db = harness.deps.database.db;
  const counts: Record<string, number> = {};
  for (const table of await listShopTables(db)) {
    const [row] = await db.all<{ n: number }>(
      sql`SELECT count(*) AS n FROM ${sql.raw(`"${table.name}"`)} WHERE shop_id = ${shopId}`,
    );
    counts[table.name] = row?.n ?? 0;
  }
  const [own] = await db.all<{ n: number }>(sql`SELECT count(*) AS n FROM shops WHERE id = ${shopId}`);
  counts.shops = own?.n ?? 0;
  return counts;
}

function filesOnDisk(): string[] {
  return readdirSync(harness.mediaDir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(harness.mediaDir, join(entry.parentPath, entry.name)));
}

const snapshotOf = (owner: Owner) => client(harness).get(`/v1/storefront/${owner.shop.slug}.localhost/snapshot`);

describe("scheduling and undoing a deletion", () => {
  it("needs the shop's name typed, then closes the shop to buyers for 14 days", async () => {
    const owner = await ownerWithShop(harness, { name: "Wang's Noodles" });
    const base = `/v1/shops/${owner.shopId}`;
    await owner.api.post(`${base}/publish`);
    const wrong = await owner.api.post(`${base}/deletion`, { confirmName: "Wang" });
    expect(wrong.status).toBe(422);
    expect(wrong.body.errors).toEqual([
      { path: "confirmName", message: "Type the shop's name, Wang's Noodles, to confirm" },
    ]);
    expect((await owner.api.get(base)).body.deletionDueAt).toBeNull();

    const scheduled = await owner.api.post(`${base}/deletion`, { confirmName: "  wang's noodles " });
    expect(scheduled.status).toBe(200);
    expect(scheduled.body).toEqual({ shopId: owner.shopId, deletionDueAt: harness.clock.now() + DELETION_GRACE_MS });
    expect((await owner.api.get(base)).body.deletionDueAt).toBe(harness.clock.now() + DELETION_GRACE_MS);
    expect((await owner.api.post(`${base}/deletion`, { confirmName: "Wang's Noodles" })).status).toBe(409);

    // Buyers: the snapshot says closed (the storefront's "has closed" page), and no cart opens.
    expect((await snapshotOf(owner)).body.shop.status).toBe("closed");
    const cart = await client(harness).post(`/v1/storefront/${owner.shop.slug}.localhost/carts`, {});
    expect(cart.status).toBe(503);
    expect(cart.body.code).toBe("shop_unavailable");

    // The entry about it has no shop id, so it outlives the shop.
    const [entry] = await harness.deps.database.db.all<Json>(
      sql`SELECT * FROM audit_log WHERE target_id = ${owner.shopId} AND action = 'shop.deletion_scheduled'`,
    );
    expect(entry).toMatchObject({ shop_id: null, actor_user_id: owner.user.id, actor_role: "owner" });
  });

  it("can be undone within the 14 days, and the shop opens again as it was", async () => {
    const owner = await ownerWithShop(harness, { name: "Undo Noodles" });
    const base = `/v1/shops/${owner.shopId}`;
    await owner.api.post(`${base}/publish`);
    expect((await owner.api.delete(`${base}/deletion`)).status).toBe(409);
    expect((await owner.api.post(`${base}/deletion`, { confirmName: "Undo Noodles" })).status).toBe(200);
    harness.clock.advance(DELETION_GRACE_MS - 60_000);
    const undone = await owner.api.delete(`${base}/deletion`);
    expect(undone.status).toBe(200);
    expect(undone.body.deletionDueAt).toBeNull();
    expect((await snapshotOf(owner)).body.shop.status).toBe("active");
    harness.clock.advance(120_000);
    const purged = await purgeDueShops(harness.deps);
    expect(purged.map((shop) => shop.shopId)).not.toContain(owner.shopId);
    expect((await owner.api.get(base)).status).toBe(200);
  });

  it("is the owner's alone: staff and helpers get 403, another shop's owner 404", async () => {
    const owner = await ownerWithShop(harness, { name: "Mine" });
    const base = `/v1/shops/${owner.shopId}`;
    for (const invite of [{ role: "staff" }, { role: "helper", permissions: ["catalogue", "orders", "settings"] }]) {
      const created = await owner.api.post(`${base}/invites`, invite);
      const member = await ownerWithShop(harness);
      expect((await member.api.post("/v1/invites/accept", { token: created.body.token })).status).toBe(200);
      expect((await member.api.post(`${base}/deletion`, { confirmName: "Mine" })).status).toBe(403);
    }
    const stranger = await ownerWithShop(harness);
    expect((await stranger.api.post(`${base}/deletion`, { confirmName: "Mine" })).status).toBe(404);
    expect((await stranger.api.delete(`${base}/deletion`)).status).toBe(404);
    expect((await owner.api.get(base)).body.deletionDueAt).toBeNull();
  });

  it("an operator can schedule and undo it too; anyone else gets 404 there", async () => {
    const owner = await ownerWithShop(harness, { name: "Operated" });
    const op = await operator(harness);
    const path = `/v1/operator/shops/${owner.shopId}/deletion`;
    expect((await owner.api.post(path, { confirmName: "Operated" })).status).toBe(404);
    const scheduled = await op.api.post(path, { confirmName: "Operated" });
    expect(scheduled.status).toBe(200);
    expect((await owner.api.get(`/v1/shops/${owner.shopId}`)).body.deletionDueAt).toBe(scheduled.body.deletionDueAt);
    expect((await op.api.delete(path)).status).toBe(200);
    expect((await op.api.post(`/v1/operator/shops/shop_nothing/deletion`, { confirmName: "x" })).status).toBe(404);
  });
});

describe.each([
  ["local disk", () => diskStore],
  ["an S3-compatible store", () => s3Store],
])("the purge, with photos on %s", (where, store) => {
  it("waits for the due time, then leaves no row and no file of the shop, and frees the address", async () => {
    harness.deps.mediaStore = store();
    const shared = await sidewaysPhotoWithGps(640, 480, `Shared${where}`);
    const doomed = await filledShop(`Doomed ${where}`, shared);
    const kept = await filledShop(`Kept ${where}`, shared);
    const before = await rowsOfShop(doomed.shopId);
    for (const table of ["products", "media", "media_renditions", "orders", "order_lines", "carts", "memberships"]) {
      expect(before[table], table).toBeGreaterThan(0);
    }
    const keptBefore = await rowsOfShop(kept.shopId);
    expect((await doomed.api.post(`${doomed.base}/deletion`, { confirmName: `Doomed ${where}` })).status).toBe(200);

    // Not a moment before it is due, and the undo closes when it is.
    harness.clock.advance(DELETION_GRACE_MS - 1);
    expect((await purgeDueShops(harness.deps)).map((shop) => shop.shopId)).not.toContain(doomed.shopId);
    expect((await rowsOfShop(doomed.shopId)).shops).toBe(1);
    harness.clock.advance(1);
    expect((await doomed.api.delete(`${doomed.base}/deletion`)).status).toBe(409);

    // Two processes' runs at once: one purges the shop.
    const runs = await Promise.all([purgeDueShops(harness.deps), purgeDueShops(harness.deps)]);
    expect(runs.flat().filter((purged) => purged.shopId === doomed.shopId)).toHaveLength(1);

    const after = await rowsOfShop(doomed.shopId);
    expect(Object.entries(after).filter(([, count]) => count > 0)).toEqual([]);
    for (const key of doomed.ownKeys) expect(await store().get(key), key).toBeUndefined();
    // The photo the other shop also has stays for it; the other shop is untouched.
    for (const key of doomed.sharedKeys) expect(await store().get(key), key).toBeDefined();
    expect(await rowsOfShop(kept.shopId)).toEqual(keptBefore);
    expect((await kept.api.get(`${kept.base}/products/${kept.product.id}`)).status).toBe(200);
    if (where === "local disk") {
      // Every file left on disk belongs to a row that is left.
      const [row] = await harness.deps.database.db.all<{ keys: string }>(
        sql`SELECT json_group_array(storage_key) AS keys FROM media_renditions`,
      );
      const referenced = new Set(JSON.parse(row?.keys ?? "[]") as string[]);
      const orphans = filesOnDisk().filter((file) => !referenced.has(file));
      expect(orphans).toEqual([]);
    }

    // The address is free for anyone; the owner's account stays, without the shop.
    const again = await kept.api.post("/v1/shops", {
      name: "New",
      slug: doomed.shop.slug,
      currency: "USD",
      locale: "en",
    });
    expect(again.status).toBe(201);
    expect((await doomed.api.get(doomed.base)).status).toBe(404);
    expect((await doomed.api.get("/v1/me")).status).toBe(200);

    // What happened to the shop is still on record, with no shop id.
    const entries = await harness.deps.database.db.all<Json>(
      sql`SELECT action, shop_id FROM audit_log WHERE target_id = ${doomed.shopId} ORDER BY id`,
    );
    expect(entries).toEqual([
      { action: "shop.deletion_scheduled", shop_id: null },
      { action: "shop.purged", shop_id: null },
    ]);
    const directory = platform(harness.deps.database.db);
    expect(await directory.shops.findById(doomed.shopId)).toBeUndefined();
  });
});
