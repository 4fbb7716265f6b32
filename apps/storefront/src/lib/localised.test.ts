import { describe, expect, it } from "vitest";
import { localiseCollection, localiseLine, localisePage, localiseProduct, pick } from "./localised.ts";
import type { Product } from "./snapshot.ts";

describe("pick", () => {
  it.each([
    { main: "Tea", translations: { "zh-CN": { title: "茶" } }, locale: "zh-CN", expected: "茶" },
    { main: "Tea", translations: { "zh-CN": { title: "茶" } }, locale: "en", expected: "Tea" },
    // No translation, an empty one, or only other fields translated: the main language shows.
    { main: "Tea", translations: undefined, locale: "zh-CN", expected: "Tea" },
    { main: "Tea", translations: { "zh-CN": { title: "  " } }, locale: "zh-CN", expected: "Tea" },
    { main: "Tea", translations: { "zh-CN": { description: "好茶" } }, locale: "zh-CN", expected: "Tea" },
  ] as const)("$main in $locale with $translations is $expected", ({ main, translations, locale, expected }) => {
    expect(pick(main, translations, locale, "title")).toBe(expected);
  });
});

const tea: Product = {
  id: "prd_1",
  slug: "tea",
  title: "Green tea",
  descriptionHtml: "<p>Spring tea.</p>",
  vendor: "",
  productType: "",
  tags: [],
  seoTitle: "",
  seoDescription: "",
  condition: "new",
  translations: { "zh-CN": { title: "绿茶" } },
  options: [
    { name: "Size", values: ["Small", "Large"], translations: { "zh-CN": { name: "规格", values: ["小包"] } } },
    { name: "Tin", values: ["Yes", "No"] },
  ],
  variants: [
    {
      id: "var_1",
      sku: null,
      barcode: null,
      isBackordered: false,
      optionValues: ["Small", "Yes"],
      title: "Small / Yes",
      price: 900,
      compareAtPrice: null,
      availability: "in_stock",
      stockLeft: null,
    },
    {
      id: "var_2",
      sku: null,
      barcode: null,
      isBackordered: false,
      optionValues: ["Large", "No"],
      title: "Large / No",
      price: 1600,
      compareAtPrice: null,
      availability: "in_stock",
      stockLeft: null,
    },
  ],
  photos: [],
  updatedAt: 1,
};

describe("localiseProduct", () => {
  it("takes each translated field and falls back field by field", () => {
    const chinese = localiseProduct(tea, "zh-CN");
    expect(chinese.title).toBe("绿茶");
    expect(chinese.descriptionHtml).toBe("<p>Spring tea.</p>");
    expect(chinese.options.map((option) => [option.name, option.values, option.labels])).toEqual([
      ["规格", ["Small", "Large"], ["小包", "Large"]],
      ["Tin", ["Yes", "No"], ["Yes", "No"]],
    ]);
    // Variants keep their values (a form posts them) and read in the page language.
    expect(chinese.variants.map((variant) => [variant.optionValues, variant.title])).toEqual([
      [["Small", "Yes"], "小包 / Yes"],
      [["Large", "No"], "Large / No"],
    ]);
  });

  it("changes nothing in the main language but adds the labels", () => {
    const english = localiseProduct(tea, "en");
    expect({ ...english, options: english.options.map(({ labels: _labels, ...option }) => option) }).toEqual(tea);
    expect(english.options[0]?.labels).toEqual(["Small", "Large"]);
  });

  it("translates the SEO text when the product carries it", () => {
    const withSeo = {
      ...tea,
      seoTitle: "Green tea from the hill",
      translations: { "zh-CN": { seoTitle: "山上的绿茶" } },
    } as Product;
    expect((localiseProduct(withSeo, "zh-CN") as unknown as { seoTitle: string }).seoTitle).toBe("山上的绿茶");
  });
});

describe("collections, pages and cart lines", () => {
  it.each([
    { locale: "zh-CN", expected: ["茶叶", "All our tea"] },
    { locale: "en", expected: ["Teas", "All our tea"] },
  ] as const)("a collection in $locale", ({ locale, expected }) => {
    const collection = localiseCollection(
      {
        id: "col_1",
        slug: "teas",
        title: "Teas",
        description: "All our tea",
        translations: { "zh-CN": { title: "茶叶" } },
        isFeatured: false,
        productIds: [],
      },
      locale,
    );
    expect([collection.title, collection.description]).toEqual(expected);
  });

  it("a page", () => {
    const page = {
      slug: "about",
      title: "About",
      html: "<p>Hi</p>",
      translations: { "zh-CN": { html: "<p>你好</p>" } },
    };
    expect(localisePage(page, "zh-CN")).toMatchObject({ title: "About", html: "<p>你好</p>" });
  });

  it.each([
    { variantId: "var_1", variantTitle: "Small / Yes", expected: ["绿茶", "小包 / Yes"] },
    { variantId: "var_gone", variantTitle: "Old", expected: ["绿茶", "Old"] },
  ])("a cart line for $variantId", ({ variantId, variantTitle, expected }) => {
    const line = localiseLine(
      { productId: "prd_1", variantId, title: "Green tea", variantTitle },
      localiseProduct(tea, "zh-CN"),
    );
    expect([line.title, line.variantTitle]).toEqual(expected);
  });

  it("a cart line whose product left the shop keeps the API's words", () => {
    const line = { productId: null, variantId: "var_1", title: "Green tea", variantTitle: "" };
    expect(localiseLine(line, undefined)).toBe(line);
  });
});
