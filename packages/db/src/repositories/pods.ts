// Pods (decision 040): a shop's rows may live in another libSQL database than home's. Here: the directory
// (home's `shop_pods`), the fences every pod keeps, and the raw row work a move is made of (copy, verify,
// delete), table by table and generic like the export and the purge, so a shop table added later moves too.
import { createHash } from "node:crypto";
import { and, eq, gt, sql } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import type { Db } from "../client.ts";
import { podFences, shopPods } from "../schema/index.ts";
import { deletionOrder, listShopTables, parentsOf, type RawRow, type ShopTable } from "./shop-data.ts";

/** The pod of DATABASE_URL: it keeps every platform table, and every shop not placed elsewhere. */
export const HOME_POD = "home";

/**
 * Tables with a `shop_id` that are the platform's, not the shop's: they stay on home whatever pod the
 * shop is on (members, domains, the audit log, the directories and fences themselves).
 */
export const HOME_ONLY_TABLES: ReadonlySet<string> = new Set([
  "audit_log",
  "invites",
  "memberships",
  "pod_fences",
  "shop_directory_changes",
  "shop_domains",
  "shop_pods",
]);

/**
 * The shop's `shops` columns that writes to its rows change in the same batch (decision 040): on a pod
 * other than home they are kept in the pod's copy of the shop row, and home's row is read with them laid over.
 */
export const POD_COUNTER_COLUMNS = ["version", "next_order_number", "storage_used_bytes", "last_order_at"] as const;

export type ShopPodRow = typeof shopPods.$inferSelect;
export type PodCounters = {
  version: number;
  nextOrderNumber: number;
  storageUsedBytes: number;
  lastOrderAt: number | null;
};

