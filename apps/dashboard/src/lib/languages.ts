// The shop's languages as the dashboard's pages use them (decision 031): which other language a shop's
// words can be given in, and each language named in the words of the person reading.
import type { DashboardMessages } from "@stall/i18n/dashboard";

type ShopLanguages = { locale: string; extraLocales: readonly string[] };
export type ShopLocale = "en" | "zh-CN";

/** The languages Stall offers, in the order the settings page lists them. */
export const SHOP_LOCALES: readonly ShopLocale[] = ["en", "zh-CN"];

/**
 * The shop's second language (the first extra one that is not its main language), or undefined for a
 * shop in one language.
 * @example otherLanguageOf({ locale: "en", extraLocales: ["zh-CN"] }) // "zh-CN"
 */
export function otherLanguageOf(shop: ShopLanguages): ShopLocale | undefined {
  return shop.extraLocales.find(
    (locale): locale is ShopLocale => locale !== shop.locale && SHOP_LOCALES.includes(locale as ShopLocale),
  );
}

/** A language named in the reader's words ("Chinese", "中文"). */
export function languageName(t: DashboardMessages, locale: string): string {
  return locale === "zh-CN" ? t["language_zh-CN"] : locale === "en" ? t.language_en : locale;
}

/**
 * The form field an API error about translated words belongs to, on the words pages.
 * @example wordsFieldOf("options.1.translations.zh-CN.values.2") // "optionValue-1-2"
 */
export function wordsFieldOf(path: string): string {
  const parts = path.split(".");
  if (parts[0] === "options") {
    const option = parts[1] ?? "0";
    return parts[4] === "values" ? `optionValue-${option}-${parts[5] ?? "0"}` : `optionName-${option}`;
  }
  const field = parts[2] ?? "title";
  return field === "body" ? "body" : field;
}

/** What a long text says, shortened for a hint under a field. */
export function shortened(words: string, max = 160): string {
  const flat = words.replace(/\s+/g, " ").trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1)}…`;
}
