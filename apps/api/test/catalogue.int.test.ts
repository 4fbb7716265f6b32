import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ownerWithShop } from "./client.ts";
import { createHarness, type Harness, type Json } from "./harness.ts";

let harness: Harness;
beforeAll(async () => {
  harness = await createHarness();
});
afterAll(() => harness?.cleanup());

const apron = {
  title: "Linen Apron",
  description: "Made in **our** barn.",
  options: [
    { name: "Size", values: ["S", "M"] },
    { name: "Colour", values: ["Sage", "Rust"] },
  ],
  variants: [
    { optionValues: ["S", "Sage"], price: 3200, compareAtPrice: 3800, sku: "APR-S-SAGE", stock: 3 },
    { optionValues: ["M", "Sage"], price: 3400, stock: 0 },
    { optionValues: ["S", "Rust"], price: 3200, stock: null },
  ],
};

describe("products", () => {
  it("creates a product with options and variants; ids, prices in minor units, slug from the title", async () => {
    const { api, shopId } = await ownerWithShop(harness);
    const created = await api.post(`/v1/shops/${shopId}/products`, apron);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ slug: "linen-apron", title: "Linen Apron", status: "active", photos: [] });
    expect(created.body.id).toMatch(/^prd_/);
    expect(created.body.options.map((option: Json) => option.name)).toEqual(["Size", "Colour"]);
    expect(
      created.body.variants.map((variant: Json) => [
        variant.title,
        variant.price,
        variant.compareAtPrice,
        variant.stock,
      ]),
    ).toEqual([
      ["S / Sage", 3200, 3800, 3],
      ["M / Sage", 3400, null, 0],
      ["S / Rust", 3200, null, null],
    ]);
    expect(created.body.variants.every((variant: Json) => /^var_/.test(variant.id) && variant.currency === "USD")).toBe(
      true,
    );
    expect((await api.get(`/v1/shops/${shopId}/products/${created.body.id}`)).body).toEqual(created.body);
  });

  it("makes slugs unique within a shop, and refuses a taken slug asked for", async () => {
    const { api, shopId } = await ownerWithShop(harness);
    const first = await api.post(`/v1/shops/${shopId}/products`, { title: "Honey", variants: [{ price: 900 }] });
    const second = await api.post(`/v1/shops/${shopId}/products`, { title: "Honey", variants: [{ price: 900 }] });
    expect([first.body.slug, second.body.slug]).toEqual(["honey", "honey-2"]);
    const taken = await api.post(`/v1/shops/${shopId}/products`, {
      title: "X",
      slug: "honey",
      variants: [{ price: 1 }],
    });
    expect(taken.status).toBe(409);
    const other = await ownerWithShop(harness);
    const elsewhere = await other.api.post(`/v1/shops/${other.shopId}/products`, {
      title: "Honey",
      variants: [{ price: 1 }],
    });
    expect(elsewhere.body.slug).toBe("honey");
  });

  it.each([
    [{ title: "A", variants: [{ price: 12.5 }] }, "variants.0.price"],
    [{ title: "A", variants: [{ price: "12" }] }, "variants.0.price"],
    [{ title: "A", variants: [{ price: -5 }] }, "variants.0.price"],
    [{ title: "A", variants: [{ price: 10, stock: -1 }] }, "variants.0.stock"],
    [{ title: "A", variants: [{ price: 10, compareAtPrice: 5 }] }, "variants.0.compareAtPrice"],
    [{ title: "A", variants: [] }, "variants"],
    [{ title: "A", variants: [{ price: 1, id: "var_x" }] }, "variants.0.id"],
    [
      {
        title: "A",
        options: [
          { name: "S", values: ["a"] },
          { name: "T", values: ["a"] },
          { name: "U", values: ["a"] },
          { name: "V", values: ["a"] },
        ],
        variants: [{ price: 1 }],
      },
      "options",
    ],
    [{ title: "A", variants: [{ price: 1 }], shopId: "shop_other" }, "(body)"],
    [{ title: "A", variants: [{ price: 1 }], version: 7 }, "(body)"],
    [{ title: "", variants: [{ price: 1 }] }, "title"],
    [{ title: "A".repeat(201), variants: [{ price: 1 }] }, "title"],
  ])("refuses %j (422 at %s) and writes nothing", async (body, path) => {
    const { api, shopId } = await ownerWithShop(harness);
    const response = await api.post(`/v1/shops/${shopId}/products`, body);
    expect(response.status).toBe(422);
    expect(response.body.errors.map((error: Json) => error.path)).toContain(path);
    expect((await api.get(`/v1/shops/${shopId}/products`)).body.items).toEqual([]);
    expect((await api.get(`/v1/shops/${shopId}`)).body.version).toBe(1);
  });

  it("edits variants in place: kept ids stay, new ones are added, missing ones removed; stock left out stays", async () => {
    const { api, shopId } = await ownerWithShop(harness);
    const created = (await api.post(`/v1/shops/${shopId}/products`, apron)).body;
    const [first, , third] = created.variants;
    const updated = await api.patch(`/v1/shops/${shopId}/products/${created.id}`, {
      variants: [
        { id: first.id, optionValues: ["S", "Sage"], price: 3000 },
        { optionValues: ["M", "Rust"], price: 3500, stock: 2 },
        { id: third.id, optionValues: ["S", "Rust"], price: 3200, stock: 7 },
      ],
    });
    expect(updated.status).toBe(200);
    expect(
      updated.body.variants.map((variant: Json) => [
        variant.id === first.id,
        variant.id === third.id,
        variant.price,
        variant.stock,
      ]),
    ).toEqual([
      [true, false, 3000, 3],
      [false, false, 3500, 2],
      [false, true, 3200, 7],
    ]);
    const foreign = await api.patch(`/v1/shops/${shopId}/products/${created.id}`, {
      variants: [{ id: "var_01zzzzzzzzzzzzzzzzzzzzzzzz", optionValues: ["S", "Sage"], price: 1 }],
    });
    expect(foreign.status).toBe(422);
    expect(foreign.body.errors[0].path).toBe("variants.0.id");
    const badCombination = await api.patch(`/v1/shops/${shopId}/products/${created.id}`, {
      variants: [{ optionValues: ["XL", "Sage"], price: 1 }],
    });
    expect(badCombination.status).toBe(422);
  });

  it("changes options together with variants", async () => {
    const { api, shopId } = await ownerWithShop(harness);
    const created = (await api.post(`/v1/shops/${shopId}/products`, apron)).body;
    const alone = await api.patch(`/v1/shops/${shopId}/products/${created.id}`, {
      options: [{ name: "Size", values: ["One"] }],
    });
    expect(alone.status).toBe(422);
    const both = await api.patch(`/v1/shops/${shopId}/products/${created.id}`, {
      options: [{ name: "Size", values: ["One size"] }],
      variants: [{ optionValues: ["One size"], price: 2900, stock: 10 }],
    });
    expect(both.body.options).toEqual([
      { id: expect.any(String), name: "Size", values: ["One size"], translations: {} },
    ]);
    expect(both.body.variants).toHaveLength(1);
  });

  it("keeps the web address on rename; a new slug keeps the old one as a redirect", async () => {
    const { api, shopId } = await ownerWithShop(harness);
    const created = (
      await api.post(`/v1/shops/${shopId}/products`, { title: "Wildflower Honey", variants: [{ price: 900 }] })
    ).body;
    const renamed = await api.patch(`/v1/shops/${shopId}/products/${created.id}`, { title: "Meadow Honey" });
    expect(renamed.body).toMatchObject({ title: "Meadow Honey", slug: "wildflower-honey" });
    const moved = await api.patch(`/v1/shops/${shopId}/products/${created.id}`, { slug: "meadow-honey" });
    expect(moved.body.slug).toBe("meadow-honey");
    await api.post(`/v1/shops/${shopId}/publish`);
    const shop = (await api.get(`/v1/shops/${shopId}`)).body;
    const snapshot = await harness.app.request(`/v1/storefront/${shop.slug}.localhost/snapshot`);
    expect(((await snapshot.json()) as Json).productRedirects).toEqual({ "wildflower-honey": "meadow-honey" });
    // Moving back removes the redirect loop.
    await api.patch(`/v1/shops/${shopId}/products/${created.id}`, { slug: "wildflower-honey" });
    const again = (await (await harness.app.request(`/v1/storefront/${shop.slug}.localhost/snapshot`)).json()) as Json;
    expect(again.productRedirects).toEqual({ "meadow-honey": "wildflower-honey" });
  });

  it("pages the list with a cursor, filters by status, deletes, and reorders", async () => {
    const { api, shopId } = await ownerWithShop(harness);
    const ids = [];
    for (const [index, status] of ["active", "draft", "active", "archived", "active"].entries()) {
      ids.push(
        (await api.post(`/v1/shops/${shopId}/products`, { title: `P${index}`, status, variants: [{ price: 100 }] }))
          .body.id,
      );
    }
    const first = await api.get(`/v1/shops/${shopId}/products?limit=2`);
    const second = await api.get(`/v1/shops/${shopId}/products?limit=2&cursor=${first.body.nextCursor}`);
    const third = await api.get(`/v1/shops/${shopId}/products?limit=2&cursor=${second.body.nextCursor}`);
    expect(
      [...first.body.items, ...second.body.items, ...third.body.items].map((product: Json) => product.title),
    ).toEqual(["P0", "P1", "P2", "P3", "P4"]);
    expect(third.body.nextCursor).toBeNull();
    expect((await api.get(`/v1/shops/${shopId}/products?status=active`)).body.items).toHaveLength(3);
    expect((await api.get(`/v1/shops/${shopId}/products?limit=0`)).status).toBe(422);
    expect((await api.get(`/v1/shops/${shopId}/products?limit=101`)).status).toBe(422);

    expect((await api.post(`/v1/shops/${shopId}/products/reorder`, { ids: [...ids].reverse() })).status).toBe(204);
    const reordered = (await api.get(`/v1/shops/${shopId}/products?limit=10`)).body.items;
    expect(reordered.map((product: Json) => [product.title, product.position])).toEqual([
      ["P0", 4],
      ["P1", 3],
      ["P2", 2],
      ["P3", 1],
      ["P4", 0],
    ]);

    expect((await api.delete(`/v1/shops/${shopId}/products/${ids[0]}`)).status).toBe(204);
    expect((await api.get(`/v1/shops/${shopId}/products/${ids[0]}`)).status).toBe(404);
    expect((await api.delete(`/v1/shops/${shopId}/products/${ids[0]}`)).status).toBe(404);
  });

  it("every change bumps the shop version once", async () => {
    const { api, shopId } = await ownerWithShop(harness);
    const version = async () => (await api.get(`/v1/shops/${shopId}`)).body.version as number;
    const start = await version();
    const product = (await api.post(`/v1/shops/${shopId}/products`, { title: "Jam", variants: [{ price: 500 }] })).body;
    expect(await version()).toBe(start + 1);
    await api.patch(`/v1/shops/${shopId}/products/${product.id}`, { title: "Plum jam" });
    expect(await version()).toBe(start + 2);
    await api.delete(`/v1/shops/${shopId}/products/${product.id}`);
    expect(await version()).toBe(start + 3);
    await api.patch(`/v1/shops/${shopId}/products/${product.id}`, { title: "gone" });
    expect(await version()).toBe(start + 3);
  });
});