/** `"name"`, for a table or column name that came from sqlite_master (never from a request). */
function quoted(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

const nextSeq = sql`(SELECT coalesce(max(${shopPods.seq}), 0) + 1 FROM ${shopPods})`;

/** Home's directory of shops placed on pods, and the move states. */
export function podDirectory(db: Db) {
  return {
    async find(shopId: string): Promise<ShopPodRow | undefined> {
      const [row] = await db.select().from(shopPods).where(eq(shopPods.shopId, shopId));
      return row;
    },
    /** Rows changed after change number `seq` (0: all), in order; what an API process refreshes with. */
    async changedSince(seq: number): Promise<ShopPodRow[]> {
      return db.select().from(shopPods).where(gt(shopPods.seq, seq)).orderBy(shopPods.seq);
    },
    /**
     * Marks the shop as moving from `from` to `to`, only if it is placed on `from` now (one move at a
     * time); true when this call started the move.
     */
    async beginMove(shopId: string, from: string, to: string, now: number): Promise<boolean> {
      if (from === HOME_POD) {
        const inserted = await db
          .insert(shopPods)
          .values({ shopId, pod: from, state: "moving", movingTo: to, changedAt: now, seq: nextSeq })
          .onConflictDoNothing()
          .returning({ shopId: shopPods.shopId });
        if (inserted.length === 1) return true;
      }
      const updated = await db
        .update(shopPods)
        .set({ state: "moving", movingTo: to, changedAt: now, seq: nextSeq })
        .where(and(eq(shopPods.shopId, shopId), eq(shopPods.pod, from), eq(shopPods.state, "placed")))
        .returning({ shopId: shopPods.shopId });
      return updated.length === 1;
    },
    /** The flip, as a statement to batch with the version bump: the shop is placed on `to`. */
    finishMoveStatement(shopId: string, to: string, now: number) {
      return db
        .update(shopPods)
        .set({ pod: to, state: "placed", movingTo: null, changedAt: now, seq: nextSeq })
        .where(and(eq(shopPods.shopId, shopId), eq(shopPods.state, "moving"), eq(shopPods.movingTo, to)))
        .returning({ shopId: shopPods.shopId });
    },
    /** A failed move: the shop stays placed where it was. */
    async abortMove(shopId: string, now: number): Promise<void> {
      await db
        .update(shopPods)
        .set({ state: "placed", movingTo: null, changedAt: now, seq: nextSeq })
        .where(and(eq(shopPods.shopId, shopId), eq(shopPods.state, "moving")));
    },
  };
}

/** The fences of one pod: shops whose rows there must not be written (moving) or only deleted (gone). */
export function podFenceRepository(db: Db) {
  return {
    async get(shopId: string): Promise<(typeof podFences.$inferSelect)["state"] | undefined> {
      const [row] = await db.select({ state: podFences.state }).from(podFences).where(eq(podFences.shopId, shopId));
      return row?.state;
    },
    raiseStatement(shopId: string, state: "moving" | "gone", now: number) {
      return db
        .insert(podFences)
        .values({ shopId, state, createdAt: now })
        .onConflictDoUpdate({ target: podFences.shopId, set: { state, createdAt: now } });
    },
    async raise(shopId: string, state: "moving" | "gone", now: number): Promise<void> {
      await this.raiseStatement(shopId, state, now);
    },
    async lift(shopId: string): Promise<void> {
      await db.delete(podFences).where(eq(podFences.shopId, shopId));
    },
  };
}

/** The shop tables a move carries, parents before children (the order rows can be inserted in). */
export async function movingTables(db: Db): Promise<ShopTable[]> {
  const tables = (await listShopTables(db)).filter((table) => !HOME_ONLY_TABLES.has(table.name));
  const byName = new Map(tables.map((table) => [table.name, table]));
  return deletionOrder(tables, await parentsOf(db, tables))
    .reverse()
    .map((name) => byName.get(name) as ShopTable);
}

/** Rows per table, and a digest that does not depend on row order or storage (rowids differ between pods). */
export type TableDigest = { rows: number; digest: string };

function rowHash(columns: string[], row: RawRow): bigint {
  const canonical = JSON.stringify([...columns].sort().map((column) => [column, row[column] ?? null]));
  return createHash("sha256").update(canonical).digest().readBigUInt64BE(0);
}

/** Counts and digests of a shop's rows in every moving table of `db`. */
export async function digestShopRows(
  db: Db,
  shopId: string,
  tables: ShopTable[],
  pageRows = 500,
): Promise<Record<string, TableDigest>> {
  const digests: Record<string, TableDigest> = {};
  for (const table of tables) {
    let rows = 0;
    let sum = 0n;
    for (let after = -1; ; ) {
      const page = await rowsAfter(db, table, shopId, after, pageRows);
      for (const { row } of page) {
        rows++;
        sum = (sum + rowHash(table.columns, row)) % 2n ** 64n;
      }
      if (page.length < pageRows) break;
      after = page.at(-1)?.rowid ?? after;
    }
    digests[table.name] = { rows, digest: sum.toString(16) };
  }
  return digests;
}

async function rowsAfter(db: Db, table: ShopTable, shopId: string, afterRowid: number, limit: number) {
  const rows = await db.all<RawRow & { __rowid: number }>(
    sql`SELECT rowid AS __rowid, * FROM ${sql.raw(quoted(table.name))}
        WHERE shop_id = ${shopId} AND rowid > ${afterRowid} ORDER BY rowid LIMIT ${limit}`,
  );
  return rows.map(({ __rowid, ...row }) => ({ rowid: __rowid, row }));
}

function insertStatement(db: Db, table: string, columns: string[], row: RawRow, upsertKey?: string) {
  const names = sql.raw(columns.map(quoted).join(", "));
  const values = sql.join(
    columns.map((column) => sql`${row[column] ?? null}`),
    sql`, `,
  );
  const update = upsertKey
    ? sql.raw(
        ` ON CONFLICT(${quoted(upsertKey)}) DO UPDATE SET ${columns
          .filter((column) => column !== upsertKey)
          .map((column) => `${quoted(column)} = excluded.${quoted(column)}`)
          .join(", ")}`,
      )
    : sql``;
  return db.run(sql`INSERT INTO ${sql.raw(quoted(table))} (${names}) VALUES (${values})${update}`);
}

type Batch = [BatchItem<"sqlite">, ...BatchItem<"sqlite">[]];

/**
 * Copies a shop's rows of every moving table from `source` to `target`, parents first, `batchRows`
 * rows per write. Foreign keys are checked at the end of each batch (rows of one table may point at
 * each other). Answers the rows copied per table.
 */
export async function copyShopRows(
  source: Db,
  target: Db,
  shopId: string,
  tables: ShopTable[],
  batchRows = 200,
): Promise<Record<string, number>> {
  const copied: Record<string, number> = {};
  for (const table of tables) {
    copied[table.name] = 0;
    for (let after = -1; ; ) {
      const page = await rowsAfter(source, table, shopId, after, batchRows);
      if (page.length > 0) {
        await target.batch([
          target.run(sql`PRAGMA defer_foreign_keys = ON`),
          ...page.map(({ row }) => insertStatement(target, table.name, table.columns, row)),
        ] as unknown as Batch);
        copied[table.name] = (copied[table.name] ?? 0) + page.length;
      }
      if (page.length < batchRows) break;
      after = page.at(-1)?.rowid ?? after;
    }
  }
  return copied;
}

/**
 * The statements deleting a shop's rows of every moving table from `db`, children first; with
 * `fence`, the first statement marks the shop as gone from this pod (the fence lets only deletes in).
 */
export function deleteShopRowsStatements(db: Db, shopId: string, tables: ShopTable[]) {
  if (!shopId) throw new Error("deleteShopRows needs a shop id");
  return [...tables]
    .reverse()
    .map((table) => db.run(sql`DELETE FROM ${sql.raw(quoted(table.name))} WHERE shop_id = ${shopId}`));
}

/** Runs statements as one atomic write. */
export async function runAtomically(db: Db, statements: unknown[]): Promise<void> {
  if (statements.length === 0) return;
  await db.batch(statements as unknown as Batch);
}

/** The shop's row and its plan's, raw, as `db` holds them. */
export async function rawShopRow(db: Db, shopId: string): Promise<{ shop: RawRow; plan: RawRow } | undefined> {
  const [shop] = await db.all<RawRow>(sql`SELECT * FROM shops WHERE id = ${shopId}`);
  if (!shop) return undefined;
  const [plan] = await db.all<RawRow>(sql`SELECT * FROM plans WHERE id = ${shop.plan_id as string}`);
  if (!plan) throw new Error(`Shop ${shopId} is on plan ${String(shop.plan_id)}, which does not exist`);
  return { shop, plan };
}

/**
 * Writes the shop's row (and its plan, which its storage quota is checked against) into a pod other than
 * home: the anchor its rows' foreign keys point at, and the holder of the counters those rows' writes
 * bump. The cohort stays on home (its row is not in the pod).
 */
export function placeShopRowStatements(target: Db, shop: RawRow, plan: RawRow) {
  return [
    insertStatement(target, "plans", Object.keys(plan), plan, "id"),
    insertStatement(target, "shops", Object.keys(shop), { ...shop, cohort_id: null }, "id"),
  ];
}

/** Deletes a pod's copy of the shop row (never on home, where the row is the directory's). */
export function removeShopRowStatement(db: Db, shopId: string) {
  return db.run(sql`DELETE FROM shops WHERE id = ${shopId}`);
}

/** The counters of the shop row a pod holds. */
export async function podCounters(db: Db, shopId: string): Promise<PodCounters | undefined> {
  const [row] = await db.all<{
    version: number;
    next_order_number: number;
    storage_used_bytes: number;
    last_order_at: number | null;
  }>(sql`SELECT version, next_order_number, storage_used_bytes, last_order_at FROM shops WHERE id = ${shopId}`);
  return (
    row && {
      version: row.version,
      nextOrderNumber: row.next_order_number,
      storageUsedBytes: row.storage_used_bytes,
      lastOrderAt: row.last_order_at,
    }
  );
}

/**
 * Home's shop row after a move back home: the counters from the pod's copy, and a version that goes on
 * from the sum shoppers' caches last saw (home's plus the pod's), so no cached page is mistaken for new.
 */
export function takeCountersHomeStatement(home: Db, shopId: string, counters: PodCounters, now: number) {
  return home.run(sql`UPDATE shops SET version = version + ${counters.version} + 1,
      next_order_number = ${counters.nextOrderNumber}, storage_used_bytes = ${counters.storageUsedBytes},
      last_order_at = ${counters.lastOrderAt}, updated_at = ${now}
    WHERE id = ${shopId}`);
}

/** Any change shoppers' caches must notice: home's version goes up by one. */
export function bumpHomeVersionStatement(home: Db, shopId: string, now: number) {
  return home.run(sql`UPDATE shops SET version = version + 1, updated_at = ${now} WHERE id = ${shopId}`);
}

/**
 * Deletes every row of a shop from a pod other than home, its copy of the shop row included, in one
 * atomic write (the purge of a deleted shop, decision 025); answers the rows deleted.
 */
export async function purgeShopFromPod(db: Db, shopId: string): Promise<number> {
  const statements = [
    ...deleteShopRowsStatements(db, shopId, await movingTables(db)),
    db.run(sql`DELETE FROM pod_fences WHERE shop_id = ${shopId}`),
    removeShopRowStatement(db, shopId),
  ];
  const results = (await db.batch(statements as unknown as Batch)) as { rowsAffected: number }[];
  return results.reduce((total, result) => total + result.rowsAffected, 0);
}
