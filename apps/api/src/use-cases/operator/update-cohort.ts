import { platform } from "@stall/db";
import { DomainError, type UpdateCohortInput } from "@stall/domain";
import type { Deps } from "../../deps.ts";
import { auditCohort, cohortOr404, type OperatorActor, shopCountOf, toCohort } from "./cohort-views.ts";
import { forgetCohortFigures } from "./get-cohort-figures.ts";

/** Renames a programme or changes what its invitation page says. */
export async function updateCohort(
  deps: Deps,
  options: { actor: OperatorActor; cohortId: string; input: UpdateCohortInput },
) {
  const before = await cohortOr404(deps, options.cohortId);
  const updated = await platform(deps.database.db).cohorts.update(before.id, options.input);
  if (!updated) throw new DomainError("not_found", `No programme ${options.cohortId}`);
  forgetCohortFigures(deps, updated.id);
  await auditCohort(deps, options.actor, "cohort.update", updated.id, {
    changed: Object.keys(options.input),
    before: { name: before.name },
    after: { name: updated.name },
  });
  return toCohort(deps, updated, await shopCountOf(deps, updated.id));
}
