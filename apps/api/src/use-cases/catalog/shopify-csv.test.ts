import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { generateShopifyExport } from "../../../test/fixtures/shopify-export.ts";
import { TEMPLATE_COLUMNS_NOT_KEPT, TEMPLATE_CSV, TEMPLATE_PRODUCTS } from "../../../test/fixtures/shopify-template.ts";
import {
  type CatalogueProduct,
  type CsvProduct,
  type CsvRowError,
  type CsvVariant,
  parseShopifyCsv,
  TEMPLATE_COLUMNS,
  toShopifyCsv,
} from "./shopify-csv.ts";

const _SHOPIFY_COLUMNS =
  "Handle,Title,Body (HTML),Vendor,Product Category,Type,Tags,Published,Option1 Name,Option1 Value,Option2 Name,Option2 Value,Option3 Name,Option3 Value,Variant SKU,Variant Grams,Variant Inventory Tracker,Variant Inventory Qty,Variant Inventory Policy,Variant Fulfillment Service,Variant Price,Variant Compare At Price,Variant Requires Shipping,Variant Taxable,Variant Barcode,Image Src,Image Position,Image Alt Text,Gift Card,SEO Title,SEO Description,Variant Image,Variant Weight Unit,Cost per item,Status".split(
    ",",
  );

// A small store as Shopify's "Export products" writes it: the tee's description spans several lines
// inside quotes, the apron has image-only rows out of position order, the loaf uses "Default Title".
const SHOPIFY_EXPORT = `Handle,Title,Body (HTML),Vendor,Product Category,Type,Tags,Published,Option1 Name,Option1 Value,Option2 Name,Option2 Value,Option3 Name,Option3 Value,Variant SKU,Variant Grams,Variant Inventory Tracker,Variant Inventory Qty,Variant Inventory Policy,Variant Fulfillment Service,Variant Price,Variant Compare At Price,Variant Requires Shipping,Variant Taxable,Variant Barcode,Image Src,Image Position,Image Alt Text,Gift Card,SEO Title,SEO Description,Variant Image,Variant Weight Unit,Cost per item,Status
organic-cotton-tee,Organic Cotton Tee,"<p>Soft <strong>organic cotton</strong>, cut for everyday wear.</p>
<ul>
<li>Pre-washed</li>
<li>Made in Porto</li>
</ul>",Porto Threads,Apparel & Accessories > Clothing > Shirts & Tops,T-Shirt,"cotton, summer, cotton",TRUE,Size,S,Colour,Natural,,,TEE-S-NAT,180,shopify,3,deny,manual,24.00,,TRUE,TRUE,,https://cdn.shopify.com/s/files/1/0612/3456/files/tee-1.jpg?v=1700000000,1,Tee,FALSE,Organic Cotton Tee,A soft tee,,g,9.50,active
organic-cotton-tee,,,,,,,,,S,,Black,,,TEE-S-BLA,180,shopify,4,deny,manual,24.00,,TRUE,TRUE,,https://cdn.shopify.com/s/files/1/0612/3456/files/tee-2.jpg?v=1700000000,2,Tee,,,,,g,,
organic-cotton-tee,,,,,,,,,S,,Indigo,,,TEE-S-IND,180,shopify,5,deny,manual,24.00,30.00,TRUE,TRUE,,,,,,,,,g,,
organic-cotton-tee,,,,,,,,,M,,Natural,,,TEE-M-NAT,180,shopify,6,deny,manual,24.00,,TRUE,TRUE,,,,,,,,,g,,
organic-cotton-tee,,,,,,,,,M,,Black,,,TEE-M-BLA,180,shopify,7,deny,manual,24.00,,TRUE,TRUE,,,,,,,,,g,,
organic-cotton-tee,,,,,,,,,M,,Indigo,,,TEE-M-IND,180,shopify,8,deny,manual,24.00,30.00,TRUE,TRUE,,,,,,,,,g,,
organic-cotton-tee,,,,,,,,,L,,Natural,,,TEE-L-NAT,180,shopify,9,deny,manual,24.00,,TRUE,TRUE,,,,,,,,,g,,
organic-cotton-tee,,,,,,,,,L,,Black,,,TEE-L-BLA,180,shopify,10,deny,manual,24.00,,TRUE,TRUE,,,,,,,,,g,,
organic-cotton-tee,,,,,,,,,L,,Indigo,,,TEE-L-IND,180,shopify,11,deny,manual,24.00,30.00,TRUE,TRUE,,,,,,,,,g,,
sourdough-loaf,Sourdough Loaf,"<p>Baked every morning &amp; sold warm.<br>Flour, water, salt&nbsp;&mdash; nothing else.</p><p><em>Keeps 3 days.</em></p>",Porto Threads,"Food, Beverages & Tobacco > Food Items > Bakery",Bread,bakery,TRUE,Title,Default Title,,,,,LOAF-1,800,shopify,12,deny,manual,6.50,,FALSE,TRUE,,https://cdn.shopify.com/s/files/1/0612/3456/files/loaf.jpg?v=1700000001,1,Loaf,FALSE,,,,kg,,active
linen-apron,"Linen Apron, ""Workshop"" cut",<div>Heavy linen with a <b>cross-back</b> strap.</div>,Porto Threads,,Apron,,TRUE,Colour,Sage,,,,,APR-SAGE,180,,0,deny,manual,"1,200.00",,TRUE,TRUE,,https://cdn.shopify.com/s/files/1/0612/3456/files/apron-1.jpg,1,,FALSE,,,,g,,active
linen-apron,,,,,,,,,Rust,,,,,APR-RUST,180,,0,deny,manual,"1,200.00",,TRUE,TRUE,,https://cdn.shopify.com/s/files/1/0612/3456/files/apron-2.jpg,2,,,,,,g,,
linen-apron,,,,,,,,,,,,,,,,,,,,,,,,,https://cdn.shopify.com/s/files/1/0612/3456/files/apron-4.jpg,4,Back,,,,,,,
linen-apron,,,,,,,,,,,,,,,,,,,,,,,,,https://cdn.shopify.com/s/files/1/0612/3456/files/apron-3.jpg,3,Detail,,,,,,,
winter-candle,Winter Candle,Pine &amp; cedar.,Porto Threads,Home & Garden > Decor > Candles,Candle,"home,  gifts ",FALSE,Scent,Pine,,,,,,,shopify,-2,continue,manual,18,22.50,TRUE,FALSE,,,,,FALSE,,,,,,archived
`;

const CDN = "https://cdn.shopify.com/s/files/1/0612/3456/files/";

function lines(...rows: string[]): string {
  return `${rows.join("\n")}\n`;
}

/** The product as the export takes it: what the file said, without where in the file it was. */
function withoutSource({ sourceRows: _rows, ...product }: CsvProduct): CatalogueProduct {
  return product;
}

/** The export's rows as objects by column name. */
function readRows(csv: string): Record<string, string>[] {
  const [header = [], ...rows] = readCells(csv);
  return rows.map((row) => Object.fromEntries(header.map((column, index) => [column, row[index] ?? ""])));
}

function onlyProduct(text: string, currency = "USD"): CsvProduct {
  const result = parseShopifyCsv(text, { currency });
  expect(result.errors).toEqual([]);
  expect(result.products).toHaveLength(1);
  return result.products[0] as CsvProduct;
}

