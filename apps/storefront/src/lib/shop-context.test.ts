import { describe, expect, it } from "vitest";
import { shopContext } from "./shop-context.ts";
import type { Snapshot } from "./snapshot.ts";

const snapshot = {
  version: 1,
  shop: { locale: "en", extraLocales: ["zh-CN"], themePreset: "kitchen", themeTokens: {} },
  products: [
    { id: "p1", slug: "honey", options: [], variants: [] },
    { id: "p2", slug: "jam", options: [], variants: [] },
  ],
  collections: [
    { id: "c1", slug: "empty", isFeatured: true, productIds: [] },
    { id: "c2", slug: "pantry", isFeatured: true, productIds: ["p2", "gone", "p1"] },
  ],
  pages: [],
  productRedirects: {},
} as unknown as Snapshot;

describe("shopContext", () => {
  const context = shopContext({ snapshot, locale: "zh-CN", isPreview: false, host: "demo.localhost" });

  it("finds products and collections by slug", () => {
    expect(context.product("jam")?.id).toBe("p2");
    expect(context.product("nope")).toBeUndefined();
    expect(context.collection("pantry")?.id).toBe("c2");
  });

  it("lists a collection's products in its order, skipping ones no longer on sale", () => {
    const pantry = context.collection("pantry");
    expect(pantry && context.productsOf(pantry).map((product) => product.slug)).toEqual(["jam", "honey"]);
  });

  it("features the first featured collection that has products", () => {
    expect(context.featured?.slug).toBe("pantry");
  });

  it("keeps the page language in links and speaks it", () => {
    expect(context.href("/cart")).toBe("/cart?lang=zh-CN");
    expect(context.text.addToCart).toBe("加入购物车");
    expect(context.themeCss).toMatch(/^:root\{--bg:#fff6dc;/);
  });
});

describe("shopContext in the shop's other language", () => {
  const bilingual = {
    ...snapshot,
    products: [
      { id: "p1", slug: "tea", title: "Tea", translations: { "zh-CN": { title: "茶" } }, options: [], variants: [] },
    ],
    collections: [
      { id: "c1", slug: "teas", title: "Teas", translations: { "zh-CN": { title: "茶叶" } }, productIds: ["p1"] },
    ],
  } as unknown as Snapshot;

  it("hands every page the text in the page language, the same object for every request", () => {
    const chinese = shopContext({ snapshot: bilingual, locale: "zh-CN", isPreview: false, host: "demo.localhost" });
    expect(chinese.product("tea")?.title).toBe("茶");
    expect(chinese.productById("p1")?.title).toBe("茶");
    expect(chinese.collection("teas")?.title).toBe("茶叶");
    expect(chinese.snapshot.collections[0]?.title).toBe("茶叶");
    const again = shopContext({ snapshot: bilingual, locale: "zh-CN", isPreview: false, host: "demo.localhost" });
    expect(again.snapshot).toBe(chinese.snapshot);
    const english = shopContext({ snapshot: bilingual, locale: "en", isPreview: false, host: "demo.localhost" });
    expect(english.product("tea")?.title).toBe("Tea");
  });
});
