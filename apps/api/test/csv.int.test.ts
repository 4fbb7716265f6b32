import { forShop, platform } from "@stall/db";
import { parse } from "csv-parse/sync";
import { stringify } from "csv-stringify/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type CatalogueProduct, parseShopifyCsv, TEMPLATE_COLUMNS } from "../src/use-cases/catalog/shopify-csv.ts";
import { ownerWithShop } from "./client.ts";
import { generateShopifyExport } from "./fixtures/shopify-export.ts";
import { TEMPLATE_COLUMNS_NOT_KEPT, TEMPLATE_CSV, TEMPLATE_PRODUCTS } from "./fixtures/shopify-template.ts";
import { createHarness, type Harness, type Json } from "./harness.ts";

let harness: Harness;
beforeAll(async () => {
  harness = await createHarness();
});
afterAll(() => harness?.cleanup());

type Owner = Awaited<ReturnType<typeof ownerWithShop>>;

/** A product as the test means it: what the CSV says and what the API must then show. */
type Spec = {
  handle: string;
  title: string;
  html: string;
  description: string;
  status: "active" | "draft";
  options: { name: string; values: string[] }[];
  variants: {
    optionValues: string[];
    price: number;
    compareAtPrice: number | null;
    sku: string | null;
    stock: number | null;
  }[];
  images: string[];
};

// Shopify's classic "Export products" columns, in its order.
const SHOPIFY_COLUMNS = [
  "Handle",
  "Title",
  "Body (HTML)",
  "Vendor",
  "Product Category",
  "Type",
  "Tags",
  "Published",
  "Option1 Name",
  "Option1 Value",
  "Option2 Name",
  "Option2 Value",
  "Option3 Name",
  "Option3 Value",
  "Variant SKU",
  "Variant Grams",
  "Variant Inventory Tracker",
  "Variant Inventory Qty",
  "Variant Inventory Policy",
  "Variant Fulfillment Service",
  "Variant Price",
  "Variant Compare At Price",
  "Variant Requires Shipping",
  "Variant Taxable",
  "Variant Barcode",
  "Image Src",
  "Image Position",
  "Image Alt Text",
  "Gift Card",
  "SEO Title",
  "SEO Description",
  "Variant Image",
  "Variant Weight Unit",
  "Cost per item",
  "Status",
] as const;
type Column = (typeof SHOPIFY_COLUMNS)[number];

const COMBINATIONS = [
  [[]],
  [["S"], ["M"], ["L"]],
  [
    ["S", "Red"],
    ["S", "Blue"],
    ["M", "Red"],
    ["M", "Blue"],
  ],
] as const;
const OPTIONS = [
  [],
  [{ name: "Size", values: ["S", "M", "L"] }],
  [
    { name: "Size", values: ["S", "M"] },
    { name: "Colour", values: ["Red", "Blue"] },
  ],
];

/**
 * `count` products: a third without options, a third with one, a third with two; every other one
 * with tracked stock; some with compare-at prices, SKUs, drafts and up to three images.
 */
function catalogue(count: number, handlePrefix = "item"): Spec[] {
  return Array.from({ length: count }, (_, index) => {
    const kind = index % 3;
    const handle = `${handlePrefix}-${String(index).padStart(3, "0")}`;
    const isTracked = index % 2 === 0;
    return {
      handle,
      title: `Jar "No. ${index}", large`,
      html: `<p>Fresh &amp; warm, batch ${index}.</p>`,
      description: `Fresh & warm, batch ${index}.`,
      status: index % 10 === 9 ? "draft" : "active",
      options: OPTIONS[kind]?.map((option) => ({ name: option.name, values: [...option.values] })) ?? [],
      variants: (COMBINATIONS[kind] ?? [[]]).map((values, position) => {
        const price = 500 + index * 13 + position * 100;
        return {
          optionValues: [...values],
          price,
          compareAtPrice: index % 4 === 1 ? price + 250 : null,
          sku: index % 5 === 0 ? null : `SKU-${index}-${position}`,
          stock: isTracked ? (index + position) % 7 : null,
        };
      }),
      images: Array.from(
        { length: index % 4 },
        (_, image) => `https://cdn.shopify.com/s/files/1/0612/files/${handle}-${image + 1}.jpg?v=1700000000`,
      ),
    };
  });
}

const decimal = (cents: number) => (cents / 100).toFixed(2);

