import { describe, expect, it } from "vitest";
import { messagesFor, pageLocale, pickLocale, shopLocales } from "./i18n.ts";

describe("pickLocale", () => {
  it.each([
    [null, "en"],
    ["", "en"],
    ["en-US,en;q=0.9", "en"],
    ["zh-CN,zh;q=0.9,en;q=0.8", "zh-CN"],
    ["zh", "zh-CN"],
    ["zh-Hans-CN", "zh-CN"],
    ["en;q=0.5,zh-CN;q=0.8", "zh-CN"],
    ["fr-FR,zh-CN;q=0.7,en;q=0.6", "zh-CN"],
    ["fr-FR,de;q=0.9", "en"],
    ["zh-CN;q=0,en", "en"],
    ["*", "en"],
    ["zhx", "en"],
  ])("%j picks %s", (header, locale) => {
    expect(pickLocale(header)).toBe(locale);
  });
});

describe("pageLocale", () => {
  const bilingual = { locale: "en" as const, extraLocales: ["zh-CN" as const] };
  const chineseOnly = { locale: "zh-CN" as const, extraLocales: [] };
  it.each([
    [null, bilingual, "en"],
    ["zh-CN", bilingual, "zh-CN"],
    ["en", bilingual, "en"],
    ["fr", bilingual, "en"],
    ["zh-cn", bilingual, "en"],
    ["en", chineseOnly, "zh-CN"],
    [undefined, chineseOnly, "zh-CN"],
  ])("?lang=%s for %j is %s", (requested, shop, expected) => {
    expect(pageLocale(requested, shop)).toBe(expected);
  });
});

describe("shopLocales", () => {
  it("puts the shop's language first and drops repeats", () => {
    expect(shopLocales({ locale: "zh-CN", extraLocales: ["en", "zh-CN"] })).toEqual(["zh-CN", "en"]);
  });
});

describe("messagesFor", () => {
  it("fills in numbers as given", () => {
    // Every key in every language is checked where the catalogue lives (@stall/i18n).
    expect(messagesFor("en").noticeLimited("2")).toBe("Only 2 left — we put 2 in your cart");
    expect(messagesFor("zh-CN").onlyLeft("2")).toBe("仅剩 2 件");
  });
});
