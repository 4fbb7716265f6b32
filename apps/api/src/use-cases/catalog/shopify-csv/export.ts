// Writing products as a Shopify product CSV in the columns of Shopify's current product template (2024
// onwards), in its order, so Shopify takes the file back and people can read it: descriptions are real
// HTML rendered from the Markdown they are written in.
import { money, renderMarkdown, toDecimalString } from "@stall/domain";
import { stringify } from "csv-stringify/sync";
import { textCell } from "./formula-cells.ts";
import type { CatalogueProduct, CsvVariant } from "./product.ts";
import { productTranslationCells, translationColumnLabels, variantTranslationCells } from "./translations.ts";

/** Shopify's current product template's header, in its order. */
export const TEMPLATE_COLUMNS = [
  "Title",
  "URL handle",
  "Description",
  "Vendor",
  "Product category",
  "Type",
  "Tags",
  "Published on online store",
  "Status",
  "SKU",
  "Barcode",
  "Option1 name",
  "Option1 value",
  "Option1 Linked To",
  "Option2 name",
  "Option2 value",
  "Option2 Linked To",
  "Option3 name",
  "Option3 value",
  "Option3 Linked To",
  "Price",
  "Compare-at price",
  "Cost per item",
  "Charge tax",
  "Tax code",
  "Unit price total measure",
  "Unit price total measure unit",
  "Unit price base measure",
  "Unit price base measure unit",
  "Inventory tracker",
  "Inventory quantity",
  "Continue selling when out of stock",
  "Weight value (grams)",
  "Weight unit for display",
  "Requires shipping",
  "Fulfillment service",
  "Product image URL",
  "Image position",
  "Image alt text",
  "Variant image URL",
  "Gift card",
  "SEO title",
  "SEO description",
  "Color (product.metafields.shopify.color-pattern)",
  "Google Shopping / Google product category",
  "Google Shopping / Gender",
  "Google Shopping / Age group",
  "Google Shopping / Manufacturer part number (MPN)",
  "Google Shopping / Ad group name",
  "Google Shopping / Ads labels",
  "Google Shopping / Condition",
  "Google Shopping / Custom product",
  "Google Shopping / Custom label 0",
  "Google Shopping / Custom label 1",
  "Google Shopping / Custom label 2",
  "Google Shopping / Custom label 3",
  "Google Shopping / Custom label 4",
] as const;

type Row = Record<string, string>;
/** Columns after the template's: each with the cell it writes on a product's first row. */
export type ExtraColumn = { label: string; cell: (product: CatalogueProduct) => string };

const flag = (value: boolean) => (value ? "TRUE" : "FALSE");

/**
 * Products as a Shopify product CSV: one row per variant, the product's own columns on its first row,
 * images on successive rows (extra rows when there are more images than variants). Metafields follow
 * the template's columns under their own names (in the template's colour column when that is theirs),
 * then any `extraColumns`. Starts with a UTF-8 byte order mark so Excel shows Chinese and accents.
 */
export function toShopifyCsv(
  products: CatalogueProduct[],
  options: {
    currency: string;
    extraColumns?: ExtraColumn[] /** The shop's other languages. */;
    locales?: readonly string[];
  },
): string {
  const template = new Set<string>(TEMPLATE_COLUMNS);
  const metafieldColumns = [
    ...new Set(products.flatMap((product) => Object.keys(product.metafields).filter((name) => !template.has(name)))),
  ];
  const extra = options.extraColumns ?? [];
  const locales = options.locales ?? [];
  const optionCount = Math.max(0, ...products.map((product) => product.options.length));
  const header = [
    ...TEMPLATE_COLUMNS,
    ...metafieldColumns,
    ...translationColumnLabels(locales, optionCount),
    ...extra.map((column) => column.label),
  ];
  const rows = products.flatMap((product) => {
    const productRows = rowsOf(product, options.currency);
    const first = productRows[0] as Row;
    for (const [name, value] of Object.entries(product.metafields)) first[name] = textCell(value);
    for (const [name, value] of Object.entries(productTranslationCells(product, locales, markdownToHtml))) {
      first[name] = textCell(value);
    }
    product.variants.forEach((variant, index) => {
      const row = productRows[index] as Row;
      for (const [name, value] of Object.entries(variantTranslationCells(product, variant.optionValues, locales))) {
        row[name] = textCell(value);
      }
    });
    for (const column of extra) first[column.label] = textCell(column.cell(product));
    return productRows;
  });
  return stringify([header, ...rows.map((row) => header.map((column) => row[column] ?? ""))], { bom: true });
}

