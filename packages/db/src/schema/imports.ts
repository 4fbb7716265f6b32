// Shop tables for photos brought in by a product import (decision 030): one job per import, one item
// per photo address and product. The import writes them in the same batch as its products; workers
// in any API process claim items with a lease and fetch them in the background.
import { sql } from "drizzle-orm";
import { check, index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { createdAt, json, timestamp, updatedAt } from "./columns.ts";
import { sameShopReference, shopIdColumn, shopKey } from "./shop-columns.ts";

export const PHOTO_IMPORT_STATUSES = ["fetching", "finished"] as const;
export const PHOTO_ITEM_STATUSES = ["queued", "fetching", "done", "failed"] as const;
/**
 * Why a photo did not arrive, for the owner's words in their language: the fetcher's reasons, then
 * the pipeline's (`photo_refused`: damaged or too many pixels), the plan's storage, and giving up.
 */
export const PHOTO_FAILURES = [
  "bad_url",
  "not_allowed_address",
  "no_such_host",
  "too_many_redirects",
  "http_status",
  "too_large",
  "timeout",
  "not_an_image",
  "network",
  "photo_refused",
  "storage_full",
  "save_failed",
  "gave_up",
  "shop_gone",
] as const;
export type PhotoFailure = (typeof PHOTO_FAILURES)[number];

export const photoImports = sqliteTable(
  "photo_imports",
  {
    shopId: shopIdColumn(),
    id: text("id").primaryKey(),
    /** `fetching` until no item is queued or being fetched, then `finished` (with `finishedAt`). */
    status: text("status", { enum: PHOTO_IMPORT_STATUSES }).notNull().default("fetching"),
    productsCreated: integer("products_created").notNull().default(0),
    productsUpdated: integer("products_updated").notNull().default(0),
    /** Items queued by the import; done and failed are counted from the items themselves. */
    photosTotal: integer("photos_total").notNull().default(0),
    createdAt: createdAt(),
    finishedAt: timestamp("finished_at"),
  },
  (t) => [shopKey("photo_imports", t), index("photo_imports_shop_created_idx").on(t.shopId, t.createdAt)],
);

export const photoImportItems = sqliteTable(
  "photo_import_items",
  {
    shopId: shopIdColumn(),
    id: text("id").primaryKey(),
    importId: text("import_id").notNull(),
    /** No foreign key: a product deleted while its photo is fetched makes the item fail, not the delete. */
    productId: text("product_id").notNull(),
    /** Variants whose photo this is (Shopify's Variant Image). */
    variantIds: json<string[]>("variant_ids").notNull().default(sql`'[]'`),
    url: text("url").notNull(),
    alt: text("alt").notNull().default(""),
    /** Place among the product's photos (Shopify's Image Position, from 0). */
    position: integer("position").notNull(),
    status: text("status", { enum: PHOTO_ITEM_STATUSES }).notNull().default("queued"),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: timestamp("next_attempt_at").notNull(),
    /** While `fetching`: until when the worker holding it owns it; after that another worker may take it. */
    lockedUntil: timestamp("locked_until"),
    /** Why the last attempt failed, in words an owner understands, and as a code for other languages. */
    error: text("error"),
    failure: text("failure", { enum: PHOTO_FAILURES }),
    mediaId: text("media_id"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    shopKey("photo_import_items", t),
    sameShopReference("photo_import_items_import_fk", [t.shopId, t.importId], [photoImports.shopId, photoImports.id]),
    index("photo_import_items_import_idx").on(t.shopId, t.importId, t.productId, t.position),
    index("photo_import_items_due_idx").on(t.status, t.nextAttemptAt),
    index("photo_import_items_shop_url_idx").on(t.shopId, t.url),
    check("photo_import_items_attempts", sql`${t.attempts} >= 0`),
  ],
);
