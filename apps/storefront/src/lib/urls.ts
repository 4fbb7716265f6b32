import { shopLocales } from "./i18n.ts";
import type { Locale } from "./snapshot.ts";

type ShopLanguages = { url: string; locale: Locale; extraLocales: Locale[] };

/**
 * A path on the shop in a page language: `?lang=` is added when it is not the shop's own language, so
 * every page has one URL per language and a shared cache can hold each.
 * @example localePath("/cart", "zh-CN", "en") // "/cart?lang=zh-CN"
 */
export function localePath(path: string, locale: Locale, shopLocale: Locale): string {
  if (locale === shopLocale) return path;
  const url = new URL(path, "http://shop.invalid");
  url.searchParams.set("lang", locale);
  return `${url.pathname}${url.search}${url.hash}`;
}

/** An absolute URL on the shop's canonical address. */
export function absoluteUrl(shopUrl: string, path: string): string {
  return new URL(path, shopUrl.endsWith("/") ? shopUrl : `${shopUrl}/`).href;
}

/** The canonical URL of a page in a language. */
export function canonicalUrl(shop: ShopLanguages, path: string, locale: Locale): string {
  return absoluteUrl(shop.url, localePath(path, locale, shop.locale));
}

/** `hreflang` alternates for a page, one per language and `x-default`; none for a one-language shop. */
export function alternateLinks(shop: ShopLanguages, path: string): { hreflang: string; href: string }[] {
  const languages = shopLocales(shop);
  if (languages.length < 2) return [];
  return [
    ...languages.map((locale) => ({ hreflang: locale, href: canonicalUrl(shop, path, locale) })),
    { hreflang: "x-default", href: canonicalUrl(shop, path, shop.locale) },
  ];
}

/** The size of the share cards the API draws (Open Graph's recommended 1.91:1). */
export const SHARE_CARD = { width: 1200, height: 630 } as const;

/**
 * The API's share card for the shop's home (`[]`), a product (`["products", slug]`) or a collection
 * (`["collections", slug]`), with a version in the address so chat apps fetch a new card after a change.
 * @example shareCardUrl("https://api.example", "https://noodles.example", ["collections", "soup"], 7)
 */
export function shareCardUrl(
  publicApiUrl: string,
  shopUrl: string,
  path: [] | ["products" | "collections", string],
  version: number,
): string {
  const host = encodeURIComponent(new URL(shopUrl).host);
  const rest = path.length === 0 ? "" : `/${path[0]}/${encodeURIComponent(path[1])}`;
  return `${publicApiUrl}/v1/storefront/${host}${rest}/share.jpg?v=${version}`;
}