function rowsOf(product: CatalogueProduct, currency: string): Row[] {
  // Shopify expects a product without options to have the option "Title" with the value "Default Title".
  const hasOptions = product.options.length > 0;
  const count = Math.max(product.variants.length, product.images.length, 1);
  return Array.from({ length: count }, (_, index) => {
    const row: Row = { "URL handle": textCell(product.handle) };
    if (index === 0) Object.assign(row, productCells(product));
    const variant = product.variants[index];
    if (variant)
      Object.assign(row, variantCells(variant, hasOptions ? variant.optionValues : ["Default Title"], currency));
    const image = product.images[index];
    if (image) {
      Object.assign(row, {
        "Product image URL": textCell(image.url),
        "Image position": String(index + 1),
        "Image alt text": textCell(image.alt),
      });
    }
    return row;
  });
}

function productCells(product: CatalogueProduct): Row {
  const names = product.options.length > 0 ? product.options.map((option) => option.name) : ["Title"];
  const row: Row = {
    Title: textCell(product.title),
    Description: textCell(markdownToHtml(product.description)),
    Vendor: textCell(product.vendor),
    "Product category": textCell(product.productCategory),
    Type: textCell(product.productType),
    Tags: textCell(product.tags.join(", ")),
    "Published on online store": flag(product.status === "active"),
    Status: product.status,
    "Gift card": flag(product.isGiftCard),
    "SEO title": textCell(product.seoTitle),
    "SEO description": textCell(product.seoDescription),
    "Google Shopping / Condition": product.condition,
  };
  names.forEach((name, index) => {
    row[`Option${index + 1} name`] = textCell(name);
  });
  return row;
}

function variantCells(variant: CsvVariant, optionValues: string[], currency: string): Row {
  const amount = (value: number | null) => (value === null ? "" : toDecimalString(money(value, currency)));
  const row: Row = {
    SKU: textCell(variant.sku ?? ""),
    Barcode: textCell(variant.barcode ?? ""),
    Price: amount(variant.price),
    "Compare-at price": amount(variant.compareAtPrice),
    "Cost per item": amount(variant.cost),
    "Charge tax": flag(variant.isTaxable),
    "Inventory tracker": variant.stock === null ? "" : "shopify",
    "Inventory quantity": variant.stock === null ? "" : String(variant.stock),
    "Continue selling when out of stock": variant.isSoldWhenOutOfStock ? "CONTINUE" : "DENY",
    "Weight value (grams)": variant.weightGrams === null ? "" : String(variant.weightGrams),
    "Weight unit for display": variant.weightUnit ?? "",
    "Requires shipping": flag(variant.requiresShipping),
    // The shop packs and sends (or hands over) its own orders: Shopify's "manual".
    "Fulfillment service": "manual",
    "Variant image URL": textCell(variant.imageUrl ?? ""),
  };
  optionValues.forEach((value, index) => {
    row[`Option${index + 1} value`] = textCell(value);
  });
  return row;
}

const BLOCK_TAG = /^<\/?(?:p|h[1-6]|ul|ol|li|blockquote|pre|hr)\b/;

/**
 * Our Markdown description as the HTML Shopify shows: renderMarkdown (the same renderer as the
 * storefront), with each single line break the owner typed inside a paragraph written as <br>, so the
 * import (which reads <br> as a line break) gives the same text back.
 */
export function markdownToHtml(markdown: string): string {
  const html = renderMarkdown(markdown);
  return html.replace(/\n/g, (_, offset: number) => {
    const before = html.lastIndexOf("<", offset);
    const isAfterBlock = html[offset - 1] === ">" && BLOCK_TAG.test(html.slice(before, offset));
    const isBeforeBlock = BLOCK_TAG.test(html.slice(offset + 1, offset + 13));
    return isAfterBlock || isBeforeBlock ? "\n" : "<br>\n";
  });
}