const productDefaults = {
  vendor: "",
  productType: "",
  productCategory: "",
  tags: [],
  seoTitle: "",
  seoDescription: "",
  condition: "new",
  isGiftCard: false,
  metafields: {},
} satisfies Partial<CsvProduct>;

/** A variant with Shopify's defaults for every field not given. */
function variantOf(fields: Partial<CsvVariant> & Pick<CsvVariant, "optionValues" | "price">): CsvVariant {
  return {
    compareAtPrice: null,
    cost: null,
    sku: null,
    barcode: null,
    stock: null,
    isSoldWhenOutOfStock: false,
    weightGrams: null,
    weightUnit: null,
    isTaxable: true,
    requiresShipping: true,
    imageUrl: null,
    ...fields,
  };
}

function readCells(csv: string): string[][] {
  return parse(csv.replace(/^\uFEFF/, ""), { relax_column_count: true });
}

describe("parseShopifyCsv: a realistic Shopify export", () => {
  const result = parseShopifyCsv(SHOPIFY_EXPORT, { currency: "USD" });

  it("reads every product with no errors, in file order", () => {
    expect(result.errors).toEqual([]);
    expect(result.products.map((product) => product.handle)).toEqual([
      "organic-cotton-tee",
      "sourdough-loaf",
      "linen-apron",
      "winter-candle",
    ]);
  });

  it("reads a product with 2 options x 3 values as 9 variants, with every Shopify field", () => {
    const sizes = ["S", "M", "L"];
    const colours = ["Natural", "Black", "Indigo"];
    expect(result.products[0]).toEqual({
      ...productDefaults,
      handle: "organic-cotton-tee",
      title: "Organic Cotton Tee",
      description: "Soft **organic cotton**, cut for everyday wear.\n\n- Pre-washed\n- Made in Porto",
      status: "active",
      vendor: "Porto Threads",
      productCategory: "Apparel & Accessories > Clothing > Shirts & Tops",
      productType: "T-Shirt",
      seoTitle: "Organic Cotton Tee",
      seoDescription: "A soft tee",
      options: [
        { name: "Size", values: sizes },
        { name: "Colour", values: colours },
      ],
      variants: sizes.flatMap((size, sizeIndex) =>
        colours.map((colour, colourIndex) =>
          variantOf({
            optionValues: [size, colour],
            price: 2400,
            compareAtPrice: colour === "Indigo" ? 3000 : null,
            cost: size === "S" && colour === "Natural" ? 950 : null,
            sku: `TEE-${size}-${colour.slice(0, 3).toUpperCase()}`,
            stock: 3 + sizeIndex * 3 + colourIndex,
            weightGrams: 180,
            weightUnit: "g",
          }),
        ),
      ),
      images: [
        { url: `${CDN}tee-1.jpg?v=1700000000`, alt: "Tee" },
        { url: `${CDN}tee-2.jpg?v=1700000000`, alt: "Tee" },
      ],
      tags: ["cotton", "summer"],
      sourceRows: [2, 3, 4, 5, 6, 7, 8, 9, 10],
    } satisfies CsvProduct);
  });

  it('reads "Default Title" as a product without options; <em> becomes _emphasis_', () => {
    expect(result.products[1]).toEqual({
      ...productDefaults,
      handle: "sourdough-loaf",
      title: "Sourdough Loaf",
      description: "Baked every morning & sold warm.\nFlour, water, salt \u2014 nothing else.\n\n_Keeps 3 days._",
      status: "active",
      vendor: "Porto Threads",
      productCategory: "Food, Beverages & Tobacco > Food Items > Bakery",
      productType: "Bread",
      options: [],
      variants: [
        variantOf({
          optionValues: [],
          price: 650,
          sku: "LOAF-1",
          stock: 12,
          weightGrams: 800,
          weightUnit: "kg",
          requiresShipping: false,
        }),
      ],
      images: [{ url: `${CDN}loaf.jpg?v=1700000001`, alt: "Loaf" }],
      tags: ["bakery"],
      sourceRows: [11],
    } satisfies CsvProduct);
  });

  it("adds image-only rows as images in Image Position order, and leaves untracked stock null", () => {
    const apron = (colour: string) =>
      variantOf({
        optionValues: [colour],
        price: 120000,
        sku: `APR-${colour.toUpperCase()}`,
        weightGrams: 180,
        weightUnit: "g",
      });
    expect(result.products[2]).toEqual({
      ...productDefaults,
      handle: "linen-apron",
      title: 'Linen Apron, "Workshop" cut',
      description: "Heavy linen with a **cross-back** strap.",
      status: "active",
      vendor: "Porto Threads",
      productType: "Apron",
      options: [{ name: "Colour", values: ["Sage", "Rust"] }],
      variants: [apron("Sage"), apron("Rust")],
      images: [
        { url: `${CDN}apron-1.jpg`, alt: "" },
        { url: `${CDN}apron-2.jpg`, alt: "" },
        { url: `${CDN}apron-3.jpg`, alt: "Detail" },
        { url: `${CDN}apron-4.jpg`, alt: "Back" },
      ],
      tags: [],
      sourceRows: [12, 13, 14, 15],
    } satisfies CsvProduct);
  });

  it("reads an archived product, whole-number prices, negative stock as 0 (a warning), keep-selling and not taxable", () => {
    expect(result.products[3]).toEqual({
      ...productDefaults,
      handle: "winter-candle",
      title: "Winter Candle",
      description: "Pine & cedar.",
      status: "archived",
      vendor: "Porto Threads",
      productCategory: "Home & Garden > Decor > Candles",
      productType: "Candle",
      options: [{ name: "Scent", values: ["Pine"] }],
      variants: [
        variantOf({
          optionValues: ["Pine"],
          price: 1800,
          compareAtPrice: 2250,
          stock: 0,
          isSoldWhenOutOfStock: true,
          isTaxable: false,
        }),
      ],
      images: [],
      tags: ["home", "gifts"],
      sourceRows: [16],
    } satisfies CsvProduct);
    expect(result.products[3]).not.toHaveProperty("collection");
    expect(result.warnings).toEqual([{ row: 16, column: "Variant Inventory Qty", message: has("kept as 0") }]);
  });

  it("reports no column as not kept: Shopify's manual fulfilment is what a shop does anyway", () => {
    expect(result.columnsNotKept).toEqual([]);
  });
});

type ErrorCase = {
  name: string;
  csv: string;
  currency?: string;
  maxProducts?: number;
  errors: CsvRowError[];
};

const HEADER = "Handle,Title,Variant Price";
const TWO_OPTIONS = "Handle,Title,Option1 Name,Option1 Value,Option2 Name,Option2 Value,Variant Price";
const ONE_OPTION = "Handle,Title,Option1 Name,Option1 Value,Variant Price";
const TRACKED = "Handle,Title,Variant Price,Variant Inventory Tracker,Variant Inventory Qty";
const has = (text: string) => expect.stringContaining(text) as unknown as string;