describe("collections and pages", () => {
  it("keeps a hand-ordered collection of the shop's own products", async () => {
    const { api, shopId } = await ownerWithShop(harness);
    const a = (await api.post(`/v1/shops/${shopId}/products`, { title: "A", variants: [{ price: 1 }] })).body.id;
    const b = (await api.post(`/v1/shops/${shopId}/products`, { title: "B", variants: [{ price: 1 }] })).body.id;
    const created = await api.post(`/v1/shops/${shopId}/collections`, {
      title: "Market favourites",
      isFeatured: true,
      productIds: [b, a],
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ slug: "market-favourites", isFeatured: true, productIds: [b, a] });
    const changed = await api.patch(`/v1/shops/${shopId}/collections/${created.body.id}`, { productIds: [a] });
    expect(changed.body.productIds).toEqual([a]);
    expect((await api.post(`/v1/shops/${shopId}/collections`, { title: "Twice", productIds: [a, a] })).status).toBe(
      422,
    );
    expect(
      (await api.post(`/v1/shops/${shopId}/collections`, { title: "Clash", slug: "market-favourites" })).status,
    ).toBe(409);
    // Deleting a product takes it out of collections.
    await api.delete(`/v1/shops/${shopId}/products/${a}`);
    expect((await api.get(`/v1/shops/${shopId}/collections/${created.body.id}`)).body.productIds).toEqual([]);
    expect((await api.get(`/v1/shops/${shopId}/collections`)).body.items).toHaveLength(1);
    expect((await api.delete(`/v1/shops/${shopId}/collections/${created.body.id}`)).status).toBe(204);
    expect((await api.get(`/v1/shops/${shopId}/collections/${created.body.id}`)).status).toBe(404);
  });

  it("renders a page's Markdown to safe HTML", async () => {
    const { api, shopId } = await ownerWithShop(harness);
    const page = await api.post(`/v1/shops/${shopId}/pages`, {
      title: "About us",
      body: "## Who we are\n\nA **family** farm. <script>alert(1)</script> [map](javascript:alert(1))",
    });
    expect(page.status).toBe(201);
    expect(page.body.slug).toBe("about-us");
    expect(page.body.html).toBe(
      '<h2>Who we are</h2>\n<p>A <strong>family</strong> farm. &lt;script&gt;alert(1)&lt;/script&gt; <a href="">map</a></p>',
    );
    const edited = await api.patch(`/v1/shops/${shopId}/pages/${page.body.id}`, { body: "Plain" });
    expect(edited.body.html).toBe("<p>Plain</p>");
  });
});

