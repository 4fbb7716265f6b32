// Taking everything out: GET /v1/shops/{shopId}/export answers a zip with shop.json (the shop's details,
// settings, products, collections, pages and orders with the buyers' details), every table of the shop
// as JSON and CSV (the tables listed from the database itself), every photo, README.txt, and the saved
// storefront (tested with a real storefront in the storefront's and e2e suites); only this shop's rows,
// nothing secret, the owner alone, recorded in the audit log.
import { listShopTables, platform } from "@stall/db";
import { strFromU8, unzipSync } from "fflate";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { client, ownerWithShop } from "./client.ts";
import { createHarness, type Harness, type Json } from "./harness.ts";
import { sidewaysPhotoWithGps } from "./images.ts";

let harness: Harness;
beforeAll(async () => {
  harness = await createHarness();
});
afterAll(() => harness?.cleanup());

let orderCounter = 0;

/** A published shop with a product in two sizes, a collection, a page, settings of every kind and an order. */
async function filledShop(tag: string) {
  const owner = await ownerWithShop(harness, { name: `${tag} Noodles` });
  const base = `/v1/shops/${owner.shopId}`;
  const product = (
    await owner.api.post(`${base}/products`, {
      title: `${tag} hand-pulled noodles`,
      options: [{ name: "Size", values: ["Small", "Large"] }],
      variants: [
        { optionValues: ["Small"], price: 1200, stock: 10 },
        { optionValues: ["Large"], price: 1800, stock: 5 },
      ],
    })
  ).body;
  const draft = (
    await owner.api.post(`${base}/products`, { title: `${tag} draft`, status: "draft", variants: [{ price: 1 }] })
  ).body;
  const collection = (
    await owner.api.post(`${base}/collections`, { title: `${tag} favourites`, productIds: [product.id] })
  ).body;
  const page = (await owner.api.post(`${base}/pages`, { title: `About ${tag}`, body: `We are ${tag}.` })).body;
  const form = new FormData();
  form.append(
    "file",
    new File([new Uint8Array(await sidewaysPhotoWithGps(800, 600))], "noodles.jpg", { type: "image/jpeg" }),
  );
  const photo = await harness.app.request(`${base}/media`, {
    method: "POST",
    headers: { authorization: `Bearer ${owner.token}` },
    body: form,
  });
  expect(photo.status).toBe(201);
  const photoId = ((await photo.json()) as Json).id as string;
  const pickup = (await owner.api.post(`${base}/pickup-points`, { name: `${tag} stall`, address: "Market" })).body;
  await owner.api.post(`${base}/delivery-areas`, { name: `${tag} village`, fee: 300 });
  await owner.api.post(`${base}/shipping-rates`, { name: `${tag} post`, countries: ["*"], price: 800 });
  await owner.api.post(`${base}/discount-codes`, { code: `${tag}10`.toUpperCase(), kind: "percent", value: 1000 });
  await owner.api.put(`${base}/tax`, { mode: "included", rate: 1000 });
  await owner.api.post(`${base}/publish`);
  const key = `export-order-${tag}-${++orderCounter}`;
  const placed = await client(harness).post(
    `/v1/storefront/${owner.shop.slug}.localhost/checkouts`,
    {
      lines: [{ variantId: product.variants[1].id, quantity: 2 }],
      buyer: { name: `${tag} Buyer`, email: `buyer-${tag.toLowerCase()}@example.test`, phone: "+86 138 0000 0000" },
      fulfilment: { type: "pickup", pickupPointId: pickup.id },
      paymentMethod: "pay_at_pickup",
      note: `${tag} note`,
    },
    { "idempotency-key": key },
  );
  expect(placed.status).toBe(201);
  await platform(harness.deps.database.db).shops.setStripeAccount(
    owner.shopId,
    { stripeAccountId: `acct_${tag}secret` },
    harness.clock.now(),
  );
  return { ...owner, base, product, draft, collection, page, photoId, placed: placed.body, key };
}

type Archive = { status: number; headers: Headers; files: Record<string, Uint8Array>; root: string };

/** Downloads the export and opens the zip. */
async function download(token: string, shopId: string): Promise<Archive> {
  const response = await harness.app.request(`/v1/shops/${shopId}/export`, {
    headers: { authorization: `Bearer ${token}` },
  });
  if (response.status !== 200) return { status: response.status, headers: response.headers, files: {}, root: "" };
  const files = unzipSync(new Uint8Array(await response.arrayBuffer()));
  const root = Object.keys(files)[0]?.split("/")[0] ?? "";
  return { status: response.status, headers: response.headers, files, root };
}

