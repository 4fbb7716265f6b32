import { and, asc, eq, inArray } from "drizzle-orm";
import type { Db } from "../client.ts";
import { collectionProducts, collections, pages, products } from "../schema/index.ts";
import { shopFilter, writeFilter } from "./scope.ts";
import { shopTableRepository } from "./shop-table.ts";
import { bumpShopVersion } from "./shop-version.ts";

export type CollectionRow = typeof collections.$inferSelect;
export type Collection = CollectionRow & { productIds: string[] };
export type PageRow = typeof pages.$inferSelect;
type WithoutShop<T> = Omit<T, "shopId">;

/** Collections (manual, ordered) of one shop, with their products in order. */
export function collectionRepository(db: Db, shopId: string) {
  const rows = shopTableRepository(db, shopId, collections, { name: "collections", orderBy: collections.position });

  /** Statements that make `productIds` the collection's members, in order. Unknown ids are dropped. */
  function replaceMembers(collectionId: string, productIds: string[]) {
    return [
      db
        .delete(collectionProducts)
        .where(
          writeFilter(
            "delete",
            "collection_products",
            collectionProducts.shopId,
            shopId,
            eq(collectionProducts.collectionId, collectionId),
          ),
        ),
      ...productIds.map((productId, position) =>
        db.insert(collectionProducts).values({ shopId, collectionId, productId, position }),
      ),
    ];
  }

  return {
    async create(
      collection: WithoutShop<typeof collections.$inferInsert>,
      productIds: string[],
      now: number,
    ): Promise<Collection> {
      await db.batch([
        db.insert(collections).values({ ...collection, shopId }),
        ...replaceMembers(collection.id, productIds),
        bumpShopVersion(db, shopId, now),
      ]);
      const created = await this.get(collection.id);
      if (!created) throw new Error(`Collection ${collection.id} vanished right after it was created`);
      return created;
    },
    async get(collectionId: string): Promise<Collection | undefined> {
      const row = await rows.get(collectionId);
      if (!row) return undefined;
      const members = await db
        .select({ productId: collectionProducts.productId })
        .from(collectionProducts)
        .where(shopFilter(collectionProducts.shopId, shopId, eq(collectionProducts.collectionId, collectionId)))
        .orderBy(asc(collectionProducts.position));
      return { ...row, productIds: members.map((member) => member.productId) };
    },
    async getBySlug(slug: string): Promise<CollectionRow | undefined> {
      const [row] = await db
        .select()
        .from(collections)
        .where(shopFilter(collections.shopId, shopId, eq(collections.slug, slug)));
      return row;
    },
    list: () => rows.list(),
    /** Every membership of the shop, for building the snapshot in one query. */
    async memberships(): Promise<{ collectionId: string; productId: string; position: number }[]> {
      return db
        .select({
          collectionId: collectionProducts.collectionId,
          productId: collectionProducts.productId,
          position: collectionProducts.position,
        })
        .from(collectionProducts)
        .where(shopFilter(collectionProducts.shopId, shopId))
        .orderBy(asc(collectionProducts.collectionId), asc(collectionProducts.position));
    },
    async update(
      collectionId: string,
      patch: Partial<
        Pick<CollectionRow, "title" | "slug" | "description" | "isFeatured" | "position" | "translations">
      >,
      productIds: string[] | undefined,
      now: number,
    ): Promise<Collection | undefined> {
      if (!(await rows.get(collectionId))) return undefined;
      await db.batch([
        db
          .update(collections)
          .set({ ...patch, updatedAt: now })
          .where(writeFilter("update", "collections", collections.shopId, shopId, eq(collections.id, collectionId))),
        ...(productIds ? replaceMembers(collectionId, productIds) : []),
        bumpShopVersion(db, shopId, now),
      ]);
      return this.get(collectionId);
    },
    delete: (collectionId: string, now: number) => rows.delete(collectionId, now),
    /** Which of `productIds` exist in this shop (to refuse other shops' ids before writing). */
    async existingProductIds(productIds: string[]): Promise<Set<string>> {
      if (productIds.length === 0) return new Set();
      const found = await db
        .select({ id: products.id })
        .from(products)
        .where(and(eq(products.shopId, shopId), inArray(products.id, productIds)));
      return new Set(found.map((row) => row.id));
    },
  };
}

/** Content pages (about, delivery, returns) of one shop. */
export function pageRepository(db: Db, shopId: string) {
  const rows = shopTableRepository(db, shopId, pages, { name: "pages", orderBy: pages.position });
  return {
    ...rows,
    async getBySlug(slug: string): Promise<PageRow | undefined> {
      const [row] = await db
        .select()
        .from(pages)
        .where(shopFilter(pages.shopId, shopId, eq(pages.slug, slug)));
      return row;
    },
  };
}
