// The product and variant details of decision 033 (vendor, tags, SEO text, bar code, weight, cost,
// taxable, keep selling, needs posting), from API input to stored values and back.
import type { ProductVariantRow } from "@stall/db";
import { type CreateProductInput, fromGrams, type ProductVariantInput, toGrams } from "@stall/domain";

type VariantDetails = Pick<
  ProductVariantRow,
  "barcode" | "weightGrams" | "weightUnit" | "costAmount" | "isTaxable" | "isSoldWhenOutOfStock" | "requiresShipping"
>;

const NEW_VARIANT: VariantDetails = {
  barcode: null,
  weightGrams: null,
  weightUnit: null,
  costAmount: null,
  isTaxable: true,
  isSoldWhenOutOfStock: false,
  requiresShipping: true,
};

/**
 * A variant's stored details after an edit: what the input says, and for anything it leaves out, what
 * the variant had (`current`) or the defaults for a new one. A weight is read in the given unit, else in
 * the unit the variant already uses, else grams.
 */
export function variantDetails(input: ProductVariantInput, current?: VariantDetails): VariantDetails {
  const base = current ?? NEW_VARIANT;
  const weightUnit = input.weightUnit !== undefined ? input.weightUnit : base.weightUnit;
  let weightGrams = base.weightGrams;
  if (input.weight !== undefined) weightGrams = input.weight === null ? null : toGrams(input.weight, weightUnit ?? "g");
  return {
    barcode: input.barcode !== undefined ? input.barcode : base.barcode,
    weightGrams,
    weightUnit: weightGrams === null ? weightUnit : (weightUnit ?? "g"),
    costAmount: input.cost !== undefined ? input.cost : base.costAmount,
    isTaxable: input.isTaxable ?? base.isTaxable,
    isSoldWhenOutOfStock: input.isSoldWhenOutOfStock ?? base.isSoldWhenOutOfStock,
    requiresShipping: input.requiresShipping ?? base.requiresShipping,
  };
}

/** The product-level details an input sets (only those it names). */
export function productDetails(input: Partial<CreateProductInput>) {
  return {
    ...(input.vendor !== undefined ? { vendor: input.vendor } : {}),
    ...(input.productType !== undefined ? { productType: input.productType } : {}),
    ...(input.productCategory !== undefined ? { productCategory: input.productCategory } : {}),
    ...(input.tags !== undefined ? { tags: input.tags } : {}),
    ...(input.seoTitle !== undefined ? { seoTitle: input.seoTitle } : {}),
    ...(input.seoDescription !== undefined ? { seoDescription: input.seoDescription } : {}),
    ...(input.condition !== undefined ? { condition: input.condition } : {}),
    ...(input.isGiftCard !== undefined ? { isGiftCard: input.isGiftCard } : {}),
  };
}

/** A variant's details for its owner (cost included: this never goes to buyers). */
export function variantDetailsResponse(variant: ProductVariantRow) {
  return {
    barcode: variant.barcode,
    weightGrams: variant.weightGrams,
    weightUnit: variant.weightUnit,
    weight: variant.weightGrams === null ? null : fromGrams(variant.weightGrams, variant.weightUnit ?? "g"),
    cost: variant.costAmount,
    isTaxable: variant.isTaxable,
    isSoldWhenOutOfStock: variant.isSoldWhenOutOfStock,
    requiresShipping: variant.requiresShipping,
  };
}
