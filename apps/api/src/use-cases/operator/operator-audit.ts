import { platform } from "@stall/db";
import type { Deps } from "../../deps.ts";
import type { AuthUser } from "../access.ts";

/** Who did an operator action and from where; every operator action is written to the audit log. */
export type OperatorActor = { user: AuthUser; ip: string };

/** The audit entry of an operator action, as a statement to batch with the change itself. */
export function operatorAuditStatement(
  deps: Deps,
  actor: OperatorActor,
  entry: { action: string; shopId?: string; targetType: string; targetId: string; data: Record<string, unknown> },
) {
  return platform(deps.database.db).audit.insertStatement({
    id: deps.newId("audit"),
    shopId: entry.shopId ?? null,
    actorUserId: actor.user.id,
    actorRole: "operator",
    action: entry.action,
    targetType: entry.targetType,
    targetId: entry.targetId,
    data: entry.data,
    ip: actor.ip,
    createdAt: deps.clock.now(),
  });
}
