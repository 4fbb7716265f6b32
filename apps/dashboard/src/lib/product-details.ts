// Reading the product details form (/products/{id}/details, decision 033) into the API's product
// change, with a message per field the way the page shows them. Pure: tested without a browser.
import {
  BARCODE_PATTERN,
  cleanBarcode,
  MAX_TAG_LENGTH,
  MAX_TAGS,
  normaliseTags,
  PRODUCT_CONDITIONS,
  type ProductCondition,
  SEO_DESCRIPTION_MAX,
  SEO_TITLE_MAX,
  WEIGHT_UNITS,
  type WeightUnit,
} from "@stall/domain";
import type { DashboardMessages } from "@stall/i18n/dashboard";
import type { FieldErrors } from "./forms.ts";
import { formatPriceInput, parsePrice, priceExample } from "./money.ts";
import type { Product } from "./product-form.ts";

export { PRODUCT_CONDITIONS, WEIGHT_UNITS };

/**
 * Tags as typed: split at commas (the Chinese "，" and "、" too), trimmed, the same tag in another case
 * kept once.
 * @example parseTags("green tea, Gift，绿茶、 gift") // ["green tea", "Gift", "绿茶"]
 */
export function parseTags(input: string): string[] {
  return normaliseTags(input.split(/[,，、]/));
}

/** A weight as typed in its unit ("250", "1.5", "1,5"): the number, undefined when empty, else "invalid". */
export function parseWeight(input: string): number | undefined | "invalid" {
  const trimmed = input.trim();
  if (trimmed === "") return undefined;
  const match = /^(\d{1,7})(?:[.,](\d{1,3}))?$/.exec(trimmed);
  if (!match) return "invalid";
  const value = Number(`${match[1]}.${match[2] ?? "0"}`);
  return value > 1_000_000 ? "invalid" : value;
}

/** Kilograms as typed for a shipping rate's bounds, in grams: undefined when empty, else "invalid". */
export function parseKilograms(input: string): number | undefined | "invalid" {
  const value = parseWeight(input);
  return typeof value === "number" ? Math.round(value * 1000) : value;
}

/** Grams shown as kilograms in a field: 2500 -> "2.5". */
export function kilogramsText(grams: number | null | undefined): string {
  return grams == null ? "" : String(Math.round(grams) / 1000);
}

type Variant = Product["variants"][number];

/** What the form shows for one size or colour: what was posted, else what is saved. */
export type VariantValues = {
  barcode: string;
  weight: string;
  weightUnit: WeightUnit;
  cost: string;
  isTaxable: boolean;
  isSoldWhenOutOfStock: boolean;
  requiresShipping: boolean;
};

export type DetailsValues = {
  vendor: string;
  productType: string;
  tags: string;
  seoTitle: string;
  seoDescription: string;
  condition: ProductCondition;
  variants: VariantValues[];
};

const field = (form: FormData | undefined, name: string) => {
  const value = form?.get(name);
  return typeof value === "string" ? value.trim() : "";
};

/** The values to show: the posted form's when there is one, else the product's saved details. */
export function detailsValues(product: Product, currency: string, form?: FormData): DetailsValues {
  if (!form) {
    return {
      vendor: product.vendor,
      productType: product.productType,
      tags: product.tags.join(", "),
      seoTitle: product.seoTitle,
      seoDescription: product.seoDescription,
      condition: product.condition,
      variants: product.variants.map((variant) => ({
        barcode: variant.barcode ?? "",
        weight: variant.weight === null ? "" : String(variant.weight),
        weightUnit: variant.weightUnit ?? "g",
        cost: variant.cost === null ? "" : formatPriceInput(variant.cost, currency),
        isTaxable: variant.isTaxable,
        isSoldWhenOutOfStock: variant.isSoldWhenOutOfStock,
        requiresShipping: variant.requiresShipping,
      })),
    };
  }
  const condition = field(form, "condition");
  return {
    vendor: field(form, "vendor"),
    productType: field(form, "productType"),
    tags: field(form, "tags"),
    seoTitle: field(form, "seoTitle"),
    seoDescription: field(form, "seoDescription"),
    condition: (PRODUCT_CONDITIONS as readonly string[]).includes(condition)
      ? (condition as ProductCondition)
      : product.condition,
    variants: product.variants.map((_variant, index) => {
      const unit = field(form, `weightUnit-${index}`);
      return {
        barcode: field(form, `barcode-${index}`),
        weight: field(form, `weight-${index}`),
        weightUnit: (WEIGHT_UNITS as readonly string[]).includes(unit) ? (unit as WeightUnit) : "g",
        cost: field(form, `cost-${index}`),
        // Unticked boxes are not sent: absence means no.
        isTaxable: form.has(`taxable-${index}`),
        isSoldWhenOutOfStock: form.has(`keepSelling-${index}`),
        requiresShipping: form.has(`posted-${index}`),
      };
    }),
  };
}

