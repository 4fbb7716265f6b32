import { dashboardMessages } from "@stall/i18n/dashboard";
import { describe, expect, it } from "vitest";
import type { ImportReport } from "./csv.ts";
import { sayRowProblem } from "./csv-rows.ts";
import { readSummary, SHOWN_WARNINGS, summaryQuery } from "./csv-summary.ts";

const done = (report: Partial<ImportReport> = {}) => ({
  created: 12,
  updated: 3,
  photosNotImported: 40,
  report: { columnsNotKept: [], warningCount: 0, warnings: [], ...report },
});

describe("an import's summary in the page's address", () => {
  it("carries counts, columns left out and the first warnings as row numbers and kinds", () => {
    const warnings = Array.from({ length: 14 }, (_, index) => ({
      row: index + 2,
      column: "Variant Compare At Price",
      message:
        index % 2 === 0
          ? 'The compare-at price 5.00 is not above the price 6.00, so this variant shows no "was" price (Shopify shows none either).'
          : index === 1
            ? "Stock -2 (oversold) is kept as 0 in stock."
            : "Something new the API says",
    }));
    const query = summaryQuery(
      done({
        columnsNotKept: [
          { column: "Option1 Linked To", rows: 4 },
          { column: "Google Shopping / Gender", rows: 1 },
        ],
        warningCount: 14,
        warnings,
      }),
    );
    expect(query.toString()).not.toContain("compare-at");
    expect(readSummary(query)).toEqual({
      added: "12",
      changed: "3",
      photos: "40",
      columnsNotKept: [
        { column: "Option1 Linked To", rows: "4" },
        { column: "Google Shopping / Gender", rows: "1" },
      ],
      warningCount: "14",
      warnings: warnings.slice(0, SHOWN_WARNINGS).map((warning, index) => ({
        row: String(warning.row),
        kind: index % 2 === 0 ? "compare_at" : index === 1 ? "oversold" : "other",
      })),
    });
  });

  it("ignores what is not a summary of ours: no counts, or entries that do not match", () => {
    expect(readSummary(new URLSearchParams("changed=2"))).toBeUndefined();
    expect(readSummary(new URLSearchParams("added=1&changed=x&w=3c,abc,4z,5s&warnings=2&notKept=oops"))).toEqual({
      added: "1",
      changed: "0",
      photos: "0",
      columnsNotKept: [],
      warningCount: "2",
      warnings: [
        { row: "3", kind: "compare_at" },
        { row: "5", kind: "oversold" },
      ],
    });
  });
});

describe("the strict CSV reader's refusals, in Chinese", () => {
  const zh = dashboardMessages["zh-CN"];
  it.each([
    'A quote (") must start the cell; this cell has spaces before it. Remove the spaces between the comma and the quote.',
    'This cell has a quote (") inside it but does not start with one. Put the whole cell in quotes and write each quote inside it twice ("").',
    'After the closing quote (") of this cell comes more text. A quoted cell must end at the quote; write a quote inside it twice ("").',
    'This row has 4 cells but the first row names 3 columns. A comma inside a cell needs the cell in quotes ("a, b").',
    "Line 3 has characters that are not UTF-8 text (the file was saved in another encoding). Save it as CSV (UTF-8) and try again.",
    "This is not a CSV text file (it holds binary data, or text saved as UTF-16). Save it as CSV (UTF-8) and try again.",
    'This file puts semicolons between its cells; a CSV file uses commas. Save it again as "CSV (comma delimited)" or "CSV UTF-8" and try again.',
    '"yes" should be TRUE or FALSE.',
    '"stone" is not one of g, kg, lb, oz.',
    '"heavy" is not a weight in grams, like 250.',
    "This cell has 6000 characters; at most 5000 are kept. Shorten it.",
    "One file can hold at most 5000 products; this row starts product 5001. Split the file and import the parts one by one.",
  ])("%s", (message) => {
    expect(sayRowProblem(zh, message)).not.toBe(message);
  });
});
