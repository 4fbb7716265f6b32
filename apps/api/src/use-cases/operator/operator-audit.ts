import type { Deps } from "../../deps.ts";
import type { AuthUser } from "../access.ts";
import { auditStatement } from "../audit/record-audit.ts";

/** Who did an operator action and from where; every operator action is written to the audit log. */
export type OperatorActor = { user: AuthUser; ip: string };

/** The audit entry of an operator action, as a statement to batch with the change itself. */
export function operatorAuditStatement(
  deps: Deps,
  actor: OperatorActor,
  entry: { action: string; shopId?: string; targetType: string; targetId: string; data: Record<string, unknown> },
) {
  return auditStatement(deps, {
    actor: { userId: actor.user.id, role: "operator", ip: actor.ip },
    shopId: entry.shopId ?? null,
    action: entry.action,
    targetType: entry.targetType,
    targetId: entry.targetId,
    data: entry.data,
  });
}