const textOf = (archive: Archive, name: string) => {
  const bytes = archive.files[`${archive.root}/${name}`];
  if (!bytes) throw new Error(`${name} is not in the archive: ${Object.keys(archive.files).join(", ")}`);
  return strFromU8(bytes);
};

describe("exporting a shop", () => {
  it("answers a zip: shop.json with everything and the buyers' details", async () => {
    const a = await filledShop("A");
    const archive = await download(a.token, a.shopId);
    expect(archive.status).toBe(200);
    expect(archive.headers.get("content-type")).toBe("application/zip");
    expect(archive.headers.get("content-disposition")).toBe(
      `attachment; filename="stall-${a.shop.slug}-2026-11-27.zip"`,
    );
    expect(archive.root).toBe(`stall-${a.shop.slug}-2026-11-27`);
    const body = JSON.parse(textOf(archive, "shop.json"));
    expect(body).toMatchObject({ format: "stall-shop-export", formatVersion: 1, exportedAt: harness.clock.now() });
    expect(body.shop).toMatchObject({ id: a.shopId, name: "A Noodles", slug: a.shop.slug, currency: "USD" });
    expect(body.products.map((product: Json) => product.title).sort()).toEqual(["A draft", "A hand-pulled noodles"]);
    const noodles = body.products.find((product: Json) => product.id === a.product.id);
    expect(noodles.variants.map((variant: Json) => [variant.title, variant.price, variant.stock])).toEqual([
      ["Small", 1200, 10],
      ["Large", 1800, 3],
    ]);
    expect(body.collections).toEqual([expect.objectContaining({ title: "A favourites", productIds: [a.product.id] })]);
    expect(body.pages).toEqual([expect.objectContaining({ title: "About A" })]);
    expect(body.settings.pickupPoints).toEqual([expect.objectContaining({ name: "A stall" })]);
    expect(body.settings.deliveryAreas).toEqual([expect.objectContaining({ name: "A village", fee: 300 })]);
    expect(body.settings.shippingRates).toEqual([expect.objectContaining({ name: "A post", price: 800 })]);
    expect(body.settings.discountCodes).toEqual([expect.objectContaining({ code: "A10" })]);
    expect(body.settings.tax).toMatchObject({ mode: "included", rate: 1000 });
    expect(body.orders).toHaveLength(1);
    expect(body.orders[0]).toMatchObject({
      id: a.placed.order.id,
      number: a.placed.order.number,
      buyer: { name: "A Buyer", email: "buyer-a@example.test", phone: "+86 138 0000 0000" },
      note: "A note",
      lines: [expect.objectContaining({ title: "A hand-pulled noodles", quantity: 2, unitPrice: 1800 })],
      totals: expect.objectContaining({ total: a.placed.order.totals.total }),
    });
    expect(body.orders[0].history.length).toBeGreaterThan(0);
  });

  it("holds every table of the shop as JSON and CSV, listed from the database itself", async () => {
    const a = await filledShop("T");
    const archive = await download(a.token, a.shopId);
    const tables = await listShopTables(harness.deps.database.db);
    // The list comes from sqlite_master: catalogue, orders, settings and the platform's shop rows.
    expect(tables.map((table) => table.name)).toEqual(
      expect.arrayContaining(["products", "orders", "order_lines", "media", "memberships", "audit_log"]),
    );
    for (const table of [...tables.map((t) => t.name), "shops"]) {
      const rows = JSON.parse(textOf(archive, `tables/${table}.json`)) as Json[];
      const csv = textOf(archive, `tables/${table}.csv`);
      expect(csv.split("\n")[0]?.length, table).toBeGreaterThan(0);
      for (const row of rows) if ("shop_id" in row) expect(row.shop_id).toBe(a.shopId);
      // One CSV line per row after the header (no cell here holds a line break).
      expect(csv.trimEnd().split("\n").length, table).toBe(rows.length + 1);
    }
    const products = JSON.parse(textOf(archive, "tables/products.json")) as Json[];
    expect(products.map((row) => row.title).sort()).toEqual(["T draft", "T hand-pulled noodles"]);
    const [own] = JSON.parse(textOf(archive, "tables/shops.json")) as Json[];
    expect(own).toMatchObject({ id: a.shopId, slug: a.shop.slug, name: "T Noodles" });
    // The look is the shop's own ("tokens" there are colours, not keys); keys are not.
    expect(own).toHaveProperty("theme_tokens");
    expect(own).not.toHaveProperty("stripe_account_id");
    const orderRow = (JSON.parse(textOf(archive, "tables/orders.json")) as Json[])[0];
    expect(orderRow).toHaveProperty("buyer_name");
    expect(orderRow).not.toHaveProperty("buyer_token_hash");
    expect(orderRow).not.toHaveProperty("idempotency_key");
    const orders = textOf(archive, "tables/orders.csv");
    expect(orders).toContain("T Buyer");
  });

  it("holds each photo at its largest kept size, and says the storefront copy could not be made", async () => {
    const a = await filledShop("P");
    const archive = await download(a.token, a.shopId);
    const photo = archive.files[`${archive.root}/photos/${a.photoId}.jpg`];
    expect(photo).toBeDefined();
    // JPEG magic bytes; 800 x 600 sideways is 600 wide upright, stored at its own width (never enlarged).
    expect([...(photo ?? []).slice(0, 3)]).toEqual([0xff, 0xd8, 0xff]);
    const readme = textOf(archive, "README.txt");
    expect(readme).toContain("P Noodles");
    expect(readme).toContain("orders.buyer_token_hash");
    expect(readme).toContain("shops.stripe_account_id");
    // No storefront runs beside this test's API: the archive says so instead of failing.
    expect(readme).toContain("could not be made");
    expect(Object.keys(archive.files).some((name) => name.includes("/storefront/"))).toBe(false);
  });

  it("holds no secrets: no password hash, session or order token, idempotency key or Stripe account id", async () => {
    const a = await filledShop("S");
    const archive = await download(a.token, a.shopId);
    const text = Object.entries(archive.files)
      .filter(([name]) => !name.endsWith(".jpg"))
      .map(([, bytes]) => strFromU8(bytes))
      .join("\n");
    const user = await platform(harness.deps.database.db).users.findByEmail(a.email);
    const secrets = [user?.passwordHash ?? "missing hash", a.token, a.placed.order.token, a.key, "acct_Ssecret"];
    for (const secret of secrets) expect(text).not.toContain(secret);
    const data = Object.entries(archive.files)
      .filter(([name]) => name.includes("/tables/") || name.endsWith("shop.json"))
      .map(([, bytes]) => strFromU8(bytes))
      .join("\n");
    expect(data).not.toMatch(
      /password_hash|token_hash|idempotency_key|stripe_account_id|request_hash|checkout_session/i,
    );
    expect(data).not.toMatch(/passwordHash|tokenHash|idempotencyKey|stripeAccountId|requestHash|checkoutSession/i);
  });

  it("holds only this shop's rows, and another shop's owner gets 404", async () => {
    const a = await filledShop("Alpha");
    const b = await filledShop("Bravo");
    const archive = await download(a.token, a.shopId);
    const text = Object.values(archive.files)
      .map((bytes) => strFromU8(bytes, true))
      .join("\n");
    for (const ofB of [b.shopId, b.product.id, b.draft.id, b.collection.id, b.page.id, b.placed.order.id, "Bravo"]) {
      expect(text).not.toContain(ofB);
    }
    expect(archive.files[`${archive.root}/photos/${b.photoId}.jpg`]).toBeUndefined();
    const across = await b.api.get(`${a.base}/export`);
    expect(across.status).toBe(404);
    expect(across.body.code).toBe("shop_not_found");
    expect(across.headers.get("content-disposition")).toBeNull();
  });

  it("is the owner's alone: staff and helpers get 403", async () => {
    const owner = await ownerWithShop(harness);
    const base = `/v1/shops/${owner.shopId}`;
    for (const invite of [{ role: "staff" }, { role: "helper", permissions: ["catalogue", "orders"] }]) {
      const created = await owner.api.post(`${base}/invites`, invite);
      const member = await ownerWithShop(harness);
      expect((await member.api.post("/v1/invites/accept", { token: created.body.token })).status).toBe(200);
      const refused = await member.api.get(`${base}/export`);
      expect(refused.status).toBe(403);
      expect(refused.headers.get("content-type")).toMatch(/^application\/problem\+json/);
    }
  });

  it("is recorded in the audit log as shop.exported, by whom", async () => {
    const a = await filledShop("L");
    expect((await download(a.token, a.shopId)).status).toBe(200);
    const log = await platform(harness.deps.database.db).audit.listForShop(a.shopId, { limit: 50 });
    const entry = log.items.find((item) => item.action === "shop.exported");
    expect(entry).toMatchObject({ actorUserId: a.user.id, actorRole: "owner", targetType: "shop", targetId: a.shopId });
  });
});
