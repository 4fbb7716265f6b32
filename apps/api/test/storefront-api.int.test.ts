// What the storefront asks the API for on shoppers' behalf: carts, share images, preview links.
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { client, ownerWithShop } from "./client.ts";
import { createHarness, type Harness, type Json } from "./harness.ts";

let harness: Harness;
beforeAll(async () => {
  harness = await createHarness();
});
afterAll(() => harness?.cleanup());

async function shopWithProducts() {
  const owner = await ownerWithShop(harness);
  const base = `/v1/shops/${owner.shopId}`;
  const form = new FormData();
  const photo = await sharp({ create: { width: 800, height: 800, channels: 3, background: "#c08030" } })
    .jpeg()
    .toBuffer();
  form.append("file", new Blob([new Uint8Array(photo)], { type: "image/jpeg" }), "jar.jpg");
  const media = await harness.app.request(`${base}/media`, {
    method: "POST",
    headers: { authorization: `Bearer ${owner.token}` },
    body: form,
  });
  const mediaId = ((await media.json()) as Json).id;
  const honey = await owner.api.post(`${base}/products`, {
    title: "Wildflower honey",
    options: [{ name: "Size", values: ["Small", "Large"] }],
    variants: [
      { optionValues: ["Small"], price: 900, stock: 3 },
      { optionValues: ["Large"], price: 1600, stock: null },
    ],
    mediaIds: [mediaId],
  });
  const draft = await owner.api.post(`${base}/products`, {
    title: "Not yet",
    status: "draft",
    variants: [{ price: 100 }],
  });
  await owner.api.post(`${base}/publish`);
  const host = `${owner.shop.slug}.localhost:4321`;
  const shopper = client(harness);
  return {
    ...owner,
    base,
    host,
    shopper,
    honey: honey.body,
    draft: draft.body,
    cartsUrl: `/v1/storefront/${host}/carts`,
  };
}

describe("carts", () => {
  it("adds, increments, changes and removes lines with today's prices", async () => {
    const shop = await shopWithProducts();
    const created = await shop.shopper.post(shop.cartsUrl);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ currency: "USD", itemCount: 0, subtotal: 0, lines: [] });
    const cartUrl = `${shop.cartsUrl}/${created.body.id}`;
    const [small, large] = shop.honey.variants;
    expect((await shop.shopper.post(`${cartUrl}/lines`, { variantId: small.id, quantity: 1 })).status).toBe(200);
    const twice = await shop.shopper.post(`${cartUrl}/lines`, { variantId: small.id, quantity: 1 });
    expect(twice.body.lines).toHaveLength(1);
    expect(twice.body.lines[0]).toMatchObject({
      quantity: 2,
      unitPrice: 900,
      lineTotal: 1800,
      variantTitle: "Small",
      priceChanged: false,
      problem: null,
      maxQuantity: 3,
      productSlug: "wildflower-honey",
    });
    expect(twice.body.lines[0].photo.renditions.length).toBeGreaterThan(0);
    const both = await shop.shopper.post(`${cartUrl}/lines`, { variantId: large.id, quantity: 5 });
    expect(both.body).toMatchObject({ itemCount: 7, subtotal: 1800 + 8000 });
    const lineId = both.body.lines[1].id;
    const changed = await shop.shopper.patch(`${cartUrl}/lines/${lineId}`, { quantity: 1 });
    expect(changed.body).toMatchObject({ itemCount: 3, subtotal: 1800 + 1600 });
    const removed = await shop.shopper.delete(`${cartUrl}/lines/${lineId}`);
    expect(removed.body.lines.map((line: Json) => line.variantTitle)).toEqual(["Small"]);
  });

  it("refuses more than there is in stock, saying how many are left", async () => {
    const shop = await shopWithProducts();
    const cart = (await shop.shopper.post(shop.cartsUrl)).body;
    const small = shop.honey.variants[0];
    await shop.shopper.post(`${shop.cartsUrl}/${cart.id}/lines`, { variantId: small.id, quantity: 2 });
    const tooMany = await shop.shopper.post(`${shop.cartsUrl}/${cart.id}/lines`, { variantId: small.id, quantity: 2 });
    expect(tooMany.status).toBe(409);
    expect(tooMany.body).toMatchObject({
      code: "insufficient_stock",
      available: 1,
      detail: "Only 1 of Wildflower honey left",
    });
    const line = (await shop.shopper.get(`${shop.cartsUrl}/${cart.id}`)).body.lines[0];
    expect((await shop.shopper.patch(`${shop.cartsUrl}/${cart.id}/lines/${line.id}`, { quantity: 4 })).status).toBe(
      409,
    );
  });

  it("shows a price change and a stock problem since adding", async () => {
    const shop = await shopWithProducts();
    const cart = (await shop.shopper.post(shop.cartsUrl)).body;
    const [small, large] = shop.honey.variants;
    await shop.shopper.post(`${shop.cartsUrl}/${cart.id}/lines`, { variantId: small.id, quantity: 3 });
    await shop.api.patch(`${shop.base}/products/${shop.honey.id}`, {
      variants: [
        { id: small.id, optionValues: ["Small"], price: 950, stock: 1 },
        { id: large.id, optionValues: ["Large"], price: 1600 },
      ],
    });
    const view = (await shop.shopper.get(`${shop.cartsUrl}/${cart.id}`)).body;
    expect(view.lines[0]).toMatchObject({
      unitPrice: 950,
      addedUnitPrice: 900,
      priceChanged: true,
      problem: "not_enough_stock",
      stockLeft: 1,
      maxQuantity: 1,
    });
    await shop.api.patch(`${shop.base}/products/${shop.honey.id}`, { status: "archived" });
    const gone = (await shop.shopper.get(`${shop.cartsUrl}/${cart.id}`)).body;
    expect(gone.lines[0].problem).toBe("unavailable");
    expect(gone).toMatchObject({ itemCount: 0, subtotal: 0 });
  });

  it.each([
    ["a draft product", "draft"],
    ["another shop's variant", "other"],
    ["a made-up variant", "made-up"],
  ])("refuses %s with 404", async (_, kind) => {
    const shop = await shopWithProducts();
    const other = await shopWithProducts();
    const cart = (await shop.shopper.post(shop.cartsUrl)).body;
    const variantId =
      kind === "draft"
        ? shop.draft.variants[0].id
        : kind === "other"
          ? other.honey.variants[0].id
          : "var_01zzzzzzzzzzzzzzzzzzzzzzzz";
    const response = await shop.shopper.post(`${shop.cartsUrl}/${cart.id}/lines`, { variantId, quantity: 1 });
    expect(response.status).toBe(404);
    expect((await shop.shopper.get(`${shop.cartsUrl}/${cart.id}`)).body.lines).toEqual([]);
  });

  it("a cart of one shop does not open at another shop's address, and expires after 30 days", async () => {
    const shop = await shopWithProducts();
    const other = await shopWithProducts();
    const cart = (await shop.shopper.post(shop.cartsUrl)).body;
    expect((await other.shopper.get(`${other.cartsUrl}/${cart.id}`)).status).toBe(404);
    expect(
      (
        await other.shopper.post(`${other.cartsUrl}/${cart.id}/lines`, {
          variantId: other.honey.variants[0].id,
          quantity: 1,
        })
      ).status,
    ).toBe(404);
    harness.clock.advance(31 * 24 * 3_600_000);
    expect((await shop.shopper.get(`${shop.cartsUrl}/${cart.id}`)).status).toBe(404);
  });

  it.each([
    [{ variantId: "x", quantity: 0 }, "quantity"],
    [{ variantId: "x", quantity: 100 }, "quantity"],
    [{ variantId: "x", quantity: 1.5 }, "quantity"],
    [{ variantId: "x", quantity: 1, price: 1 }, "(body)"],
  ])("refuses %j", async (body, path) => {
    const shop = await shopWithProducts();
    const cart = (await shop.shopper.post(shop.cartsUrl)).body;
    const response = await shop.shopper.post(`${shop.cartsUrl}/${cart.id}/lines`, body);
    expect(response.status).toBe(422);
    expect(response.body.errors.map((error: Json) => error.path)).toContain(path);
  });

  it("has no carts for unpublished shops", async () => {
    const owner = await ownerWithShop(harness);
    expect((await client(harness).post(`/v1/storefront/${owner.shop.slug}.localhost/carts`)).status).toBe(404);
  });
});

