// Shopify product CSV import, pure: text in, products, row errors and a report of what was not kept out.
// An owner moving from Shopify uploads the file Shopify's "Export products" gives them; every problem is
// reported with its row and column, and the caller imports nothing while any error remains. Everything
// the file says is either kept or named in the report (columns not kept, per-row warnings).
//
// Row numbers are spreadsheet rows: the header is row 1 and each CSV record is one row, blank ones
// included. They equal the file's line numbers unless a quoted cell spans several lines (Shopify's
// "Body (HTML)" often does); spreadsheet rows are what an owner sees when opening the file to fix it.
//
// The parts: shopify-csv/read-records.ts (strict CSV), columns.ts (which column is which),
// html-to-markdown.ts (descriptions), export.ts (writing the file), product.ts (the shape in and out).
import {
  CreateProductInput,
  HandleSlug,
  minorDigits,
  money,
  PRODUCT_STATUSES,
  parseDecimal,
  slugify,
  toDecimalString,
} from "@stall/domain";
import {
  COLUMN,
  type Header,
  MAX_OPTIONS,
  optionNameColumn,
  optionValueColumn,
  REQUIRED_COLUMNS,
  readHeader,
} from "./shopify-csv/columns.ts";
import { restoreFormulaText } from "./shopify-csv/formula-cells.ts";
import { htmlToMarkdown } from "./shopify-csv/html-to-markdown.ts";
import {
  type CatalogueProduct,
  CONDITIONS,
  type CsvImage,
  type CsvVariant,
  WEIGHT_UNITS,
  type WeightUnit,
} from "./shopify-csv/product.ts";
import { type CsvRecord, type CsvRowError, fileError, readRecords } from "./shopify-csv/read-records.ts";
import {
  readProductTranslations,
  readTranslationColumns,
  type TranslationColumns,
} from "./shopify-csv/translations.ts";

export { type ExtraColumn, markdownToHtml, TEMPLATE_COLUMNS, toShopifyCsv } from "./shopify-csv/export.ts";
export type { CatalogueProduct, CsvImage, CsvRowError, CsvVariant };

export type CsvProduct = CatalogueProduct & { sourceRows: number[] };
/** A column the import does not keep, and how many rows had something in it. */
export type ColumnNotKept = { column: string; rows: number };
export type CsvImportResult = {
  products: CsvProduct[];
  errors: CsvRowError[];
  /** Kept, but not as written (a compare-at price at or below the price, say): one line per cell. */
  warnings: CsvRowError[];
  columnsNotKept: ColumnNotKept[];
  /** The shop's languages the file has translation columns for: their words are the file's. */
  translatedLocales: string[];
};

type ProductStatus = CsvProduct["status"];

/** The most products one file may hold, whatever the plan: beyond it, the file is split. */
export const MAX_PRODUCTS_PER_FILE = 5000;
const MAX_HANDLE_LENGTH = 120;
// Free-text product fields (vendor, type, SEO text, metafield values) are bounded so one file cannot
// hold megabytes in a field no page shows whole.
const MAX_FIELD_LENGTH = 5000;

type Context = { header: Header; currency: string; warnings: CsvRowError[]; translations: TranslationColumns };
type ProductRecords = { handle: string; handleText: string; records: [CsvRecord, ...CsvRecord[]] };
type OptionLayout = { names: string[]; isValid: boolean; isDefaultTitle: boolean };

/**
 * Reads a Shopify product CSV (either generation of Shopify's column names) into products, or reports
 * every problem with its row and column. `products` holds the products that parsed cleanly; when
 * `errors` is not empty the caller must import nothing (an import is all or nothing). Never throws for
 * bad data.
 * @example parseShopifyCsv("Handle,Title,Variant Price\nmug,Mug,12.50", { currency: "USD" })
 */
