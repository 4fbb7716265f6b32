// Product and variant details (decision 033) through the real API on a real libSQL file: what owners
// set and read, what buyers never see (the cost price), keep selling when out of stock, lines that are
// not taxed, and shipping rates chosen by the parcel's weight.
import { forShop } from "@stall/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { client, ownerWithShop } from "./client.ts";
import { createHarness, type Harness, type Json } from "./harness.ts";

let harness: Harness;
beforeAll(async () => {
  harness = await createHarness();
});
afterAll(() => harness?.cleanup());

/** An unusual amount, so finding it anywhere a buyer can reach is not a coincidence. */
const COST = 4_817_263;

async function openShop() {
  const owner = await ownerWithShop(harness);
  const base = `/v1/shops/${owner.shopId}`;
  const pickup = (await owner.api.post(`${base}/pickup-points`, { name: "Market", address: "Town green" })).body;
  await owner.api.patch(base, {
    paymentMethods: ["pay_at_pickup", "bank_transfer"],
    bankTransferInstructions: "12-345",
  });
  await owner.api.post(`${base}/publish`);
  return { ...owner, base, host: `${owner.shop.slug}.localhost`, pickup };
}
type Shop = Awaited<ReturnType<typeof openShop>>;

let keyCounter = 0;
function checkout(shop: Shop, body: Json) {
  return client(harness).post(`/v1/storefront/${shop.host}/checkouts`, body, {
    "idempotency-key": `details-${++keyCounter}-${Date.now()}`,
  });
}

function pickupOrder(shop: Shop, lines: { variantId: string; quantity: number }[]) {
  return {
    lines,
    buyer: { name: "Ana", email: "ana@example.test" },
    fulfilment: { type: "pickup", pickupPointId: shop.pickup.id },
    paymentMethod: "pay_at_pickup",
  };
}

const fullProduct = {
  title: "Jasmine tea",
  vendor: "Hill Farm",
  productType: "Tea",
  productCategory: "Food, Beverages & Tobacco > Beverages > Tea & Infusions",
  tags: ["  Green tea ", "green TEA", "Gift", ""],
  seoTitle: "Jasmine green tea from Hill Farm",
  seoDescription: "Hand-rolled jasmine pearls, 100 g tins.",
  condition: "new",
  isGiftCard: false,
  variants: [
    {
      price: 1500,
      sku: "JAS-100",
      barcode: "4006381 333931",
      weight: 0.25,
      weightUnit: "kg",
      cost: COST,
      isTaxable: false,
      isSoldWhenOutOfStock: true,
      requiresShipping: true,
      stock: 2,
    },
  ],
};

