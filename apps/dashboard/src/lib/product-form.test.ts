import { describe, expect, it } from "vitest";
import { priceExample, priceProblem, readPrice } from "./money.ts";
import { movePhoto, optionInputs, type Product, usualPrice, variantKey, variantRows } from "./product-form.ts";

const messages = {
  priceMissing: "missing",
  priceInvalid: (example: string) => `invalid ${example}`,
  priceDecimals: (currency: string, example: string) => `decimals ${currency} ${example}`,
};

describe("prices per currency", () => {
  it.each([
    ["CNY", "12.50"],
    ["JPY", "1200"],
    ["KWD", "12.500"],
  ])("%s is written like %s", (currency, example) => {
    expect(priceExample(currency)).toBe(example);
  });

  it.each([
    ["12.50", "CNY", { amount: 1250 }],
    ["12,5", "EUR", { amount: 1250 }],
    ["¥1,200", "JPY", { amount: 1200 }],
    ["", "CNY", { error: "missing" }],
    ["1200.50", "JPY", { error: "decimals JPY 1200" }],
    ["1,200.5", "JPY", { error: "decimals JPY 1200" }],
    ["9.999", "EUR", { error: "decimals EUR 12.50" }],
    ["twelve", "CNY", { error: "invalid 12.50" }],
    ["-3", "CNY", { error: "invalid 12.50" }],
  ])("reads %j in %s", (input, currency, expected) => {
    expect(readPrice(input, currency, messages)).toEqual(expected);
  });

  it("says nothing is wrong with a price", () => {
    expect(priceProblem("12", "CNY")).toBeUndefined();
  });
});

describe("photo order", () => {
  it.each([
    [["a", "b", "c"], "c", "up", ["a", "c", "b"]],
    [["a", "b", "c"], "b", "up", ["b", "a", "c"]],
    [["a", "b", "c"], "a", "up", ["a", "b", "c"]],
    [["a", "b", "c"], "a", "down", ["b", "a", "c"]],
    [["a", "b", "c"], "c", "down", ["a", "b", "c"]],
    [["a", "b", "c"], "x", "up", ["a", "b", "c"]],
  ] as const)("%j: %s %s makes %j", (ids, id, direction, expected) => {
    expect(movePhoto(ids, id, direction)).toEqual(expected);
  });
});

const variant = (values: string[], price: number, stock: number | null, id = values.join("-")) => ({
  id,
  optionValues: values,
  title: values.join(" / "),
  price,
  compareAtPrice: null,
  currency: "CNY",
  sku: null,
  stock,
  barcode: null,
  weightGrams: null,
  weightUnit: null,
  weight: null,
  cost: null,
  isTaxable: true,
  isSoldWhenOutOfStock: false,
  requiresShipping: true,
});
const product = (options: [string, string[]][], variants: ReturnType<typeof variant>[]): Product => ({
  id: "prd_1",
  slug: "shirt",
  title: "Shirt",
  description: "",
  status: "active",
  position: 0,
  vendor: "",
  productType: "",
  productCategory: "",
  tags: [],
  seoTitle: "",
  seoDescription: "",
  condition: "new",
  isGiftCard: false,
  metafields: {},
  options: options.map(([name, values], index) => ({ id: `opt_${index}`, name, values, translations: {} })),
  variants,
  photos: [],
  translations: {},
  createdAt: 0,
  updatedAt: 0,
});
const money = (amount: number) => (amount / 100).toFixed(2);

describe("the sizes and colours table", () => {
  it("reads the options typed, dropping blank ones, or the saved ones on a first visit", () => {
    const form = new FormData();
    form.set("optionName-0", "Size");
    form.set("optionValues-0", "S，M、 L");
    form.set("optionName-1", "");
    form.set("optionValues-1", "");
    form.set("optionName-2", "Colour");
    form.set("optionValues-2", "");
    expect(optionInputs(form, undefined)).toEqual([
      { name: "Size", valuesText: "S，M、 L", values: ["S", "M", "L"] },
      { name: "Colour", valuesText: "", values: [] },
    ]);
    const saved = product([["Size", ["S", "M"]]], [variant(["S"], 100, 1), variant(["M"], 100, 2)]);
    expect(optionInputs(undefined, saved)).toEqual([{ name: "Size", valuesText: "S, M", values: ["S", "M"] }]);
  });

  it("takes the price most variants have as the usual price", () => {
    const saved = product(
      [["Size", ["S", "M", "L"]]],
      [variant(["S"], 900, 1), variant(["M"], 800, 1), variant(["L"], 800, 1)],
    );
    expect(usualPrice(saved)).toBe(800);
    expect(usualPrice(undefined)).toBeUndefined();
  });

  it("keeps each row's typed price and count by its combination, and fills new rows", () => {
    const saved = product([["Size", ["S", "M"]]], [variant(["S"], 1000, 3, "var_s"), variant(["M"], 1500, 4, "var_m")]);
    const form = new FormData();
    for (const [key, price, stock] of [
      [variantKey(["S"]), "10.00", "3"],
      [variantKey(["M"]), "16.00", "9"],
    ]) {
      const index = form.getAll("variantKey").length;
      form.append("variantKey", key ?? "");
      form.set(`variantPrice-${index}`, price ?? "");
      form.set(`variantStock-${index}`, stock ?? "");
    }
    const rows = variantRows({
      combinations: [["M", "red"], ["M"], ["L"], ["S"]],
      form,
      product: saved,
      usualPriceText: "12.00",
      usualPriceBefore: "10.00",
      isUsualPriceValid: true,
      stockText: "",
      formatPrice: money,
    });
    expect(rows.map((row) => [row.label, row.price, row.stock, row.saved?.id])).toEqual([
      // Grown from M: its price, not its count.
      ["M / red", "16.00", "", undefined],
      ["M", "16.00", "9", "var_m"],
      // New: the usual price.
      ["L", "12.00", "", undefined],
      // It had the old usual price, so it follows the new one.
      ["S", "12.00", "3", "var_s"],
    ]);
    // A usual price being fixed ("twelve") does not drag every row into the same error.
    const fixing = variantRows({
      combinations: [["S"]],
      form,
      product: saved,
      usualPriceText: "twelve",
      usualPriceBefore: "10.00",
      isUsualPriceValid: false,
      stockText: "",
      formatPrice: money,
    });
    expect(fixing.map((row) => row.price)).toEqual(["10.00"]);
  });
});
