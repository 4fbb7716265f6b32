// The audit actor of a request: who (the signed-in user, in the role they act in), from which address,
// and the request id that ties the entry to the request log.
import type { Context } from "hono";
import type { Deps } from "../deps.ts";
import type { AuditActor } from "../use-cases/audit/record-audit.ts";
import type { AppEnv } from "./app-env.ts";
import { requestIp } from "./client-ip.ts";

/** The actor for an audit entry about this request; `role` defaults to `operator` on operator routes. */
export function auditActor(deps: Deps, c: Context<AppEnv>, role: AuditActor["role"]): AuditActor {
  return {
    userId: c.get("user")?.id ?? null,
    role,
    ip: requestIp(deps, c),
    requestId: c.get("requestId"),
  };
}

/** Details a handler adds to the entry its door writes for the request (shop doors and the operator door). */
export type AuditNote = {
  shopId?: string | null;
  action?: string;
  targetType?: string;
  targetId?: string;
  data?: Record<string, unknown>;
  /**
   * The handler wrote the entry itself, in the same write as the change (so the change and its entry
   * land together or not at all): the door writes none.
   */
  isWritten?: boolean;
};

/** Adds details (the shop, a clearer action name, the target, what changed) to this request's audit entry. */
export function noteAudit(c: Context<AppEnv>, note: AuditNote): void {
  c.set("auditNote", { ...c.get("auditNote"), ...note, data: { ...c.get("auditNote")?.data, ...note.data } });
}
