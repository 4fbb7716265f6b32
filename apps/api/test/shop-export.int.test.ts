// Taking everything out: GET /v1/shops/{shopId}/export answers one JSON download with the shop's
// details, settings, products, collections, pages and orders (buyers' details included), only this
// shop's rows, and nothing secret.
import { platform } from "@stall/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { client, ownerWithShop } from "./client.ts";
import { createHarness, type Harness, type Json } from "./harness.ts";

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
  return { ...owner, base, product, draft, collection, page, placed: placed.body, key };
}

describe("exporting a shop", () => {
  it("answers one JSON download with everything in the shop and the buyers' details", async () => {
    const a = await filledShop("A");
    const response = await a.api.get(`${a.base}/export`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^application\/json/);
    expect(response.headers.get("content-disposition")).toBe(
      `attachment; filename="stall-${a.shop.slug}-2026-11-27.json"`,
    );
    const body = response.body;
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

  it("holds no secrets: no password hash, session or order token, idempotency key or Stripe account id", async () => {
    const a = await filledShop("S");
    const text = (await a.api.get(`${a.base}/export`)).text;
    const user = await platform(harness.deps.database.db).users.findByEmail(a.email);
    const secrets = [user?.passwordHash ?? "missing hash", a.token, a.placed.order.token, a.key, "acct_Ssecret"];
    for (const secret of secrets) expect(text).not.toContain(secret);
    expect(text).not.toMatch(/passwordHash|tokenHash|idempotencyKey|stripeAccountId|requestHash|checkoutSession/i);
  });

  it("holds only this shop's rows, and another shop's owner gets 404", async () => {
    const a = await filledShop("Alpha");
    const b = await filledShop("Bravo");
    const text = (await a.api.get(`${a.base}/export`)).text;
    for (const ofB of [b.shopId, b.product.id, b.draft.id, b.collection.id, b.page.id, b.placed.order.id, "Bravo"]) {
      expect(text).not.toContain(ofB);
    }
    const across = await b.api.get(`${a.base}/export`);
    expect(across.status).toBe(404);
    expect(across.body.code).toBe("shop_not_found");
    expect(across.headers.get("content-disposition")).toBeNull();
  });

  it("is the owner's alone: staff with every other right get 403", async () => {
    const owner = await ownerWithShop(harness);
    const base = `/v1/shops/${owner.shopId}`;
    const invite = await owner.api.post(`${base}/invites`, { role: "staff" });
    const staff = await ownerWithShop(harness);
    expect((await staff.api.post("/v1/invites/accept", { token: invite.body.token })).status).toBe(200);
    const refused = await staff.api.get(`${base}/export`);
    expect(refused.status).toBe(403);
    expect(refused.headers.get("content-type")).toMatch(/^application\/problem\+json/);
  });
});
