// Shopify product CSV import and export, pure: text in, products and row errors out (and back).
// An owner moving from Shopify uploads the file Shopify's "Export products" gives them; every problem is
// reported with its row and column, and the caller imports nothing while any error remains.
//
// Row numbers are spreadsheet rows: the header is row 1 and each CSV record is one row, blank ones
// included. They equal the file's line numbers unless a quoted cell spans several lines (Shopify's
// "Body (HTML)" often does); spreadsheet rows are what an owner sees when opening the file to fix it.
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
import { CsvError, parse } from "csv-parse/sync";
import { stringify } from "csv-stringify/sync";

export type CsvProduct = {
  handle: string;
  title: string;
  description: string;
  status: "draft" | "active" | "archived";
  options: { name: string; values: string[] }[];
  variants: {
    optionValues: string[];
    price: number;
    compareAtPrice: number | null;
    sku: string | null;
    stock: number | null;
    /** The variant's own photo (Shopify's Variant Image): one of `images`, by address. */
    imageUrl: string | null;
  }[];
  /** Photos in display order (Image Position), each once, with their alt text (Image Alt Text). */
  images: CsvImage[];
  tags: string[];
  collection?: string;
  sourceRows: number[];
};
export type CsvImage = { url: string; alt: string };
export type CsvRowError = { row: number; column?: string; message: string };
export type CsvImportResult = { products: CsvProduct[]; errors: CsvRowError[] };
export type ExportProduct = {
  slug: string;
  title: string;
  description: string;
  status: "draft" | "active" | "archived";
  options: { name: string; values: string[] }[];
  variants: {
    optionValues: string[];
    price: number;
    compareAtPrice: number | null;
    sku: string | null;
    stock: number | null;
  }[];
  imageUrls: string[];
};

type ProductStatus = CsvProduct["status"];
type CsvVariant = CsvProduct["variants"][number];

const MAX_INPUT_BYTES = 10 * 1024 * 1024;
const DEFAULT_MAX_PRODUCTS = 5000;
const MAX_OPTIONS = 3;
const MAX_HANDLE_LENGTH = 120;
// Option columns past this are ignored like any unknown column; 9 is far beyond Shopify's 3 and keeps
// the per-row work bounded when a file names "Option999 Name".
const MAX_OPTION_SLOTS = 9;

/** Shopify's column names. Matching is on the trimmed, lower-cased header. */
const COLUMN = {
  handle: "Handle",
  title: "Title",
  body: "Body (HTML)",
  tags: "Tags",
  published: "Published",
  status: "Status",
  sku: "Variant SKU",
  tracker: "Variant Inventory Tracker",
  quantity: "Variant Inventory Qty",
  price: "Variant Price",
  compareAtPrice: "Variant Compare At Price",
  imageSrc: "Image Src",
  imagePosition: "Image Position",
  imageAlt: "Image Alt Text",
  variantImage: "Variant Image",
  collection: "Collection",
} as const;

const REQUIRED_COLUMNS = [COLUMN.handle, COLUMN.title, COLUMN.price];

// Shopify's 2024 product template renamed several columns; files exported since then use these names.
// Each alias maps to the classic name above, which wins when a file has both.
const COLUMN_ALIASES: Readonly<Record<string, string>> = {
  "url handle": "handle",
  description: "body (html)",
  "published on online store": "published",
  sku: "variant sku",
  price: "variant price",
  "compare-at price": "variant compare at price",
  "inventory tracker": "variant inventory tracker",
  "inventory quantity": "variant inventory qty",
  "product image url": "image src",
  "variant image url": "variant image",
};

const optionNameColumn = (slot: number) => `Option${slot} Name`;
const optionValueColumn = (slot: number) => `Option${slot} Value`;

type CsvRecord = { row: number; cells: string[] };
type Header = { columns: Map<string, { index: number; label: string }>; optionSlots: number[] };
type Context = { header: Header; currency: string };
type ProductRecords = { handle: string; handleText: string; records: [CsvRecord, ...CsvRecord[]] };
type OptionLayout = { names: string[]; isValid: boolean; isDefaultTitle: boolean };

/**
 * Reads a Shopify product CSV into products, or reports every problem with its row and column.
 * `products` holds the products that parsed cleanly; when `errors` is not empty the caller must
 * import nothing (an import is all or nothing). Never throws for bad data.
 * @example parseShopifyCsv("Handle,Title,Variant Price\nmug,Mug,12.50", { currency: "USD" })
 */
