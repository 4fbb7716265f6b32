// The audit actor of a request: who (the signed-in user, in the role they act in), from which address,
// and the request id that ties the entry to the request log.
import type { Context } from "hono";
import type { Deps } from "../deps.ts";
import type { AuditActor } from "../use-cases/audit/record-audit.ts";
import type { AppEnv, AuditNote } from "./app-env.ts";
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

/** Adds details (the shop, a clearer action name, the target, what changed) to this request's audit entry. */
export function noteAudit(c: Context<AppEnv>, note: AuditNote): void {
  c.set("auditNote", { ...c.get("auditNote"), ...note, data: { ...c.get("auditNote")?.data, ...note.data } });
}
