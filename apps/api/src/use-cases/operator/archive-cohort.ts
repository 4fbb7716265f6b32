import { platform } from "@stall/db";
import { DomainError } from "@stall/domain";
import type { Deps } from "../../deps.ts";
import { auditCohort, cohortOr404, type OperatorActor, shopCountOf, toCohort } from "./cohort-views.ts";
import { forgetCohortFigures } from "./get-cohort-figures.ts";

/**
 * Ends a programme: its invitation link stops adding shops (and says so plainly); its shops and figures
 * stay. Archiving twice changes nothing and records nothing the second time.
 */
export async function archiveCohort(deps: Deps, options: { actor: OperatorActor; cohortId: string }) {
  const cohort = await cohortOr404(deps, options.cohortId);
  if (cohort.archivedAt !== null) return toCohort(deps, cohort, await shopCountOf(deps, cohort.id));
  const archived = await platform(deps.database.db).cohorts.update(cohort.id, { archivedAt: deps.clock.now() });
  if (!archived) throw new DomainError("not_found", `No programme ${options.cohortId}`);
  forgetCohortFigures(deps, cohort.id);
  await auditCohort(deps, options.actor, "cohort.archive", cohort.id, { name: cohort.name });
  return toCohort(deps, archived, await shopCountOf(deps, cohort.id));
}
