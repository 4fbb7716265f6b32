// An import's summary in the page's address, so the page can redirect after the upload (post/
// redirect/get) and still say what came of it: counts, the columns left out and the first warnings as
// row numbers and kinds. Never the API's sentences: the page says each kind in its own language, and
// an address someone else made up can only show numbers and short column names. Pure, tested alone.
import type { ImportReport } from "./csv.ts";

type Done = { created: number; updated: number; photosNotImported: number; report: ImportReport };

/** What a warning says, by kind: the page words each kind itself. */
export type WarningKind = "compare_at" | "oversold" | "other";
export type ImportSummary = {
  added: string;
  changed: string;
  photos: string;
  columnsNotKept: { column: string; rows: string }[];
  warningCount: string;
  warnings: { row: string; kind: WarningKind }[];
};

// How much of the report travels in the address: enough to act on, short enough for any browser.
export const SHOWN_WARNINGS = 10;
const SHOWN_COLUMNS = 30;
const MAX_COLUMN_NAME = 120;

const KIND_CODES: Record<WarningKind, string> = { compare_at: "c", oversold: "s", other: "o" };

// The API's warning sentences (apps/api/src/use-cases/catalog/shopify-csv.ts), matched loosely.
function warningKind(message: string): WarningKind {
  if (/^The compare-at price .* is not above the price/.test(message)) return "compare_at";
  if (/^Stock .* \(oversold\)/.test(message)) return "oversold";
  return "other";
}

/** The address query that carries an import's summary to the page after the redirect. */
export function summaryQuery(outcome: Done): URLSearchParams {
  const query = new URLSearchParams({
    added: String(outcome.created),
    changed: String(outcome.updated),
    photos: String(outcome.photosNotImported),
  });
  const { columnsNotKept, warningCount, warnings } = outcome.report;
  for (const column of columnsNotKept.slice(0, SHOWN_COLUMNS)) {
    query.append("notKept", `${column.rows}:${column.column.slice(0, MAX_COLUMN_NAME)}`);
  }
  if (warningCount > 0) {
    query.set("warnings", String(warningCount));
    const shown = warnings.slice(0, SHOWN_WARNINGS).map((w) => `${w.row}${KIND_CODES[warningKind(w.message)]}`);
    query.set("w", shown.join(","));
  }
  return query;
}

const count = (value: string | null) => (value && /^\d{1,7}$/.test(value) ? value : undefined);

/** The summary in the page's address, or undefined when there is none (or it is not one of ours). */
export function readSummary(query: URLSearchParams): ImportSummary | undefined {
  const added = count(query.get("added"));
  if (added === undefined) return undefined;
  const kinds = Object.fromEntries(Object.entries(KIND_CODES).map(([kind, code]) => [code, kind as WarningKind]));
  return {
    added,
    changed: count(query.get("changed")) ?? "0",
    photos: count(query.get("photos")) ?? "0",
    columnsNotKept: query
      .getAll("notKept")
      .slice(0, SHOWN_COLUMNS)
      .flatMap((entry) => {
        const match = /^(\d{1,7}):(.{1,120})$/su.exec(entry);
        return match ? [{ rows: match[1] ?? "", column: match[2] ?? "" }] : [];
      }),
    warningCount: count(query.get("warnings")) ?? "0",
    warnings: (query.get("w") ?? "")
      .split(",")
      .slice(0, SHOWN_WARNINGS)
      .flatMap((entry) => {
        const match = /^(\d{1,7})([cso])$/.exec(entry);
        const kind = match ? kinds[match[2] ?? ""] : undefined;
        return match && kind ? [{ row: match[1] ?? "", kind }] : [];
      }),
  };
}
