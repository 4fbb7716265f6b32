// How a programme (cohort) is shown to operators, and the audit entry every operator action on one writes.
import { type CohortRow, platform } from "@stall/db";
import { DomainError } from "@stall/domain";
import type { Deps } from "../../deps.ts";
import type { AuthUser } from "../access.ts";

/** Who acts and from where: every operator action is recorded with both. */
export type OperatorActor = { user: AuthUser; ip: string | null };

export function toCohort(deps: Deps, cohort: CohortRow, shopCount: number) {
  return {
    id: cohort.id,
    name: cohort.name,
    description: cohort.description,
    inviteCode: cohort.inviteCode,
    joinUrl: `${deps.config.dashboardUrl}/join/${cohort.inviteCode}`,
    shopCount,
    createdAt: cohort.createdAt,
    archivedAt: cohort.archivedAt,
  };
}

export async function cohortOr404(deps: Deps, cohortId: string): Promise<CohortRow> {
  const cohort = await platform(deps.database.db).cohorts.get(cohortId);
  if (!cohort) throw new DomainError("not_found", `No programme ${cohortId}`);
  return cohort;
}

export async function shopCountOf(deps: Deps, cohortId: string): Promise<number> {
  return (await platform(deps.database.db).cohorts.shops(cohortId)).length;
}

export async function auditCohort(
  deps: Deps,
  actor: OperatorActor,
  action: string,
  cohortId: string,
  data: Record<string, unknown> = {},
) {
  await platform(deps.database.db).audit.record({
    id: deps.newId("audit"),
    shopId: null,
    actorUserId: actor.user.id,
    actorRole: actor.user.role,
    action,
    targetType: "cohort",
    targetId: cohortId,
    data,
    ip: actor.ip,
    createdAt: deps.clock.now(),
  });
}
