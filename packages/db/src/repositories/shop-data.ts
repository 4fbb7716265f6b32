// A shop's rows table by table, for the owner's export and for the purge after a deletion. The list of
// tables is read from the database itself (every table with a `shop_id` column), never kept by hand,
// so a table added later is exported and purged without anyone remembering to add it here.
import { sql } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import type { Db } from "../client.ts";

export type ShopTable = { name: string; columns: string[] };
export type RawRow = Record<string, unknown>;

/** Every table holding a `shop_id` column, with its columns in order; platform tables included. */
export async function listShopTables(db: Db): Promise<ShopTable[]> {
  const rows = await db.all<{ tableName: string; columnName: string }>(sql`
    SELECT m.name AS tableName, p.name AS columnName
    FROM sqlite_master AS m JOIN pragma_table_info(m.name) AS p
    WHERE m.type = 'table'
    ORDER BY m.name, p.cid`);
  const tables = new Map<string, string[]>();
  for (const row of rows) tables.set(row.tableName, [...(tables.get(row.tableName) ?? []), row.columnName]);
  return [...tables].filter(([, columns]) => columns.includes("shop_id")).map(([name, columns]) => ({ name, columns }));
}

/** `"name"`, for a table name that came from sqlite_master (never from a request). */
function quoted(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** Reads one shop's raw rows, a page at a time; `table` must come from `listShopTables`. */
export function shopDataRepository(db: Db, shopId: string) {
  return {
    tables: () => listShopTables(db),
    /** Up to `limit` rows after `afterRowid`, in storage order; `rowid` says where the next page starts. */
    async page(table: ShopTable, afterRowid: number, limit: number): Promise<{ rowid: number; row: RawRow }[]> {
      if (!table.columns.includes("shop_id")) throw new Error(`${table.name} is not a shop table`);
      const rows = await db.all<RawRow & { __rowid: number }>(
        sql`SELECT rowid AS __rowid, * FROM ${sql.raw(quoted(table.name))}
            WHERE shop_id = ${shopId} AND rowid > ${afterRowid} ORDER BY rowid LIMIT ${limit}`,
      );
      return rows.map(({ __rowid, ...row }) => ({ rowid: __rowid, row }));
    },
  };
}

/** Which tables point at which (child -> parents), among the given tables. */
export async function parentsOf(db: Db, tables: ShopTable[]): Promise<Map<string, Set<string>>> {
  const names = new Set(tables.map((table) => table.name));
  const parents = new Map<string, Set<string>>();
  for (const table of tables) {
    const keys = await db.all<{ table: string }>(sql`SELECT "table" FROM pragma_foreign_key_list(${table.name})`);
    parents.set(
      table.name,
      new Set(keys.map((key) => key.table).filter((name) => names.has(name) && name !== table.name)),
    );
  }
  return parents;
}

/** Children before parents, so no RESTRICT foreign key refuses a delete. */
export function deletionOrder(tables: ShopTable[], parents: Map<string, Set<string>>): string[] {
  const order: string[] = [];
  const remaining = new Set(tables.map((table) => table.name));
  while (remaining.size > 0) {
    // A table nobody remaining points at goes next.
    const next = [...remaining].filter(
      (name) => ![...remaining].some((other) => other !== name && parents.get(other)?.has(name)),
    );
    if (next.length === 0) throw new Error(`Shop tables point at each other in a loop: ${[...remaining].join(", ")}`);
    for (const name of next.sort()) {
      order.push(name);
      remaining.delete(name);
    }
  }
  return order;
}

export type PurgeResult = {
  /** Rows deleted, per table (the shop's own row under `shops`); empty when the shop was not due. */
  deleted: Record<string, number>;
};

/**
 * Media files only this shop uses. Files are content-addressed, so an identical photo in another shop
 * shares them: those stay. Ask before `purgeShop` (afterwards the shop's rows are gone).
 */
export async function unsharedStorageKeys(db: Db, shopId: string): Promise<string[]> {
  const rows = await db.all<{ key: string }>(sql`
    SELECT DISTINCT r.storage_key AS key FROM media_renditions AS r
    WHERE r.shop_id = ${shopId}
      AND NOT EXISTS (SELECT 1 FROM media_renditions AS o WHERE o.storage_key = r.storage_key AND o.shop_id <> ${shopId})`);
  return rows.map((row) => row.key);
}

/**
 * Deletes every row of a shop whose deletion is due at `now`: every table with a `shop_id` (catalogue,
 * orders, settings, and the platform's memberships, invites, domains, notifications and the shop's own
 * audit entries), then the shop itself, freeing its slug; one atomic write, children before parents.
 * A shop not due (never scheduled, undone, or later) is left whole. Audit entries about the deletion
 * are written with no `shop_id` (target = the shop), so they outlive it.
 */
export async function purgeShop(db: Db, shopId: string, now: number): Promise<PurgeResult> {
  if (!shopId) throw new Error("purgeShop needs a shop id");
  const tables = await listShopTables(db);
  // The shop's own audit entries are append-only: the database lets them go only with their shop, so
  // they leave through the foreign key's cascade when the shop row is deleted, not by a DELETE here.
  const order = deletionOrder(tables, await parentsOf(db, tables)).filter((name) => name !== "audit_log");
  // Checked in every statement: the shop row goes last, so the check holds to the end of the batch.
  const isDue = sql`EXISTS (SELECT 1 FROM shops WHERE id = ${shopId} AND deletion_due_at IS NOT NULL AND deletion_due_at <= ${now})`;
  const statements = [
    ...order.map((name) => db.run(sql`DELETE FROM ${sql.raw(quoted(name))} WHERE shop_id = ${shopId} AND ${isDue}`)),
    db.run(sql`DELETE FROM shops WHERE id = ${shopId} AND ${isDue}`),
  ];
  const results = (await db.batch(statements as unknown as [BatchItem<"sqlite">, ...BatchItem<"sqlite">[]])) as {
    rowsAffected: number;
  }[];
  const deleted: Record<string, number> = {};
  order.forEach((name, index) => {
    deleted[name] = results[index]?.rowsAffected ?? 0;
  });
  deleted.shops = results.at(-1)?.rowsAffected ?? 0;
  return { deleted: deleted.shops === 1 ? deleted : {} };
}

/** Scheduling, undoing and claiming shop deletions (the shop row's deletion columns). */
export function shopDeletionRepository(db: Db) {
  return {
    /** Schedules the deletion unless one is already scheduled; true when this call scheduled it. */
    async schedule(shopId: string, options: { dueAt: number; requestedBy: string; now: number }): Promise<boolean> {
      const rows = await db.all<{ id: string }>(sql`
        UPDATE shops SET deletion_due_at = ${options.dueAt}, deletion_requested_by = ${options.requestedBy},
          deletion_claimed_until = NULL, version = version + 1, updated_at = ${options.now}
        WHERE id = ${shopId} AND deletion_due_at IS NULL RETURNING id`);
      return rows.length === 1;
    },
    /** Undoes a scheduled deletion that is not yet due; false when there is none or it is too late. */
    async cancel(shopId: string, now: number): Promise<boolean> {
      const rows = await db.all<{ id: string }>(sql`
        UPDATE shops SET deletion_due_at = NULL, deletion_requested_by = NULL, deletion_claimed_until = NULL,
          version = version + 1, updated_at = ${now}
        WHERE id = ${shopId} AND deletion_due_at IS NOT NULL AND deletion_due_at > ${now} RETURNING id`);
      return rows.length === 1;
    },
    /**
     * Claims one due deletion for `leaseMs`, atomically: of several processes asking at once, one gets
     * each shop. A claim whose time ran out (its process died) can be taken again.
     */
    async claimDue(now: number, leaseMs: number): Promise<string | undefined> {
      const free = sql`deletion_due_at IS NOT NULL AND deletion_due_at <= ${now}
        AND (deletion_claimed_until IS NULL OR deletion_claimed_until <= ${now})`;
      const rows = await db.all<{ id: string }>(sql`
        UPDATE shops SET deletion_claimed_until = ${now + leaseMs}
        WHERE id = (SELECT id FROM shops WHERE ${free} ORDER BY deletion_due_at LIMIT 1) AND ${free}
        RETURNING id`);
      return rows[0]?.id;
    },
  };
}
