// The API's row-by-row refusal of a products CSV, read into rows, and its common row messages said in
// the owner's language. Pure, so it is tested against the API's real messages.
import type { DashboardMessages } from "@stall/i18n/dashboard";

export type RowProblem = { row: number; column?: string | undefined; message: string };

/** The rows the API listed (`rows`: row, column, message); row 0 is the whole file. */
export function rowsOf(problem: Record<string, unknown> | undefined): RowProblem[] {
  const rows = problem?.rows;
  if (Array.isArray(rows)) {
    return rows.flatMap((item) => {
      const { row, column, message } = (item ?? {}) as { row?: unknown; column?: unknown; message?: unknown };
      if (typeof row !== "number" || typeof message !== "string") return [];
      return [{ row, column: typeof column === "string" ? column : undefined, message }];
    });
  }
  const detail = typeof problem?.detail === "string" ? problem.detail : "";
  return [{ row: 0, message: detail }];
}

type Rule = [RegExp, (t: DashboardMessages, match: RegExpExecArray) => string];

// The API's messages (apps/api/src/use-cases/catalog/shopify-csv.ts and import-products.ts), matched
// loosely so that a reworded message falls back to the API's English instead of a wrong translation.
const RULES: Rule[] = [
  [/^The file is larger than/, (t) => t.csvErrTooBig],
  [/^This looks like an Excel workbook/, (t) => t.csvErrExcel],
  [/^A quote \("\) opened on this row is never closed/, (t) => t.csvErrQuote],
  [/^The file cannot be read as CSV here/, (t) => t.csvErrUnreadable],
  [/^The file is empty\./, (t) => t.csvErrEmpty],
  [/^The first row must name the columns .*; missing: (.+?)\. /, (t, m) => t.csvErrColumns(m[1] ?? "")],
  [/^The file has a header row but no products/, (t) => t.csvErrNoProducts],
  [/^One file can hold at most (\d+) products/, (t, m) => t.csvErrTooMany(m[1] ?? "")],
  [/^A quote \("\) must start the cell; this cell has spaces before it/, (t) => t.csvErrQuoteSpaces],
  [/^This cell has a quote \("\) inside it but does not start with one/, (t) => t.csvErrQuoteInside],
  [/^After the closing quote \("\) of this cell comes more text/, (t) => t.csvErrQuoteAfter],
  [/^This row has (\d+) cells but the first row names (\d+) columns/, (t, m) => t.csvErrCells(m[1] ?? "", m[2] ?? "")],
  [/^Line \d+ has characters that are not UTF-8 text/, (t) => t.csvErrEncoding],
  [/^This is not a CSV text file/, (t) => t.csvErrBinary],
  [/^This file puts (semicolons|tabs) between its cells/, (t) => t.csvErrSeparator],
  [/^"(.*)" should be TRUE or FALSE/, (t, m) => t.csvErrPublished(m[1] ?? "")],
  [/^"(.*)" is not one of (.+)\.$/, (t, m) => t.csvErrChoice(m[1] ?? "", m[2] ?? "")],
  [/^"(.*)" is not a weight in grams/, (t, m) => t.csvErrGrams(m[1] ?? "")],
  [/^This cell has (\d+) characters; at most (\d+) are kept/, (t, m) => t.csvErrTooLong(m[1] ?? "", m[2] ?? "")],
  [/^Handle "(.*)" has no letters or digits/, (t, m) => t.csvErrHandle(m[1] ?? "")],
  [/^Handles ".*" \(row (\d+)\) and ".*" both become/, (t, m) => t.csvErrHandleClash(m[1] ?? "")],
  [/^Give the product a title on its first row/, (t) => t.csvErrTitle],
  [/^Status "(.*)" is not one of/, (t, m) => t.csvErrStatus(m[1] ?? "")],
  [/^Published "(.*)" should be TRUE or FALSE/, (t, m) => t.csvErrPublished(m[1] ?? "")],
  [/^A product has at most \d+ options/, (t) => t.csvErrTooManyOptions],
  [/^The option "(.*)" is named twice/, (t, m) => t.csvErrOptionTwice(m[1] ?? "")],
  [/^Option\d Name is empty but/, (t) => t.csvErrOptionOrder],
  [/^This product has (no options|\d+ options?).*so (this row|each variant row)/, (t) => t.csvErrOptionValues],
  [/^This product has no options, so it has one price; row (\d+) already/, (t, m) => t.csvErrDuplicateRow(m[1] ?? "")],
  [/^Row (\d+) already has .*; each combination/, (t, m) => t.csvErrDuplicateRow(m[1] ?? "")],
  [/^Give a price, like (.+)\.$/, (t, m) => t.csvErrPriceMissing(m[1] ?? "")],
  [/^[A-Z]{3} prices .*; "(.*)" has more/, (t, m) => t.csvErrDecimals(m[1] ?? "")],
  [/^"(.*)" is not a price; write it like (.+)\.$/, (t, m) => t.csvErrNotPrice(m[1] ?? "", m[2] ?? "")],
  [/^Prices cannot be negative; got "(.*)"/, (t, m) => t.csvErrNegative(m[1] ?? "")],
  [/^"(.*)" is not a whole number of items in stock/, (t, m) => t.csvErrQuantity(m[1] ?? "")],
  [/^"(.*)" is not a web address of an image/, (t, m) => t.csvErrImage(m[1] ?? "")],
  [/^A product with the handle "(.*)" already exists/, (t, m) => t.csvErrExists(m[1] ?? "")],
  [/^The .* plan holds up to (\d+) products/, (t, m) => t.csvErrPlan(m[1] ?? "")],
];

/** One row's problem in the owner's words; a message with no rule is shown as the API wrote it. */
export function sayRowProblem(t: DashboardMessages, message: string): string {
  for (const [pattern, say] of RULES) {
    const match = pattern.exec(message);
    if (match) return say(t, match);
  }
  return message;
}
