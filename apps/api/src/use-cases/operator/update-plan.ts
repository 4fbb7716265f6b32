import { platform } from "@stall/db";
import { DomainError, type PlanPatch } from "@stall/domain";
import type { Deps } from "../../deps.ts";
import { type OperatorActor, operatorAuditStatement } from "./operator-audit.ts";
import { toPlanResponse } from "./plan-response.ts";

/**
 * An operator changes a plan; it applies to every shop on it at once. A smaller limit takes nothing
 * away: a shop over it keeps what it has and is refused only when it adds more.
 */
export async function updatePlan(deps: Deps, options: { actor: OperatorActor; planId: string; input: PlanPatch }) {
  const { planId, input } = options;
  const directory = platform(deps.database.db);
  const current = await directory.plans.get(planId);
  if (!current) throw new DomainError("not_found", "No such plan");
  if (input.name !== undefined) {
    const namesake = await directory.plans.findByName(input.name);
    if (namesake && namesake.id !== planId) {
      throw new DomainError("conflict", `There is already a plan called ${input.name}; choose another name`, {
        errors: [{ path: "name", message: "A plan has this name already" }],
      });
    }
  }
  const before = Object.fromEntries(Object.keys(input).map((key) => [key, current[key as keyof typeof current]]));
  const [[updated]] = await deps.database.db.batch([
    directory.plans.updateStatement(planId, input, deps.clock.now()),
    operatorAuditStatement(deps, options.actor, {
      action: "plan.update",
      targetType: "plan",
      targetId: planId,
      data: { before, after: { ...input } },
    }),
    // Storefronts cache by shop version; the ways of paying they offer depend on the plan.
    ...(input.paymentMethods ? [directory.shops.bumpVersionsOnPlanStatement(planId)] : []),
  ]);
  if (!updated) throw new DomainError("not_found", "The plan was just removed");
  return toPlanResponse(updated);
}
