// The products pages' pure parts (no API, no Astro), so they are tested on their own: statuses, photo
// order, and the "sizes and colours" table as the owner types it.
import type { components } from "@stall/api-client";

export type Product = components["schemas"]["Product"];
export type ProductStatus = Product["status"];
export const PRODUCT_STATUSES: readonly ProductStatus[] = ["active", "draft", "archived"];

export function isProductStatus(value: string | null | undefined): value is ProductStatus {
  return PRODUCT_STATUSES.includes(value as ProductStatus);
}

/** "Small, Medium，大、 Large" → ["Small", "Medium", "大", "Large"]: commas of either script, no repeats. */
export function splitChoices(input: string): string[] {
  const seen = new Set<string>();
  for (const part of input.split(/[,，、]/)) {
    const choice = part.trim();
    if (choice) seen.add(choice);
  }
  return [...seen];
}

/** The smallest JPEG of a photo (every phone shows JPEG): a phone on one bar of signal. */
export function photoThumbnail(
  photo: Product["photos"][number],
): { url: string; width: number; height: number } | undefined {
  const renditions = photo.renditions;
  const jpegs = renditions.filter((item) => item.format === "jpeg");
  const pool = jpegs.length > 0 ? jpegs : renditions;
  return [...pool].sort((a, b) => a.width - b.width)[0];
}

/** The smallest rendition of a product's first photo, for the list. */
export function thumbnailOf(product: Product): { url: string; width: number; height: number } | undefined {
  const first = product.photos[0];
  return first ? photoThumbnail(first) : undefined;
}

/** At most this many photos per product, as the API allows. */
export const MAX_PHOTOS = 20;

/** The photo ids with one moved a place up (towards the main photo) or down; others keep their order. */
export function movePhoto(ids: readonly string[], id: string, direction: "up" | "down"): string[] {
  const order = [...ids];
  const from = order.indexOf(id);
  const to = direction === "up" ? from - 1 : from + 1;
  if (from < 0 || to < 0 || to >= order.length) return order;
  [order[from], order[to]] = [order[to] as string, id];
  return order;
}

/** The product's variants as PATCH takes them back, with one variant's count changed. */
export function variantsWithStock(product: Product, variantId: string, stock: number | null) {
  return product.variants.map((variant) => ({
    id: variant.id,
    optionValues: variant.optionValues,
    price: variant.price,
    compareAtPrice: variant.compareAtPrice,
    sku: variant.sku,
    stock: variant.id === variantId ? stock : variant.stock,
  }));
}

/** At most this many things that change ("Size", "Colour", "Material"), as the API allows. */
export const MAX_OPTIONS = 3;
/** At most this many choices for one of them, as the API allows. */
export const MAX_CHOICES = 50;

/** One "thing that changes" as the owner typed it: its name and its choices, comma-separated. */
export type OptionInput = { name: string; valuesText: string; values: string[] };

/**
 * The options from the posted form (`optionName-0`, `optionValues-0`, …), blanks dropped, or from the
 * saved product on a first visit.
 */
export function optionInputs(form: FormData | undefined, product: Product | undefined): OptionInput[] {
  if (!form) {
    return (product?.options ?? []).map((option) => ({
      name: option.name,
      valuesText: option.values.join(", "),
      values: option.values,
    }));
  }
  const inputs: OptionInput[] = [];
  for (let index = 0; index < MAX_OPTIONS; index += 1) {
    const name = String(form.get(`optionName-${index}`) ?? "").trim();
    const valuesText = String(form.get(`optionValues-${index}`) ?? "").trim();
    if (name || valuesText) inputs.push({ name, valuesText, values: splitChoices(valuesText) });
  }
  return inputs;
}

/** A variant's place in the table: its choices, one per option, as one string. */
export function variantKey(values: readonly string[]): string {
  return JSON.stringify(values);
}

/** The price most of the product's variants have (ties: the first), shown as the usual price. */
export function usualPrice(product: Product | undefined): number | undefined {
  const counts = new Map<number, number>();
  for (const variant of product?.variants ?? []) counts.set(variant.price, (counts.get(variant.price) ?? 0) + 1);
  let best: number | undefined;
  for (const [price, count] of counts) if (best === undefined || count > (counts.get(best) ?? 0)) best = price;
  return best;
}

type Saved = Product["variants"][number];
export type VariantRow = {
  key: string;
  values: string[];
  label: string;
  price: string;
  stock: string;
  saved: Saved | undefined;
};

/**
 * The table of sizes and colours: one row per combination, each keeping what was typed for it (or what
 * is saved for it), so removing a choice leaves the other rows as they were. A new row starts at the
 * usual price (or the price of the row it grew from, when another option was added) and the count
 * typed for the product as a whole. A row whose price was the usual price follows a new usual price.
 */
export function variantRows(options: {
  combinations: string[][];
  form: FormData | undefined;
  product: Product | undefined;
  usualPriceText: string;
  usualPriceBefore: string;
  /** False while the new usual price is not a price: rows keep theirs rather than all becoming wrong. */
  isUsualPriceValid: boolean;
  stockText: string;
  formatPrice: (amount: number) => string;
}): VariantRow[] {
  const { form, product, usualPriceText, usualPriceBefore, formatPrice } = options;
  const posted = new Map<string, { price: string; stock: string }>();
  for (const [index, key] of (form?.getAll("variantKey") ?? []).entries()) {
    posted.set(String(key), {
      price: String(form?.get(`variantPrice-${index}`) ?? "").trim(),
      stock: String(form?.get(`variantStock-${index}`) ?? "").trim(),
    });
  }
  const savedByKey = new Map<string, Saved>();
  // Saved rows only count while the product's options are still the ones they were made for.
  for (const variant of product?.options.length ? product.variants : []) {
    savedByKey.set(variantKey(variant.optionValues), variant);
  }
  const priceOfAncestor = (values: string[]): string | undefined => {
    for (let length = values.length - 1; length > 0; length -= 1) {
      const key = variantKey(values.slice(0, length));
      const before = posted.get(key)?.price ?? savedByKey.get(key)?.price;
      if (before !== undefined) return typeof before === "number" ? formatPrice(before) : before;
    }
    return undefined;
  };
  return options.combinations.map((values) => {
    const key = variantKey(values);
    const row = posted.get(key);
    const saved = savedByKey.get(key);
    const price = row
      ? row.price === usualPriceBefore && usualPriceBefore !== usualPriceText && options.isUsualPriceValid
        ? usualPriceText
        : row.price
      : saved
        ? formatPrice(saved.price)
        : (priceOfAncestor(values) ?? usualPriceText);
    const stock = row ? row.stock : saved ? (saved.stock === null ? "" : String(saved.stock)) : options.stockText;
    return { key, values, label: values.join(" / "), price, stock, saved };
  });
}