export function parseShopifyCsv(
  text: string,
  options: { currency: string; maxProducts?: number /** The shop's other languages. */; locales?: readonly string[] },
): CsvImportResult {
  const empty = { products: [], warnings: [], columnsNotKept: [], translatedLocales: [] };
  const read = readRecords(text);
  if ("error" in read) return { ...empty, errors: [read.error] };
  const [headerRecord, ...records] = read.records;
  const header = headerRecord ? readHeader(headerRecord.cells) : undefined;
  const headerError = checkHeader(header, records);
  if (headerError || !header) return { ...empty, errors: [headerError ?? fileError("The file is empty")] };

  const translations = readTranslationColumns(headerRecord?.cells ?? [], options.locales ?? []);
  const context: Context = { header, currency: options.currency, warnings: [], translations };
  const errors: CsvRowError[] = [];
  const groups = groupRecordsByHandle(context, records, options.maxProducts ?? MAX_PRODUCTS_PER_FILE, errors);
  const products: CsvProduct[] = [];
  for (const group of groups) {
    const built = buildProduct(context, group);
    errors.push(...built.errors);
    if (built.product) products.push(built.product);
  }
  const byRow = (a: CsvRowError, b: CsvRowError) => a.row - b.row;
  return {
    products,
    errors: errors.sort(byRow),
    warnings: context.warnings.sort(byRow),
    columnsNotKept: countColumnsNotKept(header, records, translations),
    translatedLocales: [...translations.byLocale.keys()],
  };
}

// ---------------------------------------------------------------------------------------------------
// The header

function checkHeader(header: Header | undefined, records: CsvRecord[]): CsvRowError | undefined {
  if (!header || (header.columns.size === 0 && header.notKept.length === 0 && header.metafields.length === 0)) {
    return fileError("The file is empty. Export your products from Shopify (Products > Export) and upload that file.");
  }
  const missing = REQUIRED_COLUMNS.filter((name) => !header.columns.has(name.toLowerCase()));
  if (missing.length > 0) {
    const only = header.notKept.length === 1 ? header.notKept[0]?.label : undefined;
    const separator = only?.includes(";") ? "semicolons" : only?.includes("\t") ? "tabs" : undefined;
    if (separator) {
      return fileError(
        `This file puts ${separator} between its cells; a CSV file uses commas. Save it again as "CSV (comma delimited)" or "CSV UTF-8" and try again.`,
      );
    }
    return fileError(
      `The first row must name the columns Handle (or URL handle), Title and Variant Price (or Price); missing: ${missing.join(", ")}. ` +
        "Export your products from Shopify (Products > Export) and upload that file.",
    );
  }
  if (records.every(isBlankRecord)) return fileError("The file has a header row but no products.");
  return undefined;
}

/** Columns nothing reads, with how many rows have a value there; empty ones lose nothing. */
function countColumnsNotKept(header: Header, records: CsvRecord[], translations: TranslationColumns): ColumnNotKept[] {
  const notKept = [...header.notKept, ...translations.unused].sort((a, b) => a.index - b.index);
  const columns = notKept.map((column) => ({
    column: column.label,
    rows: records.filter((record) => (record.cells[column.index] ?? "").trim() !== "").length,
  }));
  // Shopify's "manual" fulfilment is what a shop does anyway (it sends its own orders); another service
  // (an app's name) is not something Stall can take over.
  const fulfilment = header.columns.get(COLUMN.fulfilment.toLowerCase());
  if (fulfilment) {
    const rows = records.filter((record) => {
      const value = (record.cells[fulfilment.index] ?? "").trim().toLowerCase();
      return value !== "" && value !== "manual";
    }).length;
    columns.push({ column: fulfilment.label, rows });
  }
  return columns.filter((column) => column.rows > 0);
}

function isBlankRecord(record: CsvRecord): boolean {
  return record.cells.every((cell) => cell.trim() === "");
}

function columnLabel(context: Context, name: string): string {
  return context.header.columns.get(name.toLowerCase())?.label ?? name;
}

/** A trimmed cell, "" when the column or the cell is absent; undoes our own formula escaping. */
function readCell(context: Context, record: CsvRecord, name: string): string {
  const column = context.header.columns.get(name.toLowerCase());
  const raw = column ? record.cells[column.index] : undefined;
  if (!raw) return "";
  const text = (raw.includes("\r") ? raw.replace(/\r\n?/g, "\n") : raw).trim();
  return restoreFormulaText(text).trim();
}