/** Writes specs the way Shopify exports them: a row per variant, images on successive rows. */
function shopifyCsv(specs: Spec[], decimalOf: (amount: number) => string = decimal): string {
  const rows = specs.flatMap((spec) => {
    const optionNames = spec.options.length > 0 ? spec.options.map((option) => option.name) : ["Title"];
    const count = Math.max(spec.variants.length, spec.images.length);
    return Array.from({ length: count }, (_, index) => {
      const row: Partial<Record<Column, string>> = { Handle: spec.handle };
      if (index === 0) {
        Object.assign(row, {
          Title: spec.title,
          "Body (HTML)": spec.html,
          Vendor: "Fern Hill",
          Type: "Jar",
          Tags: "pantry, gifts",
          Published: spec.status === "active" ? "TRUE" : "FALSE",
          "Gift Card": "FALSE",
          Status: spec.status,
        });
        optionNames.forEach((name, slot) => {
          row[`Option${slot + 1} Name` as Column] = name;
        });
      }
      const variant = spec.variants[index];
      if (variant) {
        const values = spec.options.length > 0 ? variant.optionValues : ["Default Title"];
        values.forEach((value, slot) => {
          row[`Option${slot + 1} Value` as Column] = value;
        });
        Object.assign(row, {
          "Variant SKU": variant.sku ?? "",
          "Variant Grams": "250",
          "Variant Inventory Tracker": variant.stock === null ? "" : "shopify",
          "Variant Inventory Qty": variant.stock === null ? "" : String(variant.stock),
          "Variant Inventory Policy": "deny",
          "Variant Fulfillment Service": "manual",
          "Variant Price": decimalOf(variant.price),
          "Variant Compare At Price": variant.compareAtPrice === null ? "" : decimalOf(variant.compareAtPrice),
          "Variant Requires Shipping": "TRUE",
          "Variant Taxable": "TRUE",
          "Variant Weight Unit": "g",
        });
      }
      const image = spec.images[index];
      if (image) Object.assign(row, { "Image Src": image, "Image Position": String(index + 1), "Image Alt Text": "" });
      return SHOPIFY_COLUMNS.map((column) => row[column] ?? "");
    });
  });
  return stringify([[...SHOPIFY_COLUMNS], ...rows]);
}

function importCsv(owner: Owner, csv: string, mode?: "create" | "update", contentType = "text/csv; charset=utf-8") {
  const query = mode ? `?mode=${mode}` : "";
  return owner.api.post(`/v1/shops/${owner.shopId}/products/import${query}`, csv, { "content-type": contentType });
}

/** Every product of the shop, following the cursor 100 at a time. */
async function allProducts(owner: Owner): Promise<{ items: Json[]; pages: number }> {
  const items: Json[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const query: string = cursor ? `&cursor=${cursor}` : "";
    const page = await owner.api.get(`/v1/shops/${owner.shopId}/products?limit=100${query}`);
    expect(page.status).toBe(200);
    items.push(...page.body.items);
    cursor = page.body.nextCursor;
    pages += 1;
  } while (cursor && pages < 20);
  return { items, pages };
}

async function versionOf(owner: Owner): Promise<number> {
  return (await owner.api.get(`/v1/shops/${owner.shopId}`)).body.version;
}

/** The parts of an API product a CSV carries. */
function asSpec(product: Json, currency = "USD") {
  for (const variant of product.variants) expect(variant.currency, variant.sku).toBe(currency);
  return {
    handle: product.slug,
    title: product.title,
    description: product.description,
    status: product.status,
    options: product.options.map((option: Json) => ({ name: option.name, values: option.values })),
    variants: product.variants.map((variant: Json) => ({
      optionValues: variant.optionValues,
      price: variant.price,
      compareAtPrice: variant.compareAtPrice,
      sku: variant.sku,
      stock: variant.stock,
    })),
  };
}

function withoutImages(spec: Spec) {
  const { html: _html, images: _images, ...rest } = spec;
  return rest;
}

/** Variant ids keyed by handle and option combination. */
function variantIds(products: Json[]): Map<string, string> {
  return new Map(
    products.flatMap((product) =>
      product.variants.map((variant: Json) => [`${product.slug} ${JSON.stringify(variant.optionValues)}`, variant.id]),
    ),
  );
}

