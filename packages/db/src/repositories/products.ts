import { and, asc, eq, gt, inArray, type SQL, sql } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import type { Db } from "../client.ts";
import { productOptions, products, productVariants } from "../schema/index.ts";
import { shopFilter, writeFilter } from "./scope.ts";
import { bumpShopVersion } from "./shop-version.ts";

export type ProductRow = typeof products.$inferSelect;
export type ProductOptionRow = typeof productOptions.$inferSelect;
export type ProductVariantRow = typeof productVariants.$inferSelect;
export type Product = ProductRow & { options: ProductOptionRow[]; variants: ProductVariantRow[] };

type WithoutShop<T> = Omit<T, "shopId">;
export type NewProduct = WithoutShop<typeof products.$inferInsert> & {
  options: WithoutShop<Omit<typeof productOptions.$inferInsert, "productId">>[];
  variants: WithoutShop<Omit<typeof productVariants.$inferInsert, "productId">>[];
};
export type ProductPatch = Partial<Pick<ProductRow, "title" | "description" | "status" | "slug" | "position">>;

/** Products of one shop, with their options and variants. Every statement is bound to `shopId`. */
export function productRepository(db: Db, shopId: string) {
  const scoped = (where?: SQL) => shopFilter(products.shopId, shopId, where);
  const exists = (productId: string) =>
    sql`EXISTS (SELECT 1 FROM ${products} WHERE ${products.shopId} = ${shopId} AND ${products.id} = ${productId})`;

  async function attachChildren(rows: ProductRow[]): Promise<Product[]> {
    if (rows.length === 0) return [];
    const ids = rows.map((row) => row.id);
    const [options, variants] = await Promise.all([
      db
        .select()
        .from(productOptions)
        .where(shopFilter(productOptions.shopId, shopId, inArray(productOptions.productId, ids)))
        .orderBy(asc(productOptions.position)),
      db
        .select()
        .from(productVariants)
        .where(shopFilter(productVariants.shopId, shopId, inArray(productVariants.productId, ids)))
        .orderBy(asc(productVariants.position), asc(productVariants.id)),
    ]);
    return rows.map((row) => ({
      ...row,
      options: options.filter((option) => option.productId === row.id),
      variants: variants.filter((variant) => variant.productId === row.id),
    }));
  }

  return {
    /** Creates a product with its options and variants in one atomic write, bumping the shop version. */
    async create(product: NewProduct, now: number): Promise<Product> {
      const { options, variants, ...fields } = product;
      const statements: BatchItem<"sqlite">[] = [
        db.insert(products).values({ ...fields, shopId }),
        bumpShopVersion(db, shopId, now),
      ];
      if (options.length > 0) {
        statements.push(
          db.insert(productOptions).values(options.map((option) => ({ ...option, shopId, productId: fields.id }))),
        );
      }
      if (variants.length > 0) {
        statements.push(
          db.insert(productVariants).values(variants.map((variant) => ({ ...variant, shopId, productId: fields.id }))),
        );
      }
      await db.batch(statements as [BatchItem<"sqlite">, ...BatchItem<"sqlite">[]]);
      const created = await this.get(fields.id);
      if (!created) throw new Error(`Product ${fields.id} vanished right after it was created`);
      return created;
    },

    async get(productId: string): Promise<Product | undefined> {
      const rows = await db
        .select()
        .from(products)
        .where(scoped(eq(products.id, productId)));
      const [product] = await attachChildren(rows);
      return product;
    },

    async getBySlug(slug: string): Promise<Product | undefined> {
      const rows = await db
        .select()
        .from(products)
        .where(scoped(eq(products.slug, slug)));
      const [product] = await attachChildren(rows);
      return product;
    },

    /** Keyset pagination in id (creation) order: `cursor` is the last id of the previous page. */
    async list(options: { limit: number; cursor?: string | undefined; status?: ProductRow["status"] | undefined }) {
      const rows = await db
        .select()
        .from(products)
        .where(
          scoped(
            and(
              options.cursor ? gt(products.id, options.cursor) : undefined,
              options.status ? eq(products.status, options.status) : undefined,
            ),
          ),
        )
        .orderBy(asc(products.id))
        .limit(options.limit + 1);
      const page = rows.slice(0, options.limit);
      const items = await attachChildren(page);
      const last = page.at(-1);
      return { items, nextCursor: rows.length > options.limit && last ? last.id : null };
    },

    async count(): Promise<number> {
      const [row] = await db.select({ count: sql<number>`count(*)` }).from(products).where(scoped());
      return Number(row?.count ?? 0);
    },

    /** Updates a product's own fields; returns false when the product is not in this shop. */
    async update(productId: string, patch: ProductPatch, now: number): Promise<boolean> {
      const [, result] = await db.batch([
        bumpShopVersion(db, shopId, now, exists(productId)),
        db
          .update(products)
          .set({ ...patch, updatedAt: now })
          .where(writeFilter("update", "products", products.shopId, shopId, eq(products.id, productId)))
          .returning({ id: products.id }),
      ]);
      return result.length === 1;
    },

    async delete(productId: string, now: number): Promise<boolean> {
      const [, result] = await db.batch([
        bumpShopVersion(db, shopId, now, exists(productId)),
        db
          .delete(products)
          .where(writeFilter("delete", "products", products.shopId, shopId, eq(products.id, productId)))
          .returning({ id: products.id }),
      ]);
      return result.length === 1;
    },

    /** Low-level guarded update for use-cases that need a custom condition. An absent filter throws. */
    updateWhere(where: SQL | undefined, patch: ProductPatch) {
      return db
        .update(products)
        .set(patch)
        .where(writeFilter("update", "products", products.shopId, shopId, where));
    },

    deleteWhere(where: SQL | undefined) {
      return db.delete(products).where(writeFilter("delete", "products", products.shopId, shopId, where));
    },
  };
}

/** Stock of one shop's variants: single guarded statements, never read-then-write. */
export function stockRepository(db: Db, shopId: string) {
  return {
    /** Takes `quantity` units if that many are on hand; false means sold out (nothing changed). */
    async take(variantId: string, quantity: number, now: number): Promise<boolean> {
      const rows = await db
        .update(productVariants)
        .set({ stock: sql`${productVariants.stock} - ${quantity}`, updatedAt: now })
        .where(
          writeFilter(
            "update",
            "product_variants",
            productVariants.shopId,
            shopId,
            and(eq(productVariants.id, variantId), sql`${productVariants.stock} >= ${quantity}`),
          ),
        )
        .returning({ id: productVariants.id });
      return rows.length === 1;
    },

    async set(variantId: string, stock: number | null, now: number): Promise<boolean> {
      const rows = await db
        .update(productVariants)
        .set({ stock, updatedAt: now })
        .where(
          writeFilter("update", "product_variants", productVariants.shopId, shopId, eq(productVariants.id, variantId)),
        )
        .returning({ id: productVariants.id });
      return rows.length === 1;
    },
  };
}
