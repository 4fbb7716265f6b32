import { asc, eq } from "drizzle-orm";
import type { Db } from "../client.ts";
import { collectionProducts, collections, pages } from "../schema/index.ts";
import { shopFilter, writeFilter } from "./scope.ts";
import { bumpShopVersion } from "./shop-version.ts";

export type CollectionRow = typeof collections.$inferSelect;
export type PageRow = typeof pages.$inferSelect;
type WithoutShop<T> = Omit<T, "shopId">;

/** Collections (manual, ordered) of one shop. */
export function collectionRepository(db: Db, shopId: string) {
  return {
    async create(collection: WithoutShop<typeof collections.$inferInsert>, productIds: string[], now: number) {
      await db.batch([
        db.insert(collections).values({ ...collection, shopId }),
        ...productIds.map((productId, position) =>
          db.insert(collectionProducts).values({ shopId, collectionId: collection.id, productId, position }),
        ),
        bumpShopVersion(db, shopId, now),
      ]);
      return this.get(collection.id);
    },
    async get(collectionId: string) {
      const [row] = await db
        .select()
        .from(collections)
        .where(shopFilter(collections.shopId, shopId, eq(collections.id, collectionId)));
      if (!row) return undefined;
      const members = await db
        .select({ productId: collectionProducts.productId })
        .from(collectionProducts)
        .where(shopFilter(collectionProducts.shopId, shopId, eq(collectionProducts.collectionId, collectionId)))
        .orderBy(asc(collectionProducts.position));
      return { ...row, productIds: members.map((member) => member.productId) };
    },
    async list(): Promise<CollectionRow[]> {
      return db
        .select()
        .from(collections)
        .where(shopFilter(collections.shopId, shopId))
        .orderBy(asc(collections.position));
    },
    async delete(collectionId: string, now: number): Promise<boolean> {
      const [deleted] = await db.batch([
        db
          .delete(collections)
          .where(writeFilter("delete", "collections", collections.shopId, shopId, eq(collections.id, collectionId)))
          .returning({ id: collections.id }),
        bumpShopVersion(db, shopId, now),
      ]);
      return deleted.length === 1;
    },
  };
}

/** Content pages (about, delivery, returns) of one shop. */
export function pageRepository(db: Db, shopId: string) {
  return {
    async create(page: WithoutShop<typeof pages.$inferInsert>, now: number): Promise<PageRow> {
      await db.batch([db.insert(pages).values({ ...page, shopId }), bumpShopVersion(db, shopId, now)]);
      const [row] = await db
        .select()
        .from(pages)
        .where(shopFilter(pages.shopId, shopId, eq(pages.id, page.id)));
      if (!row) throw new Error(`Page ${page.id} vanished right after it was created`);
      return row;
    },
    async list(): Promise<PageRow[]> {
      return db.select().from(pages).where(shopFilter(pages.shopId, shopId)).orderBy(asc(pages.position));
    },
  };
}