function hasColumn(context: Context, name: string): boolean {
  return context.header.columns.has(name.toLowerCase());
}

function errorAt(context: Context, record: CsvRecord, column: string | undefined, message: string): CsvRowError {
  return column === undefined
    ? { row: record.row, message }
    : { row: record.row, column: columnLabel(context, column), message };
}

// ---------------------------------------------------------------------------------------------------
// Grouping rows into products

function groupRecordsByHandle(
  context: Context,
  records: CsvRecord[],
  maxProducts: number,
  errors: CsvRowError[],
): ProductRecords[] {
  const groups = new Map<string, ProductRecords>();
  let isLimitReported = false;
  for (const record of records) {
    if (isBlankRecord(record)) continue;
    const handleText = readCell(context, record, COLUMN.handle);
    const handle = normaliseHandle(handleText);
    if ("problem" in handle) {
      errors.push(errorAt(context, record, COLUMN.handle, handle.problem));
      continue;
    }
    const group = groups.get(handle.slug);
    if (group) {
      const clash = describeHandleClash(group, handleText);
      if (clash) errors.push(errorAt(context, record, COLUMN.handle, clash));
      else group.records.push(record);
      continue;
    }
    if (groups.size >= maxProducts) {
      // One error is enough: the rest of the file is beyond the limit for the same reason.
      if (!isLimitReported) errors.push(errorAt(context, record, COLUMN.handle, tooManyProducts(maxProducts)));
      isLimitReported = true;
      continue;
    }
    groups.set(handle.slug, { handle: handle.slug, handleText, records: [record] });
  }
  return [...groups.values()];
}

function tooManyProducts(maxProducts: number): string {
  return `One file can hold at most ${maxProducts} products; this row starts product ${maxProducts + 1}. Split the file and import the parts one by one.`;
}

/** Shopify handles are already slugs; anything else is slugified when that leaves something. */
function normaliseHandle(text: string): { slug: string } | { problem: string } {
  if (text === "") return { problem: "Every row needs the product's Handle (the name in its web address)." };
  const lower = text.toLowerCase();
  if (lower.length <= MAX_HANDLE_LENGTH && HandleSlug.safeParse(lower).success) return { slug: lower };
  if (!/[\p{L}\p{N}]/u.test(text)) {
    return { problem: `Handle "${text}" has no letters or digits to make a web address from.` };
  }
  return { slug: slugify(text, MAX_HANDLE_LENGTH) };
}

// Two handles that only became equal through slugifying ("Blue Mug" and "blue-mug") are probably two
// products; merging them silently would mix their variants.
function describeHandleClash(group: ProductRecords, handleText: string): string | undefined {
  if (handleText.toLowerCase() === group.handleText.toLowerCase()) return undefined;
  return `Handles "${group.handleText}" (row ${group.records[0].row}) and "${handleText}" both become the web address "${group.handle}". Give each product its own handle.`;
}

// ---------------------------------------------------------------------------------------------------
// Building one product

