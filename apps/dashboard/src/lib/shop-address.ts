// Suggesting a shop's web address and currency from what the owner already told us.
import { RESERVED_SLUGS } from "@stall/domain";

const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** Whether the API will accept this as a shop's web address (3-40 of a-z, 0-9 and single dashes). */
export function isShopSlug(value: string): boolean {
  return value.length >= 3 && value.length <= 40 && SLUG_PATTERN.test(value) && !RESERVED_SLUGS.has(value);
}

/**
 * A web address made from the shop's name: a-z and digits only, because it becomes part of a domain
 * name. A name with no such letters (a Chinese name, say) gets "shop-" and a few random characters.
 * @example suggestShopSlug("Mei's Noodle Stall") // "meis-noodle-stall"
 */
export function suggestShopSlug(name: string, random: () => number = Math.random): string {
  const slug = name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/['’]/g, "")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 40)
    .replace(/-+$/g, "");
  if (isShopSlug(slug)) return slug;
  const tail = Array.from({ length: 6 }, () => "abcdefghjkmnpqrstuvwxyz23456789"[Math.floor(random() * 31)]).join("");
  return slug.length >= 3 && !RESERVED_SLUGS.has(slug) ? `${slug.slice(0, 30)}-${tail}` : `shop-${tail}`;
}

/**
 * Another address to offer when the one asked for is taken: the address and a number of `digits`
 * digits (2: 2-99, as people number things; 4: 1000-9999, which a crowd of shops with the same name
 * cannot use up), cut so the whole stays within 40 characters.
 */
export function alternativeSlug(slug: string, random: () => number = Math.random, digits: 2 | 4 = 2): string {
  const number = digits === 2 ? 2 + Math.floor(random() * 98) : 1000 + Math.floor(random() * 9000);
  return `${slug.slice(0, 39 - digits).replace(/-+$/, "")}-${number}`;
}

/** The currencies offered first; any ISO code the API knows works too. */
export const COMMON_CURRENCIES = [
  "CNY",
  "HKD",
  "TWD",
  "SGD",
  "MYR",
  "USD",
  "CAD",
  "GBP",
  "EUR",
  "AUD",
  "NZD",
  "JPY",
  "INR",
] as const;

const CURRENCY_BY_REGION: Record<string, string> = {
  CN: "CNY",
  HK: "HKD",
  MO: "MOP",
  TW: "TWD",
  SG: "SGD",
  MY: "MYR",
  US: "USD",
  CA: "CAD",
  GB: "GBP",
  IE: "EUR",
  FR: "EUR",
  DE: "EUR",
  ES: "EUR",
  IT: "EUR",
  NL: "EUR",
  PT: "EUR",
  BE: "EUR",
  AT: "EUR",
  AU: "AUD",
  NZ: "NZD",
  JP: "JPY",
  IN: "INR",
};

/** The currency most likely for a browser's first language with a region (en-GB -> GBP); zh -> CNY; else USD. */
export function currencyFor(acceptLanguage: string | null): string {
  const first = (acceptLanguage ?? "").split(",")[0]?.split(";")[0]?.trim() ?? "";
  const region = first
    .split("-")
    .find((part, index) => index > 0 && /^[A-Za-z]{2}$/.test(part))
    ?.toUpperCase();
  if (region && CURRENCY_BY_REGION[region]) return CURRENCY_BY_REGION[region];
  if (first.toLowerCase().startsWith("zh")) return "CNY";
  return "USD";
}