const ERROR_CASES: ErrorCase[] = [
  {
    name: "missing Handle",
    csv: lines(HEADER, "mug,Mug,5", ",Cup,5"),
    errors: [{ row: 3, column: "Handle", message: has("Handle") }],
  },
  {
    name: "product without a Title on its first row",
    csv: lines(HEADER, "mug,,5", "mug,Mug,5"),
    errors: [{ row: 2, column: "Title", message: has("title") }],
  },
  {
    name: "missing price",
    csv: lines(HEADER, "mug,Mug,"),
    errors: [{ row: 2, column: "Variant Price", message: has("like 12.50") }],
  },
  {
    name: "price that is not a number",
    csv: lines(HEADER, "mug,Mug,abc"),
    errors: [{ row: 2, column: "Variant Price", message: has('"abc" is not a price') }],
  },
  {
    name: "price with a currency sign",
    csv: lines(HEADER, "mug,Mug,$12"),
    errors: [{ row: 2, column: "Variant Price", message: has("not a price") }],
  },
  {
    name: "negative price",
    csv: lines(HEADER, "mug,Mug,-1.00"),
    errors: [{ row: 2, column: "Variant Price", message: has("cannot be negative") }],
  },
  {
    name: "fraction of a cent in USD",
    csv: lines(HEADER, "mug,Mug,12.505"),
    errors: [{ row: 2, column: "Variant Price", message: has("USD prices have at most 2 decimal places") }],
  },
  {
    name: "fraction of a yen",
    currency: "JPY",
    csv: lines(HEADER, "mug,Mug,1200.5"),
    errors: [{ row: 2, column: "Variant Price", message: has("JPY prices are whole numbers") }],
  },
  {
    name: "fraction of a fils in KWD",
    currency: "KWD",
    csv: lines(HEADER, "mug,Mug,1.2505"),
    errors: [{ row: 2, column: "Variant Price", message: has("at most 3 decimal places") }],
  },
  {
    name: "bad compare-at price",
    csv: lines("Handle,Title,Variant Price,Variant Compare At Price", "mug,Mug,5,6.001"),
    errors: [{ row: 2, column: "Variant Compare At Price", message: has("at most 2 decimal places") }],
  },
  {
    name: "price above the domain maximum",
    csv: lines(HEADER, "mug,Mug,100000000000"),
    errors: [{ row: 2, column: "Variant Price", message: has("") }],
  },
  {
    name: "more than 3 options",
    csv: lines(
      "Handle,Title,Option1 Name,Option1 Value,Option2 Name,Option2 Value,Option3 Name,Option3 Value,Option4 Name,Option4 Value,Variant Price",
      "mug,Mug,Size,S,Colour,Red,Glaze,Matte,Handle,Left,5",
    ),
    errors: [{ row: 2, column: "Option4 Name", message: has("at most 3 options") }],
  },
  {
    name: "an option name left out before a later one",
    csv: lines(TWO_OPTIONS, "tee,Tee,,S,Colour,Red,5"),
    errors: [{ row: 2, column: "Option1 Name", message: has("Option1 Name is empty") }],
  },
  {
    name: "a variant row with fewer option values than options",
    csv: lines(TWO_OPTIONS, "tee,Tee,Size,S,Colour,Red,5", "tee,,,M,,,5"),
    errors: [{ row: 3, column: "Option2 Value", message: has("2 options (Size, Colour)") }],
  },
  {
    name: "an option value on a product without options",
    csv: lines(ONE_OPTION, "mug,Mug,,,5", "mug,,,Large,6"),
    errors: [{ row: 3, column: "Option1 Value", message: has("no options") }],
  },
  {
    name: "the same option combination twice",
    csv: lines(ONE_OPTION, "tee,Tee,Size,S,5", "tee,,,M,5", "tee,,,S,6"),
    errors: [{ row: 4, column: "Option1 Value", message: has("Row 2 already has S") }],
  },
  {
    name: "two variants of a Default Title product",
    csv: lines(ONE_OPTION, "mug,Mug,Title,Default Title,5", "mug,,,Default Title,6"),
    errors: [{ row: 3, column: "Variant Price", message: has("row 2 already gives it") }],
  },
  {
    name: "stock that is not a number",
    csv: lines(TRACKED, "mug,Mug,5,shopify,lots"),
    errors: [{ row: 2, column: "Variant Inventory Qty", message: has('"lots"') }],
  },
  {
    name: "stock with a fraction",
    csv: lines(TRACKED, "mug,Mug,5,shopify,2.5"),
    errors: [{ row: 2, column: "Variant Inventory Qty", message: has("whole number") }],
  },
  {
    name: "stock above the domain maximum",
    csv: lines(TRACKED, "mug,Mug,5,shopify,2000000"),
    errors: [{ row: 2, column: "Variant Inventory Qty", message: has("") }],
  },
  {
    name: "more products than allowed (reported once)",
    maxProducts: 2,
    csv: lines(HEADER, "a,A,1", "b,B,1", "a,,", "c,C,1", "d,D,1"),
    errors: [{ row: 5, column: "Handle", message: has("at most 2 products") }],
  },
  {
    name: "empty file",
    csv: "",
    errors: [{ row: 0, message: has("empty") }],
  },
  {
    name: "file of blank lines with a byte order mark",
    csv: "\uFEFF\r\n\r\n",
    errors: [{ row: 0, message: has("empty") }],
  },
  {
    name: "missing required headers",
    csv: lines("Handle,Title,Price Each", "mug,Mug,5"),
    errors: [{ row: 0, message: has("missing: Variant Price") }],
  },
  {
    name: "header row only",
    csv: lines(HEADER, ",,"),
    errors: [{ row: 0, message: has("no products") }],
  },
  {
    name: "Excel workbook instead of CSV",
    csv: "PK\u0003\u0004\u0014\u0000",
    errors: [{ row: 0, message: has("Excel") }],
  },
  {
    name: "handle that cannot become a slug",
    csv: lines(HEADER, "!!!,Mug,5"),
    errors: [{ row: 2, column: "Handle", message: has('"!!!"') }],
  },
  {
    name: "two handles that slugify to the same address",
    csv: lines(HEADER, "Blue Mug,Mug,5", "blue-mug,Other mug,6"),
    errors: [{ row: 3, column: "Handle", message: has('both become the web address "blue-mug"') }],
  },
  {
    name: "unknown Status",
    csv: lines("Handle,Title,Variant Price,Status", "mug,Mug,5,live"),
    errors: [{ row: 2, column: "Status", message: has('"live"') }],
  },
  {
    name: "Published that is not TRUE or FALSE",
    csv: lines("Handle,Title,Variant Price,Published", "mug,Mug,5,yes"),
    errors: [{ row: 2, column: "Published", message: has("TRUE or FALSE") }],
  },
  {
    name: "image address that is not http(s)",
    csv: lines("Handle,Title,Variant Price,Image Src", "mug,Mug,5,javascript:alert(1)"),
    errors: [{ row: 2, column: "Image Src", message: has("not a web address") }],
  },
  {
    name: "title longer than the domain allows",
    csv: lines(HEADER, `mug,${"x".repeat(201)},5`),
    errors: [{ row: 2, column: "Title", message: has("200") }],
  },
  {
    name: "option value longer than the domain allows, reported once",
    csv: lines(ONE_OPTION, "tee,Tee,Size,S,5", `tee,,,${"x".repeat(61)},5`),
    errors: [{ row: 3, column: "Option1 Value", message: has("60") }],
  },
  {
    name: "more than 5000 products by default",
    csv: lines(HEADER, ...Array.from({ length: 5001 }, (_, index) => `p-${index},P,1`)),
    errors: [{ row: 5002, column: "Handle", message: has("at most 5000 products") }],
  },
  {
    name: "a quote that is never closed",
    csv: lines(HEADER, "mug,Mug,5", 'cup,"Cup,6', "bowl,Bowl,7"),
    errors: [{ row: 3, message: has("never closed") }],
  },
  {
    name: "a row whose Handle is only spaces next to data",
    csv: lines(HEADER, "   ,Mug,5"),
    errors: [{ row: 2, column: "Handle", message: has("Handle") }],
  },
];

