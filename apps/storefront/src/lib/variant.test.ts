import { describe, expect, it } from "vitest";
import { noticeFrom, parseAddToCart, parseQuantity } from "./cart-form.ts";
import type { Product, Variant } from "./snapshot.ts";
import { initialVariant, isValueSoldOut, variantByOptions } from "./variant.ts";

const variant = (id: string, optionValues: string[], availability: Variant["availability"] = "in_stock"): Variant => ({
  id,
  optionValues,
  title: optionValues.join(" / "),
  price: 1000,
  compareAtPrice: null,
  availability,
  stockLeft: null,
  sku: null,
  barcode: null,
  isBackordered: false,
});

const bowl: Product = {
  id: "prd_bowl",
  slug: "bowl",
  title: "Bowl",
  descriptionHtml: "",
  vendor: "",
  condition: "new",
  options: [
    { name: "Size", values: ["Small", "Large"] },
    { name: "Glaze", values: ["Blue", "White"] },
  ],
  variants: [
    variant("v1", ["Small", "Blue"], "sold_out"),
    variant("v2", ["Small", "White"]),
    variant("v3", ["Large", "Blue"], "sold_out"),
  ],
  productType: "",
  tags: [],
  seoTitle: "",
  seoDescription: "",
  photos: [],
  updatedAt: 0,
};
const loaf: Product = { ...bowl, id: "prd_loaf", slug: "loaf", options: [], variants: [variant("v9", [])] };
const snapshot = { products: [bowl, loaf] };

describe("variantByOptions", () => {
  it.each([
    [["Small", "White"], "v2"],
    [["Large", "Blue"], "v3"],
    [["Large", "White"], undefined],
    [["Small"], undefined],
    [["White", "Small"], undefined],
  ])("%j is %s", (values, id) => {
    expect(variantByOptions(bowl, values)?.id).toBe(id);
  });
});

describe("initialVariant", () => {
  it("prefers ?variant=, then the first on sale", () => {
    expect(initialVariant(bowl, "v3")?.id).toBe("v3");
    expect(initialVariant(bowl, "nope")?.id).toBe("v2");
    expect(initialVariant(bowl)?.id).toBe("v2");
    expect(initialVariant({ variants: [variant("a", [], "sold_out")] })?.id).toBe("a");
  });
});

describe("isValueSoldOut", () => {
  it.each([
    [1, "Blue", true],
    [1, "White", false],
    [0, "Large", true],
    [0, "Small", false],
  ])("option %d value %s: %s", (index, value, expected) => {
    expect(isValueSoldOut(bowl, index, value)).toBe(expected);
  });
});

describe("parseQuantity", () => {
  it.each([
    ["1", 1, 1],
    [" 12 ", 1, 12],
    ["99", 1, 99],
    ["100", 1, undefined],
    ["0", 1, undefined],
    ["0", 0, 0],
    ["-1", 1, undefined],
    ["1.5", 1, undefined],
    ["2e3", 1, undefined],
    ["", 1, undefined],
    [null, 1, undefined],
  ])("%j (min %d) is %s", (value, min, expected) => {
    expect(parseQuantity(value, min)).toBe(expected);
  });
});

describe("parseAddToCart", () => {
  const form = (fields: Record<string, string>) => {
    const data = new FormData();
    for (const [name, value] of Object.entries(fields)) data.set(name, value);
    return data;
  };

  it.each([
    [
      { product: "bowl", option1: "Small", option2: "White", quantity: "2" },
      { kind: "ok", variantId: "v2", quantity: 2 },
    ],
    [
      { product: "bowl", variant: "v3" },
      { kind: "ok", variantId: "v3", quantity: 1 },
    ],
    [{ product: "bowl", option1: "Large", option2: "White" }, { kind: "choose" }],
    [{ product: "bowl", option1: "Small" }, { kind: "choose" }],
    [
      { product: "loaf", quantity: "lots" },
      { kind: "ok", variantId: "v9", quantity: 1 },
    ],
    [{ product: "nothing" }, { kind: "unknown-product" }],
    [{}, { kind: "unknown-product" }],
  ])("%j -> %j", (fields, expected) => {
    expect(parseAddToCart(form(fields), snapshot)).toMatchObject(expected);
  });

  it("trusts the chosen options over a stale variant field", () => {
    const request = parseAddToCart(
      form({ product: "bowl", variant: "v3", option1: "Small", option2: "White" }),
      snapshot,
    );
    expect(request).toMatchObject({ variantId: "v2" });
  });
});

describe("noticeFrom", () => {
  it.each([
    ["?notice=limited&left=2", { notice: "limited", left: 2 }],
    ["?notice=sold-out", { notice: "sold-out", left: 0 }],
    ["?notice=limited&left=abc", { notice: "limited", left: 0 }],
    ["?notice=<script>", undefined],
    ["", undefined],
  ])("%s -> %j", (search, expected) => {
    expect(noticeFrom(new URL(`http://x/products/bowl${search}`))).toEqual(expected);
  });
});
