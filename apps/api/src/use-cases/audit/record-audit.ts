// The one way an entry gets into the audit log (decision 024). Everything a member, an operator or the
// system does to a shop, and every security event, is written through here with who did it, in which
// shop (none for account and platform events), when, and from which address. Entries are never changed
// or removed (the database refuses both); they go only with their shop when a purged shop is deleted.
import { platform } from "@stall/db";
import type { Deps } from "../../deps.ts";

/** Who did it. `user` is a signed-in person acting on their own account; `system` is Stall itself. */
export type AuditActor = {
  userId: string | null;
  role: "owner" | "staff" | "helper" | "operator" | "user" | "system";
  /** The person's address as the API saw it (`requestIp`), or null for the system. */
  ip: string | null;
  requestId?: string | undefined;
};

export type AuditEntry = {
  actor: AuditActor;
  /** The shop the action was about; null for account and platform events. */
  shopId: string | null;
  /**
   * What happened. Member changes are `METHOD /route` (written by the shop door); security events are
   * `auth.*`, `member.*`, `shop.*` (see AUDIT_EVENTS in the domain); operator actions are `operator.*`.
   */
  action: string;
  targetType?: string | undefined;
  targetId?: string | undefined;
  data?: Record<string, unknown> | undefined;
};

function toRow(deps: Deps, entry: AuditEntry) {
  return {
    id: deps.newId("audit"),
    shopId: entry.shopId,
    actorUserId: entry.actor.userId,
    actorRole: entry.actor.role,
    action: entry.action,
    targetType: entry.targetType ?? null,
    targetId: entry.targetId ?? null,
    data: { ...entry.data, ...(entry.actor.requestId ? { requestId: entry.actor.requestId } : {}) },
    ip: entry.actor.ip,
    createdAt: deps.clock.now(),
  };
}

/** Writes one entry now. */
export async function recordAudit(deps: Deps, entry: AuditEntry): Promise<void> {
  await platform(deps.database.db).audit.record(toRow(deps, entry));
}

/** The entry as a statement, to go in the same `db.batch` as the change it records. */
export function auditStatement(deps: Deps, entry: AuditEntry) {
  return platform(deps.database.db).audit.insertStatement(toRow(deps, entry));
}
