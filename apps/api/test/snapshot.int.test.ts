import { gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ownerWithShop } from "./client.ts";
import { createHarness, type Harness, type Json } from "./harness.ts";

let harness: Harness;
beforeAll(async () => {
  harness = await createHarness();
});
afterAll(() => harness?.cleanup());

async function snapshot(host: string, etag?: string) {
  const response = await harness.app.request(`/v1/storefront/${host}/snapshot`, {
    headers: etag ? { "If-None-Match": etag } : {},
  });
  const text = await response.text();
  return {
    status: response.status,
    etag: response.headers.get("etag"),
    headers: response.headers,
    body: text ? (JSON.parse(text) as Json) : {},
  };
}

async function publishedShop() {
  const owner = await ownerWithShop(harness);
  const base = `/v1/shops/${owner.shopId}`;
  const honey = await owner.api.post(`${base}/products`, {
    title: "Honey",
    description: "Raw **wildflower** honey.",
    options: [{ name: "Size", values: ["Small", "Large"] }],
    variants: [
      { optionValues: ["Small"], price: 900, stock: 2 },
      { optionValues: ["Large"], price: 1600, stock: 40 },
    ],
  });
  const soldOut = await owner.api.post(`${base}/products`, { title: "Plum jam", variants: [{ price: 650, stock: 0 }] });
  const bread = await owner.api.post(`${base}/products`, {
    title: "Sourdough",
    variants: [{ price: 700, stock: null }],
  });
  await owner.api.post(`${base}/products`, { title: "Secret draft", status: "draft", variants: [{ price: 1 }] });
  await owner.api.post(`${base}/products`, { title: "Old thing", status: "archived", variants: [{ price: 1 }] });
  await owner.api.post(`${base}/collections`, {
    title: "Pantry",
    isFeatured: true,
    productIds: [honey.body.id, soldOut.body.id],
  });
  await owner.api.post(`${base}/pages`, { title: "About", body: "We keep **bees**." });
  await owner.api.post(`${base}/pages`, { title: "Unfinished", body: "draft", isPublished: false });
  await owner.api.post(`${base}/pickup-points`, { name: "Market", address: "Green" });
  await owner.api.post(`${base}/pickup-points`, { name: "Closed gate", address: "Lane", isActive: false });
  await owner.api.post(`${base}/delivery-areas`, { name: "Village", fee: 300 });
  await owner.api.patch(base, { tagline: "From our hill", paymentMethods: ["pay_at_pickup", "stripe"] });
  await owner.api.put(`${base}/tax`, { mode: "included", rate: 1300, label: "VAT" });
  await owner.api.post(`${base}/publish`);
  return {
    ...owner,
    host: `${owner.shop.slug}.localhost`,
    ids: { honey: honey.body.id, soldOut: soldOut.body.id, bread: bread.body.id },
  };
}