describe("parseShopifyCsv: row errors", () => {
  it.each(ERROR_CASES)("$name", ({ csv, currency = "USD", maxProducts, errors }) => {
    const result = parseShopifyCsv(csv, maxProducts === undefined ? { currency } : { currency, maxProducts });
    expect(result.errors).toEqual(errors);
  });

  it("collects every error in one pass, sorted by row, and returns only the products that parsed", () => {
    const result = parseShopifyCsv(
      lines(HEADER, "good,Good,5", "bad-price,Bad,abc", ",Orphan,5", "no-title,,5", "other,Other,7", "bad-price,,x"),
      { currency: "USD" },
    );
    expect(result.errors.map(({ row, column }) => ({ row, column }))).toEqual([
      { row: 3, column: "Variant Price" },
      { row: 4, column: "Handle" },
      { row: 5, column: "Title" },
      { row: 7, column: "Variant Price" },
    ]);
    expect(result.products.map((product) => product.handle)).toEqual(["good", "other"]);
  });

  it("refuses input over 10 MB before parsing", () => {
    const ascii = `${HEADER}\n${"a".repeat(10 * 1024 * 1024)}`;
    // Fewer than 10 M characters, but more than 10 MB once encoded as UTF-8.
    const accented = `${HEADER}\n${"\u00E9".repeat(5 * 1024 * 1024 + 1)}`;
    for (const text of [ascii, accented]) {
      expect(parseShopifyCsv(text, { currency: "USD" })).toEqual({
        products: [],
        errors: [{ row: 0, message: expect.stringContaining("larger than 10 MB") }],
        warnings: [],
        columnsNotKept: [],
        translatedLocales: [],
      });
    }
  });
});

describe("parseShopifyCsv: never throws", () => {
  // A fixed-seed generator of hostile text: quotes, separators, line breaks, markup and entities.
  function randomText(seed: number, length: number): string {
    const alphabet = [
      '"',
      ",",
      "\n",
      "\r",
      "<",
      ">",
      "/",
      "&",
      ";",
      "#",
      "=",
      "-",
      "a",
      "B",
      "1",
      ".",
      " ",
      "\u00E9",
      "\u8336",
    ];
    let state = seed;
    return Array.from({ length }, () => {
      state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
      return alphabet[state % alphabet.length];
    }).join("");
  }

  it.each(Array.from({ length: 50 }, (_, seed) => seed))("survives random input %i", (seed) => {
    const text = `Handle,Title,Body (HTML),Option1 Name,Option1 Value,Variant Price,Image Src\n${randomText(seed, 2000)}`;
    const result = parseShopifyCsv(text, { currency: "USD" });
    for (const error of result.errors) expect(error.row).toBeGreaterThanOrEqual(0);
    for (const product of result.products) expect(product.description).not.toMatch(/<[a-zA-Z/!?]/);
  });
});

describe("parseShopifyCsv: file encoding", () => {
  it("accepts a byte order mark, CRLF, and quoted commas, quotes and newlines", () => {
    const text =
      '\uFEFFHandle,Title,Body (HTML),Variant Price\r\nmug,"Mug, ""big""","<p>Line one</p>\r\n<p>Line two</p>",12.50\r\ncup,Cup,,3\r\n';
    const result = parseShopifyCsv(text, { currency: "USD" });
    expect(result.errors).toEqual([]);
    expect(
      result.products.map(({ handle, title, description, sourceRows }) => ({ handle, title, description, sourceRows })),
    ).toEqual([
      { handle: "mug", title: 'Mug, "big"', description: "Line one\n\nLine two", sourceRows: [2] },
      { handle: "cup", title: "Cup", description: "", sourceRows: [3] },
    ]);
  });

  it("counts rows as a spreadsheet does when a quoted cell spans lines", () => {
    const text = lines(HEADER.replace("Title", "Title,Body (HTML)"), 'mug,Mug,"one\ntwo\nthree",5', "cup,Cup,,x");
    expect(parseShopifyCsv(text, { currency: "USD" }).errors).toEqual([
      { row: 3, column: "Variant Price", message: expect.stringContaining('"x"') },
    ]);
  });

  it("accepts mixed line endings and blank lines, which still count as rows", () => {
    const text = "Handle,Title,Variant Price\r\nmug,Mug,5\n\rcup,Cup,6\r\n\r\nbowl,Bowl,x\n";
    const result = parseShopifyCsv(text, { currency: "USD" });
    expect(result.products.map((product) => [product.handle, product.sourceRows])).toEqual([
      ["mug", [2]],
      ["cup", [4]],
    ]);
    expect(result.errors).toEqual([{ row: 6, column: "Variant Price", message: expect.stringContaining('"x"') }]);
  });

  it("matches headers by trimmed, case-insensitive name in any order, ignoring unknown columns", () => {
    const text = lines(" variant PRICE ,Colour Swatch,TITLE,  handle,Collection", "5,red,Mug,Mug-1,Kitchen");
    const result = parseShopifyCsv(text, { currency: "USD" });
    // Stall has no product groups from a file yet: the Collection column is reported, not dropped unsaid.
    expect(result.columnsNotKept).toEqual([
      { column: "Colour Swatch", rows: 1 },
      { column: "Collection", rows: 1 },
    ]);
    expect(onlyProduct(text)).toEqual({
      ...productDefaults,
      handle: "mug-1",
      title: "Mug",
      description: "",
      status: "active",
      options: [],
      variants: [variantOf({ optionValues: [], price: 500 })],
      images: [],
      tags: [],
      sourceRows: [2],
    } satisfies CsvProduct);
  });

  it("reads the column names of Shopify's newer product template", () => {
    const text = lines(
      "Title,URL handle,Description,Status,SKU,Option1 name,Option1 value,Price,Compare-at price,Inventory tracker,Inventory quantity,Product image URL,Image position",
      "Mug,mug,<p>Glazed</p>,draft,MUG-1,Size,Small,5.00,6.00,shopify,4,https://cdn.example.com/mug.jpg,1",
    );
    expect(onlyProduct(text)).toMatchObject({
      handle: "mug",
      description: "Glazed",
      status: "draft",
      options: [{ name: "Size", values: ["Small"] }],
      variants: [{ optionValues: ["Small"], price: 500, compareAtPrice: 600, sku: "MUG-1", stock: 4 }],
      images: [{ url: "https://cdn.example.com/mug.jpg", alt: "" }],
    });
  });

  it("groups rows of one handle that are not next to each other, keeping first-appearance order", () => {
    const text = lines(
      "Handle,Title,Option1 Name,Option1 Value,Variant Price,Image Src,Image Position",
      "a,A,Size,S,1,,",
      "b,B,Title,Default Title,2,,",
      "a,,,M,1,https://x.example/a2.jpg,2",
      "b,,,,,https://x.example/b1.jpg,1",
    );
    const result = parseShopifyCsv(text, { currency: "USD" });
    expect(result.errors).toEqual([]);
    expect(
      result.products.map(({ handle, options, images, sourceRows }) => ({
        handle,
        options,
        imageUrls: images.map((image) => image.url),
        sourceRows,
      })),
    ).toEqual([
      {
        handle: "a",
        options: [{ name: "Size", values: ["S", "M"] }],
        imageUrls: ["https://x.example/a2.jpg"],
        sourceRows: [2, 4],
      },
      { handle: "b", options: [], imageUrls: ["https://x.example/b1.jpg"], sourceRows: [3, 5] },
    ]);
  });
});

