import type { Deps } from "../../deps.ts";
import { cohortOr404, shopCountOf, toCohort } from "./cohort-views.ts";

export async function getCohort(deps: Deps, options: { cohortId: string }) {
  const cohort = await cohortOr404(deps, options.cohortId);
  return toCohort(deps, cohort, await shopCountOf(deps, cohort.id));
}
