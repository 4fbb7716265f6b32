import { describe, expect, it } from "vitest";
import { CreateProductInput, UpdateProductInput } from "./schemas/catalogue.ts";
import {
  carryOptionTranslations,
  cleanOptionTranslations,
  mergeTranslations,
  translationLocaleProblems,
} from "./translations.ts";

describe("translationLocaleProblems", () => {
  const bilingual = { locale: "en", extraLocales: ["zh-CN"] };
  const english = { locale: "en", extraLocales: [] };
  it.each([
    { translations: { "zh-CN": {} }, shop: bilingual, expected: [] },
    { translations: undefined, shop: english, expected: [] },
    {
      translations: { "zh-CN": {} },
      shop: english,
      expected: ["This shop does not use Chinese (中文) yet: add it to the languages your shop speaks first"],
    },
    {
      translations: { en: {} },
      shop: bilingual,
      expected: ["English is the shop's main language: change the product's own text instead"],
    },
    {
      translations: { fr: {} },
      shop: bilingual,
      expected: ['Stall does not offer "fr" as a language; use one of en, zh-CN'],
    },
  ])("$translations for $shop.extraLocales", ({ translations, shop, expected }) => {
    expect(translationLocaleProblems(translations, shop, "translations").map((problem) => problem.message)).toEqual(
      expected,
    );
  });

  it("names the field", () => {
    expect(translationLocaleProblems({ "zh-CN": {} }, english, "options.0.translations")[0]?.path).toBe(
      "options.0.translations.zh-CN",
    );
  });
});

type Words = Record<string, Record<string, string>>;

describe("mergeTranslations", () => {
  it.each<{ current: Words | undefined; patch: Words | undefined; expected: Words }>([
    { current: {}, patch: { "zh-CN": { title: "茶" } }, expected: { "zh-CN": { title: "茶" } } },
    // An empty string means "no translation": the field is dropped, and an empty entry the language.
    { current: { "zh-CN": { title: "茶" } }, patch: { "zh-CN": { title: "" } }, expected: {} },
    {
      current: { "zh-CN": { title: "茶", description: "好茶" } },
      patch: { "zh-CN": { title: "绿茶", description: "  " } },
      expected: { "zh-CN": { title: "绿茶" } },
    },
    // A language not named stays as it was.
    { current: { "zh-CN": { title: "茶" } }, patch: {}, expected: { "zh-CN": { title: "茶" } } },
    { current: undefined, patch: undefined, expected: {} },
  ])("$current + $patch", ({ current, patch, expected }) => {
    expect(mergeTranslations(current, patch)).toEqual(expected);
  });
});

describe("option translations", () => {
  const size = { name: "Size", values: ["S", "M", "L"] };
  it.each([
    {
      given: { "zh-CN": { name: "尺码", values: ["小", "中", "大"] } },
      expected: { "zh-CN": { name: "尺码", values: ["小", "中", "大"] } },
    },
    { given: { "zh-CN": { values: ["小", "", ""] } }, expected: { "zh-CN": { values: ["小"] } } },
    { given: { "zh-CN": { name: "", values: ["", ""] } }, expected: {} },
    // More values than the option has: cut to line up.
    {
      given: { "zh-CN": { values: ["小", "中", "大", "特大"] } },
      expected: { "zh-CN": { values: ["小", "中", "大"] } },
    },
  ])("cleans $given", ({ given, expected }) => {
    expect(cleanOptionTranslations(size, given)).toEqual(expected);
  });

  const before = [
    { name: "Size", values: ["S", "M"], translations: { "zh-CN": { name: "尺码", values: ["小", "中"] } } },
    { name: "Colour", values: ["Red"], translations: { "zh-CN": { name: "颜色", values: ["红"] } } },
  ];
  it.each([
    { next: [{ name: "Size", values: ["M", "L"] }], expected: [{ "zh-CN": { name: "尺码", values: ["中"] } }] },
    {
      next: [
        { name: "Colour", values: ["Blue", "Red"] },
        { name: "Size", values: ["S"] },
      ],
      expected: [{ "zh-CN": { name: "颜色", values: ["", "红"] } }, { "zh-CN": { name: "尺码", values: ["小"] } }],
    },
    // Renamed in place: the values keep their words, the name does not.
    { next: [{ name: "Fit", values: ["S"] }], expected: [{ "zh-CN": { values: ["小"] } }] },
    // Given translations win over the old ones.
    {
      next: [{ name: "Size", values: ["S"], translations: { "zh-CN": { name: "大小" } } }],
      expected: [{ "zh-CN": { name: "大小" } }],
    },
  ])("carries over to $next", ({ next, expected }) => {
    expect(carryOptionTranslations(before, next)).toEqual(expected);
  });
});

describe("product schemas with translations", () => {
  it("accepts translations on a product and its options", () => {
    const parsed = CreateProductInput.parse({
      title: "Tea",
      variants: [{ price: 100, optionValues: ["S"] }],
      options: [{ name: "Size", values: ["S"], translations: { "zh-CN": { name: "尺码", values: ["小"] } } }],
      translations: { "zh-CN": { title: "茶", description: "好茶\n\n真的" } },
    });
    expect(parsed.translations?.["zh-CN"]?.title).toBe("茶");
  });

  it("accepts options without variants (the use-case checks they did not change)", () => {
    expect(UpdateProductInput.safeParse({ options: [{ name: "Size", values: ["S"] }] }).success).toBe(true);
  });

  it("refuses unknown translation fields", () => {
    expect(UpdateProductInput.safeParse({ translations: { "zh-CN": { name: "茶" } } }).success).toBe(false);
  });
});
