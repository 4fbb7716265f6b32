import { platform } from "@stall/db";
import type { Deps } from "../../deps.ts";
import { toCohort } from "./cohort-views.ts";

/** Every programme, newest first, with how many shops joined each. */
export async function listCohorts(deps: Deps) {
  const rows = await platform(deps.database.db).cohorts.list();
  return rows.map((row) => toCohort(deps, row, row.shopCount));
}
