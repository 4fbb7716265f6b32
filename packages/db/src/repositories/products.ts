import { and, asc, eq, gt, inArray, type SQL, sql } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import type { Db } from "../client.ts";
import { productMedia, productOptions, productSlugRedirects, products, productVariants } from "../schema/index.ts";
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
export type ProductPatch = Partial<
  Pick<
    ProductRow,
    | "title"
    | "description"
    | "status"
    | "slug"
    | "position"
    | "vendor"
    | "productType"
    | "productCategory"
    | "tags"
    | "seoTitle"
    | "seoDescription"
    | "condition"
    | "isGiftCard"
  >
>;
export type NewOption = WithoutShop<Omit<typeof productOptions.$inferInsert, "productId">>;
export type VariantValues = WithoutShop<Omit<typeof productVariants.$inferInsert, "productId">>;

/** Everything an edit may change; absent parts stay as they are. */
export type ProductChange = {
  fields?: ProductPatch;
  /** The whole new option list (with `variants`). */
  options?: NewOption[];
  /** The whole new variant list: ids already on the product are updated, new ids inserted, the rest removed. */
  variants?: VariantValues[];
  /** Photos in order. */
  mediaIds?: string[];
  /** Id for the redirect row when `fields.slug` changes. */
  redirectId?: string;
};

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

  /** Statements creating a product with its options, variants and photos (no version bump). */
  function createStatements(product: NewProduct & { mediaIds?: string[] }): BatchItem<"sqlite">[] {
    const { options, variants, mediaIds = [], ...fields } = product;
    const statements: BatchItem<"sqlite">[] = [db.insert(products).values({ ...fields, shopId })];
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
    statements.push(
      ...mediaIds.map((mediaId, position) =>
        db.insert(productMedia).values({ shopId, productId: fields.id, mediaId, position }),
      ),
    );
    return statements;
  }

  /** Statements applying an edit to `current` (no version bump). */
  function changeStatements(current: Product, change: ProductChange, now: number): BatchItem<"sqlite">[] {
    const productId = current.id;
    const statements: BatchItem<"sqlite">[] = [
      db
        .update(products)
        .set({ ...change.fields, updatedAt: now })
        .where(writeFilter("update", "products", products.shopId, shopId, eq(products.id, productId))),
    ];
    const newSlug = change.fields?.slug;
    if (newSlug !== undefined && newSlug !== current.slug) {
      statements.push(
        // The new slug may be one this product (or another) used before: it is no longer a redirect.
        db
          .delete(productSlugRedirects)
          .where(
            writeFilter(
              "delete",
              "product_slug_redirects",
              productSlugRedirects.shopId,
              shopId,
              eq(productSlugRedirects.oldSlug, newSlug),
            ),
          ),
        db.insert(productSlugRedirects).values({
          shopId,
          id: change.redirectId ?? `${productId}-${now}`,
          productId,
          oldSlug: current.slug,
          createdAt: now,
        }),
      );
    }
    if (change.options) {
      statements.push(
        db
          .delete(productOptions)
          .where(
            writeFilter(
              "delete",
              "product_options",
              productOptions.shopId,
              shopId,
              eq(productOptions.productId, productId),
            ),
          ),
      );
      if (change.options.length > 0) {
        statements.push(
          db.insert(productOptions).values(change.options.map((option) => ({ ...option, shopId, productId }))),
        );
      }
    }
    if (change.variants) {
      const keep = new Set(change.variants.map((variant) => variant.id));
      const existing = new Set(current.variants.map((variant) => variant.id));
      for (const variant of current.variants) {
        if (!keep.has(variant.id)) {
          statements.push(
            db
              .delete(productVariants)
              .where(
                writeFilter(
                  "delete",
                  "product_variants",
                  productVariants.shopId,
                  shopId,
                  eq(productVariants.id, variant.id),
                ),
              ),
          );
        }
      }
      for (const variant of change.variants) {
        if (existing.has(variant.id)) {
          const { id, createdAt: _created, ...values } = variant;
          statements.push(
            db
              .update(productVariants)
              .set({ ...values, updatedAt: now })
              .where(
                writeFilter(
                  "update",
                  "product_variants",
                  productVariants.shopId,
                  shopId,
                  and(eq(productVariants.id, id), eq(productVariants.productId, productId)),
                ),
              ),
          );
        } else {
          statements.push(db.insert(productVariants).values({ ...variant, shopId, productId }));
        }
      }
    }
    if (change.mediaIds) {
      statements.push(
        db
          .delete(productMedia)
          .where(
            writeFilter("delete", "product_media", productMedia.shopId, shopId, eq(productMedia.productId, productId)),
          ),
        ...change.mediaIds.map((mediaId, position) =>
          db.insert(productMedia).values({ shopId, productId, mediaId, position }),
        ),
      );
    }
    return statements;
  }

  async function runBatch(statements: BatchItem<"sqlite">[]): Promise<void> {
    await db.batch(statements as [BatchItem<"sqlite">, ...BatchItem<"sqlite">[]]);
  }

  return {
    /** Creates a product with its options and variants in one atomic write, bumping the shop version. */
    async create(product: NewProduct & { mediaIds?: string[] }, now: number): Promise<Product> {
      await runBatch([...createStatements(product), bumpShopVersion(db, shopId, now)]);
      const created = await this.get(product.id);
      if (!created) throw new Error(`Product ${product.id} vanished right after it was created`);
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

    /** The variants with these ids, each with its product's slug, title and status (for carts). */
    async variantsByIds(variantIds: string[]) {
      if (variantIds.length === 0) return [];
      return db
        .select({
          variant: productVariants,
          product: { id: products.id, slug: products.slug, title: products.title, status: products.status },
        })
        .from(productVariants)
        .innerJoin(
          products,
          and(eq(products.shopId, productVariants.shopId), eq(products.id, productVariants.productId)),
        )
        .where(shopFilter(productVariants.shopId, shopId, inArray(productVariants.id, variantIds)));
    },

    /** Every product with a status, in display order (for the storefront snapshot). */
    async listAll(status: ProductRow["status"]): Promise<Product[]> {
      const rows = await db
        .select()
        .from(products)
        .where(scoped(eq(products.status, status)))
        .orderBy(asc(products.position), asc(products.id));
      return attachChildren(rows);
    },

    /** Old slug -> current slug, for every renamed product. */
    async redirects(): Promise<Record<string, string>> {
      const rows = await db
        .select({ oldSlug: productSlugRedirects.oldSlug, slug: products.slug })
        .from(productSlugRedirects)
        .innerJoin(
          products,
          and(eq(products.shopId, productSlugRedirects.shopId), eq(products.id, productSlugRedirects.productId)),
        )
        .where(shopFilter(productSlugRedirects.shopId, shopId));
      return Object.fromEntries(rows.map((row) => [row.oldSlug, row.slug]));
    },

    async count(): Promise<number> {
      const [row] = await db.select({ count: sql<number>`count(*)` }).from(products).where(scoped());
      return Number(row?.count ?? 0);
    },

    /** How many products the shop has in each status (operators' shop detail). */
    async countByStatus(): Promise<Partial<Record<ProductRow["status"], number>>> {
      const rows = await db
        .select({ status: products.status, count: sql<number>`count(*)` })
        .from(products)
        .where(scoped())
        .groupBy(products.status);
      return Object.fromEntries(rows.map((row) => [row.status, Number(row.count)]));
    },

    /**
     * Applies an edit (fields, options, variants, photos, slug with a redirect from the old one) in one
     * atomic write. Returns undefined when the product is not in this shop.
     */
    async change(productId: string, change: ProductChange, now: number): Promise<Product | undefined> {
      const current = await this.get(productId);
      if (!current) return undefined;
      await runBatch([...changeStatements(current, change, now), bumpShopVersion(db, shopId, now)]);
      return this.get(productId);
    },

    /**
     * Creates and changes many products in ONE atomic write (CSV import): all of it lands, or none.
     */
    async importMany(
      creates: (NewProduct & { mediaIds?: string[] })[],
      changes: { current: Product; change: ProductChange }[],
      now: number,
    ): Promise<void> {
      await runBatch([
        ...creates.flatMap((product) => createStatements(product)),
        ...changes.flatMap(({ current, change }) => changeStatements(current, change, now)),
        bumpShopVersion(db, shopId, now),
      ]);
    },

    /** True when `slug` is used by a product of this shop (other than `exceptProductId`). */
    async isSlugTaken(slug: string, exceptProductId?: string): Promise<boolean> {
      const [row] = await db
        .select({ id: products.id })
        .from(products)
        .where(scoped(eq(products.slug, slug)))
        .limit(1);
      return row !== undefined && row.id !== exceptProductId;
    },

    /** Sets positions from the given order; ids not in this shop are ignored. */
    async reorder(productIds: string[], now: number): Promise<void> {
      await db.batch([
        bumpShopVersion(db, shopId, now),
        ...productIds.map((id, position) =>
          db
            .update(products)
            .set({ position })
            .where(writeFilter("update", "products", products.shopId, shopId, eq(products.id, id))),
        ),
      ]);
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