describe("product details through the owner API", () => {
  it("keeps every detail, tidies tags and bar codes, stores weights in grams and reads them back in the unit", async () => {
    const shop = await openShop();
    const created = await shop.api.post(`${shop.base}/products`, fullProduct);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      vendor: "Hill Farm",
      productType: "Tea",
      productCategory: fullProduct.productCategory,
      tags: ["Green tea", "Gift"],
      seoTitle: fullProduct.seoTitle,
      seoDescription: fullProduct.seoDescription,
      condition: "new",
      isGiftCard: false,
      metafields: {},
    });
    expect(created.body.variants[0]).toMatchObject({
      barcode: "4006381333931",
      weightGrams: 250,
      weightUnit: "kg",
      weight: 0.25,
      cost: COST,
      isTaxable: false,
      isSoldWhenOutOfStock: true,
      requiresShipping: true,
    });
    const read = await shop.api.get(`${shop.base}/products/${created.body.id}`);
    expect(read.body.variants[0]).toMatchObject({ weightGrams: 250, cost: COST });
  });

  it("gives a new product the stored defaults", async () => {
    const shop = await openShop();
    const created = await shop.api.post(`${shop.base}/products`, { title: "Plain", variants: [{ price: 100 }] });
    expect(created.body).toMatchObject({ vendor: "", tags: [], seoTitle: "", condition: "new", isGiftCard: false });
    expect(created.body.variants[0]).toMatchObject({
      barcode: null,
      weightGrams: null,
      weightUnit: null,
      weight: null,
      cost: null,
      isTaxable: true,
      isSoldWhenOutOfStock: false,
      requiresShipping: true,
    });
  });

  it("keeps a variant's details when an edit (like the product editor's) leaves them out", async () => {
    const shop = await openShop();
    const created = (await shop.api.post(`${shop.base}/products`, fullProduct)).body;
    const variantId = created.variants[0].id;
    const edited = await shop.api.patch(`${shop.base}/products/${created.id}`, {
      title: "Jasmine tea, 100 g",
      variants: [{ id: variantId, price: 1600 }],
    });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ vendor: "Hill Farm", tags: ["Green tea", "Gift"] });
    expect(edited.body.variants[0]).toMatchObject({
      price: 1600,
      barcode: "4006381333931",
      weightGrams: 250,
      cost: COST,
      isTaxable: false,
      isSoldWhenOutOfStock: true,
      stock: 2,
    });
    // A weight without a unit is read in the unit the variant already uses.
    const reweighed = await shop.api.patch(`${shop.base}/products/${created.id}`, {
      tags: [],
      variants: [{ id: variantId, price: 1600, weight: 1.5, cost: null, barcode: null }],
    });
    expect(reweighed.body.tags).toEqual([]);
    expect(reweighed.body.variants[0]).toMatchObject({
      weightGrams: 1500,
      weightUnit: "kg",
      cost: null,
      barcode: null,
    });
    const inPounds = await shop.api.patch(`${shop.base}/products/${created.id}`, {
      variants: [{ id: variantId, price: 1600, weight: 2, weightUnit: "lb" }],
    });
    expect(inPounds.body.variants[0]).toMatchObject({ weightGrams: 907, weightUnit: "lb", weight: 2 });
  });

  it.each([
    [{ variants: [{ price: 100, barcode: "12345" }] }, "variants.0.barcode", /8 to 14 digits/],
    [{ variants: [{ price: 100, barcode: "ABCDEFGH" }] }, "variants.0.barcode", /8 to 14 digits/],
    [{ variants: [{ price: 100, weight: -1 }] }, "variants.0.weight", /./],
    [{ variants: [{ price: 100, weightUnit: "stone" }] }, "variants.0.weightUnit", /./],
    [{ variants: [{ price: 100, cost: 1.5 }] }, "variants.0.cost", /whole minor units/],
    [{ variants: [{ price: 100 }], tags: ["x".repeat(61)] }, "tags.0", /at most 60/],
    [{ variants: [{ price: 100 }], tags: Array.from({ length: 51 }, (_, i) => `t${i}`) }, "tags", /at most 50 tags/],
    [{ variants: [{ price: 100 }], seoTitle: "x".repeat(201) }, "seoTitle", /./],
    [{ variants: [{ price: 100 }], seoDescription: "x".repeat(321) }, "seoDescription", /./],
    [{ variants: [{ price: 100 }], condition: "broken" }, "condition", /./],
  ])("refuses %j with a problem on %s, writing nothing", async (body, path, message) => {
    const shop = await openShop();
    const response = await shop.api.post(`${shop.base}/products`, { title: "Bad", ...body });
    expect(response.status).toBe(422);
    expect(response.headers.get("content-type")).toMatch(/application\/problem\+json/);
    const error = (response.body.errors as { path: string; message: string }[]).find((item) => item.path === path);
    expect(error?.message).toMatch(message);
    expect((await shop.api.get(`${shop.base}/products`)).body.items).toEqual([]);
  });

  it("does not take metafields from the API (they come with an import)", async () => {
    const shop = await openShop();
    const response = await shop.api.post(`${shop.base}/products`, {
      title: "Bad",
      variants: [{ price: 100 }],
      metafields: { a: "b" },
    });
    expect(response.status).toBe(422);
    expect((await shop.api.get(`${shop.base}/products`)).body.items).toEqual([]);
  });

  it("shows metafields (kept from an import) to the owner only", async () => {
    const shop = await openShop();
    const created = (await shop.api.post(`${shop.base}/products`, fullProduct)).body;
    // Metafields arrive through the CSV import; here they are written straight into the column.
    await harness.database.client.execute({
      sql: "UPDATE products SET metafields = ? WHERE id = ?",
      args: [JSON.stringify({ "custom.origin (product.metafields.custom.origin)": "Fujian" }), created.id],
    });
    const read = await shop.api.get(`${shop.base}/products/${created.id}`);
    expect(read.body.metafields).toEqual({ "custom.origin (product.metafields.custom.origin)": "Fujian" });
    const snapshot = await harness.app.request(`/v1/storefront/${shop.host}/snapshot`);
    expect(await snapshot.text()).not.toContain("Fujian");
  });
});

