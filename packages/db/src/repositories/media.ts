import { and, asc, desc, eq, inArray, type SQL, sql } from "drizzle-orm";
import type { Db } from "../client.ts";
import { isUniqueViolation } from "../errors.ts";
import { media, mediaRenditions, plans, productMedia, productVariants, shops } from "../schema/index.ts";
import { type QueueBacklog, toBacklog } from "./queue-backlog.ts";
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
            INSERT INTO media (shop_id, id, content_hash, original_filename, mime_type, width, height, bytes, alt, created_at,
              avif_status, avif_next_attempt_at)
            SELECT ${shopId}, ${fields.id}, ${fields.contentHash}, ${fields.originalFilename ?? null}, ${fields.mimeType},
              ${fields.width}, ${fields.height}, ${fields.bytes}, ${fields.alt ?? ""}, ${fields.createdAt},
              ${fields.avifStatus ?? "ready"}, ${fields.avifStatus === "pending" ? (fields.avifNextAttemptAt ?? fields.createdAt) : null}
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

    /**
     * Adds the AVIF renditions a worker made (decision 038), counts their bytes against the shop's
     * storage and bumps the shop's version so cached pages start offering AVIF: one write, and only
     * while the photo is still pending under the lease `lockedUntil` and the bytes fit the plan.
     * "added", or why nothing changed: the photo is gone, the lease was lost, or no room is left.
     */
    async addAvif(
      mediaId: string,
      lockedUntil: number,
      renditions: Omit<typeof mediaRenditions.$inferInsert, "shopId" | "mediaId">[],
      now: number,
    ): Promise<"added" | "gone" | "lost" | "no_room"> {
      const [first] = renditions;
      if (!first) throw new Error("addAvif needs at least one rendition");
      const bytes = renditions.reduce((total, rendition) => total + rendition.bytes, 0);
      const insert = (r: (typeof renditions)[number], where: SQL) =>
        db.run(sql`
          INSERT INTO media_renditions (shop_id, id, media_id, format, width, height, bytes, storage_key, created_at)
          SELECT ${shopId}, ${r.id}, ${mediaId}, ${r.format}, ${r.width}, ${r.height}, ${r.bytes}, ${r.storageKey}, ${r.createdAt}
          WHERE ${where}`);
      // The first rendition goes in only while the photo is pending under our lease and the bytes fit;
      // everything after it follows only if it went in (its id is new), so the storage counter moving
      // partway through does not change the answer.
      const guard = sql`EXISTS (SELECT 1 FROM media WHERE shop_id = ${shopId} AND id = ${mediaId}
          AND avif_status = 'pending' AND avif_locked_until = ${lockedUntil})
        AND EXISTS (SELECT 1 FROM shops INNER JOIN plans ON plans.id = shops.plan_id
          WHERE shops.id = ${shopId} AND shops.storage_used_bytes + ${bytes} <= plans.storage_quota_bytes)`;
      const firstWentIn = sql`EXISTS (SELECT 1 FROM media_renditions WHERE shop_id = ${shopId} AND id = ${first.id})`;
      const results = await db.batch([
        insert(first, guard),
        ...renditions.slice(1).map((rendition) => insert(rendition, firstWentIn)),
        db
          .update(shops)
          .set({ storageUsedBytes: sql`${shops.storageUsedBytes} + ${bytes}` })
          .where(and(eq(shops.id, shopId), firstWentIn)),
        bumpShopVersion(db, shopId, now, firstWentIn),
        db
          .update(media)
          .set({ avifStatus: "ready", bytes: sql`${media.bytes} + ${bytes}`, avifLockedUntil: null })
          .where(writeFilter("update", "media", media.shopId, shopId, and(eq(media.id, mediaId), firstWentIn)))
          .returning({ id: media.id }),
      ]);
      if ((results.at(-1) as unknown[]).length === 1) return "added";
      const [row] = await db
        .select({ status: media.avifStatus, lockedUntil: media.avifLockedUntil })
        .from(media)
        .where(shopFilter(media.shopId, shopId, eq(media.id, mediaId)));
      if (!row) return "gone";
      return row.status === "pending" && row.lockedUntil === lockedUntil ? "no_room" : "lost";
    },

    /**
     * Records a failed try at the photo's AVIF: pending again from `retryAt`, or failed for good without
     * it (the photo keeps WebP and JPEG). Only the worker still holding the lease can write.
     */
    async failAvif(mediaId: string, lockedUntil: number, retryAt?: number): Promise<boolean> {
      const updated = await db
        .update(media)
        .set(
          retryAt === undefined
            ? { avifStatus: "failed", avifLockedUntil: null, avifNextAttemptAt: null }
            : { avifLockedUntil: null, avifNextAttemptAt: retryAt },
        )
        .where(
          writeFilter(
            "update",
            "media",
            media.shopId,
            shopId,
            and(eq(media.id, mediaId), eq(media.avifStatus, "pending"), eq(media.avifLockedUntil, lockedUntil)),
          ),
        )
        .returning({ id: media.id });
      return updated.length === 1;
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

export type AvifJob = { shopId: string; mediaId: string; attempts: number; lockedUntil: number };

/**
 * The platform-wide side of the AVIF work (decision 038): claims pending photos with a lease, nothing
 * else; every write after that goes through the photo's own shop.
 */
export function avifQueue(db: Db) {
  return {
    /**
     * Claims up to `limit` due photos (pending and due, and not held by a live lease) in one statement,
     * so two workers never take the same photo; a worker that died leaves a lease that runs out, and
     * the photo is claimed again. `attempts` already counts this one.
     */
    async claimDue(now: number, options: { limit: number; leaseMs: number }): Promise<AvifJob[]> {
      const due = sql`avif_status = 'pending' AND avif_next_attempt_at <= ${now}
        AND (avif_locked_until IS NULL OR avif_locked_until < ${now})`;
      // A cheap read first: most of the time nothing is due, and a claim is a write.
      const [any] = await db.select({ id: media.id }).from(media).where(due).limit(1);
      if (!any) return [];
      const claimed = await db
        .update(media)
        .set({ avifLockedUntil: now + options.leaseMs, avifAttempts: sql`${media.avifAttempts} + 1` })
        .where(
          sql`${media.id} IN (SELECT id FROM media WHERE ${due} ORDER BY avif_next_attempt_at, id LIMIT ${Math.max(0, options.limit)})`,
        )
        .returning({
          shopId: media.shopId,
          mediaId: media.id,
          attempts: media.avifAttempts,
          lockedUntil: media.avifLockedUntil,
        });
      return claimed.map((job) => ({ ...job, lockedUntil: job.lockedUntil as number }));
    },

    /** Photos waiting for their AVIF, platform-wide, and when the oldest was uploaded (metrics, tests). */
    async backlog(): Promise<QueueBacklog> {
      const [row] = await db
        .select({ count: sql<number>`count(*)`, oldest: sql<number | null>`min(${media.createdAt})` })
        .from(media)
        .where(eq(media.avifStatus, "pending"));
      return toBacklog(row);
    },

    /** Storage keys among `keys` that no rendition of any shop points at (safe to delete). */
    async unusedKeys(keys: string[]): Promise<string[]> {
      if (keys.length === 0) return [];
      const used = await db
        .select({ key: mediaRenditions.storageKey })
        .from(mediaRenditions)
        .where(inArray(mediaRenditions.storageKey, keys));
      const usedKeys = new Set(used.map((row) => row.key));
      return keys.filter((key) => !usedKeys.has(key));
    },
  };
}
