// One generic repository for the simple shop tables (settings lists, pages, collections' rows):
// create, list, get, update, delete, every statement bound to the shop, changes bumping the version.
import { asc, eq, type SQL, sql } from "drizzle-orm";
import type { SQLiteColumn, SQLiteTable } from "drizzle-orm/sqlite-core";
import type { Db } from "../client.ts";
import { shopFilter, writeFilter } from "./scope.ts";
import { bumpShopVersion } from "./shop-version.ts";

type ShopTable = SQLiteTable & {
  shopId: SQLiteColumn;
  id: SQLiteColumn;
  $inferSelect: Record<string, unknown>;
  $inferInsert: Record<string, unknown>;
};

export type Insert<T extends ShopTable> = Omit<T["$inferInsert"], "shopId">;
export type Patch<T extends ShopTable> = Partial<Omit<T["$inferInsert"], "shopId" | "id" | "createdAt">>;

// Drizzle's builder types do not follow a generic table; the public surface below is typed.
// biome-ignore lint/suspicious/noExplicitAny: see above
type Loose = any;

export function shopTableRepository<T extends ShopTable>(
  db: Db,
  shopId: string,
  table: T,
  options: { name: string; orderBy?: SQLiteColumn; bumpsVersion?: boolean },
) {
  const loose = table as Loose;
  const bumps = options.bumpsVersion ?? true;
  const scoped = (where?: SQL) => shopFilter(table.shopId, shopId, where);
  const exists = (id: string) =>
    db
      .select({ id: loose.id })
      .from(loose)
      .where(scoped(eq(table.id, id)))
      .limit(1)
      .getSQL();
  const orderBy = options.orderBy ?? table.id;

  return {
    async create(values: Insert<T>, now: number): Promise<T["$inferSelect"]> {
      const insert = db.insert(loose).values({ ...values, shopId });
      await (bumps ? db.batch([insert, bumpShopVersion(db, shopId, now)]) : insert);
      const row = await this.get(String((values as { id: string }).id));
      if (!row) throw new Error(`${options.name} row vanished right after it was created`);
      return row;
    },
    async list(where?: SQL): Promise<T["$inferSelect"][]> {
      return db.select().from(loose).where(scoped(where)).orderBy(asc(orderBy), asc(table.id));
    },
    async get(id: string): Promise<T["$inferSelect"] | undefined> {
      const [row] = await db
        .select()
        .from(loose)
        .where(scoped(eq(table.id, id)));
      return row;
    },
    /** Returns the updated row, or undefined when the id is not this shop's. */
    async update(id: string, patch: Patch<T>, now: number): Promise<T["$inferSelect"] | undefined> {
      const { shopId: _ignoredShop, id: _ignoredId, ...safe } = patch as Record<string, unknown>;
      const update = db
        .update(loose)
        .set({ ...safe, ...("updatedAt" in loose ? { updatedAt: now } : {}) })
        .where(writeFilter("update", options.name, table.shopId, shopId, eq(table.id, id)))
        .returning();
      if (!bumps) {
        const [row] = (await update) as T["$inferSelect"][];
        return row;
      }
      const [, rows] = await db.batch([bumpShopVersion(db, shopId, now, sqlExists(exists(id))), update]);
      return (rows as T["$inferSelect"][])[0];
    },
    async delete(id: string, now: number): Promise<boolean> {
      const remove = db
        .delete(loose)
        .where(writeFilter("delete", options.name, table.shopId, shopId, eq(table.id, id)))
        .returning({ id: loose.id });
      if (!bumps) return ((await remove) as unknown[]).length === 1;
      const [, rows] = await db.batch([bumpShopVersion(db, shopId, now, sqlExists(exists(id))), remove]);
      return (rows as unknown[]).length === 1;
    },
  };
}

function sqlExists(subquery: SQL): SQL {
  return sql`EXISTS (${subquery})`;
}
