import { describe, expect, it } from "vitest";
import { slugify } from "../slugify.ts";
import { CreateProductInput, CreateShopInput, ShopSlug, SignupInput } from "./index.ts";

describe("ShopSlug", () => {
  it.each([
    ["demo", true],
    ["my-shop-2", true],
    ["ab", false],
    ["a".repeat(41), false],
    ["My-Shop", false],
    ["-shop", false],
    ["shop-", false],
    ["two--hyphens", false],
    ["www", false],
    ["api", false],
    ["admin", false],
    ["app", false],
    ["shop.com", false],
  ])("%s valid: %s", (slug, valid) => {
    expect(ShopSlug.safeParse(slug).success).toBe(valid);
  });
});

describe("CreateShopInput", () => {
  it("normalises the currency and refuses extra fields", () => {
    expect(CreateShopInput.parse({ name: " Bakery ", slug: "bakery", currency: "cny", locale: "zh-CN" })).toEqual({
      name: "Bakery",
      slug: "bakery",
      currency: "CNY",
      locale: "zh-CN",
    });
    const extra = CreateShopInput.safeParse({ name: "B", slug: "bakery", currency: "USD", locale: "en", version: 9 });
    expect(extra.success).toBe(false);
  });

  it("refuses unknown currencies", () => {
    expect(CreateShopInput.safeParse({ name: "B", slug: "bakery", currency: "ABC", locale: "en" }).success).toBe(false);
  });
});

describe("SignupInput", () => {
  it("lower-cases the email", () => {
    expect(SignupInput.parse({ email: " Ann@Example.COM ", password: "correct horse", name: "Ann" }).email).toBe(
      "ann@example.com",
    );
  });
  it("refuses short passwords", () => {
    expect(SignupInput.safeParse({ email: "a@b.co", password: "short", name: "Ann" }).success).toBe(false);
  });
});

describe("CreateProductInput", () => {
  const options = [
    { name: "Size", values: ["S", "M"] },
    { name: "Colour", values: ["Red"] },
  ];
  it("accepts variants matching the options", () => {
    const result = CreateProductInput.safeParse({
      title: "Apron",
      options,
      variants: [
        { optionValues: ["S", "Red"], price: 1500, stock: 3 },
        { optionValues: ["M", "Red"], price: 1600, stock: null },
      ],
    });
    expect(result.success).toBe(true);
  });

  it.each([
    [{ title: "A", variants: [] }, "variants"],
    [{ title: "A", variants: [{ price: 12.5 }] }, "variants.0.price"],
    [{ title: "A", variants: [{ price: -1 }] }, "variants.0.price"],
    [{ title: "A", variants: [{ price: "100" }] }, "variants.0.price"],
    [{ title: "A", options, variants: [{ optionValues: ["S"], price: 1 }] }, "variants.0.optionValues"],
    [{ title: "A", options, variants: [{ optionValues: ["XL", "Red"], price: 1 }] }, "variants.0.optionValues.0"],
    [
      {
        title: "A",
        options,
        variants: [
          { optionValues: ["S", "Red"], price: 1 },
          { optionValues: ["S", "Red"], price: 2 },
        ],
      },
      "variants.1",
    ],
    [{ title: "", variants: [{ price: 1 }] }, "title"],
    [{ title: "A", variants: [{ price: 1 }], shopId: "shop_x" }, ""],
  ])("refuses %j at %s", (input, path) => {
    const result = CreateProductInput.safeParse(input);
    expect(result.success).toBe(false);
    const paths = result.error?.issues.map((issue) => issue.path.join(".")) ?? [];
    expect(paths).toContain(path);
  });
});

describe("slugify", () => {
  it.each([
    ["Crème Brûlée Jar", "creme-brulee-jar"],
    ["  Hello,   World!! ", "hello-world"],
    ["手工茶杯", "手工茶杯"],
    ["Tea cup 茶杯 #2", "tea-cup-茶杯-2"],
    ["!!!", "item"],
  ])("%s -> %s", (title, slug) => {
    expect(slugify(title)).toBe(slug);
  });
});

describe("slugify at its length limit", () => {
  it("never keeps half of a character outside the Basic Multilingual Plane", () => {
    const slug = slugify(`a${"𠀀".repeat(100)}`);
    expect(() => encodeURIComponent(slug)).not.toThrow();
    expect(slug).toBe(`a${"𠀀".repeat(39)}`);
  });
});