describe("importing a Shopify CSV of 200 products", () => {
  const specs = catalogue(200);
  const csv = shopifyCsv(specs);
  const imageCount = specs.reduce((total, spec) => total + spec.images.length, 0);
  let owner: Owner;

  beforeAll(async () => {
    owner = await ownerWithShop(harness);
  });

  it("creates every product, counting the photos it could not fetch, and bumps the version once", async () => {
    expect(specs.filter((spec) => spec.options.length === 0)).toHaveLength(67);
    expect(imageCount).toBeGreaterThan(0);
    const versionBefore = await versionOf(owner);

    const response = await importCsv(owner, csv, "create");
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      created: 200,
      updated: 0,
      photosNotImported: 0,
      photoImport: { id: expect.any(String), photosQueued: imageCount },
      report: { columnsNotKept: [], warningCount: 0, warnings: [] },
    });
    expect(await versionOf(owner)).toBe(versionBefore + 1);
  });

  it("lists all 200 over two pages with integer-cent prices, options and variants as in the file", async () => {
    const { items, pages } = await allProducts(owner);
    expect(pages).toBe(2);
    expect(items).toHaveLength(200);
    // Creation order is file order.
    expect(items.map((product) => product.slug)).toEqual(specs.map((spec) => spec.handle));
    for (const [index, product] of items.entries()) {
      const spec = specs[index] as Spec;
      expect(asSpec(product), spec.handle).toEqual(withoutImages(spec));
      for (const variant of product.variants) {
        expect(Number.isInteger(variant.price)).toBe(true);
        expect(variant.title).toBe(variant.optionValues.join(" / "));
      }
      expect(product.photos).toEqual([]);
    }
    const mug = items.find((product) => product.slug === "item-001") as Json;
    expect(mug.variants[0]).toMatchObject({ price: 513, compareAtPrice: 763, stock: null, sku: "SKU-1-0" });
  });

  it("exports a CSV that reads back as the same products", async () => {
    const response = await harness.app.request(`/v1/shops/${owner.shopId}/products/export`, {
      headers: { authorization: `Bearer ${owner.token}` },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/csv/);
    expect(response.headers.get("content-disposition")).toBe(`attachment; filename="${owner.shop.slug}-products.csv"`);
    const exported = await response.text();
    const parsed = parseShopifyCsv(exported, { currency: "USD" });
    expect(parsed.errors).toEqual([]);
    expect(parsed.products).toHaveLength(200);
    const byHandle = new Map(parsed.products.map((product) => [product.handle, product]));
    for (const spec of specs) {
      const product = byHandle.get(spec.handle);
      expect(product, spec.handle).toBeDefined();
      expect({
        handle: product?.handle,
        title: product?.title,
        description: product?.description,
        status: product?.status,
        options: product?.options,
        variants: product?.variants.map(({ optionValues, price, compareAtPrice, sku, stock }) => ({
          optionValues,
          price,
          compareAtPrice,
          sku,
          stock,
        })),
      }).toEqual(withoutImages(spec));
      expect(product).toMatchObject({ vendor: "Fern Hill", productType: "Jar", tags: ["pantry", "gifts"] });
    }
  });

  it("escapes cells a spreadsheet would run as formulas, and reads them back as written", async () => {
    const other = await ownerWithShop(harness);
    const created = await other.api.post(`/v1/shops/${other.shopId}/products`, {
      title: '=HYPERLINK("https://evil.example","Click")',
      slug: "formula",
      variants: [{ price: 100, sku: "-SKU" }],
    });
    expect(created.status).toBe(201);
    const response = await other.api.get(`/v1/shops/${other.shopId}/products/export`);
    expect(response.text).toContain(`"'=HYPERLINK(""https://evil.example"",""Click"")"`);
    expect(response.text).toContain("'-SKU");
    const [product] = parseShopifyCsv(response.text, { currency: "USD" }).products;
    expect(product).toMatchObject({ title: created.body.title, variants: [{ sku: "-SKU", price: 100 }] });
  });

  it("refuses the same file again with mode=create (the handles exist), writing nothing", async () => {
    const versionBefore = await versionOf(owner);
    const response = await importCsv(owner, csv, "create");
    expect(response.status).toBe(422);
    expect(response.headers.get("content-type")).toMatch(/^application\/problem\+json/);
    expect(response.body.code).toBe("validation_failed");
    expect(response.body.errors).toHaveLength(200);
    expect(response.body.errors[0]).toEqual({
      path: "row 2, Handle",
      message: expect.stringContaining('"item-000" already exists'),
    });
    expect((await allProducts(owner)).items).toHaveLength(200);
    expect(await versionOf(owner)).toBe(versionBefore);
  });

  it("takes the same file with mode=update, keeping every variant id and bumping the version once", async () => {
    const before = (await allProducts(owner)).items;
    const versionBefore = await versionOf(owner);

    const response = await importCsv(owner, csv, "update");
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      created: 0,
      updated: 200,
      photosNotImported: 0,
      photoImport: { id: expect.any(String), photosQueued: imageCount },
      report: { columnsNotKept: [], warningCount: 0, warnings: [] },
    });
    expect(await versionOf(owner)).toBe(versionBefore + 1);

    const after = (await allProducts(owner)).items;
    expect(after.map((product) => product.id)).toEqual(before.map((product) => product.id));
    expect(variantIds(after)).toEqual(variantIds(before));
    expect(after.map((product) => asSpec(product))).toEqual(before.map((product) => asSpec(product)));
  });
});

