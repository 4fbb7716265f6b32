// Shop tables for what a shop sells: products, their options and variants, photos, collections.
import { PRODUCT_STATUSES } from "@stall/domain";
import { sql } from "drizzle-orm";
import { check, index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { amount, createdAt, flag, json, timestamp, updatedAt } from "./columns.ts";
import { sameShopReference, shopIdColumn, shopKey } from "./shop-columns.ts";

export type ProductTranslation = { title?: string; description?: string; seoTitle?: string; seoDescription?: string };
export type OptionTranslation = { name?: string; values?: string[] };
export type CollectionTranslation = { title?: string; description?: string };
export type PageTranslation = { title?: string; bodyMarkdown?: string; bodyHtml?: string };

export const products = sqliteTable(
  "products",
  {
    shopId: shopIdColumn(),
    id: text("id").primaryKey(),
    slug: text("slug").notNull(),
    title: text("title").notNull(),
    description: text("description").notNull().default(""),
    status: text("status", { enum: PRODUCT_STATUSES }).notNull().default("active"),
    position: integer("position").notNull().default(0),
    /** Who makes it (Shopify's Vendor); JSON-LD `brand`, falling back to the shop's name. */
    vendor: text("vendor").notNull().default(""),
    /** The owner's own grouping (Shopify's Type), free text. */
    productType: text("product_type").notNull().default(""),
    /** Shopify's standard product category path, kept so an export gives it back. */
    productCategory: text("product_category").notNull().default(""),
    /** Lower-case-insensitive unique labels; buyers can search and filter by them. */
    tags: json<string[]>("tags").notNull().default(sql`'[]'`),
    /** Used for the page's <title> and meta description when set. */
    seoTitle: text("seo_title").notNull().default(""),
    seoDescription: text("seo_description").notNull().default(""),
    /** new / used / refurbished: schema.org itemCondition. */
    condition: text("condition", { enum: ["new", "used", "refurbished"] })
      .notNull()
      .default("new"),
    isGiftCard: flag("is_gift_card").notNull().default(false),
    /** Owner-only data from other systems (Shopify metafields), by column name; never shown to buyers. */
    metafields: json<Record<string, string>>("metafields").notNull().default(sql`'{}'`),
    /** Text in the shop's other languages: { "zh-CN": { title, description, seoTitle, seoDescription } }. */
    translations: json<Record<string, ProductTranslation>>("translations").notNull().default(sql`'{}'`),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    shopKey("products", t),
    uniqueIndex("products_shop_slug_unique").on(t.shopId, t.slug),
    index("products_shop_status_position_idx").on(t.shopId, t.status, t.position),
  ],
);

/** Old product slugs, so links printed on a poster keep working after a rename. */
export const productSlugRedirects = sqliteTable(
  "product_slug_redirects",
  {
    shopId: shopIdColumn(),
    id: text("id").primaryKey(),
    productId: text("product_id").notNull(),
    oldSlug: text("old_slug").notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    shopKey("product_slug_redirects", t),
    uniqueIndex("product_slug_redirects_shop_slug_unique").on(t.shopId, t.oldSlug),
    sameShopReference("product_slug_redirects_product_fk", [t.shopId, t.productId], [products.shopId, products.id]),
  ],
);

export const productOptions = sqliteTable(
  "product_options",
  {
    shopId: shopIdColumn(),
    id: text("id").primaryKey(),
    productId: text("product_id").notNull(),
    name: text("name").notNull(),
    position: integer("position").notNull(),
    values: json<string[]>("values").notNull(),
    /** { "zh-CN": { name, values } }: values in the same order as `values`. */
    translations: json<Record<string, OptionTranslation>>("translations").notNull().default(sql`'{}'`),
  },
  (t) => [
    shopKey("product_options", t),
    uniqueIndex("product_options_position_unique").on(t.shopId, t.productId, t.position),
    sameShopReference("product_options_product_fk", [t.shopId, t.productId], [products.shopId, products.id]),
    check("product_options_position_range", sql`${t.position} BETWEEN 0 AND 2`),
  ],
);

export const productVariants = sqliteTable(
  "product_variants",
  {
    shopId: shopIdColumn(),
    id: text("id").primaryKey(),
    productId: text("product_id").notNull(),
    /** One value per product option, in option order; [] for a product without options. */
    optionValues: json<string[]>("option_values").notNull().default(sql`'[]'`),
    sku: text("sku"),
    /** GTIN (EAN, UPC, ISBN) as printed under the bar code; JSON-LD `gtin`. */
    barcode: text("barcode"),
    /** Shipping weight in grams; shipping rates may depend on the order's total weight. */
    weightGrams: integer("weight_grams"),
    /** The unit the owner thinks in (g, kg, lb, oz); weights are stored in grams whatever it is. */
    weightUnit: text("weight_unit", { enum: ["g", "kg", "lb", "oz"] }),
    /** What the item cost the owner, in minor units of `currency`: owner-only, never shown to buyers. */
    costAmount: amount("cost_amount"),
    isTaxable: flag("is_taxable").notNull().default(true),
    /** Keep selling when stock runs out (Shopify's inventory policy "continue"). */
    isSoldWhenOutOfStock: flag("is_sold_when_out_of_stock").notNull().default(false),
    requiresShipping: flag("requires_shipping").notNull().default(true),
    priceAmount: amount("price_amount").notNull(),
    compareAtAmount: amount("compare_at_amount"),
    currency: text("currency").notNull(),
    /** Units on hand; NULL means stock is not tracked (always available). */
    stock: integer("stock"),
    position: integer("position").notNull().default(0),
    mediaId: text("media_id"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    shopKey("product_variants", t),
    index("product_variants_product_idx").on(t.shopId, t.productId, t.position),
    sameShopReference("product_variants_product_fk", [t.shopId, t.productId], [products.shopId, products.id]),
    sameShopReference("product_variants_media_fk", [t.shopId, t.mediaId], [media.shopId, media.id], "restrict"),
    check("product_variants_stock_non_negative", sql`${t.stock} IS NULL OR ${t.stock} >= 0`),
    check("product_variants_price_non_negative", sql`${t.priceAmount} >= 0`),
  ],
);

export const media = sqliteTable(
  "media",
  {
    shopId: shopIdColumn(),
    id: text("id").primaryKey(),
    /** SHA-256 of the cleaned original: the same photo uploaded twice is stored once. */
    contentHash: text("content_hash").notNull(),
    originalFilename: text("original_filename"),
    mimeType: text("mime_type").notNull(),
    width: integer("width").notNull(),
    height: integer("height").notNull(),
    /** Bytes of the original plus every rendition, counted against the plan's quota. */
    bytes: integer("bytes").notNull(),
    alt: text("alt").notNull().default(""),
    createdAt: createdAt(),
    /**
     * AVIF is made after the upload answers (decision 038): `pending` until a worker adds it, `ready`
     * once it is there, `failed` when it could not be made (the photo stays WebP/JPEG only). Rows from
     * before got AVIF in the upload itself, hence the default.
     */
    avifStatus: text("avif_status", { enum: ["pending", "ready", "failed"] })
      .notNull()
      .default("ready"),
    /** Tries at making the AVIF so far, the one in progress included. */
    avifAttempts: integer("avif_attempts").notNull().default(0),
    /** When a pending AVIF may be tried (again). */
    avifNextAttemptAt: integer("avif_next_attempt_at"),
    /** A worker's lease on making this photo's AVIF; past it, another worker may take the job over. */
    avifLockedUntil: integer("avif_locked_until"),
  },
  (t) => [
    shopKey("media", t),
    uniqueIndex("media_shop_hash_unique").on(t.shopId, t.contentHash),
    // The AVIF worker looks for pending photos only; almost every row is `ready`.
    index("media_avif_pending_idx").on(t.avifNextAttemptAt).where(sql`avif_status = 'pending'`),
  ],
);

export const mediaRenditions = sqliteTable(
  "media_renditions",
  {
    shopId: shopIdColumn(),
    id: text("id").primaryKey(),
    mediaId: text("media_id").notNull(),
    format: text("format", { enum: ["avif", "webp", "jpeg"] }).notNull(),
    width: integer("width").notNull(),
    height: integer("height").notNull(),
    bytes: integer("bytes").notNull(),
    /** Content-addressed key in the media store, e.g. `ab/cd/abcd….webp`. */
    storageKey: text("storage_key").notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    shopKey("media_renditions", t),
    uniqueIndex("media_renditions_variant_unique").on(t.shopId, t.mediaId, t.format, t.width),
    // A purge asks which files another shop's identical photo still uses.
    index("media_renditions_storage_key_idx").on(t.storageKey),
    sameShopReference("media_renditions_media_fk", [t.shopId, t.mediaId], [media.shopId, media.id]),
  ],
);

export const productMedia = sqliteTable(
  "product_media",
  {
    shopId: shopIdColumn(),
    productId: text("product_id").notNull(),
    mediaId: text("media_id").notNull(),
    position: integer("position").notNull(),
  },
  (t) => [
    primaryKey({ name: "product_media_pk", columns: [t.shopId, t.productId, t.mediaId] }),
    sameShopReference("product_media_product_fk", [t.shopId, t.productId], [products.shopId, products.id]),
    sameShopReference("product_media_media_fk", [t.shopId, t.mediaId], [media.shopId, media.id], "restrict"),
  ],
);

export const collections = sqliteTable(
  "collections",
  {
    shopId: shopIdColumn(),
    id: text("id").primaryKey(),
    slug: text("slug").notNull(),
    title: text("title").notNull(),
    description: text("description").notNull().default(""),
    isFeatured: integer("is_featured", { mode: "boolean" }).notNull().default(false),
    position: integer("position").notNull().default(0),
    /** { "zh-CN": { title, description } } */
    translations: json<Record<string, CollectionTranslation>>("translations").notNull().default(sql`'{}'`),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [shopKey("collections", t), uniqueIndex("collections_shop_slug_unique").on(t.shopId, t.slug)],
);

export const collectionProducts = sqliteTable(
  "collection_products",
  {
    shopId: shopIdColumn(),
    collectionId: text("collection_id").notNull(),
    productId: text("product_id").notNull(),
    position: integer("position").notNull(),
  },
  (t) => [
    primaryKey({ name: "collection_products_pk", columns: [t.shopId, t.collectionId, t.productId] }),
    index("collection_products_order_idx").on(t.shopId, t.collectionId, t.position),
    sameShopReference(
      "collection_products_collection_fk",
      [t.shopId, t.collectionId],
      [collections.shopId, collections.id],
    ),
    sameShopReference("collection_products_product_fk", [t.shopId, t.productId], [products.shopId, products.id]),
  ],
);

/** Content pages (about, delivery, returns): a small Markdown subset, rendered and sanitised on save. */
export const pages = sqliteTable(
  "pages",
  {
    shopId: shopIdColumn(),
    id: text("id").primaryKey(),
    slug: text("slug").notNull(),
    title: text("title").notNull(),
    bodyMarkdown: text("body_markdown").notNull().default(""),
    bodyHtml: text("body_html").notNull().default(""),
    isPublished: integer("is_published", { mode: "boolean" }).notNull().default(true),
    position: integer("position").notNull().default(0),
    /** { "zh-CN": { title, bodyMarkdown, bodyHtml } }: the HTML rendered and sanitised on save, as above. */
    translations: json<Record<string, PageTranslation>>("translations").notNull().default(sql`'{}'`),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    publishedAt: timestamp("published_at"),
  },
  (t) => [shopKey("pages", t), uniqueIndex("pages_shop_slug_unique").on(t.shopId, t.slug)],
);
