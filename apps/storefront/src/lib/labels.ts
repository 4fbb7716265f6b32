import { formatMoney, money } from "@stall/domain";
import type { Messages } from "./i18n.ts";
import type { Availability, Product, Variant } from "./snapshot.ts";

/**
 * A price in minor units, formatted for people in a locale.
 * @example priceLabel(950, "USD", "en") // "$9.50"
 */
export function priceLabel(amount: number, currency: string, locale: string): string {
  return formatMoney(money(amount, currency), locale);
}

/** A whole number in a locale's digits and grouping. */
export function numberLabel(value: number, locale: string): string {
  return new Intl.NumberFormat(locale).format(value);
}

/** A date in a locale's long form, in UTC so every server prints the same. */
export function dateLabel(epochMs: number, locale: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: "long", timeZone: "UTC" }).format(epochMs);
}

/**
 * What a stock badge says about a variant: "Sold out", "Only 2 left", "In stock", or for one that keeps
 * selling with none on hand (decision 033) that it can still be ordered but may take longer.
 */
export function stockLabel(
  variant: Pick<Variant, "availability" | "stockLeft"> & { isBackordered?: boolean },
  text: Messages,
  locale: string,
): string {
  if (variant.availability === "sold_out") return text.soldOut;
  if (variant.isBackordered) return text.availableToOrder;
  if (variant.availability === "low_stock" && variant.stockLeft !== null) {
    return text.onlyLeft(numberLabel(variant.stockLeft, locale));
  }
  return text.inStock;
}

export type PriceSummary = {
  /** The lowest price among variants that can be bought (all variants when every one is sold out). */
  price: number;
  /** The was-price of that variant, when it has one. */
  compareAtPrice: number | null;
  /** True when variants cost different amounts, so the card says "From …". */
  isRange: boolean;
  availability: Availability;
  /** The smallest "only N left" among the variants on sale, for a card's badge. */
  stockLeft: number | null;
};

/** The price and stock a product card shows, summarising its variants. */
export function priceSummary(product: Pick<Product, "variants">): PriceSummary {
  const onSale = product.variants.filter((variant) => variant.availability !== "sold_out");
  const candidates = onSale.length > 0 ? onSale : product.variants;
  const cheapest = candidates.reduce<Variant | undefined>(
    (best, variant) => (!best || variant.price < best.price ? variant : best),
    undefined,
  );
  const prices = new Set(product.variants.map((variant) => variant.price));
  const isLow = onSale.length > 0 && onSale.every((variant) => variant.availability === "low_stock");
  const lefts = onSale.map((variant) => variant.stockLeft).filter((left): left is number => left !== null);
  return {
    price: cheapest?.price ?? 0,
    compareAtPrice: cheapest?.compareAtPrice ?? null,
    isRange: prices.size > 1,
    availability: onSale.length === 0 ? "sold_out" : isLow ? "low_stock" : "in_stock",
    stockLeft: isLow && lefts.length > 0 ? lefts.reduce((a, b) => a + b, 0) : null,
  };
}