describe("parseShopifyCsv: fields", () => {
  it.each([
    ["USD", "12.50", 1250],
    ["USD", "12", 1200],
    ["USD", "12.5", 1250],
    ["USD", "12.500", 1250],
    ["USD", "1,200.00", 120000],
    ["USD", "0", 0],
    ["JPY", "1200", 1200],
    ["JPY", "1,200", 1200],
    ["JPY", "1200.00", 1200],
    ["KWD", "1.250", 1250],
    ["KWD", "12.5", 12500],
    ["KWD", "1,200.000", 1200000],
    ["KWD", "3", 3000],
  ])("price %s %s is %i minor units", (currency, text, minor) => {
    const product = onlyProduct(lines(HEADER, `mug,Mug,"${text}"`), currency);
    expect(product.variants[0]?.price).toBe(minor);
  });

  it.each([
    ["shopify", "5", 5],
    ["shopify", "-3", 0],
    ["shopify", "", 0],
    ["shopify", "1,200", 1200],
    ["shopify", "4.0", 4],
    ["", "5", null],
    ["", "", null],
  ])("stock with tracker %j and quantity %j is %j", (tracker, quantity, stock) => {
    const product = onlyProduct(lines(TRACKED, `mug,Mug,5,${tracker},"${quantity}"`));
    expect(product.variants[0]?.stock).toBe(stock);
  });

  it.each([
    ["7", 7],
    ["", null],
  ])("stock without a tracker column and quantity %j is %j", (quantity, stock) => {
    const product = onlyProduct(lines("Handle,Title,Variant Price,Variant Inventory Qty", `mug,Mug,5,${quantity}`));
    expect(product.variants[0]?.stock).toBe(stock);
  });

  it.each([
    ["Handle,Title,Variant Price,Status,Published", "active,FALSE", "active"],
    ["Handle,Title,Variant Price,Status,Published", "Draft,TRUE", "draft"],
    ["Handle,Title,Variant Price,Status,Published", "ARCHIVED,", "archived"],
    ["Handle,Title,Variant Price,Status,Published", ",FALSE", "draft"],
    ["Handle,Title,Variant Price,Published", "TRUE", "active"],
    ["Handle,Title,Variant Price,Published", "false", "draft"],
    ["Handle,Title,Variant Price", "", "active"],
  ])("status from %s = %s is %s", (header, cells, status) => {
    const product = onlyProduct(lines(header, `mug,Mug,5${cells === "" ? "" : `,${cells}`}`));
    expect(product.status).toBe(status);
  });

  it.each([
    ["Blue-Mug", "blue-mug"],
    ["  mug  ", "mug"],
    ["Blue Mug", "blue-mug"],
    ["mug_2", "mug-2"],
    ["Cr\u00E8me Br\u00FBl\u00E9e", "creme-brulee"],
    ["\u624B\u5DE5\u8336\u676F", "\u624B\u5DE5\u8336\u676F"],
  ])("handle %j becomes %j", (handle, slug) => {
    expect(onlyProduct(lines(HEADER, `${handle},Mug,5`)).handle).toBe(slug);
  });

  it.each([
    ["30.00", 3000],
    ["24.00", null],
    ["20.00", null],
    ["0.00", null],
    ["", null],
  ])("compare-at price %j against a price of 24.00 is %j (at or below the price means no sale)", (text, minor) => {
    const product = onlyProduct(lines("Handle,Title,Variant Price,Variant Compare At Price", `mug,Mug,24.00,${text}`));
    expect(product.variants[0]?.compareAtPrice).toBe(minor);
  });

  it("orders images by position, completes scheme-less CDN addresses and keeps variant images", () => {
    const product = onlyProduct(
      lines(
        "Handle,Title,Option1 Name,Option1 Value,Variant Price,Image Src,Image Position,Variant Image",
        "mug,Mug,Size,S,5,https://x.example/2.jpg,2,https://x.example/1.jpg",
        "mug,,,M,5,,,https://x.example/variant.jpg",
        "mug,,,,,//cdn.shopify.com/1.jpg,1,",
        "mug,,,,,https://x.example/1.jpg,3,",
      ),
    );
    expect(product.images.map((image) => image.url)).toEqual([
      "https://cdn.shopify.com/1.jpg",
      "https://x.example/2.jpg",
      "https://x.example/1.jpg",
      "https://x.example/variant.jpg",
    ]);
    expect(product.variants.map((variant) => variant.imageUrl)).toEqual([
      "https://x.example/1.jpg",
      "https://x.example/variant.jpg",
    ]);
  });
});

describe("parseShopifyCsv: strict CSV (RFC 4180)", () => {
  const refusal = (text: string) => parseShopifyCsv(text, { currency: "USD" });

  it("refuses a quoted cell with spaces before its quote, naming the row and the column", () => {
    const text = lines("Handle,Title,Body (HTML),Variant Price", 'mug, Mug, "<p>Glazed, blue</p>",5');
    expect(refusal(text)).toEqual({
      products: [],
      warnings: [],
      columnsNotKept: [],
      translatedLocales: [],
      errors: [
        {
          row: 2,
          column: "Body (HTML)",
          message: has('A quote (") must start the cell; this cell has spaces before it'),
        },
      ],
    });
  });

  it.each([
    ["a quote in the middle of an unquoted cell", 'mug,Mug 5" wide,5', "Title", "does not start with one"],
    ["text after a closing quote", 'mug,"Mug" large,5', "Title", "After the closing quote"],
    ["a row with more cells than the header", "mug,Mug,5,extra", undefined, "4 cells but the first row names 3"],
    ["a row with fewer cells than the header", "mug,Mug", undefined, "2 cells but the first row names 3"],
    ["a quote never closed", 'mug,"Mug,5', undefined, "never closed"],
  ])("refuses %s, naming row 3", (_, row, column, message) => {
    const { errors, products } = refusal(lines(HEADER, "cup,Cup,4", row));
    expect(products).toEqual([]);
    expect(errors).toEqual([{ row: 3, ...(column ? { column } : {}), message: has(message) }]);
  });

  it("refuses binary and UTF-16 files, text in another encoding, and semicolon-separated files in plain words", () => {
    expect(refusal("H\u0000a\u0000n\u0000d\u0000l\u0000e\u0000").errors[0]?.message).toContain("UTF-16");
    expect(refusal(lines(HEADER, "mug,Caf\uFFFD,5")).errors).toEqual([{ row: 2, message: has("not UTF-8 text") }]);
    expect(refusal(lines("Handle;Title;Variant Price", "mug;Mug;5")).errors).toEqual([
      { row: 0, message: has("semicolons between its cells") },
    ]);
  });

  it("accepts what Shopify and spreadsheets write: BOM, CRLF, LF and CR mixed, quoted newlines, blank lines", () => {
    const text = `\uFEFF${HEADER}\r\nmug,"Mug, ""big""",5\n\r\n"cup","Cup\r\nsmall",4\rbowl,Bowl,3\r\n`;
    const result = refusal(text);
    expect(result.errors).toEqual([]);
    expect(result.products.map((product) => [product.title, product.sourceRows])).toEqual([
      ['Mug, "big"', [2]],
      ["Cup\nsmall", [4]],
      ["Bowl", [5]],
    ]);
  });
});