function buildProduct(context: Context, group: ProductRecords): { product?: CsvProduct; errors: CsvRowError[] } {
  const errors: CsvRowError[] = [];
  const first = group.records[0];
  const title = readCell(context, first, COLUMN.title);
  if (title === "") errors.push(errorAt(context, first, COLUMN.title, "Give the product a title on its first row."));
  const status = readStatus(context, first, errors);
  const layout = readOptionLayout(context, first, errors);
  const variantRecords = group.records.filter(
    (record, index) => index === 0 || isVariantRecord(context, record, layout),
  );
  const variants = variantRecords.map((record) => readVariant(context, record, layout, errors));
  reportDuplicateCombinations(context, variantRecords, variants, layout, errors);
  const images = readImages(context, group.records, errors);
  const text = (column: string) => readText(context, first, column, errors);
  const product: CsvProduct = {
    handle: group.handle,
    title,
    description: htmlToMarkdown(readCell(context, first, COLUMN.body)),
    status,
    vendor: text(COLUMN.vendor),
    productType: text(COLUMN.type),
    productCategory: text(COLUMN.category),
    tags: readTags(context, first),
    seoTitle: text(COLUMN.seoTitle),
    seoDescription: text(COLUMN.seoDescription),
    condition: readChoice(context, first, COLUMN.condition, CONDITIONS, errors) ?? "new",
    isGiftCard: readFlag(context, first, COLUMN.giftCard, false, errors),
    metafields: readMetafields(context, first, errors),
    options: collectOptions(layout.names, variants),
    variants,
    images,
    sourceRows: group.records.map((record) => record.row),
  };
  const translated = readProductTranslations(
    context.translations,
    { first: first.cells, variants: variantRecords.map((record) => record.cells) },
    product,
  );
  if (Object.keys(translated).length > 0) product.translations = translated;
  if (errors.length > 0) return { errors };
  const schemaErrors = checkAgainstProductSchema(context, product, variantRecords);
  return schemaErrors.length > 0 ? { errors: schemaErrors } : { product, errors: [] };
}

/** A free-text cell, bounded in length. */
function readText(context: Context, record: CsvRecord, column: string, errors: CsvRowError[]): string {
  const text = readCell(context, record, column);
  if (text.length > MAX_FIELD_LENGTH) {
    errors.push(
      errorAt(
        context,
        record,
        column,
        `This cell has ${text.length} characters; at most ${MAX_FIELD_LENGTH} are kept. Shorten it.`,
      ),
    );
  }
  return text;
}

/** TRUE or FALSE (any case); an empty cell is Shopify's default. */
function readFlag(
  context: Context,
  record: CsvRecord,
  column: string,
  fallback: boolean,
  errors: CsvRowError[],
): boolean {
  const text = readCell(context, record, column).toLowerCase();
  if (text === "") return fallback;
  if (text === "true" || text === "false") return text === "true";
  errors.push(errorAt(context, record, column, `"${readCell(context, record, column)}" should be TRUE or FALSE.`));
  return fallback;
}

/** One of `choices` (any case), undefined when empty. */
function readChoice<T extends string>(
  context: Context,
  record: CsvRecord,
  column: string,
  choices: readonly T[],
  errors: CsvRowError[],
): T | undefined {
  const text = readCell(context, record, column).toLowerCase();
  if (text === "") return undefined;
  if ((choices as readonly string[]).includes(text)) return text as T;
  errors.push(
    errorAt(context, record, column, `"${readCell(context, record, column)}" is not one of ${choices.join(", ")}.`),
  );
  return undefined;
}

/** Product metafields from the product's first row, by column name; empty cells are not kept. */
function readMetafields(context: Context, first: CsvRecord, errors: CsvRowError[]): Record<string, string> {
  const metafields: Record<string, string> = {};
  for (const column of context.header.metafields) {
    const value = restoreFormulaText((first.cells[column.index] ?? "").replace(/\r\n?/g, "\n").trim());
    if (value === "") continue;
    if (value.length > MAX_FIELD_LENGTH) {
      errors.push({
        row: first.row,
        column: column.label,
        message: `This cell has ${value.length} characters; at most ${MAX_FIELD_LENGTH} are kept. Shorten it.`,
      });
    }
    metafields[column.label] = value;
  }
  return metafields;
}

function readStatus(context: Context, first: CsvRecord, errors: CsvRowError[]): ProductStatus {
  const status = readCell(context, first, COLUMN.status).toLowerCase();
  if (status !== "") {
    if (isProductStatus(status)) return status;
    errors.push(errorAt(context, first, COLUMN.status, `Status "${status}" is not one of active, draft or archived.`));
    return "draft";
  }
  const published = readCell(context, first, COLUMN.published).toLowerCase();
  if (published === "false") return "draft";
  if (published !== "" && published !== "true") {
    errors.push(errorAt(context, first, COLUMN.published, `Published "${published}" should be TRUE or FALSE.`));
  }
  // Shopify treats a product with neither column filled in as active.
  return "active";
}