describe("what buyers never see", () => {
  it("keeps the cost price out of the snapshot, the cart, the order, the buyer's order page and every email", async () => {
    const shop = await openShop();
    const product = (await shop.api.post(`${shop.base}/products`, fullProduct)).body;
    const variantId = product.variants[0].id;

    const snapshotResponse = await harness.app.request(`/v1/storefront/${shop.host}/snapshot`);
    const snapshotText = await snapshotResponse.text();
    expect(snapshotText).not.toContain(String(COST));
    expect(snapshotText).not.toMatch(/"cost/i);
    const snapshot = JSON.parse(snapshotText);
    // What buyers may see is there.
    expect(snapshot.products[0]).toMatchObject({
      vendor: "Hill Farm",
      tags: ["Green tea", "Gift"],
      seoTitle: fullProduct.seoTitle,
      condition: "new",
    });
    expect(snapshot.products[0].variants[0]).toMatchObject({ sku: "JAS-100", barcode: "4006381333931" });

    const cart = await client(harness).post(`/v1/storefront/${shop.host}/carts`);
    const added = await client(harness).post(`/v1/storefront/${shop.host}/carts/${cart.body.id}/lines`, {
      variantId,
      quantity: 1,
    });
    expect(added.text).not.toContain(String(COST));

    const order = await checkout(shop, pickupOrder(shop, [{ variantId, quantity: 1 }]));
    expect(order.status).toBe(201);
    expect(JSON.stringify(order.body)).not.toContain(String(COST));
    const buyerView = await client(harness).get(
      `/v1/storefront/${shop.host}/orders/${order.body.order.id}?token=${order.body.order.token}`,
    );
    expect(buyerView.status).toBe(200);
    expect(buyerView.text).not.toContain(String(COST));

    const emails = await harness.database.client.execute("SELECT * FROM notifications");
    expect(emails.rows.length).toBeGreaterThan(0);
    expect(JSON.stringify(emails.rows)).not.toContain(String(COST));
  });
});

describe("keep selling when out of stock", () => {
  it("sells a keep-selling variant at 0 and past what is on hand; stock stops at 0", async () => {
    const shop = await openShop();
    const product = (
      await shop.api.post(`${shop.base}/products`, {
        title: "Noodles made to order",
        variants: [{ price: 800, stock: 1, isSoldWhenOutOfStock: true }],
      })
    ).body;
    const variantId = product.variants[0].id;
    const stockNow = async () =>
      (await shop.api.get(`${shop.base}/products/${product.id}`)).body.variants[0].stock as number;

    expect((await checkout(shop, pickupOrder(shop, [{ variantId, quantity: 3 }]))).status).toBe(201);
    expect(await stockNow()).toBe(0);
    expect((await checkout(shop, pickupOrder(shop, [{ variantId, quantity: 2 }]))).status).toBe(201);
    expect(await stockNow()).toBe(0);

    const snapshot = (await client(harness).get(`/v1/storefront/${shop.host}/snapshot`)).body;
    expect(snapshot.products[0].variants[0]).toMatchObject({
      availability: "in_stock",
      stockLeft: null,
      isBackordered: true,
    });
    const cart = await client(harness).post(`/v1/storefront/${shop.host}/carts`);
    const added = await client(harness).post(`/v1/storefront/${shop.host}/carts/${cart.body.id}/lines`, {
      variantId,
      quantity: 4,
    });
    expect(added.status).toBeLessThan(300);
    const line = (added.body.lines as Json[]).find((item) => item.variantId === variantId);
    expect(line).toMatchObject({ problem: null, availability: "in_stock", maxQuantity: 99 });
  });

  it("still gives exactly one order when 20 buyers want the last item of a normal variant", async () => {
    const shop = await openShop();
    const product = (
      await shop.api.post(`${shop.base}/products`, {
        title: "Last jar",
        options: [{ name: "Size", values: ["Big", "Small"] }],
        variants: [
          { optionValues: ["Big"], price: 1200, stock: 1 },
          { optionValues: ["Small"], price: 800, stock: 0, isSoldWhenOutOfStock: true },
        ],
      })
    ).body;
    const [normal, keepSelling] = product.variants.map((variant: Json) => variant.id as string);
    // Half want the normal jar alone, half the normal jar with a keep-selling one: still one winner.
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, index) =>
        checkout(
          shop,
          pickupOrder(
            shop,
            index % 2 === 0
              ? [{ variantId: normal, quantity: 1 }]
              : [
                  { variantId: keepSelling, quantity: 1 },
                  { variantId: normal, quantity: 1 },
                ],
          ),
        ),
      ),
    );
    expect(results.filter((result) => result.status === 201)).toHaveLength(1);
    const refused = results.filter((result) => result.status === 409);
    expect(refused).toHaveLength(19);
    for (const result of refused) {
      expect(result.body.code).toBe("insufficient_stock");
      // Only the normal variant is ever reported short.
      expect(result.body.lines).toEqual([{ variantId: normal, requested: 1, available: 0 }]);
    }
    const after = (await shop.api.get(`${shop.base}/products/${product.id}`)).body.variants;
    expect(after.map((variant: Json) => variant.stock)).toEqual([0, 0]);
  });

  it("refuses a normal variant at 0 as before", async () => {
    const shop = await openShop();
    const product = (
      await shop.api.post(`${shop.base}/products`, { title: "Gone", variants: [{ price: 5, stock: 0 }] })
    ).body;
    const response = await checkout(shop, pickupOrder(shop, [{ variantId: product.variants[0].id, quantity: 1 }]));
    expect(response.status).toBe(409);
  });
});

