// Rich results (decision 032): the return policy setting, the snapshot fields JSON-LD is built from,
// and the share cards for a shop's home page and its collections.
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ownerWithShop } from "./client.ts";
import { createHarness, type Harness, type Json } from "./harness.ts";

let harness: Harness;
beforeAll(async () => {
  harness = await createHarness();
});
afterAll(() => harness?.cleanup());

async function uploadPhoto(owner: Awaited<ReturnType<typeof ownerWithShop>>, colour: string): Promise<string> {
  const form = new FormData();
  const photo = await sharp({ create: { width: 700, height: 700, channels: 3, background: colour } })
    .jpeg()
    .toBuffer();
  form.append("file", new Blob([new Uint8Array(photo)], { type: "image/jpeg" }), "photo.jpg");
  const response = await harness.app.request(`/v1/shops/${owner.shopId}/media`, {
    method: "POST",
    headers: { authorization: `Bearer ${owner.token}` },
    body: form,
  });
  return ((await response.json()) as Json).id as string;
}

const snapshotOf = async (host: string) =>
  (await (await harness.app.request(`/v1/storefront/${host}/snapshot`)).json()) as Json;

describe("the return policy setting", () => {
  it("is null until set, refuses an incomplete answer in plain words without writing, and bumps the version", async () => {
    const owner = await ownerWithShop(harness);
    const url = `/v1/shops/${owner.shopId}/return-policy`;
    expect((await owner.api.get(url)).body).toEqual({ returnPolicy: null });
    const before = (await owner.api.get(`/v1/shops/${owner.shopId}`)).body.version;

    const refused = await owner.api.put(url, { isAccepted: true, days: 0 });
    expect(refused.status).toBe(422);
    expect(refused.headers.get("content-type")).toMatch(/^application\/problem\+json/);
    expect(refused.body.errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: "days", message: "Enter at least 1 day" }),
        expect.objectContaining({ path: "method", message: "Say how buyers return things" }),
      ]),
    );
    expect((await owner.api.get(url)).body).toEqual({ returnPolicy: null });

    const saved = await owner.api.put(url, {
      isAccepted: true,
      days: 30,
      method: "by_mail_or_in_store",
      fees: "buyer_pays_shipping",
    });
    expect(saved.status).toBe(200);
    const policy = {
      isAccepted: true,
      days: 30,
      method: "by_mail_or_in_store",
      fees: "buyer_pays_shipping",
      countries: [],
    };
    expect(saved.body).toEqual({ returnPolicy: policy });
    expect((await owner.api.get(url)).body).toEqual({ returnPolicy: policy });
    expect((await owner.api.get(`/v1/shops/${owner.shopId}`)).body.version).toBeGreaterThan(before);

    await owner.api.post(`/v1/shops/${owner.shopId}/publish`);
    expect((await snapshotOf(`${owner.shop.slug}.localhost`)).shop.returnPolicy).toEqual(policy);
  });

  it("is the shop's setting: a helper needs the settings right to change it", async () => {
    const owner = await ownerWithShop(harness);
    const invite = await owner.api.post(`/v1/shops/${owner.shopId}/invites`, {
      role: "helper",
      permissions: ["orders"],
    });
    const helper = await ownerWithShop(harness);
    expect((await helper.api.post("/v1/invites/accept", { token: invite.body.token })).status).toBe(200);
    const url = `/v1/shops/${owner.shopId}/return-policy`;
    expect((await helper.api.get(url)).status).toBe(200);
    const refused = await helper.api.put(url, { isAccepted: false });
    expect(refused.status).toBe(403);
    expect((await owner.api.get(url)).body).toEqual({ returnPolicy: null });
  });
});