describe("parseShopifyCsv: every Shopify column kept or reported", () => {
  it("keeps product metafields in each header form by column name, and reports variant metafields", () => {
    const text = lines(
      "Handle,Title,Variant Price,Material (product.metafields.custom.material),product.metafields.custom.origin,Metafield: custom.care [multi_line_text_field],Variant Metafield: custom.shelf [single_line_text_field],Shelf (variant.metafields.custom.shelf)",
      'mug,Mug,5,Stoneware,Jingdezhen,"Hand wash.\r\nNo microwave.",B2,B3',
    );
    const result = parseShopifyCsv(text, { currency: "USD" });
    expect(result.products[0]?.metafields).toEqual({
      "Material (product.metafields.custom.material)": "Stoneware",
      "product.metafields.custom.origin": "Jingdezhen",
      "Metafield: custom.care [multi_line_text_field]": "Hand wash.\nNo microwave.",
    });
    expect(result.columnsNotKept).toEqual([
      { column: "Variant Metafield: custom.shelf [single_line_text_field]", rows: 1 },
      { column: "Shelf (variant.metafields.custom.shelf)", rows: 1 },
    ]);
  });

  it("reports a fulfilment service other than manual, and empty unknown columns not at all", () => {
    const text = lines(
      "Handle,Title,Variant Price,Variant Fulfillment Service,Option1 Linked To,Variant Tax Code",
      "mug,Mug,5,manual,,",
      "cup,Cup,5,printful,,",
    );
    expect(parseShopifyCsv(text, { currency: "USD" }).columnsNotKept).toEqual([
      { column: "Variant Fulfillment Service", rows: 1 },
    ]);
  });

  it("reports a compare-at price at or below the price per row, keeping no was-price", () => {
    const text = lines(
      "Handle,Title,Option1 Name,Option1 Value,Variant Price,Variant Compare At Price",
      "mug,Mug,Size,S,5.00,5.00",
      "mug,,,M,6.00,4.00",
      "mug,,,L,7.00,9.00",
    );
    const result = parseShopifyCsv(text, { currency: "USD" });
    expect(result.products[0]?.variants.map((variant) => variant.compareAtPrice)).toEqual([null, null, 900]);
    expect(result.warnings).toEqual([
      { row: 2, column: "Variant Compare At Price", message: has("5.00 is not above the price 5.00") },
      { row: 3, column: "Variant Compare At Price", message: has("4.00 is not above the price 6.00") },
    ]);
  });

  it.each([
    ["Variant Taxable", "yes", "TRUE or FALSE"],
    ["Variant Requires Shipping", "1", "TRUE or FALSE"],
    ["Gift Card", "no", "TRUE or FALSE"],
    ["Variant Inventory Policy", "sometimes", "not one of deny, continue"],
    ["Variant Weight Unit", "stone", "not one of g, kg, lb, oz"],
    ["Variant Grams", "heavy", "not a weight in grams"],
    ["Cost per item", "cheap", "not a price"],
    ["Google Shopping / Condition", "mint", "not one of new, used, refurbished"],
  ])("refuses %s %j, naming the cell", (column, value, message) => {
    const result = parseShopifyCsv(lines(`${HEADER},${column}`, `mug,Mug,5,${value}`), { currency: "USD" });
    expect(result.errors).toEqual([{ row: 2, column, message: has(message) }]);
  });

  it("keeps tags once whatever their case, in the file's first spelling", () => {
    expect(onlyProduct(lines(`${HEADER},Tags`, 'mug,Mug,5,"Tea, tea, TEA , Gift"')).tags).toEqual(["Tea", "Gift"]);
  });
});

describe("parseShopifyCsv: Body (HTML) to text", () => {
  const describeBody = (body: string) =>
    onlyProduct(`Handle,Title,Body (HTML),Variant Price\nmug,Mug,"${body.replace(/"/g, '""')}",5\n`).description;

  it.each([
    ["<p>One</p><p>Two</p>", "One\n\nTwo"],
    ["A<br>B<br/>C<BR />D", "A\nB\nC\nD"],
    ["<ul><li>Red</li><li>Blue</li></ul>", "- Red\n- Blue"],
    [
      "<p>Intro</p><ol><li><p>First</p></li><li>Second<ul><li>Nested</li></ul></li></ol><p>End</p>",
      "Intro\n\n1. First\n2. Second\n   - Nested\n\nEnd",
    ],
    ["<strong>Bold</strong> and <b>also bold </b>here", "**Bold** and **also bold** here"],
    ["<b><b>twice</b></b>", "**twice**"],
    ["<b><p>across</p><p>paragraphs</p></b>", "across\n\nparagraphs"],
    [
      '<em>Soft</em> <i>also</i> <a href="https://x.example/a?b=1&amp;c=(2)">link</a> <span style="color:red">red</span>',
      "_Soft_ _also_ [link](https://x.example/a?b=1&c=%282%29) red",
    ],
    [
      '<a href="javascript:alert(1)">bad</a> <a href="/relative">rel</a> <a href="mailto:a@b.example">mail</a>',
      "bad rel [mail](mailto:a@b.example)",
    ],
    ["<h2>Care</h2><p>Wash   cold,\n   dry flat</p><h3>More</h3>", "## Care\n\nWash cold, dry flat\n\n### More"],
    ["<table><tr><td>Width</td><td>30cm</td></tr></table>", "Width 30cm"],
    [
      "Fish &amp; chips &lt;3 &quot;hot&quot; &#39;n&#x27; &eacute; &#0;",
      "Fish & chips <3 \"hot\" 'n' &eacute; \uFFFD",
    ],
    ["<p>\u624B\u5DE5\u3000\u8336\u676F</p>", "\u624B\u5DE5\u3000\u8336\u676F"],
    ["<!-- hidden --><p>Shown</p>", "Shown"],
    ["<script>alert(1)</script><style>p { color: red }</style>Safe", "Safe"],
    ["<img src=x onerror=alert(1)>Text", "Text"],
    ["Plain text\nwith lines\n\n\n\nand gaps", "Plain text\nwith lines\n\nand gaps"],
    ["5 < 6 and 7 > 3", "5 < 6 and 7 > 3"],
    ["&lt;script&gt;alert(1)&lt;/script&gt;", "< script>alert(1)< /script>"],
    ["<p>unclosed <b", "unclosed < b"],
  ])("%j", (body, text) => {
    expect(describeBody(body)).toBe(text);
  });

  it.each([
    "<scr<script>ipt>alert(1)</script>",
    "<<script>script>alert(1)<</script>/script>",
    "&lt;img src=x onerror=alert(1)&gt;",
    "<div <script>>alert(1)</div>",
  ])("leaves nothing that reads as a tag: %j", (body) => {
    expect(describeBody(body)).not.toMatch(/<[a-zA-Z/!?]/);
  });
});