describe("all or nothing", () => {
  const HEADER =
    "Handle,Title,Option1 Name,Option1 Value,Variant Price,Variant Inventory Tracker,Variant Inventory Qty";

  it("names each bad row in a 422 problem and writes nothing", async () => {
    const owner = await ownerWithShop(harness);
    const existing = await owner.api.post(`/v1/shops/${owner.shopId}/products`, {
      title: "Already here",
      variants: [{ price: 300 }],
    });
    expect(existing.status).toBe(201);
    const versionBefore = await versionOf(owner);

    const csv = [
      HEADER,
      "good-one,Good one,Title,Default Title,5.00,,", // row 2
      "bad-price,Bad price,Title,Default Title,five dollars,,", // row 3: not a price
      "good-two,Good two,Size,S,6.00,shopify,3", // row 4
      "good-two,,,M,6.50,shopify,lots", // row 5: not a stock count
      ",No handle,Title,Default Title,1.00,,", // row 6: no handle
      "good-three,Good three,Title,Default Title,7.00,,", // row 7
      "",
    ].join("\n");
    const response = await importCsv(owner, csv, "create");
    expect(response.status).toBe(422);
    expect(response.headers.get("content-type")).toMatch(/^application\/problem\+json/);
    expect(response.body).toMatchObject({ code: "validation_failed", detail: expect.stringContaining("3 problem") });
    expect(response.body.errors.map((error: Json) => error.path)).toEqual([
      "row 3, Variant Price",
      "row 5, Variant Inventory Qty",
      "row 6, Handle",
    ]);
    expect(response.body.errors[0].message).toContain("five dollars");

    const { items } = await allProducts(owner);
    expect(items.map((product) => product.slug)).toEqual([existing.body.slug]);
    expect(await versionOf(owner)).toBe(versionBefore);
  });

  it("refuses a file with no header it knows, and an empty file, with 422", async () => {
    const owner = await ownerWithShop(harness);
    const versionBefore = await versionOf(owner);
    for (const csv of ["name,price\nMug,12.00\n", ""]) {
      const response = await importCsv(owner, csv, "create");
      expect(response.status, JSON.stringify(csv)).toBe(422);
      expect(response.body.errors[0].path).toBe("row 0");
    }
    expect((await allProducts(owner)).items).toEqual([]);
    expect(await versionOf(owner)).toBe(versionBefore);
  });
});

describe("limits and races", () => {
  it("refuses a file with more products than the plan holds, saying how to split it; writes nothing", async () => {
    const owner = await ownerWithShop(harness);
    const specs: Spec[] = catalogue(501, "many").map((spec) => ({
      ...spec,
      options: [],
      variants: [{ optionValues: [], price: 100, compareAtPrice: null, sku: null, stock: null }],
      images: [],
    }));
    const csv = shopifyCsv(specs);
    const response = await importCsv(owner, csv, "create");
    expect(response.status).toBe(429);
    expect(response.headers.get("content-type")).toMatch(/^application\/problem\+json/);
    expect(response.body).toMatchObject({ limit: "products", allowed: 500, used: 0, adding: 501 });
    expect(response.body.detail).toContain(
      "This file adds 501 new products to the 0 in the shop; nothing was imported.",
    );
    expect(response.body.detail).toContain("Split the file so each part adds at most 500 products");
    expect(response.body.detail).toContain("allows 500 products");
    expect((await allProducts(owner)).items).toEqual([]);
  });

  it("the same import sent twice at once creates the products once; the second is refused, not a 500", async () => {
    const owner = await ownerWithShop(harness);
    const csv = shopifyCsv(catalogue(5, "race"));
    const versionBefore = await versionOf(owner);
    const responses = await Promise.all([importCsv(owner, csv, "create"), importCsv(owner, csv, "create")]);
    const statuses = responses.map((response) => response.status).sort();
    expect(statuses[0]).toBe(200);
    // The same answer as importing it again afterwards (422), or a plain conflict; never a masked 500.
    expect([409, 422], JSON.stringify(responses.map((response) => response.body))).toContain(statuses[1]);
    expect((await allProducts(owner)).items).toHaveLength(5);
    expect(await versionOf(owner)).toBe(versionBefore + 1);
    const errors = harness.logs.filter(
      (entry) => entry.level === "error" && String(entry.fields.path).includes(owner.shopId),
    );
    expect(errors).toEqual([]);
  });
});

