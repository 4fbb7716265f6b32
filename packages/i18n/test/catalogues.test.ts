// Every catalogue says everything in every language: same keys, no empty text, same number of values.
import { describe, expect, it } from "vitest";
import { apiMessages } from "../src/api.ts";
import type { Catalogue, Message } from "../src/catalogue.ts";
import { dashboardAreas, dashboardMessages } from "../src/dashboard.ts";
import { emailMessages } from "../src/emails.ts";
import { asLocale, LOCALES, pickLocale } from "../src/locale.ts";
import { storefrontMessages } from "../src/storefront.ts";

const catalogues: Record<string, Catalogue<Record<string, Message>>> = {
  api: apiMessages,
  dashboard: dashboardMessages,
  emails: emailMessages,
  storefront: storefrontMessages,
};

describe.each(Object.entries(catalogues))("the %s catalogue", (_name, catalogue) => {
  const english = catalogue.en;
  it.each(LOCALES.filter((locale) => locale !== "en"))("has every English key in %s, and no other", (locale) => {
    expect(Object.keys(catalogue[locale]).sort()).toEqual(Object.keys(english).sort());
  });
  it.each(LOCALES)("has no empty text in %s", (locale) => {
    for (const [key, message] of Object.entries(catalogue[locale])) {
      const sample = typeof message === "function" ? message("1", "2", "3", "4") : message;
      expect(sample.trim(), `${locale}.${key}`).not.toBe("");
    }
  });
  it.each(LOCALES)("takes the same values as English in %s", (locale) => {
    for (const [key, message] of Object.entries(catalogue[locale])) {
      const englishMessage = english[key];
      expect(typeof message, `${locale}.${key}`).toBe(typeof englishMessage);
      if (typeof message === "function" && typeof englishMessage === "function")
        expect(message.length, `${locale}.${key}`).toBe(englishMessage.length);
    }
  });
});

it("gives each dashboard key to one area only, so joining the areas hides nothing", () => {
  const owners = new Map<string, string[]>();
  for (const [area, catalogue] of Object.entries(dashboardAreas))
    for (const key of Object.keys(catalogue.en)) owners.set(key, [...(owners.get(key) ?? []), area]);
  expect([...owners].filter(([, areas]) => areas.length > 1)).toEqual([]);
});

describe("pickLocale", () => {
  it.each([
    ["zh-TW,zh;q=0.9,en;q=0.8", "zh-CN"],
    ["en-GB,en;q=0.9", "en"],
    ["fr-FR,fr;q=0.9", "en"],
    ["fr;q=0.9,zh;q=0.8", "zh-CN"],
    ["", "en"],
    [null, "en"],
  ])("%s -> %s", (header, locale) => {
    expect(pickLocale(header)).toBe(locale);
  });
});

describe("asLocale", () => {
  it.each([
    ["zh-CN", "zh-CN"],
    ["en", "en"],
    ["fr", "en"],
    ["zh-cn", "en"],
    [null, "en"],
  ])("%s -> %s", (value, locale) => {
    expect(asLocale(value)).toBe(locale);
  });
});