describe("GET /v1/storefront/{host}/snapshot", () => {
  it("is 404 for an unpublished shop and for an unknown host", async () => {
    const owner = await ownerWithShop(harness);
    expect((await snapshot(`${owner.shop.slug}.localhost`)).status).toBe(404);
    expect((await snapshot("nobody-here.localhost")).status).toBe(404);
    expect((await snapshot("localhost:4321")).status).toBe(404);
  });

  it("holds exactly what is published: active products, badges not stock counts, published pages, active places", async () => {
    const shop = await publishedShop();
    const { status, body, headers } = await snapshot(`${shop.host}:4321`);
    expect(status).toBe(200);
    expect(headers.get("cache-control")).toBe("no-cache");
    expect(body.shop).toMatchObject({
      name: shop.shop.name,
      tagline: "From our hill",
      currency: "USD",
      url: `http://${shop.host}:4321`,
    });
    // Stripe is listed only when the shop can take card payments.
    expect(body.shop.paymentMethods).toEqual(["pay_at_pickup"]);
    expect(body.tax).toEqual({ mode: "included", rate: 1300, label: "VAT" });
    expect(body.products.map((product: Json) => product.title)).toEqual(["Honey", "Plum jam", "Sourdough"]);
    const honey = body.products[0];
    expect(honey.descriptionHtml).toBe("<p>Raw <strong>wildflower</strong> honey.</p>");
    expect(
      honey.variants.map((variant: Json) => [variant.title, variant.price, variant.availability, variant.stockLeft]),
    ).toEqual([
      ["Small", 900, "low_stock", 2],
      ["Large", 1600, "in_stock", null],
    ]);
    expect(body.products[1].variants[0]).toMatchObject({ availability: "sold_out", stockLeft: 0 });
    expect(body.products[2].variants[0]).toMatchObject({ availability: "in_stock", stockLeft: null });
    // SKUs are public since decision 032 (JSON-LD `sku`); cost and metafields stay the owner's.
    expect(JSON.stringify(body)).not.toMatch(
      /"stock":|"cost|metafields|Secret draft|Old thing|storageUsed|passwordHash|nextOrderNumber/,
    );
    expect(body.collections).toEqual([
      expect.objectContaining({ slug: "pantry", isFeatured: true, productIds: [shop.ids.honey, shop.ids.soldOut] }),
    ]);
    expect(body.pages).toEqual([{ slug: "about", title: "About", html: "<p>We keep <strong>bees</strong>.</p>" }]);
    expect(body.pickupPoints.map((point: Json) => point.name)).toEqual(["Market"]);
    expect(body.deliveryAreas.map((area: Json) => area.name)).toEqual(["Village"]);
  });

  it("answers 304 while nothing changed, and shows an edit at once with a new ETag", async () => {
    const shop = await publishedShop();
    const first = await snapshot(shop.host);
    expect(first.etag).toMatch(/^W\/"shop_\w+\.v\d+\.active"$/);
    const unchanged = await snapshot(shop.host, first.etag ?? "");
    expect(unchanged.status).toBe(304);
    expect(unchanged.etag).toBe(first.etag);
    await shop.api.patch(`/v1/shops/${shop.shopId}/products/${shop.ids.bread}`, { title: "Country sourdough" });
    const changed = await snapshot(shop.host, first.etag ?? "");
    expect(changed.status).toBe(200);
    expect(changed.etag).not.toBe(first.etag);
    expect(changed.body.version).toBeGreaterThan(first.body.version);
    expect(changed.body.products.map((product: Json) => product.title)).toContain("Country sourdough");
  });

  it("sends the held gzip to a client that takes it (the storefront's fetch does), the same JSON plain otherwise", async () => {
    const shop = await publishedShop();
    const plain = await harness.app.request(`/v1/storefront/${shop.host}/snapshot`);
    const plainText = await plain.text();
    expect(plain.headers.get("content-encoding")).toBeNull();
    const zipped = await harness.app.request(`/v1/storefront/${shop.host}/snapshot`, {
      headers: { "Accept-Encoding": "gzip, deflate" },
    });
    expect(zipped.status).toBe(200);
    expect(zipped.headers.get("content-encoding")).toBe("gzip");
    expect(zipped.headers.get("vary")).toBe("Accept-Encoding");
    expect(zipped.headers.get("etag")).toBe(plain.headers.get("etag"));
    const bytes = Buffer.from(await zipped.arrayBuffer());
    expect(bytes.byteLength).toBeLessThan(Buffer.byteLength(plainText) / 2);
    expect(gunzipSync(bytes).toString("utf8")).toBe(plainText);
    // gzip refused by name: plain, though brotli is welcome (it is not held).
    const refused = await harness.app.request(`/v1/storefront/${shop.host}/snapshot`, {
      headers: { "Accept-Encoding": "br, gzip;q=0" },
    });
    expect(refused.headers.get("content-encoding")).toBeNull();
    expect(await refused.text()).toBe(plainText);
    // The weak ETag answers 304 whichever body was sent, with or without its W/.
    for (const tag of [plain.headers.get("etag") ?? "", (plain.headers.get("etag") ?? "").replace(/^W\//, "")]) {
      const again = await harness.app.request(`/v1/storefront/${shop.host}/snapshot`, {
        headers: { "Accept-Encoding": "gzip", "If-None-Match": tag },
      });
      expect(again.status).toBe(304);
    }
  });

  it("never shows another shop's products", async () => {
    const a = await publishedShop();
    const b = await publishedShop();
    await b.api.post(`/v1/shops/${b.shopId}/products`, { title: "Only in B", variants: [{ price: 1 }] });
    const snapshotA = (await snapshot(a.host)).body;
    const idsOfB = Object.values(b.ids);
    expect(
      snapshotA.products.some((product: Json) => idsOfB.includes(product.id) || product.title === "Only in B"),
    ).toBe(false);
  });

  it("serves a verified custom domain, and stops when it is removed", async () => {
    const shop = await publishedShop();
    const domain = await shop.api.post(`/v1/shops/${shop.shopId}/domains`, { hostname: "honey.example.org" });
    expect((await snapshot("honey.example.org")).status).toBe(404);
    harness.dns.records.set(domain.body.verification.name, [[domain.body.verification.value]]);
    await shop.api.post(`/v1/shops/${shop.shopId}/domains/${domain.body.id}/verify`);
    const served = await snapshot("HONEY.example.org");
    expect(served.status).toBe(200);
    expect(served.body.shop.id).toBe(shop.shopId);
    await shop.api.delete(`/v1/shops/${shop.shopId}/domains/${domain.body.id}`);
    expect((await snapshot("honey.example.org")).status).toBe(404);
  });

  it("disappears when the shop is unpublished", async () => {
    const shop = await publishedShop();
    await shop.api.post(`/v1/shops/${shop.shopId}/unpublish`);
    expect((await snapshot(shop.host)).status).toBe(404);
  });
});
