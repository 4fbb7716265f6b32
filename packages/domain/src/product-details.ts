// Rules for the product details Shopify has and Stall keeps: tags, weights, bar codes.

export const WEIGHT_UNITS = ["g", "kg", "lb", "oz"] as const;
export type WeightUnit = (typeof WEIGHT_UNITS)[number];

export const PRODUCT_CONDITIONS = ["new", "used", "refurbished"] as const;
export type ProductCondition = (typeof PRODUCT_CONDITIONS)[number];

/** Grams in one unit (international avoirdupois pound and ounce, exact by definition). */
const GRAMS_PER_UNIT: Record<WeightUnit, number> = { g: 1, kg: 1000, lb: 453.59237, oz: 28.349523125 };

/** At most this many tags on a product, each at most this long. */
export const MAX_TAGS = 50;
export const MAX_TAG_LENGTH = 60;
/** Search engines show about this many characters of a title; longer is allowed but cut off there. */
export const SEO_TITLE_ADVICE = 70;
export const SEO_TITLE_MAX = 200;
export const SEO_DESCRIPTION_MAX = 320;

/**
 * A weight in the owner's unit as whole grams (how it is stored), rounded half up.
 * @example toGrams(1.5, "kg") // 1500
 * @example toGrams(1, "lb") // 454
 */
export function toGrams(value: number, unit: WeightUnit): number {
  return Math.round(value * GRAMS_PER_UNIT[unit]);
}

/**
 * Stored grams shown in the owner's unit, to at most 3 decimals (what a kitchen or post-office scale shows).
 * @example fromGrams(1500, "kg") // 1.5
 */
export function fromGrams(grams: number, unit: WeightUnit): number {
  return Math.round((grams / GRAMS_PER_UNIT[unit]) * 1000) / 1000;
}

/**
 * Tags as stored: each trimmed, empty ones dropped, the same tag in another case kept once (the first
 * spelling wins), in the order given.
 * @example normaliseTags([" Tea", "tea", "Green tea", ""]) // ["Tea", "Green tea"]
 */
export function normaliseTags(tags: readonly string[]): string[] {
  const seen = new Set<string>();
  const kept: string[] = [];
  for (const raw of tags) {
    const tag = raw.trim().replace(/\s+/g, " ");
    const key = tagKey(tag);
    if (tag === "" || seen.has(key)) continue;
    seen.add(key);
    kept.push(tag);
  }
  return kept;
}

/** How tags compare: case-insensitively, whatever the script (Turkish dotted I and Greek sigma included). */
export function tagKey(tag: string): string {
  return tag.trim().normalize("NFKC").toLocaleLowerCase("en");
}

/**
 * A GTIN as printed under a bar code (EAN-8, UPC-A 12, EAN-13, GTIN-14): spaces and hyphens dropped,
 * then 8 to 14 digits. The check digit is not verified: shops key in store-own codes that have none.
 */
export function cleanBarcode(value: string): string {
  return value.replace(/[\s-]/g, "");
}
export const BARCODE_PATTERN = /^\d{8,14}$/;

/**
 * What an order weighs, in grams, for choosing a shipping rate: each line's weight × quantity. A line
 * that does not need posting (a gift card, a download) weighs nothing; a line with no weight set counts
 * as 0 g, so a shop that never entered weights sees every weight-limited rate as for "up to" parcels.
 */
export function orderWeightGrams(
  lines: readonly { quantity: number; weightGrams: number | null; requiresShipping: boolean }[],
): number {
  return lines.reduce(
    (total, line) => total + (line.requiresShipping ? (line.weightGrams ?? 0) * line.quantity : 0),
    0,
  );
}

/**
 * Whether a shipping rate's weight bounds let a parcel of `grams` through: from `minWeightGrams`
 * (inclusive) up to `maxWeightGrams` (inclusive); a missing bound is open.
 */
export function rateFitsWeight(
  rate: { minWeightGrams: number | null; maxWeightGrams: number | null },
  grams: number,
): boolean {
  if (rate.minWeightGrams !== null && grams < rate.minWeightGrams) return false;
  if (rate.maxWeightGrams !== null && grams > rate.maxWeightGrams) return false;
  return true;
}