describe("ways to get goods, and discounts", () => {
  it("stores pickup points with hours, delivery areas by landmark, shipping by country", async () => {
    const { api, shopId } = await ownerWithShop(harness);
    const point = await api.post(`/v1/shops/${shopId}/pickup-points`, {
      name: "Saturday market",
      address: "Town green, Main Street",
      hours: [{ day: 6, opens: "08:00", closes: "13:00" }],
      instructions: "Green awning by the fountain",
    });
    expect(point.status).toBe(201);
    expect(point.body).toMatchObject({
      name: "Saturday market",
      isActive: true,
      hours: [{ day: 6, opens: "08:00", closes: "13:00" }],
    });
    expect(
      (
        await api.post(`/v1/shops/${shopId}/pickup-points`, {
          name: "X",
          address: "Y",
          hours: [{ day: 1, opens: "14:00", closes: "09:00" }],
        })
      ).status,
    ).toBe(422);
    expect(
      (
        await api.post(`/v1/shops/${shopId}/pickup-points`, {
          name: "X",
          address: "Y",
          hours: [{ day: 7, opens: "09:00", closes: "10:00" }],
        })
      ).status,
    ).toBe(422);

    const area = await api.post(`/v1/shops/${shopId}/delivery-areas`, {
      name: "Willow Creek village",
      description: "From the church to the covered bridge",
      fee: 300,
      minimumOrder: 1500,
      freeOver: 5000,
      deliveryDays: [5, 2, 2],
    });
    expect(area.body).toMatchObject({
      fee: 300,
      minimumOrder: 1500,
      freeOver: 5000,
      currency: "USD",
      deliveryDays: [2, 5],
    });

    const rate = await api.post(`/v1/shops/${shopId}/shipping-rates`, {
      name: "Post",
      countries: ["US", "CA"],
      price: 800,
      minDays: 2,
      maxDays: 5,
    });
    expect(rate.body).toMatchObject({ countries: ["US", "CA"], price: 800 });
    expect(
      (await api.post(`/v1/shops/${shopId}/shipping-rates`, { name: "P", countries: ["usa"], price: 1 })).status,
    ).toBe(422);
    expect(
      (
        await api.post(`/v1/shops/${shopId}/shipping-rates`, {
          name: "P",
          countries: ["US"],
          price: 1,
          minDays: 5,
          maxDays: 2,
        })
      ).status,
    ).toBe(422);

    const moved = await api.patch(`/v1/shops/${shopId}/pickup-points/${point.body.id}`, { isActive: false });
    expect(moved.body.isActive).toBe(false);
    expect((await api.delete(`/v1/shops/${shopId}/delivery-areas/${area.body.id}`)).status).toBe(204);
    expect((await api.get(`/v1/shops/${shopId}/delivery-areas`)).body.items).toEqual([]);
  });

  it("stores discount codes, upper-case and unique, with sane rules", async () => {
    const { api, shopId } = await ownerWithShop(harness);
    const code = await api.post(`/v1/shops/${shopId}/discount-codes`, {
      code: "spring10",
      kind: "percent",
      value: 1000,
      minimumSubtotal: 2000,
      startsAt: Date.UTC(2026, 2, 1),
      endsAt: Date.UTC(2026, 4, 1),
      usageLimit: 100,
    });
    expect(code.status).toBe(201);
    expect(code.body).toMatchObject({ code: "SPRING10", kind: "percent", value: 1000, usageCount: 0, isActive: true });
    expect(
      (await api.post(`/v1/shops/${shopId}/discount-codes`, { code: "Spring10", kind: "fixed", value: 100 })).status,
    ).toBe(409);
    expect(
      (await api.post(`/v1/shops/${shopId}/discount-codes`, { code: "HALF", kind: "percent", value: 10001 })).status,
    ).toBe(422);
    expect(
      (await api.post(`/v1/shops/${shopId}/discount-codes`, { code: "X1", kind: "fixed", value: 100 })).status,
    ).toBe(422);
    expect(
      (
        await api.post(`/v1/shops/${shopId}/discount-codes`, {
          code: "BACKWARDS",
          kind: "fixed",
          value: 100,
          startsAt: 2000,
          endsAt: 1000,
        })
      ).status,
    ).toBe(422);
    expect((await api.patch(`/v1/shops/${shopId}/discount-codes/${code.body.id}`, { value: 20000 })).status).toBe(422);
    expect(
      (await api.patch(`/v1/shops/${shopId}/discount-codes/${code.body.id}`, { isActive: false })).body.isActive,
    ).toBe(false);
  });
});
