import { and, asc, desc, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "../client.ts";
import { isUniqueViolation } from "../errors.ts";
import { media, mediaRenditions, plans, productMedia, productVariants, shops } from "../schema/index.ts";
import { shopFilter, writeFilter } from "./scope.ts";
import { bumpShopVersion } from "./shop-version.ts";

export type MediaRow = typeof media.$inferSelect;
export type RenditionRow = typeof mediaRenditions.$inferSelect;
export type MediaWithRenditions = MediaRow & { renditions: RenditionRow[] };
/** A photo recorded, found already there, or refused because the plan's storage is full. */
export type CreateMediaResult =
  | { status: "created" | "existing"; media: MediaWithRenditions }
  | { status: "over_quota"; usedBytes: number; quotaBytes: number };
export type NewMedia = Omit<typeof media.$inferInsert, "shopId"> & {
  renditions: Omit<typeof mediaRenditions.$inferInsert, "shopId" | "mediaId">[];
};

/** Photos of one shop and their renditions. */
export function mediaRepository(db: Db, shopId: string) {
  async function withRenditions(rows: MediaRow[]): Promise<MediaWithRenditions[]> {
    if (rows.length === 0) return [];
    const renditions = await db
      .select()
      .from(mediaRenditions)
      .where(
        shopFilter(
          mediaRenditions.shopId,
          shopId,
          inArray(
            mediaRenditions.mediaId,
            rows.map((row) => row.id),
          ),
        ),
      )
      .orderBy(asc(mediaRenditions.format), asc(mediaRenditions.width));
    return rows.map((row) => ({ ...row, renditions: renditions.filter((r) => r.mediaId === row.id) }));
  }

  return {
    /**
     * Records a processed photo and its renditions and counts its bytes against the shop's storage,
     * in one write, only if the bytes fit in the plan's quota. The check sits inside the write (the
     * media row is inserted only `WHERE used + bytes <= quota`; the renditions and the counter follow
     * only if that row exists), so uploads at the same instant cannot pass the quota together.
     * The same photo (same content hash) uploaded again returns the existing row.
     */
    async create(item: NewMedia): Promise<CreateMediaResult> {
      const existing = await this.findByHash(item.contentHash);
      if (existing) return { status: "existing", media: existing };
      const { renditions, ...fields } = item;
      const inserted = sql`EXISTS (SELECT 1 FROM media WHERE shop_id = ${shopId} AND id = ${fields.id})`;
      try {
        const [mediaInsert] = await db.batch([
          db.run(sql`
            INSERT INTO media (shop_id, id, content_hash, original_filename, mime_type, width, height, bytes, alt, created_at)
            SELECT ${shopId}, ${fields.id}, ${fields.contentHash}, ${fields.originalFilename ?? null}, ${fields.mimeType},
              ${fields.width}, ${fields.height}, ${fields.bytes}, ${fields.alt ?? ""}, ${fields.createdAt}
            FROM shops INNER JOIN plans ON plans.id = shops.plan_id
            WHERE shops.id = ${shopId} AND shops.storage_used_bytes + ${fields.bytes} <= plans.storage_quota_bytes`),
          ...renditions.map((r) =>
            db.run(sql`
              INSERT INTO media_renditions (shop_id, id, media_id, format, width, height, bytes, storage_key, created_at)
              SELECT ${shopId}, ${r.id}, ${fields.id}, ${r.format}, ${r.width}, ${r.height}, ${r.bytes}, ${r.storageKey}, ${r.createdAt}
              WHERE ${inserted}`),
          ),
          db
            .update(shops)
            .set({ storageUsedBytes: sql`${shops.storageUsedBytes} + ${fields.bytes}` })
            .where(and(eq(shops.id, shopId), inserted)),
        ]);
        if (mediaInsert.rowsAffected === 0) {
          const [usage] = await db
            .select({ usedBytes: shops.storageUsedBytes, quotaBytes: plans.storageQuotaBytes })
            .from(shops)
            .innerJoin(plans, eq(plans.id, shops.planId))
            .where(eq(shops.id, shopId));
          return { status: "over_quota", usedBytes: usage?.usedBytes ?? 0, quotaBytes: usage?.quotaBytes ?? 0 };
        }
      } catch (error) {
        // The same photo uploaded twice at once: the unique (shop, hash) index let one in, whole.
        const winner = isUniqueViolation(error) ? await this.findByHash(item.contentHash) : undefined;
        if (winner) return { status: "existing", media: winner };
        throw error;
      }
      const created = await this.get(fields.id);
      if (!created) throw new Error(`Media ${fields.id} vanished right after it was created`);
      return { status: "created", media: created };
    },

    async get(mediaId: string): Promise<MediaWithRenditions | undefined> {
      const rows = await db
        .select()
        .from(media)
        .where(shopFilter(media.shopId, shopId, eq(media.id, mediaId)));
      return (await withRenditions(rows))[0];
    },

    async findByHash(contentHash: string): Promise<MediaWithRenditions | undefined> {
      const rows = await db
        .select()
        .from(media)
        .where(shopFilter(media.shopId, shopId, eq(media.contentHash, contentHash)));
      return (await withRenditions(rows))[0];
    },

    /** Every photo of the shop, newest first. */
    async list(): Promise<MediaWithRenditions[]> {
      const rows = await db.select().from(media).where(shopFilter(media.shopId, shopId)).orderBy(desc(media.id));
      return withRenditions(rows);
    },

    async setAlt(mediaId: string, alt: string, now: number): Promise<MediaWithRenditions | undefined> {
      const exists = sql`EXISTS (SELECT 1 FROM ${media} WHERE ${media.shopId} = ${shopId} AND ${media.id} = ${mediaId})`;
      const [, updated] = await db.batch([
        bumpShopVersion(db, shopId, now, exists),
        db
          .update(media)
          .set({ alt })
          .where(writeFilter("update", "media", media.shopId, shopId, eq(media.id, mediaId)))
          .returning({ id: media.id }),
      ]);
      return updated.length === 1 ? this.get(mediaId) : undefined;
    },

    /** True when a product, a variant or the shop's logo shows the photo. */
    async isInUse(mediaId: string): Promise<boolean> {
      const [byProduct, byVariant, byLogo] = await Promise.all([
        db
          .select({ id: productMedia.mediaId })
          .from(productMedia)
          .where(shopFilter(productMedia.shopId, shopId, eq(productMedia.mediaId, mediaId)))
          .limit(1),
        db
          .select({ id: productVariants.id })
          .from(productVariants)
          .where(shopFilter(productVariants.shopId, shopId, eq(productVariants.mediaId, mediaId)))
          .limit(1),
        db
          .select({ id: shops.id })
          .from(shops)
          .where(and(eq(shops.id, shopId), eq(shops.logoMediaId, mediaId)))
          .limit(1),
      ]);
      return byProduct.length + byVariant.length + byLogo.length > 0;
    },

    /** Deletes the photo's rows and gives its bytes back to the shop's storage, in one write. */
    async delete(mediaId: string, now: number): Promise<boolean> {
      const photo = await this.get(mediaId);
      if (!photo) return false;
      const [, , deleted] = await db.batch([
        db
          .delete(mediaRenditions)
          .where(
            writeFilter(
              "delete",
              "media_renditions",
              mediaRenditions.shopId,
              shopId,
              eq(mediaRenditions.mediaId, mediaId),
            ),
          ),
        db
          .update(shops)
          .set({ storageUsedBytes: sql`MAX(0, ${shops.storageUsedBytes} - ${photo.bytes})`, updatedAt: now })
          .where(eq(shops.id, shopId)),
        db
          .delete(media)
          .where(writeFilter("delete", "media", media.shopId, shopId, eq(media.id, mediaId)))
          .returning({ id: media.id }),
      ]);
      return deleted.length === 1;
    },

    /** Photos of the given products, in display order, with renditions. */
    async forProducts(
      productIds: string[],
    ): Promise<(MediaWithRenditions & { productId: string; position: number })[]> {
      if (productIds.length === 0) return [];
      const rows = await db
        .select({ media, productId: productMedia.productId, position: productMedia.position })
        .from(productMedia)
        .innerJoin(media, and(eq(media.shopId, productMedia.shopId), eq(media.id, productMedia.mediaId)))
        .where(shopFilter(productMedia.shopId, shopId, inArray(productMedia.productId, productIds)))
        .orderBy(asc(productMedia.productId), asc(productMedia.position));
      const withR = await withRenditions(rows.map((row) => row.media));
      return rows.map((row, index) => ({
        ...(withR[index] as MediaWithRenditions),
        productId: row.productId,
        position: row.position,
      }));
    },
  };
}
