// The storefront's language choices. Its text lives in `@stall/i18n/storefront`, beside every other
// catalogue; this module picks the page language and hands out the text for it.
import { isLocale, type Locale } from "@stall/i18n";
import { type StorefrontMessages, storefrontMessages } from "@stall/i18n/storefront";

export { isLocale, LOCALES, type Locale, pickLocale } from "@stall/i18n";
export type Messages = StorefrontMessages;

/** The storefront chrome text in one locale. */
export function messagesFor(locale: Locale): Messages {
  return storefrontMessages[locale];
}

/**
 * The page language: `?lang=` when the shop offers it, otherwise the shop's own language.
 * @example pageLocale("zh-CN", { locale: "en", extraLocales: ["zh-CN"] }) // "zh-CN"
 */
export function pageLocale(
  requested: string | null | undefined,
  shop: { locale: Locale; extraLocales: Locale[] },
): Locale {
  if (isLocale(requested) && (requested === shop.locale || shop.extraLocales.includes(requested))) return requested;
  return shop.locale;
}

/** The languages a shop's pages come in, its own first, without repeats. */
export function shopLocales(shop: { locale: Locale; extraLocales: Locale[] }): Locale[] {
  return [...new Set([shop.locale, ...shop.extraLocales.filter(isLocale)])];
}
