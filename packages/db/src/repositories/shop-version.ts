import { and, eq, type SQL, sql } from "drizzle-orm";
import type { Db } from "../client.ts";
import { shops } from "../schema/index.ts";

/**
 * The statement that marks a shop as changed for shoppers; put it in the same batch as the change.
 * `onlyIf` (for example an EXISTS on the row being changed) keeps a no-op from bumping the version.
 */
export function bumpShopVersion(db: Db, shopId: string, now: number, onlyIf?: SQL) {
  return db
    .update(shops)
    .set({ version: sql`${shops.version} + 1`, updatedAt: now })
    .where(and(eq(shops.id, shopId), onlyIf));
}
