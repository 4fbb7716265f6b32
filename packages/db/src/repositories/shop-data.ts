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
async function parentsOf(db: Db, tables: ShopTable[]): Promise<Map<string, Set<string>>> {
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
function deletionOrder(tables: ShopTable[], parents: Map<string, Set<string>>): string[] {
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
  /** Rows deleted, per table (the shop's own row under `shops`). */
  deleted: Record<string, number>;
  /** Media files the shop used that no other shop uses: the caller deletes them from the store. */
  orphanedStorageKeys: string[];
};

/**
 * Deletes every row of a shop: every table with a `shop_id` (catalogue, orders, settings, and the
 * platform's memberships, invites, domains, notifications and the shop's audit entries), then the shop
 * itself, freeing its slug, all in one atomic write. Audit entries about the deletion are written with
 * no `shop_id` (target = the shop), so they outlive it. Photos are content-addressed and may be shared
 * with an identical photo of another shop: only keys no remaining row uses are returned for deletion.
 */
export async function purgeShop(db: Db, shopId: string): Promise<PurgeResult> {
  if (!shopId) throw new Error("purgeShop needs a shop id");
  const tables = await listShopTables(db);
  const order = deletionOrder(tables, await parentsOf(db, tables));
  const keys = tables.some((table) => table.name === "media_renditions")
    ? (
        await db.all<{ key: string }>(
          sql`SELECT DISTINCT storage_key AS key FROM media_renditions WHERE shop_id = ${shopId}`,
        )
      ).map((row) => row.key)
    : [];
  // The shop's own audit entries go with it (they are its rows); see above for the ones that stay.
  const statements = [
    ...order.map((name) => db.run(sql`DELETE FROM ${sql.raw(quoted(name))} WHERE shop_id = ${shopId}`)),
    db.run(sql`DELETE FROM shops WHERE id = ${shopId}`),
  ];
  const results = (await db.batch(statements as unknown as [BatchItem<"sqlite">, ...BatchItem<"sqlite">[]])) as {
    rowsAffected: number;
  }[];
  const deleted: Record<string, number> = {};
  order.forEach((name, index) => {
    deleted[name] = results[index]?.rowsAffected ?? 0;
  });
  deleted.shops = results.at(-1)?.rowsAffected ?? 0;
  const stillUsed = new Set<string>();
  for (let start = 0; start < keys.length; start += 200) {
    const chunk = keys.slice(start, start + 200);
    const rows = await db.all<{ key: string }>(
      sql`SELECT DISTINCT storage_key AS key FROM media_renditions WHERE storage_key IN (${sql.join(
        chunk.map((key) => sql`${key}`),
        sql`, `,
      )})`,
    );
    for (const row of rows) stillUsed.add(row.key);
  }
  return { deleted, orphanedStorageKeys: keys.filter((key) => !stillUsed.has(key)) };
}
