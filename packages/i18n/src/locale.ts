import { LOCALES } from "@stall/domain";

/** A language Stall speaks to people: the dashboard, the storefront's chrome, emails and API messages. */
export type Locale = (typeof LOCALES)[number];
export { LOCALES };

export function isLocale(value: string | null | undefined): value is Locale {
  return (LOCALES as readonly string[]).includes(value ?? "");
}

/**
 * A stored or requested language as one of ours; English when it is not one we speak.
 * @example asLocale("zh-CN") // "zh-CN"; asLocale("fr") // "en"
 */
export function asLocale(value: string | null | undefined): Locale {
  return isLocale(value) ? value : "en";
}

/**
 * The best of our locales for an Accept-Language header; English when nothing matches.
 * Any Chinese tag gets zh-CN, our only Chinese text.
 * @example pickLocale("zh-TW,zh;q=0.9,en;q=0.8") // "zh-CN"
 */
export function pickLocale(acceptLanguage: string | null | undefined): Locale {
  const ranges = (acceptLanguage ?? "")
    .split(",")
    .map((part) => {
      const [tag = "", ...params] = part.trim().toLowerCase().split(";");
      const q = params.map((param) => /^\s*q=([\d.]+)\s*$/.exec(param)?.[1]).find(Boolean);
      return { tag: tag.trim(), quality: q === undefined ? 1 : Number(q) };
    })
    .filter((range) => range.tag && range.quality > 0)
    .sort((a, b) => b.quality - a.quality);
  for (const { tag } of ranges) {
    if (tag === "zh" || tag.startsWith("zh-")) return "zh-CN";
    if (tag === "en" || tag.startsWith("en-") || tag === "*") return "en";
  }
  return "en";
}
