// Which Shopify columns Stall reads, under both names Shopify has used for them, and how the rest of
// a header is sorted: metafield columns are kept by their name, anything else is reported as not kept.
import { TRANSLATION_COLUMN } from "./translations.ts";

/** Shopify's classic column names (its exports until 2024). Matching is on the trimmed, lower-cased header. */
export const COLUMN = {
  handle: "Handle",
  title: "Title",
  body: "Body (HTML)",
  vendor: "Vendor",
  category: "Product Category",
  type: "Type",
  tags: "Tags",
  published: "Published",
  status: "Status",
  sku: "Variant SKU",
  barcode: "Variant Barcode",
  grams: "Variant Grams",
  weightUnit: "Variant Weight Unit",
  tracker: "Variant Inventory Tracker",
  quantity: "Variant Inventory Qty",
  policy: "Variant Inventory Policy",
  fulfilment: "Variant Fulfillment Service",
  price: "Variant Price",
  compareAtPrice: "Variant Compare At Price",
  cost: "Cost per item",
  taxable: "Variant Taxable",
  requiresShipping: "Variant Requires Shipping",
  imageSrc: "Image Src",
  imagePosition: "Image Position",
  imageAlt: "Image Alt Text",
  variantImage: "Variant Image",
  giftCard: "Gift Card",
  seoTitle: "SEO Title",
  seoDescription: "SEO Description",
  condition: "Google Shopping / Condition",
} as const;

export const REQUIRED_COLUMNS = [COLUMN.handle, COLUMN.title, COLUMN.price];
export const MAX_OPTIONS = 3;
// Option columns past this are ignored like any unknown column; 9 is far beyond Shopify's 3 and keeps
// the per-row work bounded when a file names "Option999 Name".
const MAX_OPTION_SLOTS = 9;

/**
 * Shopify's product template since 2024 renamed most columns; files exported since then use these
 * names. Each maps to the classic name above, which wins when a file has both.
 */
export const COLUMN_ALIASES: Readonly<Record<string, string>> = {
  "url handle": "handle",
  description: "body (html)",
  "published on online store": "published",
  sku: "variant sku",
  barcode: "variant barcode",
  price: "variant price",
  "compare-at price": "variant compare at price",
  "charge tax": "variant taxable",
  "inventory tracker": "variant inventory tracker",
  "inventory quantity": "variant inventory qty",
  "continue selling when out of stock": "variant inventory policy",
  "weight value (grams)": "variant grams",
  "weight unit for display": "variant weight unit",
  "requires shipping": "variant requires shipping",
  "fulfillment service": "variant fulfillment service",
  "product image url": "image src",
  "variant image url": "variant image",
};

const KNOWN = new Set<string>(Object.values(COLUMN).map((name) => name.toLowerCase()));

export const optionNameColumn = (slot: number) => `Option${slot} Name`;
export const optionValueColumn = (slot: number) => `Option${slot} Value`;

/**
 * A product metafield column, in any of the forms Shopify and its apps write: "Material
 * (product.metafields.custom.material)", "product.metafields.custom.material", or "Metafield:
 * custom.material [single_line_text_field]". Variant metafields are not kept (no place for them).
 */
export function isProductMetafieldColumn(label: string): boolean {
  const name = label.toLowerCase();
  if (name.includes("variant.metafields") || name.startsWith("variant metafield")) return false;
  return (
    /\(product\.metafields\.[^)\s]+\)$/.test(name) ||
    /^product\.metafields\.\S+$/.test(name) ||
    /^metafield:\s*\S/.test(name)
  );
}

/**
 * Columns read by another part of the import. Extra columns (translations such as "Title [zh-CN]")
 * register their pattern here so they are neither reported as not kept nor mistaken for metafields.
 */
export const COLUMNS_READ_ELSEWHERE: RegExp[] = [TRANSLATION_COLUMN];

export type HeaderColumn = { index: number; label: string };
export type Header = {
  /** Known columns by classic lower-case name. */
  columns: Map<string, HeaderColumn>;
  optionSlots: number[];
  /** Product metafield columns, kept by their label. */
  metafields: HeaderColumn[];
  /** Columns nothing reads: the import reports those that have values. */
  notKept: HeaderColumn[];
};

export function readHeader(cells: string[]): Header {
  const columns = new Map<string, HeaderColumn>();
  const aliased: [string, HeaderColumn][] = [];
  const metafields: HeaderColumn[] = [];
  const unknown: HeaderColumn[] = [];
  let slotCount = MAX_OPTIONS;
  cells.forEach((cell, index) => {
    const label = cell.replace(/^\uFEFF/, "").trim();
    const name = label.toLowerCase();
    const column = { index, label };
    const slot = Number(/^option(\d+) (?:name|value)$/.exec(name)?.[1] ?? 0);
    const alias = COLUMN_ALIASES[name];
    if (alias) aliased.push([alias, column]);
    else if (KNOWN.has(name) || (slot > 0 && slot <= MAX_OPTION_SLOTS)) {
      // A second column of the same name is not read: the first one is.
      if (!columns.has(name)) columns.set(name, column);
      else unknown.push(column);
    } else if (isProductMetafieldColumn(label)) metafields.push(column);
    else if (label !== "" && !COLUMNS_READ_ELSEWHERE.some((pattern) => pattern.test(label))) unknown.push(column);
    if (slot > 0) slotCount = Math.max(slotCount, Math.min(slot, MAX_OPTION_SLOTS));
  });
  for (const [name, column] of aliased) {
    if (!columns.has(name)) columns.set(name, column);
    else unknown.push(column);
  }
  return {
    columns,
    optionSlots: Array.from({ length: slotCount }, (_, index) => index + 1),
    metafields,
    notKept: unknown.sort((a, b) => a.index - b.index),
  };
}