describe("mode=update", () => {
  it("keeps the ids of variants whose options are unchanged, adds new ones and removes dropped ones", async () => {
    const owner = await ownerWithShop(harness);
    const [spec] = catalogue(3, "tee").slice(2) as [Spec];
    expect(spec.options.map((option) => option.name)).toEqual(["Size", "Colour"]);
    expect((await importCsv(owner, shopifyCsv([spec]), "create")).status).toBe(200);
    const [before] = (await allProducts(owner)).items as [Json];
    const idOf = (product: Json, values: string[]) =>
      product.variants.find((variant: Json) => JSON.stringify(variant.optionValues) === JSON.stringify(values))?.id;

    const changed: Spec = {
      ...spec,
      title: "Tee, now in large",
      options: [
        { name: "Size", values: ["S", "M", "L"] },
        { name: "Colour", values: ["Red", "Blue"] },
      ],
      variants: [
        { optionValues: ["S", "Red"], price: 999, compareAtPrice: null, sku: "TEE-S-RED", stock: 4 },
        { optionValues: ["S", "Blue"], price: 1000, compareAtPrice: 1500, sku: null, stock: null },
        { optionValues: ["M", "Red"], price: 1100, compareAtPrice: null, sku: null, stock: 0 },
        { optionValues: ["L", "Red"], price: 1200, compareAtPrice: null, sku: "TEE-L-RED", stock: 9 },
      ],
    };
    const versionBefore = await versionOf(owner);
    const response = await importCsv(owner, shopifyCsv([changed]), "update");
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ created: 0, updated: 1 });
    expect(await versionOf(owner)).toBe(versionBefore + 1);

    const after = await owner.api.get(`/v1/shops/${owner.shopId}/products/${before.id}`);
    expect(after.status).toBe(200);
    expect(asSpec(after.body)).toEqual(withoutImages(changed));
    for (const kept of [
      ["S", "Red"],
      ["S", "Blue"],
      ["M", "Red"],
    ]) {
      expect(idOf(after.body, kept), kept.join(" / ")).toBe(idOf(before, kept));
    }
    const added = idOf(after.body, ["L", "Red"]);
    expect(added).toMatch(/^var_/);
    expect(before.variants.map((variant: Json) => variant.id)).not.toContain(added);
    expect(after.body.variants.map((variant: Json) => variant.id)).not.toContain(idOf(before, ["M", "Blue"]));
  });

  it("creates what is new and updates what exists in one import", async () => {
    const owner = await ownerWithShop(harness);
    const specs = catalogue(6, "mix");
    expect((await importCsv(owner, shopifyCsv(specs.slice(0, 3)), "create")).status).toBe(200);
    const response = await importCsv(owner, shopifyCsv(specs), "update");
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ created: 3, updated: 3 });
    expect((await allProducts(owner)).items.map((product) => product.slug)).toEqual(specs.map((spec) => spec.handle));
  });
});

describe("how the file is sent", () => {
  it("takes the CSV as a multipart file", async () => {
    const owner = await ownerWithShop(harness);
    const specs = catalogue(4, "multi");
    const form = new FormData();
    form.append("file", new File([shopifyCsv(specs)], "products_export_1.csv", { type: "text/csv" }));
    const response = await harness.app.request(`/v1/shops/${owner.shopId}/products/import?mode=create`, {
      method: "POST",
      headers: { authorization: `Bearer ${owner.token}` },
      body: form,
    });
    expect(response.status).toBe(200);
    expect((await response.json()) as Json).toMatchObject({ created: 4, updated: 0 });
    expect((await allProducts(owner)).items.map((product) => product.slug)).toEqual(specs.map((spec) => spec.handle));
  });

  it("creates by default when no mode is given", async () => {
    const owner = await ownerWithShop(harness);
    const response = await importCsv(owner, shopifyCsv(catalogue(2, "plain")));
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ created: 2, updated: 0 });
  });

  it("refuses another content type with 415 and an unknown mode with 422, writing nothing", async () => {
    const owner = await ownerWithShop(harness);
    const csv = shopifyCsv(catalogue(2, "wrong"));
    const json = await owner.api.post(`/v1/shops/${owner.shopId}/products/import?mode=create`, { csv });
    expect(json.status).toBe(415);
    expect(json.body).toMatchObject({ code: "unsupported_media_type", detail: expect.stringContaining("text/csv") });
    expect((await importCsv(owner, csv, "create", "application/vnd.ms-excel")).status).toBe(415);
    const badMode = await owner.api.post(`/v1/shops/${owner.shopId}/products/import?mode=replace`, csv, {
      "content-type": "text/csv",
    });
    expect(badMode.status).toBe(422);
    expect((await allProducts(owner)).items).toEqual([]);
  });

  it("refuses multipart without a file with 422", async () => {
    const owner = await ownerWithShop(harness);
    const form = new FormData();
    form.append("csv", "Handle,Title,Variant Price\nmug,Mug,1.00\n");
    const response = await harness.app.request(`/v1/shops/${owner.shopId}/products/import`, {
      method: "POST",
      headers: { authorization: `Bearer ${owner.token}` },
      body: form,
    });
    expect(response.status).toBe(422);
    expect(((await response.json()) as Json).errors).toEqual([{ path: "file", message: expect.any(String) }]);
  });
});