describe("toShopifyCsv", () => {
  const products: CatalogueProduct[] = [
    {
      ...productDefaults,
      handle: "\u624B\u5DE5\u8336\u676F",
      title: "\u624B\u5DE5\u8336\u676F",
      description:
        '## Made by hand\n\n**Hand made** in Jingdezhen.\nEach one differs, it\'s _unique_.\n\n- Holds 200 ml\n- 5 < 6 & "quotes"\n\n1. Rinse\n2. Pour\n\nMore at [our page](https://example.com/cups?a=1&b=2).',
      status: "active",
      options: [],
      variants: [variantOf({ optionValues: [], price: 8800 })],
      images: [],
    },
    {
      ...productDefaults,
      handle: "wool-scarf",
      title: 'Wool Scarf, "Highland"',
      description: "",
      status: "draft",
      vendor: "Highland Mill",
      productType: "Scarf",
      productCategory: "Apparel & Accessories > Clothing Accessories > Scarves & Shawls",
      tags: ["wool", "winter"],
      seoTitle: "Highland wool scarf",
      seoDescription: "Warm, woven in the glen.",
      condition: "used",
      metafields: {
        "Material (product.metafields.custom.material)": "Lambswool",
        "Color (product.metafields.shopify.color-pattern)": "gid://shopify/Metaobject/9",
        "Metafield: custom.origin [single_line_text_field]": "Scotland",
      },
      options: [
        { name: "Colour", values: ["Moss", "Slate"] },
        { name: "Length", values: ["Short", "Long"] },
        { name: "Weave", values: ["Plain", "Twill"] },
      ],
      variants: ["Moss", "Slate"].flatMap((colour, a) =>
        ["Short", "Long"].flatMap((length, b) =>
          ["Plain", "Twill"].map((weave, c) =>
            variantOf({
              optionValues: [colour, length, weave],
              price: 4500 + a * 100 + b * 10 + c,
              compareAtPrice: c === 0 ? 6000 : null,
              cost: 2000 + c,
              sku: `SCARF-${a}${b}${c}`,
              barcode: `50000000000${a}${b}${c}`,
              stock: a + b + c,
              isSoldWhenOutOfStock: c === 1,
              weightGrams: 300 + b * 100,
              weightUnit: "kg",
              isTaxable: a === 0,
              imageUrl: `https://cdn.example.com/scarf-${a + 1}.jpg`,
            }),
          ),
        ),
      ),
      images: [
        { url: "https://cdn.example.com/scarf-1.jpg", alt: "Moss scarf" },
        { url: "https://cdn.example.com/scarf-2.jpg", alt: "" },
      ],
    },
    {
      ...productDefaults,
      handle: "tote-bag",
      title: "Tote Bag",
      description: "Canvas.",
      status: "archived",
      isGiftCard: true,
      options: [{ name: "Size", values: ["Small", "Large"] }],
      variants: [
        variantOf({
          optionValues: ["Small"],
          price: 0,
          compareAtPrice: 1,
          sku: "TOTE-S",
          stock: 0,
          requiresShipping: false,
        }),
        variantOf({
          optionValues: ["Large"],
          price: 1999,
          sku: "TOTE-L",
          stock: 1_000_000,
          weightGrams: 0,
          weightUnit: "g",
        }),
      ],
      images: [1, 2, 3, 4].map((n) => ({
        url: `https://cdn.example.com/tote-${n}.jpg?width=800&v=2`,
        alt: `Tote ${n}`,
      })),
    },
  ];

  it("writes the columns of Shopify's current template in its order, then metafields by their own names", () => {
    const [header] = readCells(toShopifyCsv(products, { currency: "USD" }));
    expect(header?.slice(0, TEMPLATE_COLUMNS.length)).toEqual([...TEMPLATE_COLUMNS]);
    expect(header?.slice(0, 3)).toEqual(["Title", "URL handle", "Description"]);
    expect(header?.slice(TEMPLATE_COLUMNS.length)).toEqual([
      "Material (product.metafields.custom.material)",
      "Metafield: custom.origin [single_line_text_field]",
    ]);
  });

  it("writes one row per variant, product columns on the first, extra rows for images", () => {
    const rows = readRows(toShopifyCsv([products[2] as CatalogueProduct], { currency: "USD" }));
    const image = (n: number) => `https://cdn.example.com/tote-${n}.jpg?width=800&v=2`;
    expect(
      rows.map((row) => [
        row["URL handle"],
        row.Title,
        row["Option1 value"],
        row.Price,
        row["Product image URL"],
        row["Image position"],
        row["Image alt text"],
      ]),
    ).toEqual([
      ["tote-bag", "Tote Bag", "Small", "0.00", image(1), "1", "Tote 1"],
      ["tote-bag", "", "Large", "19.99", image(2), "2", "Tote 2"],
      ["tote-bag", "", "", "", image(3), "3", "Tote 3"],
      ["tote-bag", "", "", "", image(4), "4", "Tote 4"],
    ]);
    expect(rows[0]).toMatchObject({
      Description: "<p>Canvas.</p>",
      "Published on online store": "FALSE",
      Status: "archived",
      "Gift card": "TRUE",
      "Compare-at price": "0.01",
      "Inventory tracker": "shopify",
      "Inventory quantity": "0",
      "Continue selling when out of stock": "DENY",
      "Requires shipping": "FALSE",
      "Fulfillment service": "manual",
      "Google Shopping / Condition": "new",
    });
  });

  it("writes every field of a variant and the product's metafields", () => {
    const [first] = readRows(toShopifyCsv([products[1] as CatalogueProduct], { currency: "USD" }));
    expect(first).toMatchObject({
      Vendor: "Highland Mill",
      Type: "Scarf",
      "Product category": "Apparel & Accessories > Clothing Accessories > Scarves & Shawls",
      Tags: "wool, winter",
      "SEO title": "Highland wool scarf",
      "SEO description": "Warm, woven in the glen.",
      "Google Shopping / Condition": "used",
      SKU: "SCARF-000",
      Barcode: "50000000000000",
      "Cost per item": "20.00",
      "Charge tax": "TRUE",
      "Weight value (grams)": "300",
      "Weight unit for display": "kg",
      "Variant image URL": "https://cdn.example.com/scarf-1.jpg",
      "Color (product.metafields.shopify.color-pattern)": "gid://shopify/Metaobject/9",
      "Material (product.metafields.custom.material)": "Lambswool",
    });
  });

  it("writes the description as HTML with no Markdown left: headings, lists, emphasis, links, line breaks", () => {
    const [first] = readRows(toShopifyCsv([products[0] as CatalogueProduct], { currency: "CNY" }));
    const html = first?.Description ?? "";
    expect(html).toBe(
      [
        "<h2>Made by hand</h2>",
        "<p><strong>Hand made</strong> in Jingdezhen.<br>",
        "Each one differs, it's <em>unique</em>.</p>",
        "<ul>",
        "<li>Holds 200 ml</li>",
        "<li>5 &lt; 6 &amp; &quot;quotes&quot;</li>",
        "</ul>",
        "<ol>",
        "<li>Rinse</li>",
        "<li>Pour</li>",
        "</ol>",
        '<p>More at <a href="https://example.com/cups?a=1&amp;b=2">our page</a>.</p>',
      ].join("\n"),
    );
    expect(html).not.toMatch(/\*\*|^- |\n- |&#39;|\]\(|^#/m);
    expect(first).toMatchObject({ "Option1 name": "Title", "Option1 value": "Default Title", Price: "88.00" });
  });

  it("starts with a byte order mark so Excel reads UTF-8", () => {
    expect(toShopifyCsv([], { currency: "USD" }).startsWith("\uFEFFTitle,URL handle,Description,")).toBe(true);
  });

  it.each(["USD", "JPY", "KWD", "VND"])("round-trips every field in %s", (currency) => {
    const csv = toShopifyCsv(products, { currency });
    const result = parseShopifyCsv(csv, { currency });
    expect(result.errors).toEqual([]);
    expect(result.columnsNotKept).toEqual([]);
    expect(result.products.map(withoutSource)).toEqual(products);
  });

  it.each([
    ["USD", 1250, "12.50"],
    ["JPY", 1250, "1250"],
    ["VND", 1250000, "1250000"],
    ["KWD", 1250, "1.250"],
  ])("writes %s %i minor units as %s", (currency, price, text) => {
    const product = { ...(products[0] as CatalogueProduct), variants: [variantOf({ optionValues: [], price })] };
    const [first] = readRows(toShopifyCsv([product], { currency }));
    expect(first?.Price).toBe(text);
  });

  it("leaves a place for extra columns after the metafields", () => {
    const csv = toShopifyCsv(products, {
      currency: "USD",
      extraColumns: [{ label: "Title [zh-CN]", cell: (product) => `${product.title} (zh)` }],
    });
    const [first] = readRows(csv);
    expect(first?.["Title [zh-CN]"]).toBe("\u624B\u5DE5\u8336\u676F (zh)");
    expect(parseShopifyCsv(csv, { currency: "USD" }).columnsNotKept).toEqual([{ column: "Title [zh-CN]", rows: 3 }]);
  });
});

describe("toShopifyCsv: formula injection", () => {
  const risky: CatalogueProduct = {
    ...productDefaults,
    handle: "risky",
    title: '=HYPERLINK("https://evil.example","Click")',
    description: "=1+2",
    status: "active",
    vendor: "+Vendor",
    metafields: { "Note (product.metafields.custom.note)": "@SUM(A1)" },
    options: [{ name: "@Size", values: ["+1", "-1"] }],
    variants: [
      variantOf({ optionValues: ["+1"], price: 1250, sku: "-SKU", stock: 3 }),
      variantOf({ optionValues: ["-1"], price: 990, compareAtPrice: 1200, sku: "\tTAB" }),
    ],
    images: [],
  };

  it("prefixes text cells that start with = + - @ or a tab with an apostrophe, but not prices", () => {
    const [first, second] = readRows(toShopifyCsv([risky], { currency: "USD" }));
    expect(first).toMatchObject({
      Title: '\'=HYPERLINK("https://evil.example","Click")',
      Description: "<p>=1+2</p>",
      Vendor: "'+Vendor",
      "Option1 name": "'@Size",
      "Option1 value": "'+1",
      SKU: "'-SKU",
      Price: "12.50",
      "Note (product.metafields.custom.note)": "'@SUM(A1)",
    });
    expect(second).toMatchObject({ "Option1 value": "'-1", SKU: "'\tTAB", Price: "9.90", "Compare-at price": "12.00" });
  });

  it("removes the apostrophe again on import", () => {
    const result = parseShopifyCsv(toShopifyCsv([risky], { currency: "USD" }), { currency: "USD" });
    expect(result.errors).toEqual([]);
    // The import trims cells, so only the leading tab of the SKU is lost.
    const variants = risky.variants.map((variant) => ({ ...variant, sku: variant.sku?.trim() ?? null }));
    expect(result.products.map(withoutSource)).toEqual([{ ...risky, variants }]);
  });
});

describe("a generated 1,000-product, 70-column Shopify export", () => {
  it.each(["VND", "JPY", "USD"])(
    "in %s: every product and field lands, nothing dropped without a line in the report",
    (currency) => {
      const file = generateShopifyExport({ count: 1000, currency, imageBaseUrl: "http://127.0.0.1:9/photos" });
      const result = parseShopifyCsv(file.csv, { currency });
      expect(result.errors).toEqual([]);
      expect(result.products).toHaveLength(1000);
      expect(result.products.map(withoutSource)).toEqual(file.products);
      expect(result.columnsNotKept).toEqual(file.columnsNotKept);
      expect(result.warnings).toEqual(file.warnings);
      expect(file.warnings.length).toBeGreaterThan(0);
    },
  );

  it("exports to the current template and imports back as the same products, with no Markdown in Body (HTML)", () => {
    const file = generateShopifyExport({ count: 1000, currency: "VND", imageBaseUrl: "http://127.0.0.1:9/photos" });
    const exported = toShopifyCsv(parseShopifyCsv(file.csv, { currency: "VND" }).products, { currency: "VND" });
    const reparsed = parseShopifyCsv(exported, { currency: "VND" });
    expect(reparsed.errors).toEqual([]);
    expect(reparsed.warnings).toEqual([]);
    expect(reparsed.products.map(withoutSource)).toEqual(file.products);
    for (const row of readRows(exported))
      expect(row.Description ?? "").not.toMatch(/\*\*|(^|\n)(- |## |1\. )|&#39;|\]\(/);
    expect(toShopifyCsv(reparsed.products, { currency: "VND" })).toBe(exported);
  });
});

describe("Shopify's current product template", () => {
  it("reads every product of a file in the template's layout and names what it does not keep", () => {
    const result = parseShopifyCsv(TEMPLATE_CSV, { currency: "USD" });
    expect(result.errors).toEqual([]);
    expect(result.products.map(withoutSource)).toEqual(TEMPLATE_PRODUCTS);
    expect(result.columnsNotKept).toEqual(TEMPLATE_COLUMNS_NOT_KEPT);
    expect(result.warnings).toEqual([
      { row: 4, column: "Compare-at price", message: has("19.99 is not above the price 19.99") },
    ]);
  });

  it("round-trips through our export", () => {
    const exported = toShopifyCsv(TEMPLATE_PRODUCTS, { currency: "USD" });
    expect(parseShopifyCsv(exported, { currency: "USD" }).products.map(withoutSource)).toEqual(TEMPLATE_PRODUCTS);
  });
});