function isProductStatus(value: string): value is ProductStatus {
  return (PRODUCT_STATUSES as readonly string[]).includes(value);
}

/** Comma-separated tags, each once whatever its case (the first spelling wins). */
function readTags(context: Context, first: CsvRecord): string[] {
  const tags = new Map<string, string>();
  for (const part of readCell(context, first, COLUMN.tags).split(",")) {
    const tag = part.trim();
    if (tag !== "" && !tags.has(tag.toLowerCase())) tags.set(tag.toLowerCase(), tag);
  }
  return [...tags.values()];
}

// ---------------------------------------------------------------------------------------------------
// Options and variants

function readOptionLayout(context: Context, first: CsvRecord, errors: CsvRowError[]): OptionLayout {
  const slots = context.header.optionSlots.map((slot) => readCell(context, first, optionNameColumn(slot)));
  const used = slots.findLastIndex((name) => name !== "") + 1;
  const names = slots.slice(0, used);
  // Shopify gives a product without options one option "Title" whose only value is "Default Title".
  if (
    names.length === 1 &&
    names[0]?.toLowerCase() === "title" &&
    readCell(context, first, optionValueColumn(1)).toLowerCase() === "default title"
  ) {
    return { names: [], isValid: true, isDefaultTitle: true };
  }
  const problem = describeOptionNameProblem(names);
  if (problem) errors.push(errorAt(context, first, optionNameColumn(problem.slot), problem.message));
  return { names, isValid: problem === undefined, isDefaultTitle: false };
}

function describeOptionNameProblem(names: string[]): { slot: number; message: string } | undefined {
  const gap = names.indexOf("");
  if (gap >= 0) {
    return {
      slot: gap + 1,
      message: `${optionNameColumn(gap + 1)} is empty but ${optionNameColumn(names.length)} is set; fill options in from Option1.`,
    };
  }
  if (names.length > MAX_OPTIONS) {
    return {
      slot: MAX_OPTIONS + 1,
      message: `A product has at most ${MAX_OPTIONS} options (like size, colour and material); this one has ${names.length}: ${names.join(", ")}.`,
    };
  }
  const seen = new Set<string>();
  for (const [index, name] of names.entries()) {
    if (seen.has(name.toLowerCase())) return { slot: index + 1, message: `The option "${name}" is named twice.` };
    seen.add(name.toLowerCase());
  }
  return undefined;
}

function readOptionValueCells(context: Context, record: CsvRecord, layout: OptionLayout): string[] {
  const values = context.header.optionSlots.map((slot) => readCell(context, record, optionValueColumn(slot)));
  if (layout.isDefaultTitle && values[0]?.toLowerCase() === "default title") values[0] = "";
  return values;
}

// Rows after the first either add a variant or only carry another image (Handle + Image Src + Position).
function isVariantRecord(context: Context, record: CsvRecord, layout: OptionLayout): boolean {
  const variantColumns = [
    COLUMN.price,
    COLUMN.compareAtPrice,
    COLUMN.sku,
    COLUMN.quantity,
    COLUMN.barcode,
    COLUMN.cost,
  ];
  if (variantColumns.some((column) => readCell(context, record, column) !== "")) return true;
  return readOptionValueCells(context, record, layout).some((value) => value !== "");
}