describe("currencies and tenants", () => {
  it("reads prices in a JPY shop as whole yen: 1200 and Shopify's 1200.00 are both 1200", async () => {
    const owner = await ownerWithShop(harness, { currency: "JPY" });
    const csv = [
      "Handle,Title,Variant Price,Variant Compare At Price",
      "mochi,Mochi,1200,1500",
      "senbei,Senbei,1200.00,",
      "",
    ].join("\n");
    const response = await importCsv(owner, csv, "create");
    expect(response.status).toBe(200);
    const { items } = await allProducts(owner);
    expect(items.map((product) => [product.slug, product.variants[0]])).toEqual([
      ["mochi", expect.objectContaining({ price: 1200, compareAtPrice: 1500, currency: "JPY" })],
      ["senbei", expect.objectContaining({ price: 1200, compareAtPrice: null, currency: "JPY" })],
    ]);

    const export_ = await harness.app.request(`/v1/shops/${owner.shopId}/products/export`, {
      headers: { authorization: `Bearer ${owner.token}` },
    });
    const parsed = parseShopifyCsv(await export_.text(), { currency: "JPY" });
    expect(parsed.products.map((product) => product.variants[0]?.price)).toEqual([1200, 1200]);

    const fractional = await importCsv(owner, "Handle,Title,Variant Price\ndango,Dango,12.5\n", "create");
    expect(fractional.status).toBe(422);
    expect(fractional.body.errors).toEqual([{ path: "row 2, Variant Price", message: expect.stringContaining("JPY") }]);
  });

  it("leaves another shop's products alone, even one with the same handle", async () => {
    const shopA = await ownerWithShop(harness);
    const shopB = await ownerWithShop(harness);
    const bread = await shopB.api.post(`/v1/shops/${shopB.shopId}/products`, {
      title: "Bread",
      slug: "bread",
      variants: [{ price: 450, stock: 5 }],
    });
    expect(bread.status).toBe(201);
    const listB = await shopB.api.get(`/v1/shops/${shopB.shopId}/products?limit=100`);
    const versionB = await versionOf(shopB);

    const csv = "Handle,Title,Variant Price,Variant Inventory Qty\nbread,Bread from A,9.99,1\nrolls,Rolls,2.00,\n";
    const created = await importCsv(shopA, csv, "create");
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({ created: 2, updated: 0 });
    const updated = await importCsv(shopA, csv.replace("9.99", "8.88"), "update");
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({ created: 0, updated: 2 });

    expect(await shopB.api.get(`/v1/shops/${shopB.shopId}/products?limit=100`)).toMatchObject({
      status: 200,
      body: listB.body,
    });
    expect(await versionOf(shopB)).toBe(versionB);
    const listA = (await allProducts(shopA)).items;
    expect(listA.map((product) => [product.slug, product.variants[0].price])).toEqual([
      ["bread", 888],
      ["rolls", 200],
    ]);
    expect(listA.map((product) => product.id)).not.toContain(bread.body.id);
  });

  it("a helper without the catalogue right can neither import nor export (403)", async () => {
    const owner = await ownerWithShop(harness);
    const invite = await owner.api.post(`/v1/shops/${owner.shopId}/invites`, {
      role: "helper",
      permissions: ["orders"],
    });
    const helper = await ownerWithShop(harness);
    expect((await helper.api.post("/v1/invites/accept", { token: invite.body.token })).status).toBe(200);
    const imported = await helper.api.post(
      `/v1/shops/${owner.shopId}/products/import`,
      "Handle,Title,Variant Price\nmug,Mug,1.00\n",
      { "content-type": "text/csv" },
    );
    expect(imported.status).toBe(403);
    expect((await helper.api.get(`/v1/shops/${owner.shopId}/products/export`)).status).toBe(403);
    expect((await allProducts(owner)).items).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------------
// Moving in from Shopify: the generated 1,000-product, 70-column export and the current template

let planCounter = 0;
/** Puts the owner's shop on a plan allowing `maxProducts`, named so a refusal can point at it. */
async function onPlan(owner: Owner, maxProducts: number, name = `Roomy ${++planCounter}`) {
  const id = `plan_csv_${planCounter}_${maxProducts}`;
  const directory = platform(harness.database.db);
  await directory.plans.upsert({
    id,
    name,
    priceAmount: 0,
    currency: "USD",
    maxProducts,
    storageQuotaBytes: 100 * 1024 * 1024,
    applicationFeeBasisPoints: 0,
    createdAt: harness.clock.now(),
  });
  await directory.shops.setPlan(owner.shopId, id, harness.clock.now());
}

/** A shop's products as the CSV carries them, read from the database (every stored field). */
async function storedProducts(owner: Owner): Promise<CatalogueProduct[]> {
  const repos = forShop(harness.database.db, owner.shopId);
  const all = [];
  for (const status of ["active", "draft", "archived"] as const) all.push(...(await repos.products.listAll(status)));
  return all
    .sort((a, b) => a.position - b.position)
    .map((product) => ({
      handle: product.slug,
      title: product.title,
      description: product.description,
      status: product.status,
      vendor: product.vendor,
      productType: product.productType,
      productCategory: product.productCategory,
      tags: product.tags,
      seoTitle: product.seoTitle,
      seoDescription: product.seoDescription,
      condition: product.condition,
      isGiftCard: product.isGiftCard,
      metafields: product.metafields,
      options: product.options.map((option) => ({ name: option.name, values: option.values })),
      variants: product.variants.map((variant) => ({
        optionValues: variant.optionValues,
        price: variant.priceAmount,
        compareAtPrice: variant.compareAtAmount,
        cost: variant.costAmount,
        sku: variant.sku,
        barcode: variant.barcode,
        stock: variant.stock,
        isSoldWhenOutOfStock: variant.isSoldWhenOutOfStock,
        weightGrams: variant.weightGrams,
        weightUnit: variant.weightUnit,
        isTaxable: variant.isTaxable,
        requiresShipping: variant.requiresShipping,
        // Photos are fetched after the import, by a photo job: until then none is stored.
        imageUrl: null,
      })),
      images: [],
    }));
}

/** What the shop holds before its photos arrive: the file's products without photo addresses. */
function withoutPhotos(products: CatalogueProduct[]): CatalogueProduct[] {
  return products.map((product) => ({
    ...product,
    images: [],
    variants: product.variants.map((variant) => ({ ...variant, imageUrl: null })),
  }));
}

function lines(...rows: string[]): string {
  return `${rows.join("\n")}\n`;
}

/** The rows of a CSV as objects by column name. */
function parseRecords(csv: string): Record<string, string>[] {
  return parse(csv.replace(/^\uFEFF/, ""), { columns: true });
}

async function exportCsv(owner: Owner): Promise<string> {
  const response = await owner.api.get(`/v1/shops/${owner.shopId}/products/export`);
  expect(response.status).toBe(200);
  return response.text;
}

describe("moving in from Shopify: a 1,000-product, 70-column export in a VND shop", () => {
  const file = generateShopifyExport({ count: 1000, currency: "VND", imageBaseUrl: "http://127.0.0.1:9/photos" });
  let owner: Owner;

  beforeAll(async () => {
    owner = await ownerWithShop(harness, { currency: "VND" });
    await onPlan(owner, 5000);
  });

  it("imports every product in one go, reporting each column not kept and each row's warning", async () => {
    const response = await importCsv(owner, file.csv);
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      created: 1000,
      updated: 0,
      photosNotImported: 0,
      photoImport: {
        id: expect.any(String),
        photosQueued: file.products.reduce((total, product) => total + product.images.length, 0),
      },
      report: { columnsNotKept: file.columnsNotKept, warningCount: file.warnings.length, warnings: file.warnings },
    });
    expect(response.body.report.columnsNotKept.map((column: Json) => column.column)).toEqual(
      expect.arrayContaining(["Option1 Linked To", "Variant Tax Code", "Included / International"]),
    );
  });

  it("stores every field the file has, with VND prices exact", async () => {
    const stored = await storedProducts(owner);
    expect(stored).toEqual(withoutPhotos(file.products));
    expect(stored[1]?.variants[0]?.price).toBe(240_000);
    expect(stored.filter((product) => Object.keys(product.metafields).length > 0).length).toBeGreaterThan(500);
  });

  it("exports a file that imports into another shop as the same shop, its Body (HTML) free of Markdown", async () => {
    const exported = await exportCsv(owner);
    const [header] = parse(exported.replace(/^\uFEFF/, ""), { to: 1 }) as string[][];
    expect(header?.slice(0, TEMPLATE_COLUMNS.length)).toEqual([...TEMPLATE_COLUMNS]);
    const descriptions = parseRecords(exported).map((row) => row.Description ?? "");
    expect(descriptions.filter((html) => html.includes("<h2>")).length).toBe(1000);
    for (const html of descriptions) expect(html).not.toMatch(/\*\*|(^|\n)(- |## |1\. )|&#39;|\]\(/);

    const other = await ownerWithShop(harness, { currency: "VND" });
    await onPlan(other, 5000);
    const response = await importCsv(other, exported);
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ created: 1000, report: { columnsNotKept: [], warningCount: 0 } });
    expect(await storedProducts(other)).toEqual(await storedProducts(owner));
    expect(await exportCsv(other)).toBe(exported);
  });

  it("takes the same file again with mode=update, changing nothing", async () => {
    const before = await storedProducts(owner);
    const response = await importCsv(owner, file.csv, "update");
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ created: 0, updated: 1000 });
    expect(await storedProducts(owner)).toEqual(before);
  });
});