export function parseShopifyCsv(text: string, options: { currency: string; maxProducts?: number }): CsvImportResult {
  const refusal = refuseUnreadableInput(text);
  if (refusal) return { products: [], errors: [refusal] };
  const read = readRecords(text);
  if ("error" in read) return { products: [], errors: [read.error] };
  const [headerRecord, ...records] = read.records;
  const header = headerRecord ? readHeader(headerRecord) : undefined;
  const headerError = checkHeader(header, records);
  if (headerError || !header) return { products: [], errors: [headerError ?? fileError("The file is empty")] };

  const context: Context = { header, currency: options.currency };
  const errors: CsvRowError[] = [];
  const groups = groupRecordsByHandle(context, records, options.maxProducts ?? DEFAULT_MAX_PRODUCTS, errors);
  const products: CsvProduct[] = [];
  for (const group of groups) {
    const built = buildProduct(context, group);
    errors.push(...built.errors);
    if (built.product) products.push(built.product);
  }
  return { products, errors: errors.sort((a, b) => a.row - b.row) };
}

// ---------------------------------------------------------------------------------------------------
// Reading the file

function fileError(message: string): CsvRowError {
  return { row: 0, message };
}

function refuseUnreadableInput(text: string): CsvRowError | undefined {
  // UTF-8 length is at least the UTF-16 length, so the cheap check settles most large inputs.
  if (text.length > MAX_INPUT_BYTES || Buffer.byteLength(text, "utf8") > MAX_INPUT_BYTES) {
    return fileError("The file is larger than 10 MB. Split it into smaller files and import them one by one.");
  }
  if (text.startsWith("PK\u0003\u0004")) {
    return fileError("This looks like an Excel workbook, not a CSV file. Save it as CSV (UTF-8) and try again.");
  }
  return undefined;
}

function readRecords(text: string): { records: CsvRecord[] } | { error: CsvRowError } {
  try {
    const rows: string[][] = parse(text.replace(/^\uFEFF/, ""), {
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: false,
      // Without a list, the first line ending found is the only one accepted, and files edited in
      // several tools often mix them.
      record_delimiter: ["\r\n", "\n", "\r"],
    });
    return { records: rows.map((cells, index) => ({ row: index + 1, cells })) };
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
    return { error: describeCsvError(error) };
  }
}

function describeCsvError(error: CsvError): CsvRowError {
  const records = (error as unknown as { records?: unknown }).records;
  const row = typeof records === "number" ? records + 1 : 0;
  if (error.code === "CSV_QUOTE_NOT_CLOSED") {
    return { row, message: `A quote (") opened on this row is never closed, so the rest of the file cannot be read.` };
  }
  return { row, message: `The file cannot be read as CSV here (${error.message}).` };
}

function readHeader(record: CsvRecord): Header {
  const columns = new Map<string, { index: number; label: string }>();
  const aliased: [string, { index: number; label: string }][] = [];
  let slotCount = MAX_OPTIONS;
  record.cells.forEach((cell, index) => {
    const label = cell.replace(/^\uFEFF/, "").trim();
    const name = label.toLowerCase();
    const alias = COLUMN_ALIASES[name];
    if (alias) aliased.push([alias, { index, label }]);
    else if (!columns.has(name)) columns.set(name, { index, label });
    const slot = Number(/^option(\d) (?:name|value)$/.exec(name)?.[1] ?? 0);
    slotCount = Math.max(slotCount, Math.min(slot, MAX_OPTION_SLOTS));
  });
  for (const [name, column] of aliased) if (!columns.has(name)) columns.set(name, column);
  return { columns, optionSlots: Array.from({ length: slotCount }, (_, index) => index + 1) };
}