function readVariant(context: Context, record: CsvRecord, layout: OptionLayout, errors: CsvRowError[]): CsvVariant {
  const optionValues = readOptionValues(context, record, layout, errors);
  const price = readPrice(context, record, COLUMN.price, errors);
  if (price === null && readCell(context, record, COLUMN.price) === "") {
    errors.push(errorAt(context, record, COLUMN.price, `Give a price, like ${examplePrice(context.currency)}.`));
  }
  const compareAtPrice = readPrice(context, record, COLUMN.compareAtPrice, errors);
  const policy = readChoice(context, record, COLUMN.policy, ["deny", "continue"] as const, errors);
  return {
    optionValues,
    price: price ?? 0,
    compareAtPrice: keptCompareAtPrice(context, record, price, compareAtPrice),
    cost: readPrice(context, record, COLUMN.cost, errors),
    sku: readCell(context, record, COLUMN.sku) || null,
    barcode: readCell(context, record, COLUMN.barcode) || null,
    stock: readStock(context, record, errors),
    isSoldWhenOutOfStock: policy === "continue",
    weightGrams: readGrams(context, record, errors),
    weightUnit: readChoice<WeightUnit>(context, record, COLUMN.weightUnit, WEIGHT_UNITS, errors) ?? null,
    isTaxable: readFlag(context, record, COLUMN.taxable, true, errors),
    requiresShipping: readFlag(context, record, COLUMN.requiresShipping, true, errors),
    // A bad address is reported once, by readImages.
    imageUrl: imageAddress(readCell(context, record, COLUMN.variantImage)),
  };
}

// Shopify accepts a compare-at price at or below the price and simply shows no sale; ours must be
// higher, so such a value means "no was-price", said in a warning so the owner knows why it is gone.
function keptCompareAtPrice(context: Context, record: CsvRecord, price: number | null, compareAt: number | null) {
  if (compareAt === null || price === null || compareAt > price) return compareAt;
  const shown = (amount: number) => toDecimalString(money(amount, context.currency));
  context.warnings.push(
    errorAt(
      context,
      record,
      COLUMN.compareAtPrice,
      `The compare-at price ${shown(compareAt)} is not above the price ${shown(price)}, so this variant shows no "was" price (Shopify shows none either).`,
    ),
  );
  return null;
}

/** Shopify's weight in grams (it writes "0.0" and "453.59"); whole grams are kept. */
function readGrams(context: Context, record: CsvRecord, errors: CsvRowError[]): number | null {
  const text = readCell(context, record, COLUMN.grams);
  if (text === "") return null;
  if (!/^\d{1,7}(?:\.\d+)?$/.test(text)) {
    errors.push(errorAt(context, record, COLUMN.grams, `"${text}" is not a weight in grams, like 250.`));
    return null;
  }
  return Math.round(Number(text));
}

function readOptionValues(context: Context, record: CsvRecord, layout: OptionLayout, errors: CsvRowError[]): string[] {
  const values = readOptionValueCells(context, record, layout);
  const count = layout.names.length;
  if (!layout.isValid) return values.slice(0, count);
  const wrongSlot = values.findIndex((value, index) => index < count !== (value !== ""));
  if (wrongSlot >= 0) {
    errors.push(errorAt(context, record, optionValueColumn(wrongSlot + 1), describeOptionCount(layout, values)));
  }
  return values.slice(0, count);
}

function describeOptionCount(layout: OptionLayout, values: string[]): string {
  const given = values.filter((value) => value !== "").length;
  if (layout.names.length === 0) {
    return `This product has no options, so this row should have no option values; it has ${given}.`;
  }
  const count = layout.names.length;
  return `This product has ${count} option${count === 1 ? "" : "s"} (${layout.names.join(", ")}), so each variant row needs exactly one value for each; this row has ${given} in the wrong place or missing.`;
}

function reportDuplicateCombinations(
  context: Context,
  records: CsvRecord[],
  variants: CsvVariant[],
  layout: OptionLayout,
  errors: CsvRowError[],
): void {
  const firstRowByCombination = new Map<string, number>();
  // A row already reported (wrong option values, say) would only be reported again here.
  const reportedRows = new Set(errors.map((error) => error.row));
  variants.forEach((variant, index) => {
    const record = records[index];
    if (!record || reportedRows.has(record.row)) return;
    const key = JSON.stringify(variant.optionValues);
    const earlier = firstRowByCombination.get(key);
    if (earlier === undefined) {
      firstRowByCombination.set(key, record.row);
      return;
    }
    const message =
      layout.names.length === 0
        ? `This product has no options, so it has one price; row ${earlier} already gives it.`
        : `Row ${earlier} already has ${variant.optionValues.join(" / ")}; each combination of options can appear once.`;
    errors.push(errorAt(context, record, layout.names.length === 0 ? COLUMN.price : optionValueColumn(1), message));
  });
}