describe("moving in from Shopify: other files", () => {
  it("reads Shopify's current template layout, JPY prices exact", async () => {
    const owner = await ownerWithShop(harness, { currency: "JPY" });
    const csv = TEMPLATE_CSV.replace(/(\d+)\.(\d\d)(?=,)/g, (_, whole: string) => `${whole}00.00`);
    const response = await importCsv(owner, csv);
    expect(response.status).toBe(200);
    expect(response.body.report).toMatchObject({ columnsNotKept: TEMPLATE_COLUMNS_NOT_KEPT, warningCount: 1 });
    const stored = await storedProducts(owner);
    expect(stored.map((product) => product.handle)).toEqual(TEMPLATE_PRODUCTS.map((product) => product.handle));
    // 19.99 in the template became 1900.00: exactly 1900 yen.
    expect(stored[0]?.variants.map((variant) => variant.price)).toEqual([1900, 1900, 1900]);
    expect(stored[0]?.variants[2]?.isSoldWhenOutOfStock).toBe(true);
    expect(stored[2]).toMatchObject({ isGiftCard: true, variants: [{ requiresShipping: false, isTaxable: false }] });
  });

  it("refuses a file that is not valid CSV, naming the row and the column, and writes nothing", async () => {
    const owner = await ownerWithShop(harness);
    const csv = lines(
      "Handle,Title,Body (HTML),Variant Price",
      "mug,Mug,<p>Blue</p>,5",
      'cup, Cup, "<p>Red, small</p>",4',
    );
    const response = await importCsv(owner, csv);
    expect(response.status).toBe(422);
    expect(response.headers.get("content-type")).toMatch(/^application\/problem\+json/);
    expect(response.body.errors).toEqual([
      {
        path: "row 3, Body (HTML)",
        message: expect.stringContaining('A quote (") must start the cell; this cell has spaces before it'),
      },
    ]);
    expect((await allProducts(owner)).items).toEqual([]);
  });

  it("imports a 1 MB file of 1,243 products in one go on a plan that allows it; a smaller plan's refusal names it", async () => {
    const file = generateShopifyExport({ count: 1243, currency: "USD", imageBaseUrl: "https://cdn.example.com/p" });
    expect(Buffer.byteLength(file.csv)).toBeGreaterThan(1_000_000);

    const small = await ownerWithShop(harness);
    await onPlan(small, 1000, "Market stall");
    await onPlan(await ownerWithShop(harness), 2000, "Busy market");
    const refused = await importCsv(small, file.csv);
    expect(refused.status).toBe(429);
    expect(refused.body.detail).toContain(
      "This file adds 1243 new products to the 0 in the shop; nothing was imported.",
    );
    expect(refused.body.detail).toContain("Split the file so each part adds at most 1000 products");
    expect(refused.body).toMatchObject({ adding: 1243, room: 1000, allowed: 1000 });
    expect(refused.body.planForFile.maxProducts).toBeGreaterThanOrEqual(1243);
    expect(refused.body.detail).toContain(`The ${refused.body.planForFile.name} plan allows`);
    expect((await allProducts(small)).items).toEqual([]);

    const owner = await ownerWithShop(harness);
    await onPlan(owner, 2000);
    const response = await importCsv(owner, file.csv);
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ created: 1243, updated: 0 });
    expect(await storedProducts(owner)).toEqual(withoutPhotos(file.products));
  });
});
