import { platform } from "@stall/db";
import { DomainError, type PlanInput } from "@stall/domain";
import type { Deps } from "../../deps.ts";
import { type OperatorActor, operatorAuditStatement } from "./operator-audit.ts";
import { toPlanResponse } from "./plan-response.ts";

/** An operator makes a new plan; shops join it only when an operator moves them. */
export async function createPlan(deps: Deps, options: { actor: OperatorActor; input: PlanInput }) {
  const { input } = options;
  const directory = platform(deps.database.db);
  if (await directory.plans.findByName(input.name)) {
    throw new DomainError("conflict", `There is already a plan called ${input.name}; choose another name`, {
      errors: [{ path: "name", message: "A plan has this name already" }],
    });
  }
  const now = deps.clock.now();
  const id = deps.newId("plan");
  const [[created]] = await deps.database.db.batch([
    directory.plans.insertStatement({
      id,
      ...input,
      description: input.description ?? "",
      priceAmount: 0,
      currency: "USD",
      isDefault: false,
      createdAt: now,
      updatedAt: now,
    }),
    operatorAuditStatement(deps, options.actor, {
      action: "plan.create",
      targetType: "plan",
      targetId: id,
      data: { ...input },
    }),
  ]);
  if (!created) throw new Error(`Plan ${id} insert returned nothing`);
  return toPlanResponse(created);
}