/** Option values in the order the variants first use them. */
function collectOptions(names: string[], variants: CsvVariant[]): CsvProduct["options"] {
  return names.map((name, position) => ({
    name,
    values: [...new Set(variants.map((variant) => variant.optionValues[position] ?? ""))],
  }));
}

// ---------------------------------------------------------------------------------------------------
// Prices and stock

function examplePrice(currency: string): string {
  return toDecimalString(money(1250 * 10 ** Math.max(0, minorDigits(currency) - 2), currency));
}

/** A price cell in minor units; null when empty or wrong (wrong ones add an error). */
function readPrice(context: Context, record: CsvRecord, column: string, errors: CsvRowError[]): number | null {
  const text = readCell(context, record, column);
  if (text === "") return null;
  const parsed = parsePrice(text, context.currency);
  if ("problem" in parsed) {
    errors.push(errorAt(context, record, column, parsed.problem));
    return null;
  }
  return parsed.amount;
}

function parsePrice(text: string, currency: string): { amount: number } | { problem: string } {
  const digits = minorDigits(currency);
  const amount = parseDecimal(dropSurplusZeros(text, digits), currency);
  if (amount === undefined) {
    if (/^-?[\d,]*\.\d+$/.test(text.replace(/\s/g, ""))) {
      const rule = digits === 0 ? "are whole numbers" : `have at most ${digits} decimal places`;
      return { problem: `${currency.toUpperCase()} prices ${rule}; "${text}" has more. Round it and try again.` };
    }
    return { problem: `"${text}" is not a price; write it like ${examplePrice(currency)}.` };
  }
  if (amount < 0) return { problem: `Prices cannot be negative; got "${text}".` };
  return { amount };
}

// Shopify writes every price with two decimals ("1200.00" in a JPY shop). Zeros past the currency's
// minor digits change nothing, so dropping them is exact; any other surplus digit is an error.
function dropSurplusZeros(text: string, digits: number): string {
  const match = /^(.*)\.(\d+)$/.exec(text.trim());
  if (!match) return text;
  const [, whole = "", fraction = ""] = match;
  let kept = fraction;
  while (kept.length > digits && kept.endsWith("0")) kept = kept.slice(0, -1);
  return kept === "" ? whole : `${whole}.${kept}`;
}

/** Stock when the variant is tracked, null when it is not (sold without counting). */
function readStock(context: Context, record: CsvRecord, errors: CsvRowError[]): number | null {
  const quantity = readCell(context, record, COLUMN.quantity);
  // Any tracker counts: "shopify", or an app's name whose count Stall now takes over.
  const isTracked = hasColumn(context, COLUMN.tracker)
    ? readCell(context, record, COLUMN.tracker) !== ""
    : quantity !== "";
  if (!isTracked) return null;
  if (quantity === "") return 0;
  const match = /^(-?)(\d{1,3}(?:,\d{3})+|\d+)(?:\.0+)?$/.exec(quantity);
  if (!match) {
    errors.push(errorAt(context, record, COLUMN.quantity, `"${quantity}" is not a whole number of items in stock.`));
    return null;
  }
  if (match[1] === "-" && match[2] !== "0") {
    // Shopify lets oversold stock go negative; here that simply means none left.
    context.warnings.push(
      errorAt(context, record, COLUMN.quantity, `Stock ${quantity} (oversold) is kept as 0 in stock.`),
    );
    return 0;
  }
  return Number((match[2] ?? "").replace(/,/g, ""));
}

// ---------------------------------------------------------------------------------------------------
// Images

