// What a buyer may know about stock. Shared by the storefront snapshot, the cart and the order write:
// the write moves the shop's version (every cached page goes stale) only when this answer can change.

/** At or below this many units a product says "only N left"; below it, every unit sold shows. */
export const LOW_STOCK = 3;

export type Availability = "in_stock" | "low_stock" | "sold_out";

/** What a shopper may know about stock: a badge, and the count only when it is low. */
export function availabilityOf(stock: number | null): { availability: Availability; stockLeft: number | null } {
  if (stock === null) return { availability: "in_stock", stockLeft: null };
  if (stock <= 0) return { availability: "sold_out", stockLeft: 0 };
  if (stock <= LOW_STOCK) return { availability: "low_stock", stockLeft: stock };
  return { availability: "in_stock", stockLeft: null };
}

/**
 * A variant's availability for buyers. One that keeps selling when out of stock (decision 033) is always
 * on sale: no "only N left" (it is not a limit), and `isBackordered` when none are on hand, so the badge
 * can say it may take longer.
 */
export function variantAvailability(
  stock: number | null,
  isSoldWhenOutOfStock: boolean,
): { availability: Availability; stockLeft: number | null; isBackordered: boolean } {
  if (isSoldWhenOutOfStock) {
    return { availability: "in_stock", stockLeft: null, isBackordered: stock !== null && stock <= 0 };
  }
  return { ...availabilityOf(stock), isBackordered: false };
}
