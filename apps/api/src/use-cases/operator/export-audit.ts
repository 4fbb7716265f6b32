import { type AuditFilter, platform } from "@stall/db";
import { stringify } from "csv-stringify/sync";
import type { Deps } from "../../deps.ts";

/** More than this and the operator is asked to narrow the filter (the file is built in memory). */
export const AUDIT_EXPORT_LIMIT = 100_000;
const PAGE = 1000;

const COLUMNS = [
  "time",
  "shop_id",
  "shop",
  "actor_user_id",
  "actor_email",
  "actor_role",
  "action",
  "target_type",
  "target_id",
  "ip",
  "data",
  "id",
] as const;

/**
 * A spreadsheet opening the file must not run what someone typed (an email, a target) as a formula:
 * cells starting with = + - @ or a tab get a leading apostrophe (OWASP's CSV injection advice).
 */
function cell(value: string | null): string {
  if (value === null) return "";
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/** The filtered audit log as CSV, oldest entries last like the console; `truncated` when it hit the limit. */
export async function exportAuditCsv(deps: Deps, options: { filter: AuditFilter }) {
  const audit = platform(deps.database.db).audit;
  const rows: string[][] = [];
  let cursor: string | undefined;
  let truncated = false;
  for (;;) {
    const page = await audit.list(options.filter, { limit: PAGE, cursor });
    for (const entry of page.items) {
      rows.push([
        new Date(entry.createdAt).toISOString(),
        cell(entry.shopId),
        cell(entry.shopSlug),
        cell(entry.actorUserId),
        cell(entry.actorEmail),
        cell(entry.actorRole),
        cell(entry.action),
        cell(entry.targetType),
        cell(entry.targetId),
        cell(entry.ip),
        cell(JSON.stringify(entry.data)),
        entry.id,
      ]);
    }
    if (!page.nextCursor) break;
    if (rows.length >= AUDIT_EXPORT_LIMIT) {
      truncated = true;
      break;
    }
    cursor = page.nextCursor;
  }
  return { csv: stringify([[...COLUMNS], ...rows]), rows: rows.length, truncated };
}
