import { z } from "zod";
import { PRODUCT_STATUSES } from "../constants.ts";
import {
  BARCODE_PATTERN,
  cleanBarcode,
  MAX_TAG_LENGTH,
  MAX_TAGS,
  normaliseTags,
  PRODUCT_CONDITIONS,
  SEO_DESCRIPTION_MAX,
  SEO_TITLE_MAX,
  WEIGHT_UNITS,
} from "../product-details.ts";
import { HandleSlug, LongText, MinorAmount, ShortText, SingleLineText, Stock } from "./common.ts";
import { CollectionTranslations, OptionTranslations, PageTranslations, ProductTranslations } from "./translations.ts";

export const ProductOptionInput = z
  .object({
    name: SingleLineText().min(1, "Name the option, like Size").max(40),
    values: z
      .array(SingleLineText().min(1).max(60))
      .min(1, "Give the option at least one value")
      .max(50)
      .refine((values) => new Set(values).size === values.length, "A value is listed twice"),
    /** Name and values in the shop's other languages (decision 031); left out, an edit keeps the old ones. */
    translations: OptionTranslations.optional(),
  })
  .strict();

/**
 * A variant's details beyond price and stock (decision 033). `weight` is in `weightUnit` (grams when
 * no unit is given) and stored as whole grams; `cost` is what the item cost the owner, owner-only.
 */
export const VariantDetailFields = {
  barcode: z
    .string()
    .overwrite(cleanBarcode)
    .regex(BARCODE_PATTERN, "A bar code is 8 to 14 digits, as printed under the bars")
    .meta({ pattern: BARCODE_PATTERN.source })
    .nullable()
    .optional(),
  weight: z.number().min(0).max(1_000_000, "Weights go up to 1,000 kg").nullable().optional(),
  weightUnit: z.enum(WEIGHT_UNITS).nullable().optional(),
  cost: MinorAmount.nullable().optional(),
  isTaxable: z.boolean().optional(),
  isSoldWhenOutOfStock: z.boolean().optional(),
  requiresShipping: z.boolean().optional(),
};

/** A product's details beyond title and description (decision 033); all optional, defaults as stored. */
export const ProductDetailFields = {
  vendor: ShortText(200),
  productType: ShortText(200),
  productCategory: ShortText(500),
  /** Trimmed, the same tag in another case kept once; at most 50 of at most 60 characters. */
  tags: z
    .array(SingleLineText().max(MAX_TAG_LENGTH, `A tag is at most ${MAX_TAG_LENGTH} characters`))
    .max(MAX_TAGS * 4)
    .transform(normaliseTags)
    .refine((tags) => tags.length <= MAX_TAGS, `A product has at most ${MAX_TAGS} tags`),
  /** Search engines show about 70 characters; up to 200 are kept. */
  seoTitle: ShortText(SEO_TITLE_MAX),
  seoDescription: ShortText(SEO_DESCRIPTION_MAX),
  condition: z.enum(PRODUCT_CONDITIONS),
  isGiftCard: z.boolean(),
};

export const ProductVariantInput = z
  .object({
    /** Present when updating an existing variant, so carts keep pointing at it. */
    id: z.string().min(1).max(64).optional(),
    optionValues: z.array(SingleLineText().min(1).max(60)).max(3).optional(),
    price: MinorAmount,
    compareAtPrice: MinorAmount.nullable().optional(),
    sku: ShortText(64).nullable().optional(),
    stock: Stock.nullable().optional(),
    // Details (decision 033). Left out of an edit, each stays what it was.
    ...VariantDetailFields,
  })
  .strict();
export type ProductVariantInput = z.infer<typeof ProductVariantInput>;

type VariantLike = { optionValues?: string[] | undefined; compareAtPrice?: number | null | undefined; price: number };

/**
 * Problems with a variant list against an option list: each variant names one value per option,
 * from that option's values, no combination twice, and a was-price above the price.
 */
export function variantProblems(
  options: { name: string; values: string[] }[],
  variants: VariantLike[],
): { path: (string | number)[]; message: string }[] {
  const problems: { path: (string | number)[]; message: string }[] = [];
  const seen = new Set<string>();
  variants.forEach((variant, index) => {
    const values = variant.optionValues ?? [];
    if (values.length !== options.length) {
      problems.push({
        path: ["variants", index, "optionValues"],
        message: `Give one value for each option (${options.length})`,
      });
      return;
    }
    values.forEach((value, position) => {
      if (!options[position]?.values.includes(value)) {
        problems.push({
          path: ["variants", index, "optionValues", position],
          message: `"${value}" is not one of the values of ${options[position]?.name ?? "this option"}`,
        });
      }
    });
    const key = JSON.stringify(values);
    if (seen.has(key)) problems.push({ path: ["variants", index], message: "This combination is listed twice" });
    seen.add(key);
    if (variant.compareAtPrice != null && variant.compareAtPrice <= variant.price) {
      problems.push({
        path: ["variants", index, "compareAtPrice"],
        message: "The was-price must be higher than the price",
      });
    }
  });
  return problems;
}

function checkVariants(
  options: { name: string; values: string[] }[],
  variants: VariantLike[],
  ctx: z.RefinementCtx,
): void {
  for (const problem of variantProblems(options, variants)) ctx.addIssue({ code: "custom", ...problem });
}