describe("lines that are not taxed", () => {
  it.each([
    ["added", 1100 + 500, 100],
    ["included", 1000 + 500, 91],
  ])("with tax %s, only the taxable line pays tax; the order stores each line's tax", async (mode, total, tax) => {
    const shop = await openShop();
    expect((await shop.api.put(`${shop.base}/tax`, { mode, rate: 1000 })).status).toBe(200);
    const taxed = (await shop.api.post(`${shop.base}/products`, { title: "Tea", variants: [{ price: 1000 }] })).body;
    const untaxed = (
      await shop.api.post(`${shop.base}/products`, {
        title: "Gift card",
        isGiftCard: true,
        variants: [{ price: 500, isTaxable: false, requiresShipping: false }],
      })
    ).body;
    const response = await checkout(
      shop,
      pickupOrder(shop, [
        { variantId: taxed.variants[0].id, quantity: 1 },
        { variantId: untaxed.variants[0].id, quantity: 1 },
      ]),
    );
    expect(response.status).toBe(201);
    expect(response.body.order.totals).toMatchObject({ tax, total });
    const order = await forShop(harness.database.db, shop.shopId).orders.get(response.body.order.id);
    expect(order?.lines.map((line) => line.taxAmount)).toEqual([tax, 0]);
  });
});

