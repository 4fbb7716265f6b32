import { platform } from "@stall/db";
import { DomainError } from "@stall/domain";
import type { Deps } from "../../deps.ts";
import { type OperatorActor, operatorAuditStatement } from "./operator-audit.ts";
import { toPlanResponse } from "./plan-response.ts";

/**
 * An operator moves a shop to a plan. Nothing the shop has is taken away when the plan is smaller:
 * adding more is refused until it is back under the limit (decision 027).
 */
export async function assignPlan(deps: Deps, options: { actor: OperatorActor; shopId: string; planId: string }) {
  const { shopId, planId } = options;
  const directory = platform(deps.database.db);
  const shop = await directory.shops.findById(shopId);
  if (!shop) throw new DomainError("shop_not_found", "No such shop");
  const plan = await directory.plans.get(planId);
  if (!plan) {
    throw new DomainError("validation_failed", "There is no plan with that id", {
      errors: [{ path: "planId", message: "Choose one of the plans" }],
    });
  }
  if (shop.planId !== planId) {
    await deps.database.db.batch([
      directory.shops.setPlanStatement(shopId, planId, deps.clock.now()),
      operatorAuditStatement(deps, options.actor, {
        action: "shop.plan.assign",
        shopId,
        targetType: "shop",
        targetId: shopId,
        data: { from: shop.planId, to: planId },
      }),
    ]);
  }
  return { shopId, previousPlanId: shop.planId, plan: toPlanResponse(plan) };
}