const ProductFields = {
  title: SingleLineText().min(1, "Give the product a name").max(200),
  description: LongText(20_000),
  status: z.enum(PRODUCT_STATUSES),
  options: z.array(ProductOptionInput).max(3, "A product has at most 3 options"),
  variants: z.array(ProductVariantInput).min(1, "Give the product a price").max(100),
  slug: HandleSlug,
  /** Photos in display order; the first is the main one. */
  mediaIds: z.array(z.string().min(1).max(64)).max(20),
  /** Text in the shop's other languages; an edit replaces only the languages it names (decision 031). */
  translations: ProductTranslations,
  ...ProductDetailFields,
};

export const CreateProductInput = z
  .object({
    title: ProductFields.title,
    description: ProductFields.description.optional(),
    status: ProductFields.status.optional(),
    options: ProductFields.options.optional(),
    variants: ProductFields.variants,
    slug: ProductFields.slug.optional(),
    mediaIds: ProductFields.mediaIds.optional(),
    translations: ProductFields.translations.optional(),
    // Details (decision 033)
    vendor: ProductFields.vendor.optional(),
    productType: ProductFields.productType.optional(),
    productCategory: ProductFields.productCategory.optional(),
    tags: ProductFields.tags.optional(),
    seoTitle: ProductFields.seoTitle.optional(),
    seoDescription: ProductFields.seoDescription.optional(),
    condition: ProductFields.condition.optional(),
    isGiftCard: ProductFields.isGiftCard.optional(),
  })
  .strict()
  .superRefine((product, ctx) => {
    checkVariants(product.options ?? [], product.variants, ctx);
    product.variants.forEach((variant, index) => {
      if (variant.id !== undefined) {
        ctx.addIssue({
          code: "custom",
          path: ["variants", index, "id"],
          message: "A new product's variants have no ids yet",
        });
      }
    });
  });
export type CreateProductInput = z.infer<typeof CreateProductInput>;

/**
 * Changes to a product. `options` and `variants` travel together and describe the whole new list:
 * variants with an `id` are updated in place, those without are added, missing ones are removed.
 */
export const UpdateProductInput = z
  .object({
    title: ProductFields.title,
    description: ProductFields.description,
    status: ProductFields.status,
    slug: ProductFields.slug,
    position: z.number().int().min(0).max(1_000_000),
    options: ProductFields.options,
    variants: ProductFields.variants,
    mediaIds: ProductFields.mediaIds,
    translations: ProductFields.translations,
    // Details (decision 033)
    vendor: ProductFields.vendor,
    productType: ProductFields.productType,
    productCategory: ProductFields.productCategory,
    tags: ProductFields.tags,
    seoTitle: ProductFields.seoTitle,
    seoDescription: ProductFields.seoDescription,
    condition: ProductFields.condition,
    isGiftCard: ProductFields.isGiftCard,
  })
  .partial()
  .strict()
  .superRefine((patch, ctx) => {
    // Options without variants are accepted only when their names and values stay the same (only
    // their translations change): the use-case, which knows the current options, checks that.
    // Without new options the variants are checked against the product's current ones, by the use-case.
    if (patch.variants && patch.options) checkVariants(patch.options, patch.variants, ctx);
  });
export type UpdateProductInput = z.infer<typeof UpdateProductInput>;

export const ProductListQuery = z
  .object({
    limit: z.coerce.number().int().min(1).max(100).default(25),
    cursor: z.string().max(64).optional(),
    status: z.enum(PRODUCT_STATUSES).optional(),
  })
  .strict();
export type ProductListQuery = z.infer<typeof ProductListQuery>;

export const CreateCollectionInput = z
  .object({
    title: SingleLineText().min(1, "Give the collection a name").max(120),
    slug: HandleSlug.optional(),
    description: LongText(5000).optional(),
    isFeatured: z.boolean().optional(),
    productIds: z.array(z.string().min(1).max(64)).max(5000).optional(),
    translations: CollectionTranslations.optional(),
  })
  .strict();
export type CreateCollectionInput = z.infer<typeof CreateCollectionInput>;

export const UpdateCollectionInput = z
  .object({
    title: SingleLineText().min(1).max(120),
    slug: HandleSlug,
    description: LongText(5000),
    isFeatured: z.boolean(),
    position: z.number().int().min(0).max(1_000_000),
    productIds: z.array(z.string().min(1).max(64)).max(5000),
    translations: CollectionTranslations,
  })
  .partial()
  .strict();
export type UpdateCollectionInput = z.infer<typeof UpdateCollectionInput>;

export const CreatePageInput = z
  .object({
    title: SingleLineText().min(1, "Give the page a title").max(120),
    slug: HandleSlug.optional(),
    /** A small Markdown subset: paragraphs, headings, emphasis, lists, links, quotes. */
    body: LongText(50_000).optional(),
    isPublished: z.boolean().optional(),
    translations: PageTranslations.optional(),
  })
  .strict();
export type CreatePageInput = z.infer<typeof CreatePageInput>;

export const UpdatePageInput = z
  .object({
    title: SingleLineText().min(1).max(120),
    slug: HandleSlug,
    body: LongText(50_000),
    isPublished: z.boolean(),
    position: z.number().int().min(0).max(1_000_000),
    translations: PageTranslations,
  })
  .partial()
  .strict();
export type UpdatePageInput = z.infer<typeof UpdatePageInput>;

export const UpdateMediaInput = z.object({ alt: ShortText(300) }).strict();
export type UpdateMediaInput = z.infer<typeof UpdateMediaInput>;
