// The products CSV import: the upload passed on to the API as it came (multipart), and what came of it
// (the rows of a refusal are read by csv-rows.ts, the summary of a success by csv-summary.ts).
import type { ApiClient, ApiProblem } from "@stall/api-client";
import { problemOf } from "./api.ts";
import { type RowProblem, rowsOf } from "./csv-rows.ts";

export type ImportMode = "create" | "update";
export type ImportReport = {
  columnsNotKept: { column: string; rows: number }[];
  warningCount: number;
  warnings: { row: number; column?: string | undefined; message: string }[];
};
export type ImportOutcome =
  | {
      kind: "done";
      created: number;
      updated: number;
      photosNotImported: number;
      report: ImportReport;
      /** The photos are fetched in the background: the job to follow. */
      photoImport: { id: string; photosQueued: number };
    }
  | { kind: "rows"; rows: RowProblem[] }
  | { kind: "too_big" | "not_csv" | "busy" }
  /** The file's new products would go past the plan's product limit (said by plan-limit.ts). */
  | { kind: "plan_limit"; problem: ApiProblem };

export function isImportMode(value: string): value is ImportMode {
  return value === "create" || value === "update";
}

/** Sends the chosen file to the API's import (all or nothing) and says what came of it. */
export async function importCsv(api: ApiClient, shopId: string, file: File, mode: ImportMode): Promise<ImportOutcome> {
  const upload = new FormData();
  upload.set("file", file);
  const result = await api.POST("/v1/shops/{shopId}/products/import", {
    params: { path: { shopId }, query: { mode } },
    // The route reads a multipart `file`; the generated types list no body, so it goes as it is.
    body: upload as unknown as undefined,
    bodySerializer: (body: unknown) => body as FormData,
  });
  const problem = problemOf(result);
  if (!problem && result.data) return { kind: "done", ...result.data };
  if (problem?.status === 413) return { kind: "too_big" };
  if (problem && typeof problem.limit === "string") return { kind: "plan_limit", problem };
  if (problem?.status === 415) return { kind: "not_csv" };
  if (problem?.status === 409) return { kind: "busy" };
  return { kind: "rows", rows: rowsOf(problem) };
}