describe("shipping rates by weight", () => {
  async function postingShop() {
    const shop = await openShop();
    const rate = async (body: Json) => {
      const response = await shop.api.post(`${shop.base}/shipping-rates`, {
        countries: ["GB"],
        ...body,
      });
      expect(response.status).toBe(201);
      return response.body;
    };
    const small = await rate({ name: "Small parcel", price: 300, maxWeightGrams: 2000 });
    const large = await rate({ name: "Large parcel", price: 900, minWeightGrams: 2001, maxWeightGrams: 20000 });
    const flour = (
      await shop.api.post(`${shop.base}/products`, {
        title: "Flour",
        variants: [{ price: 200, weight: 1, weightUnit: "kg" }],
      })
    ).body.variants[0].id as string;
    const voucher = (
      await shop.api.post(`${shop.base}/products`, {
        title: "Voucher",
        variants: [{ price: 1000, weight: 5, weightUnit: "kg", requiresShipping: false }],
      })
    ).body.variants[0].id as string;
    const unweighed = (await shop.api.post(`${shop.base}/products`, { title: "Jam", variants: [{ price: 400 }] })).body
      .variants[0].id as string;
    return { shop, small, large, flour, voucher, unweighed };
  }

  function posted(shop: Shop, rateId: string, lines: { variantId: string; quantity: number }[]) {
    return checkout(shop, {
      lines,
      buyer: { name: "Ana", email: "ana@example.test" },
      fulfilment: {
        type: "shipping",
        shippingRateId: rateId,
        address: { line1: "1 High St", city: "Leeds", country: "GB" },
      },
      paymentMethod: "bank_transfer",
    });
  }

  it("keeps the bounds on the rate and refuses a heaviest parcel lighter than the lightest", async () => {
    const { shop, small, large } = await postingShop();
    expect(small).toMatchObject({ minWeightGrams: null, maxWeightGrams: 2000 });
    expect(large).toMatchObject({ minWeightGrams: 2001, maxWeightGrams: 20000 });
    const bad = await shop.api.patch(`${shop.base}/shipping-rates/${large.id}`, { maxWeightGrams: 1000 });
    expect(bad.status).toBe(422);
    expect(bad.body.errors).toEqual([{ path: "maxWeightGrams", message: expect.any(String) }]);
    const cleared = await shop.api.patch(`${shop.base}/shipping-rates/${large.id}`, { minWeightGrams: null });
    expect(cleared.body).toMatchObject({ minWeightGrams: null, maxWeightGrams: 20000 });
  });

  it("applies a rate only inside its bounds; unshipped lines and lines without weight count nothing", async () => {
    const { shop, small, large, flour, voucher, unweighed } = await postingShop();
    // 2 kg of flour: the small parcel, up to and including 2000 g.
    expect((await posted(shop, small.id, [{ variantId: flour, quantity: 2 }])).status).toBe(201);
    const tooLight = await posted(shop, large.id, [{ variantId: flour, quantity: 2 }]);
    expect(tooLight.status).toBe(422);
    expect(tooLight.body.errors).toEqual([
      { path: "fulfilment.shippingRateId", message: "Choose another way of posting" },
    ]);
    // 3 kg: only the large parcel.
    expect((await posted(shop, small.id, [{ variantId: flour, quantity: 3 }])).status).toBe(422);
    const heavy = await posted(shop, large.id, [{ variantId: flour, quantity: 3 }]);
    expect(heavy.status).toBe(201);
    expect(heavy.body.order.totals.fulfilment).toBe(900);
    // A 5 kg voucher that is not posted, and jam without a weight, weigh nothing.
    const light = await posted(shop, small.id, [
      { variantId: flour, quantity: 1 },
      { variantId: voucher, quantity: 2 },
      { variantId: unweighed, quantity: 10 },
    ]);
    expect(light.status).toBe(201);
  });

  it("tells the storefront what each cart line weighs, so checkout offers only the rates that fit", async () => {
    const { shop, flour, voucher, unweighed } = await postingShop();
    const cart = await client(harness).post(`/v1/storefront/${shop.host}/carts`);
    const url = `/v1/storefront/${shop.host}/carts/${cart.body.id}/lines`;
    await client(harness).post(url, { variantId: flour, quantity: 2 });
    await client(harness).post(url, { variantId: voucher, quantity: 1 });
    const last = await client(harness).post(url, { variantId: unweighed, quantity: 3 });
    const weights = Object.fromEntries((last.body.lines as Json[]).map((line) => [line.variantId, line.weightGrams]));
    expect(weights).toEqual({ [flour]: 2000, [voucher]: 0, [unweighed]: 0 });
  });
});