type Messages = Pick<
  DashboardMessages,
  | "tagsTooMany"
  | "tagTooLong"
  | "seoTitleTooLong"
  | "seoDescriptionTooLong"
  | "barcodeWrong"
  | "weightWrong"
  | "costWrong"
>;

/**
 * The API change for the posted details, or the errors by field name. Each variant is sent whole
 * (the API takes the variant list whole), keeping its id, options, price, was-price and SKU as saved;
 * its stock is left out, so a sale between loading and saving the page is not undone.
 */
export function detailsChange(product: Product, currency: string, values: DetailsValues, t: Messages) {
  const errors: FieldErrors = {};
  const tags = parseTags(values.tags);
  if (tags.length > MAX_TAGS) errors.tags = t.tagsTooMany;
  else if (tags.some((tag) => tag.length > MAX_TAG_LENGTH)) errors.tags = t.tagTooLong;
  if (values.seoTitle.length > SEO_TITLE_MAX) errors.seoTitle = t.seoTitleTooLong;
  if (values.seoDescription.length > SEO_DESCRIPTION_MAX) errors.seoDescription = t.seoDescriptionTooLong;
  const variants = product.variants.map((variant: Variant, index) => {
    const typed = values.variants[index];
    const barcode = cleanBarcode(typed?.barcode ?? "");
    if (barcode !== "" && !BARCODE_PATTERN.test(barcode)) errors[`barcode-${index}`] = t.barcodeWrong;
    const weight = parseWeight(typed?.weight ?? "");
    if (weight === "invalid") errors[`weight-${index}`] = t.weightWrong;
    const costText = typed?.cost ?? "";
    const cost = costText === "" ? null : parsePrice(costText, currency);
    if (cost === undefined) errors[`cost-${index}`] = t.costWrong(priceExample(currency));
    return {
      id: variant.id,
      optionValues: variant.optionValues,
      price: variant.price,
      compareAtPrice: variant.compareAtPrice,
      sku: variant.sku,
      barcode: barcode === "" ? null : barcode,
      weight: typeof weight === "number" ? weight : null,
      weightUnit: typed?.weightUnit ?? "g",
      cost: cost ?? null,
      isTaxable: typed?.isTaxable ?? true,
      isSoldWhenOutOfStock: typed?.isSoldWhenOutOfStock ?? false,
      requiresShipping: typed?.requiresShipping ?? true,
    };
  });
  const body = {
    vendor: values.vendor,
    productType: values.productType,
    tags,
    seoTitle: values.seoTitle,
    seoDescription: values.seoDescription,
    condition: values.condition,
    variants,
  };
  return { errors, body };
}

/** The form's field name for an API error path: `variants.0.barcode` -> `barcode-0`, `tags.3` -> `tags`. */
export function detailsFieldOf(path: string): string {
  const parts = path.split(".");
  if (parts[0] === "variants" && parts.length >= 3) {
    const name = { cost: "cost", barcode: "barcode", weight: "weight", weightUnit: "weight" }[parts[2] ?? ""];
    return `${name ?? "barcode"}-${parts[1]}`;
  }
  return parts[0] === "tags" ? "tags" : (parts[0] ?? "");
}
