import { and, asc, eq } from "drizzle-orm";
import type { Db } from "../client.ts";
import { shopPageWeights, shops } from "../schema/index.ts";

export type PageWeightRow = typeof shopPageWeights.$inferSelect;

/** The latest measured weight of one shop's storefront pages. */
export function pageWeightRepository(db: Db, shopId: string) {
  return {
    async get(): Promise<PageWeightRow | undefined> {
      const [row] = await db.select().from(shopPageWeights).where(eq(shopPageWeights.shopId, shopId));
      return row;
    },
    /** Replaces the shop's measurement with a new one. */
    async record(measurement: Omit<PageWeightRow, "shopId">): Promise<void> {
      const row = { ...measurement, shopId };
      await db
        .insert(shopPageWeights)
        .values(row)
        .onConflictDoUpdate({ target: shopPageWeights.shopId, set: measurement });
    },
  };
}

/** The shops whose storefront pages can be measured: published and active (a directory read). */
export function pageWeightDirectory(db: Db) {
  return {
    async shopsToMeasure(): Promise<{ id: string; slug: string }[]> {
      return db
        .select({ id: shops.id, slug: shops.slug })
        .from(shops)
        .where(and(eq(shops.isPublished, true), eq(shops.status, "active")))
        .orderBy(asc(shops.slug));
    },
  };
}