function readImages(context: Context, records: CsvRecord[], errors: CsvRowError[]): CsvImage[] {
  const images: (CsvImage & { position: number; order: number })[] = [];
  const variantImages: string[] = [];
  records.forEach((record, order) => {
    const url = readImageUrl(context, record, COLUMN.imageSrc, errors);
    if (url) {
      images.push({
        url,
        alt: readCell(context, record, COLUMN.imageAlt),
        position: readImagePosition(context, record),
        order,
      });
    }
    const variantImage = readImageUrl(context, record, COLUMN.variantImage, errors);
    if (variantImage) variantImages.push(variantImage);
  });
  images.sort((a, b) => a.position - b.position || a.order - b.order);
  // A variant's own image is usually one of the product images too; keep any that is not, after them.
  const byUrl = new Map<string, CsvImage>();
  for (const image of images) if (!byUrl.has(image.url)) byUrl.set(image.url, { url: image.url, alt: image.alt });
  for (const url of variantImages) if (!byUrl.has(url)) byUrl.set(url, { url, alt: "" });
  return [...byUrl.values()];
}

function readImagePosition(context: Context, record: CsvRecord): number {
  const text = readCell(context, record, COLUMN.imagePosition);
  return /^\d+$/.test(text) ? Number(text) : Number.POSITIVE_INFINITY;
}

function readImageUrl(context: Context, record: CsvRecord, column: string, errors: CsvRowError[]): string | null {
  const text = readCell(context, record, column);
  if (text === "") return null;
  const url = imageAddress(text);
  if (url === null)
    errors.push(errorAt(context, record, column, `"${text}" is not a web address of an image (https://...).`));
  return url;
}

/** An http(s) address, or null. Old Shopify exports write CDN addresses without a scheme ("//cdn…"). */
function imageAddress(text: string): string | null {
  if (text === "") return null;
  const url = text.startsWith("//") ? `https:${text}` : text;
  return /^https?:\/\/[^\s]+$/i.test(url) && URL.canParse(url) ? url : null;
}

// ---------------------------------------------------------------------------------------------------
// Domain limits (lengths, counts, maximum prices), reported against the rows they came from

function checkAgainstProductSchema(context: Context, product: CsvProduct, variantRecords: CsvRecord[]): CsvRowError[] {
  const result = CreateProductInput.safeParse({
    title: product.title,
    description: product.description,
    status: product.status,
    options: product.options,
    // The fields the product editor checks too; the others were checked as they were read.
    variants: product.variants.map(({ optionValues, price, compareAtPrice, sku, stock }) => ({
      optionValues,
      price,
      compareAtPrice,
      sku,
      stock,
    })),
  });
  if (result.success) return [];
  const errors = new Map<string, CsvRowError>();
  for (const issue of result.error.issues) {
    const place = locateIssue(product, variantRecords, issue.path);
    const error = errorAt(context, place.record ?? (variantRecords[0] as CsvRecord), place.column, issue.message);
    // An option value too long shows up both in the option's values and in its variant: one cell, one error.
    const cell = `${error.row}:${error.column ?? ""}`;
    if (!errors.has(cell)) errors.set(cell, error);
  }
  return [...errors.values()];
}

function locateIssue(
  product: CsvProduct,
  variantRecords: CsvRecord[],
  path: readonly PropertyKey[],
): { record?: CsvRecord; column?: string } {
  const [field, index, detail, position] = path;
  if (field === "title") return { column: COLUMN.title };
  if (field === "description") return { column: COLUMN.body };
  if (field === "status") return { column: COLUMN.status };
  if (field === "options" && typeof index === "number") {
    if (detail !== "values") return { column: optionNameColumn(index + 1) };
    const value = typeof position === "number" ? product.options[index]?.values[position] : undefined;
    const variantIndex = product.variants.findIndex((variant) => variant.optionValues[index] === value);
    return { record: variantRecords[Math.max(0, variantIndex)], column: optionValueColumn(index + 1) };
  }
  if (field === "variants" && typeof index === "number") {
    const columns: Record<string, string> = {
      price: COLUMN.price,
      compareAtPrice: COLUMN.compareAtPrice,
      sku: COLUMN.sku,
      stock: COLUMN.quantity,
      optionValues: optionValueColumn(typeof position === "number" ? position + 1 : 1),
    };
    const column = typeof detail === "string" ? columns[detail] : undefined;
    return column === undefined ? { record: variantRecords[index] } : { record: variantRecords[index], column };
  }
  return {};
}