describe("share images", () => {
  it("draws a 1200x630 JPEG per product version, cacheable by ETag", async () => {
    const shop = await shopWithProducts();
    const url = `/v1/storefront/${shop.host}/products/wildflower-honey/share.jpg`;
    const response = await harness.app.request(url);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("image/jpeg");
    const meta = await sharp(Buffer.from(await response.arrayBuffer())).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(["jpeg", 1200, 630]);
    const etag = response.headers.get("etag") ?? "";
    expect((await harness.app.request(url, { headers: { "If-None-Match": etag } })).status).toBe(304);
    await shop.api.patch(`${shop.base}/products/${shop.honey.id}`, { title: "Meadow honey" });
    const after = await harness.app.request(url);
    expect(after.headers.get("etag")).not.toBe(etag);
    expect((await harness.app.request(`/v1/storefront/${shop.host}/products/not-yet/share.jpg`)).status).toBe(404);
  });
});

describe("preview links", () => {
  it("open an unpublished shop's snapshot, privately, until they expire", async () => {
    const owner = await ownerWithShop(harness);
    await owner.api.post(`/v1/shops/${owner.shopId}/products`, { title: "First pot", variants: [{ price: 2000 }] });
    const link = await owner.api.post(`/v1/shops/${owner.shopId}/preview-link`);
    expect(link.status).toBe(201);
    expect(link.body.url).toMatch(new RegExp(`^http://${owner.shop.slug}\\.localhost:4321/\\?preview=`));
    const token = new URL(link.body.url).searchParams.get("preview") ?? "";
    const host = `${owner.shop.slug}.localhost`;
    expect((await harness.app.request(`/v1/storefront/${host}/snapshot`)).status).toBe(404);
    const preview = await harness.app.request(`/v1/storefront/${host}/snapshot?preview=${encodeURIComponent(token)}`);
    expect(preview.status).toBe(200);
    expect(preview.headers.get("cache-control")).toBe("private, no-store");
    expect(((await preview.json()) as Json).products.map((product: Json) => product.title)).toEqual(["First pot"]);
    expect((await harness.app.request(`/v1/storefront/${host}/snapshot?preview=${token.slice(0, -2)}xx`)).status).toBe(
      404,
    );
    const other = await ownerWithShop(harness);
    expect(
      (
        await harness.app.request(
          `/v1/storefront/${other.shop.slug}.localhost/snapshot?preview=${encodeURIComponent(token)}`,
        )
      ).status,
    ).toBe(404);
    harness.clock.advance(8 * 24 * 3_600_000);
    expect(
      (await harness.app.request(`/v1/storefront/${host}/snapshot?preview=${encodeURIComponent(token)}`)).status,
    ).toBe(404);
  });
});
