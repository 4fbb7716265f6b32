import { describe, expect, it } from "vitest";
import { pickLocale } from "./i18n.ts";

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
