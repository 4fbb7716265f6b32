// Reading the file as CSV, strictly (RFC 4180): a cell is either plain text without quotes, or wholly in
// quotes with quotes inside it doubled. Anything else is refused with the row, the column and what is
// wrong, because guessing (as a lenient reader does) puts stray quotes into descriptions unnoticed.
// Accepted besides: a byte order mark, CRLF, LF or CR line ends (mixed), and blank lines.
import { CsvError, parse } from "csv-parse/sync";

export type CsvRecord = { row: number; cells: string[] };
export type CsvRowError = { row: number; column?: string; message: string };

const MAX_INPUT_BYTES = 10 * 1024 * 1024;
const SAVE_AS_CSV = "Save it as CSV (UTF-8) and try again.";

export function fileError(message: string): CsvRowError {
  return { row: 0, message };
}

/** The records of the file, the header first; rows are spreadsheet rows (the header is row 1). */
export function readRecords(text: string): { records: CsvRecord[] } | { error: CsvRowError } {
  const refusal = refuseUnreadableInput(text);
  if (refusal) return { error: refusal };
  const body = text.replace(/^\uFEFF/, "");
  let rows: string[][];
  try {
    rows = parse(body, {
      // Row lengths are checked below, so the message can name the row and the columns.
      relax_column_count: true,
      skip_empty_lines: false,
      // Without a list, the first line ending found is the only one accepted, and files edited in
      // several tools often mix them.
      record_delimiter: ["\r\n", "\n", "\r"],
    });
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
    return { error: describeCsvError(error, headerLabels(body)) };
  }
  const records = rows.map((cells, index) => ({ row: index + 1, cells }));
  const lengthError = checkRecordLengths(records);
  return lengthError ? { error: lengthError } : { records };
}

function refuseUnreadableInput(text: string): CsvRowError | undefined {
  // UTF-8 length is at least the UTF-16 length, so the cheap check settles most large inputs.
  if (text.length > MAX_INPUT_BYTES || Buffer.byteLength(text, "utf8") > MAX_INPUT_BYTES) {
    return fileError("The file is larger than 10 MB. Split it into smaller files and import them one by one.");
  }
  if (text.startsWith("PK\u0003\u0004")) {
    return fileError(`This looks like an Excel workbook, not a CSV file. ${SAVE_AS_CSV}`);
  }
  if (text.includes("\u0000")) {
    return fileError(`This is not a CSV text file (it holds binary data, or text saved as UTF-16). ${SAVE_AS_CSV}`);
  }
  const undecodable = text.indexOf("\uFFFD");
  if (undecodable >= 0) {
    const line = text.slice(0, undecodable).split(/\r\n|\n|\r/).length;
    return {
      row: line,
      message: `Line ${line} has characters that are not UTF-8 text (the file was saved in another encoding). ${SAVE_AS_CSV}`,
    };
  }
  return undefined;
}

/** The header's labels, read leniently, only to name the column of an error further down. */
function headerLabels(text: string): string[] {
  try {
    const [header] = parse(text, { to: 1, relax_quotes: true, relax_column_count: true }) as string[][];
    return (header ?? []).map((label) => label.trim());
  } catch {
    return [];
  }
}

function describeCsvError(error: CsvError, labels: string[]): CsvRowError {
  const details = error as unknown as { records?: unknown; column?: unknown; field?: unknown };
  const row = typeof details.records === "number" ? details.records + 1 : 0;
  const index = typeof details.column === "number" ? details.column : undefined;
  const place = (message: string): CsvRowError => {
    const column = index === undefined ? undefined : (labels[index] ?? `column ${index + 1}`);
    return column ? { row, column, message } : { row, message };
  };
  switch (error.code) {
    case "CSV_QUOTE_NOT_CLOSED":
      return {
        row,
        message: `A quote (") opened on this row is never closed, so the rest of the file cannot be read.`,
      };
    case "INVALID_OPENING_QUOTE": {
      const before = typeof details.field === "string" ? details.field : "";
      if (before.trim() === "") {
        return place(
          `A quote (") must start the cell; this cell has spaces before it. Remove the spaces between the comma and the quote.`,
        );
      }
      return place(
        `This cell has a quote (") inside it but does not start with one. Put the whole cell in quotes and write each quote inside it twice ("").`,
      );
    }
    case "CSV_INVALID_CLOSING_QUOTE":
      return place(
        `After the closing quote (") of this cell comes more text. A quoted cell must end at the quote; write a quote inside it twice ("").`,
      );
    default:
      return { row, message: `The file cannot be read as CSV here (${error.message}).` };
  }
}

// RFC 4180: every record has as many cells as the header. A blank line (one empty cell) is let through
// and skipped later; a row with a different count means a broken line or a stray comma, and reading it
// anyway would put values in the wrong columns.
function checkRecordLengths(records: CsvRecord[]): CsvRowError | undefined {
  const [header, ...rest] = records;
  if (!header) return undefined;
  const width = header.cells.length;
  for (const record of rest) {
    const count = record.cells.length;
    if (count === width || (count === 1 && record.cells[0] === "")) continue;
    return {
      row: record.row,
      message:
        count > width
          ? `This row has ${count} cells but the first row names ${width} columns. A comma inside a cell needs the cell in quotes ("a, b").`
          : `This row has ${count} cells but the first row names ${width} columns; every row needs a cell (even an empty one) for each column.`,
    };
  }
  return undefined;
}