function checkHeader(header: Header | undefined, records: CsvRecord[]): CsvRowError | undefined {
  if (!header || (header.columns.size === 1 && header.columns.has(""))) {
    return fileError("The file is empty. Export your products from Shopify (Products > Export) and upload that file.");
  }
  const missing = REQUIRED_COLUMNS.filter((name) => !header.columns.has(name.toLowerCase()));
  if (missing.length > 0) {
    return fileError(
      `The first row must name the columns Handle, Title and Variant Price; missing: ${missing.join(", ")}. ` +
        "Export your products from Shopify (Products > Export) and upload that file.",
    );
  }
  if (records.every(isBlankRecord)) return fileError("The file has a header row but no products.");
  return undefined;
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
  return `The file has more than ${maxProducts} products; this row starts product ${maxProducts + 1}. Split the file and import the parts one by one.`;
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
  if (errors.length > 0) return { errors };

  const product: CsvProduct = {
    handle: group.handle,
    title,
    description: htmlToText(readCell(context, first, COLUMN.body)),
    status,
    options: collectOptions(layout.names, variants),
    variants,
    images,
    tags: readTags(context, first),
    sourceRows: group.records.map((record) => record.row),
  };
  const collection = readCell(context, first, COLUMN.collection);
  if (collection !== "") product.collection = collection;
  const schemaErrors = checkAgainstProductSchema(context, product, variantRecords);
  return schemaErrors.length > 0 ? { errors: schemaErrors } : { product, errors: [] };
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

function readTags(context: Context, first: CsvRecord): string[] {
  const tags = readCell(context, first, COLUMN.tags)
    .split(",")
    .map((tag) => tag.trim())
    .filter((tag) => tag !== "");
  return [...new Set(tags)];
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
  const variantColumns = [COLUMN.price, COLUMN.compareAtPrice, COLUMN.sku, COLUMN.quantity];
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
  return {
    optionValues,
    price: price ?? 0,
    // Shopify accepts a compare-at price at or below the price and simply shows no sale; ours must be
    // higher, so such a value means "no was-price" rather than an error the owner cannot see a reason for.
    compareAtPrice: compareAtPrice !== null && price !== null && compareAtPrice <= price ? null : compareAtPrice,
    sku: readCell(context, record, COLUMN.sku) || null,
    stock: readStock(context, record, errors),
    // A bad address is reported once, by readImages.
    imageUrl: imageAddress(readCell(context, record, COLUMN.variantImage)),
  };
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
  // Shopify lets oversold stock go negative; here that simply means none left.
  return match[1] === "-" ? 0 : Number((match[2] ?? "").replace(/,/g, ""));
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
    variants: product.variants.map(({ imageUrl: _photo, ...variant }) => variant),
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

// ---------------------------------------------------------------------------------------------------
// Body (HTML) to the plain text / Markdown subset our descriptions use

const BLOCK_TAGS = new Set(
  "address article aside blockquote dd details div dl dt figcaption figure footer h1 h2 h3 h4 h5 h6 header hr main nav ol p pre section summary table tr ul".split(
    " ",
  ),
);
// Their content is code or metadata, never text to keep.
const SKIPPED_TAGS = new Set(["script", "style", "template", "noscript", "iframe", "object", "svg", "head", "title"]);

const NAMED_ENTITIES: Readonly<Record<string, string>> = {
  amp: "&",
  lt: "<",
  gt: ">",
  quot: '"',
  apos: "'",
  nbsp: " ",
  ndash: "\u2013",
  mdash: "\u2014",
  hellip: "\u2026",
  lsquo: "\u2018",
  rsquo: "\u2019",
  ldquo: "\u201C",
  rdquo: "\u201D",
  laquo: "\u00AB",
  raquo: "\u00BB",
  bull: "\u2022",
  middot: "\u00B7",
  copy: "\u00A9",
  reg: "\u00AE",
  trade: "\u2122",
  deg: "\u00B0",
  times: "\u00D7",
  divide: "\u00F7",
  plusmn: "\u00B1",
  frac12: "\u00BD",
  frac14: "\u00BC",
  frac34: "\u00BE",
  euro: "\u20AC",
  pound: "\u00A3",
  yen: "\u00A5",
  cent: "\u00A2",
  sect: "\u00A7",
  micro: "\u00B5",
  shy: "",
};

type TextBuilder = { parts: string[]; strongStarts: number[]; listDepth: number };

/**
 * Turns Shopify's description HTML into plain text with a little Markdown: paragraphs become blank
 * lines, <br> a newline, <li> "- ", <strong>/<b> **bold**; every other tag is dropped and entities decoded.
 * Text without any tag is taken as plain text with its line breaks.
 * @example htmlToText("<p>Fresh &amp; <b>warm</b></p>") // "Fresh & **warm**"
 */
function htmlToText(html: string): string {
  if (!/<[a-zA-Z/!]/.test(html)) return neutraliseTags(tidyText(decodeEntities(html)));
  const builder: TextBuilder = { parts: [], strongStarts: [], listDepth: 0 };
  const lastClose = html.lastIndexOf(">");
  let index = 0;
  // A hand-written scanner rather than one regular expression: every step moves forward, so hostile
  // input ("<a" a million times) stays linear.
  while (index < html.length) {
    const open = html.indexOf("<", index);
    if (open === -1) {
      appendText(builder, html.slice(index));
      break;
    }
    appendText(builder, html.slice(index, open));
    index = readMarkup(html, open, lastClose, builder);
  }
  return neutraliseTags(tidyText(builder.parts.join("")));
}

/** Handles the markup starting at `open` and returns where reading continues. */
function readMarkup(html: string, open: number, lastClose: number, builder: TextBuilder): number {
  if (html.startsWith("<!--", open)) {
    const end = html.indexOf("-->", open + 4);
    return end === -1 ? html.length : end + 3;
  }
  if (!/[a-zA-Z/!?]/.test(html[open + 1] ?? "") || open > lastClose) {
    appendText(builder, "<");
    return open + 1;
  }
  const close = html.indexOf(">", open);
  const tag = /^(\/?)([a-zA-Z][a-zA-Z0-9-]*)/.exec(html.slice(open + 1, close));
  if (!tag) return close + 1;
  const isClosing = tag[1] === "/";
  const name = (tag[2] ?? "").toLowerCase();
  if (!isClosing && SKIPPED_TAGS.has(name)) return skipElement(html, close + 1, name);
  applyTag(builder, name, isClosing);
  return close + 1;
}

function skipElement(html: string, from: number, name: string): number {
  const closer = new RegExp(`</${name}\\s*>`, "gi");
  closer.lastIndex = from;
  const match = closer.exec(html);
  return match ? match.index + match[0].length : html.length;
}

function applyTag(builder: TextBuilder, name: string, isClosing: boolean): void {
  if (name === "br") builder.parts.push("\n");
  else if (name === "strong" || name === "b") toggleStrong(builder, isClosing);
  else if (name === "li" && !isClosing) builder.parts.push("\n- ");
  else if (name === "td" || name === "th") builder.parts.push(" ");
  else if (BLOCK_TAGS.has(name)) applyBlockTag(builder, name, isClosing);
}

function applyBlockTag(builder: TextBuilder, name: string, isClosing: boolean): void {
  const wasInsideList = builder.listDepth > 0;
  if (name === "ul" || name === "ol") builder.listDepth = Math.max(0, builder.listDepth + (isClosing ? -1 : 1));
  // Inside a list a paragraph or nested list must not end the item, so it only separates words.
  builder.parts.push(wasInsideList && builder.listDepth > 0 ? " " : "\n\n");
}

function toggleStrong(builder: TextBuilder, isClosing: boolean): void {
  if (!isClosing) {
    builder.strongStarts.push(builder.parts.length);
    return;
  }
  const start = builder.strongStarts.pop();
  // Bold inside bold, or bold across paragraphs, stays plain: Markdown cannot express it safely.
  if (start === undefined || builder.strongStarts.length > 0) return;
  const inner = builder.parts.splice(start).join("");
  const text = inner.trim();
  if (text === "" || text.includes("\n")) {
    builder.parts.push(inner);
    return;
  }
  const leading = inner.slice(0, inner.length - inner.trimStart().length);
  const trailing = inner.slice(inner.trimEnd().length);
  builder.parts.push(`${leading}**${text}**${trailing}`);
}

function appendText(builder: TextBuilder, raw: string): void {
  if (raw === "") return;
  // HTML collapses runs of whitespace (line breaks included) into one space. Other Unicode spaces,
  // such as the ideographic space in Chinese text, are content.
  builder.parts.push(decodeEntities(raw).replace(/[ \t\n\r\f\u00A0]+/g, " "));
}

function decodeEntities(text: string): string {
  return text.replace(/&(#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z][a-zA-Z0-9]{1,31});/g, (entity, body: string) => {
    if (!body.startsWith("#")) return NAMED_ENTITIES[body] ?? entity;
    const isHex = body[1] === "x" || body[1] === "X";
    const codePoint = Number.parseInt(body.slice(isHex ? 2 : 1), isHex ? 16 : 10);
    const isValid = codePoint > 0 && codePoint <= 0x10ffff && (codePoint < 0xd800 || codePoint > 0xdfff);
    return isValid ? String.fromCodePoint(codePoint) : "\uFFFD";
  });
}

function tidyText(text: string): string {
  return text
    .replace(/\r\n?/g, "\n")
    .split("\n")
    .map((line) => line.replace(/[ \t\u00A0]{2,}/g, " ").trim())
    .filter((line) => line !== "-")
    .join("\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}

// Decoded entities (&lt;b&gt;) and broken markup can leave text that reads as a tag. A space after "<"
// keeps the words but means no HTML can survive into a description.
function neutraliseTags(text: string): string {
  return text.replace(/<(?=[a-zA-Z/!?])/g, "< ");
}

// ---------------------------------------------------------------------------------------------------
// Export

const EXPORT_COLUMNS = [
  "Handle",
  "Title",
  "Body (HTML)",
  "Published",
  "Option1 Name",
  "Option1 Value",
  "Option2 Name",
  "Option2 Value",
  "Option3 Name",
  "Option3 Value",
  "Variant SKU",
  "Variant Inventory Tracker",
  "Variant Inventory Qty",
  "Variant Price",
  "Variant Compare At Price",
  "Image Src",
  "Image Position",
  "Status",
] as const;
type ExportRow = Partial<Record<(typeof EXPORT_COLUMNS)[number], string>>;

/**
 * Writes products as a Shopify product CSV: one row per variant, the product's own columns on its
 * first row, images on successive rows (extra rows when there are more images than variants).
 * Starts with a UTF-8 byte order mark so Excel shows Chinese and accented text correctly.
 */
export function toShopifyCsv(products: ExportProduct[], options: { currency: string }): string {
  const rows = products.flatMap((product) => productRows(product, options.currency));
  return stringify([[...EXPORT_COLUMNS], ...rows.map((row) => EXPORT_COLUMNS.map((column) => row[column] ?? ""))], {
    bom: true,
  });
}

function productRows(product: ExportProduct, currency: string): ExportRow[] {
  // Shopify expects a product without options to have the option "Title" with the value "Default Title".
  const hasOptions = product.options.length > 0;
  const optionNames = hasOptions ? product.options.map((option) => option.name) : ["Title"];
  const count = Math.max(product.variants.length, product.imageUrls.length, 1);
  return Array.from({ length: count }, (_, index) => {
    const row: ExportRow = { Handle: textCell(product.slug) };
    if (index === 0) Object.assign(row, productCells(product, optionNames));
    const variant = product.variants[index];
    if (variant)
      Object.assign(row, variantCells(variant, hasOptions ? variant.optionValues : ["Default Title"], currency));
    const imageUrl = product.imageUrls[index];
    if (imageUrl) Object.assign(row, { "Image Src": textCell(imageUrl), "Image Position": String(index + 1) });
    return row;
  });
}

function productCells(product: ExportProduct, optionNames: string[]): ExportRow {
  const row: ExportRow = {
    Title: textCell(product.title),
    "Body (HTML)": textCell(textToHtml(product.description)),
    Published: product.status === "active" ? "TRUE" : "FALSE",
    Status: product.status,
  };
  optionNames.forEach((name, index) => {
    row[`Option${index + 1} Name` as keyof ExportRow] = textCell(name);
  });
  return row;
}

function variantCells(variant: ExportProduct["variants"][number], optionValues: string[], currency: string): ExportRow {
  const row: ExportRow = {
    "Variant SKU": textCell(variant.sku ?? ""),
    "Variant Inventory Tracker": variant.stock === null ? "" : "shopify",
    "Variant Inventory Qty": variant.stock === null ? "" : String(variant.stock),
    "Variant Price": toDecimalString(money(variant.price, currency)),
    "Variant Compare At Price":
      variant.compareAtPrice === null ? "" : toDecimalString(money(variant.compareAtPrice, currency)),
  };
  optionValues.forEach((value, index) => {
    row[`Option${index + 1} Value` as keyof ExportRow] = textCell(value);
  });
  return row;
}

/** Our description as HTML paragraphs: blank lines part paragraphs, single newlines become <br>. */
function textToHtml(text: string): string {
  return text
    .replace(/\r\n?/g, "\n")
    .split(/\n\s*\n/)
    .map((paragraph) => paragraph.trim())
    .filter((paragraph) => paragraph !== "")
    .map((paragraph) => `<p>${paragraph.split("\n").map(escapeHtml).join("<br>")}</p>`)
    .join("");
}

function escapeHtml(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}

// CSV injection: a spreadsheet runs a cell starting with = + - or @ (or a tab or carriage return it
// skips first) as a formula, so an owner opening an export could run what a product title says.
// Every text cell that starts that way gets a leading apostrophe, which spreadsheets read as "this is
// text" and do not show; the import removes it again, so a round trip keeps the text as it was.
// Numeric cells (prices, stock) are not escaped: we write them from integers, so they hold digits and
// at most a leading minus, never a formula, and an apostrophe would turn a price into text that
// Shopify and spreadsheets no longer read as a number.
const FORMULA_START = /^[=+\-@\t\r]/;

function textCell(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

function restoreFormulaText(text: string): string {
  return text.startsWith("'") && FORMULA_START.test(text.slice(1)) ? text.slice(1) : text;
}
