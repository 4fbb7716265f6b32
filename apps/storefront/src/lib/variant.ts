import type { Product, Variant } from "./snapshot.ts";

/** The variant whose option values are exactly these, in option order. */
export function variantByOptions(product: Pick<Product, "variants">, values: readonly string[]): Variant | undefined {
  return product.variants.find(
    (variant) =>
      variant.optionValues.length === values.length &&
      variant.optionValues.every((value, index) => value === values[index]),
  );
}

/**
 * The variant a product page starts on: the one named by `?variant=` when it exists, otherwise the first
 * that can be bought, otherwise the first.
 */
export function initialVariant(product: Pick<Product, "variants">, variantId?: string | null): Variant | undefined {
  return (
    product.variants.find((variant) => variant.id === variantId) ??
    product.variants.find((variant) => variant.availability !== "sold_out") ??
    product.variants[0]
  );
}

/** True when one of an option's values is sold out in every combination that has it. */
export function isValueSoldOut(product: Pick<Product, "variants">, optionIndex: number, value: string): boolean {
  const withValue = product.variants.filter((variant) => variant.optionValues[optionIndex] === value);
  return withValue.length === 0 || withValue.every((variant) => variant.availability === "sold_out");
}
