import { describe, expect, it } from "vitest";
import { absoluteUrl, alternateLinks, canonicalUrl, localePath } from "./urls.ts";

const shop = { url: "http://demo.localhost:4321", locale: "en" as const, extraLocales: ["zh-CN" as const] };

describe("localePath", () => {
  it.each([
    ["/cart", "en", "en", "/cart"],
    ["/cart", "zh-CN", "en", "/cart?lang=zh-CN"],
    ["/collections/tea?page=2", "zh-CN", "en", "/collections/tea?page=2&lang=zh-CN"],
    ["/", "en", "zh-CN", "/?lang=en"],
    ["/products/%E8%8C%B6", "zh-CN", "en", "/products/%E8%8C%B6?lang=zh-CN"],
  ] as const)("%s in %s (shop %s) is %s", (path, locale, shopLocale, expected) => {
    expect(localePath(path, locale, shopLocale)).toBe(expected);
  });
});

describe("absoluteUrl and canonicalUrl", () => {
  it("resolve against the shop's address", () => {
    expect(absoluteUrl("http://demo.localhost:4321", "/products/honey")).toBe(
      "http://demo.localhost:4321/products/honey",
    );
    expect(absoluteUrl("https://shop.example/", "/")).toBe("https://shop.example/");
    expect(canonicalUrl(shop, "/products/honey", "zh-CN")).toBe("http://demo.localhost:4321/products/honey?lang=zh-CN");
  });
});

describe("alternateLinks", () => {
  it("lists every language and x-default", () => {
    expect(alternateLinks(shop, "/")).toEqual([
      { hreflang: "en", href: "http://demo.localhost:4321/" },
      { hreflang: "zh-CN", href: "http://demo.localhost:4321/?lang=zh-CN" },
      { hreflang: "x-default", href: "http://demo.localhost:4321/" },
    ]);
  });

  it("is empty for a shop in one language", () => {
    expect(alternateLinks({ ...shop, extraLocales: [] }, "/")).toEqual([]);
  });
});