describe("the snapshot", () => {
  it("carries sku, barcode, vendor, condition and keep-selling as JSON-LD needs them", async () => {
    const owner = await ownerWithShop(harness);
    const base = `/v1/shops/${owner.shopId}`;
    const jar = await owner.api.post(`${base}/products`, {
      title: "Jar",
      variants: [{ price: 900, stock: 0, sku: "JAR-1" }],
    });
    const raw = harness.database.client;
    // The product editor's fields land in another part of this work; the columns are set directly here.
    await raw.execute({
      sql: "UPDATE products SET vendor = 'Bee Co', condition = 'refurbished' WHERE id = ?",
      args: [jar.body.id],
    });
    await raw.execute({
      sql: "UPDATE product_variants SET barcode = '4006381333931', is_sold_when_out_of_stock = 1 WHERE product_id = ?",
      args: [jar.body.id],
    });
    await owner.api.post(`${base}/publish`);
    const [product] = (await snapshotOf(`${owner.shop.slug}.localhost`)).products;
    expect(product).toMatchObject({
      vendor: "Bee Co",
      condition: "refurbished",
      variants: [{ sku: "JAR-1", barcode: "4006381333931", availability: "in_stock", isBackordered: true }],
    });
  });
});

describe("share cards for the home page and collections", () => {
  it("draws 1200x630 JPEGs from the logo, else the first product photo, cached by the shop's version", async () => {
    const owner = await ownerWithShop(harness, { name: "陈记面馆" });
    const base = `/v1/shops/${owner.shopId}`;
    const photo = await uploadPhoto(owner, "#aa3322");
    const noodles = await owner.api.post(`${base}/products`, {
      title: "Beef noodles",
      variants: [{ price: 1800 }],
      mediaIds: [photo],
    });
    const plain = await owner.api.post(`${base}/products`, { title: "Tea", variants: [{ price: 300 }] });
    await owner.api.post(`${base}/collections`, {
      title: "Hot bowls",
      slug: "hot",
      description: "Soup noodles, made to order.",
      productIds: [plain.body.id, noodles.body.id],
    });
    await owner.api.patch(base, { tagline: "Hand-pulled since 1988" });
    await owner.api.post(`${base}/publish`);
    const host = `${owner.shop.slug}.localhost`;

    for (const url of [`/v1/storefront/${host}/share.jpg`, `/v1/storefront/${host}/collections/hot/share.jpg`]) {
      const response = await harness.app.request(url);
      expect(response.status).toBe(200);
      expect(response.headers.get("content-type")).toBe("image/jpeg");
      const image = sharp(Buffer.from(await response.arrayBuffer()));
      const meta = await image.metadata();
      expect([meta.format, meta.width, meta.height]).toEqual(["jpeg", 1200, 630]);
      // The left half is the product's red photo (the card has no logo yet), not the empty beige.
      const { data } = await image.extract({ left: 300, top: 300, width: 1, height: 1 }).raw().toBuffer({
        resolveWithObject: true,
      });
      expect(data[0]).toBeGreaterThan(140);
      expect(data[1]).toBeLessThan(90);
      const etag = response.headers.get("etag") ?? "";
      expect((await harness.app.request(url, { headers: { "If-None-Match": etag } })).status).toBe(304);
    }

    const home = `/v1/storefront/${host}/share.jpg`;
    const etag = (await harness.app.request(home)).headers.get("etag");
    const logo = await uploadPhoto(owner, "#2244aa");
    await owner.api.patch(base, { logoMediaId: logo });
    const withLogo = await harness.app.request(home);
    expect(withLogo.headers.get("etag")).not.toBe(etag);
    const { data } = await sharp(Buffer.from(await withLogo.arrayBuffer()))
      .extract({ left: 300, top: 300, width: 1, height: 1 })
      .raw()
      .toBuffer({ resolveWithObject: true });
    expect(data[2]).toBeGreaterThan(120);

    const missing = await harness.app.request(`/v1/storefront/${host}/collections/none/share.jpg`);
    expect(missing.status).toBe(404);
    expect(missing.headers.get("content-type")).toMatch(/^application\/problem\+json/);
  });
});
