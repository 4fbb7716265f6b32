// A product's words in the shop's other languages, carried by extra columns named like the column they
// translate with the language after it: "Title [zh-CN]", "Description [zh-CN]", "SEO title [zh-CN]",
// "SEO description [zh-CN]", "Option1 name [zh-CN]" (first row) and "Option1 value [zh-CN]" (each
// variant's row, translating that variant's value). Shopify has no such columns; Stall writes them after
// the template's so a bilingual shop's export and import carry everything (decision 031).
import { restoreFormulaText } from "./formula-cells.ts";
import { htmlToMarkdown } from "./html-to-markdown.ts";
import type { CatalogueProduct, CsvTranslation } from "./product.ts";

/** "Label [locale]" for a column that is translated: read here, never reported as unknown by the header. */
export const TRANSLATION_COLUMN =
  /^(title|description|body \(html\)|seo title|seo description|option\d (?:name|value))\s*\[([^\]]+)\]$/i;

type Field = "title" | "description" | "seoTitle" | "seoDescription" | `name${number}` | `value${number}`;

const FIELDS: Readonly<Record<string, Field>> = {
  title: "title",
  description: "description",
  "body (html)": "description",
  "seo title": "seoTitle",
  "seo description": "seoDescription",
};

/** Where each language's columns are, by field; and the columns nothing reads (another language, say). */
export type TranslationColumns = {
  byLocale: Map<string, Map<Field, number>>;
  unused: { index: number; label: string }[];
};

/**
 * Finds the translation columns for the shop's other languages (matched in any case). A translation
 * column for a language the shop does not speak, or of a column that is not translated, is not kept.
 */
export function readTranslationColumns(cells: string[], locales: readonly string[]): TranslationColumns {
  const byLocale = new Map<string, Map<Field, number>>();
  const unused: TranslationColumns["unused"] = [];
  cells.forEach((cell, index) => {
    const label = cell.replace(/^\uFEFF/, "").trim();
    const match = TRANSLATION_COLUMN.exec(label);
    if (!match) return;
    const base = (match[1] ?? "").toLowerCase();
    const locale = locales.find((candidate) => candidate.toLowerCase() === (match[2] ?? "").toLowerCase());
    const option = /^option(\d) (name|value)$/.exec(base);
    const field: Field | undefined = option
      ? `${option[2] === "name" ? "name" : "value"}${Number(option[1])}`
      : FIELDS[base];
    if (!locale || !field) {
      unused.push({ index, label });
      return;
    }
    const fields = byLocale.get(locale) ?? new Map<Field, number>();
    if (!fields.has(field)) fields.set(field, index);
    else unused.push({ index, label });
    byLocale.set(locale, fields);
  });
  return { byLocale, unused };
}

function cellAt(cells: string[], index: number | undefined): string {
  const raw = index === undefined ? undefined : cells[index];
  if (!raw) return "";
  return restoreFormulaText(raw.replace(/\r\n?/g, "\n").trim()).trim();
}

/**
 * A product's translations from its rows: the first row's product fields and option names, and each
 * variant row's option values, lined up with the option's values (an empty string: not translated).
 * Languages with no text are left out.
 */
export function readProductTranslations(
  columns: TranslationColumns,
  rows: { first: string[]; variants: string[][] },
  product: Pick<CatalogueProduct, "options" | "variants">,
): Record<string, CsvTranslation> {
  const translations: Record<string, CsvTranslation> = {};
  for (const [locale, fields] of columns.byLocale) {
    const at = (field: Field) => cellAt(rows.first, fields.get(field));
    const entry: CsvTranslation = {};
    if (at("title")) entry.title = at("title");
    const description = htmlToMarkdown(at("description"));
    if (description) entry.description = description;
    if (at("seoTitle")) entry.seoTitle = at("seoTitle");
    if (at("seoDescription")) entry.seoDescription = at("seoDescription");
    const options = product.options.map((option, slot) => {
      const values = option.values.map((value) => {
        const row = product.variants.findIndex((variant) => variant.optionValues[slot] === value);
        return cellAt(rows.variants[row] ?? [], fields.get(`value${slot + 1}`));
      });
      const name = at(`name${slot + 1}`);
      return { ...(name ? { name } : {}), ...(values.some(Boolean) ? { values } : {}) };
    });
    if (options.some((option) => Object.keys(option).length > 0)) entry.options = options;
    if (Object.keys(entry).length > 0) translations[locale] = entry;
  }
  return translations;
}

/**
 * The translation columns for these languages, after the template's: the product's own on its first
 * row, option values on each variant's row.
 */
export function translationColumnLabels(locales: readonly string[], optionCount: number): string[] {
  return locales.flatMap((locale) => [
    `Title [${locale}]`,
    `Description [${locale}]`,
    `SEO title [${locale}]`,
    `SEO description [${locale}]`,
    ...Array.from({ length: optionCount }, (_, slot) => [
      `Option${slot + 1} name [${locale}]`,
      `Option${slot + 1} value [${locale}]`,
    ]).flat(),
  ]);
}

/** The cells a product's translations write on its first row (`descriptionHtml` renders Markdown). */
export function productTranslationCells(
  product: CatalogueProduct,
  locales: readonly string[],
  descriptionHtml: (markdown: string) => string,
): Record<string, string> {
  const cells: Record<string, string> = {};
  for (const locale of locales) {
    const entry = product.translations?.[locale];
    if (!entry) continue;
    if (entry.title) cells[`Title [${locale}]`] = entry.title;
    if (entry.description) cells[`Description [${locale}]`] = descriptionHtml(entry.description);
    if (entry.seoTitle) cells[`SEO title [${locale}]`] = entry.seoTitle;
    if (entry.seoDescription) cells[`SEO description [${locale}]`] = entry.seoDescription;
    entry.options?.forEach((option, slot) => {
      if (option.name) cells[`Option${slot + 1} name [${locale}]`] = option.name;
    });
  }
  return cells;
}

/** The cells a variant's row carries: its option values in each language. */
export function variantTranslationCells(
  product: CatalogueProduct,
  optionValues: string[],
  locales: readonly string[],
): Record<string, string> {
  const cells: Record<string, string> = {};
  for (const locale of locales) {
    product.translations?.[locale]?.options?.forEach((option, slot) => {
      const index = product.options[slot]?.values.indexOf(optionValues[slot] ?? "") ?? -1;
      const value = index >= 0 ? option.values?.[index] : undefined;
      if (value) cells[`Option${slot + 1} value [${locale}]`] = value;
    });
  }
  return cells;
}
