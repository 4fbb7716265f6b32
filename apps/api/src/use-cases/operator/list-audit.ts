import { type AuditFilter, type AuditListing, platform } from "@stall/db";
import type { Deps } from "../../deps.ts";

/** Every shop's audit entries and the platform's, filtered, newest first (the operator console). */
export async function listAudit(
  deps: Deps,
  options: { filter: AuditFilter; limit: number; cursor?: string | undefined },
): Promise<{ items: AuditListing[]; nextCursor: string | null }> {
  return platform(deps.database.db).audit.list(options.filter, { limit: options.limit, cursor: options.cursor });
}
