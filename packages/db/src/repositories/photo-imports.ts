// Photos an import brings in (decision 030). The shop-bound repository writes and reads one shop's
// jobs; the queue (platform-wide, like the notifications outbox) only claims due items with a lease,
// and every write after that goes through the item's own shop again.
import { and, desc, eq, inArray, type SQL, sql } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import type { Db } from "../client.ts";
import {
  type PhotoFailure,
  photoImportItems,
  photoImports,
  productMedia,
  products,
  productVariants,
} from "../schema/index.ts";
import { type QueueBacklog, toBacklog } from "./queue-backlog.ts";
import { shopFilter, writeFilter } from "./scope.ts";
import { bumpShopVersion } from "./shop-version.ts";

export type PhotoImportRow = typeof photoImports.$inferSelect;
export type PhotoImportItemRow = typeof photoImportItems.$inferSelect;
export type NewPhotoImport = Omit<typeof photoImports.$inferInsert, "shopId" | "status" | "finishedAt">;
export type NewPhotoImportItem = Omit<
  typeof photoImportItems.$inferInsert,
  "shopId" | "importId" | "status" | "attempts" | "lockedUntil" | "error" | "failure" | "mediaId"
>;
export type PhotoCounts = { total: number; queued: number; fetching: number; done: number; failed: number };
export type PhotoImportSummary = PhotoImportRow & { photos: PhotoCounts };

/** Longest reason kept per item: a sentence, never a whole error page. */
const MAX_ERROR_LENGTH = 500;

function clip(error: string): string {
  return error.length > MAX_ERROR_LENGTH ? `${error.slice(0, MAX_ERROR_LENGTH - 1)}…` : error;
}

export function photoImportRepository(db: Db, shopId: string) {
  const itemOf = (itemId: string, lockedUntil: number): SQL =>
    writeFilter(
      "update",
      "photo_import_items",
      photoImportItems.shopId,
      shopId,
      and(
        eq(photoImportItems.id, itemId),
        eq(photoImportItems.status, "fetching"),
        eq(photoImportItems.lockedUntil, lockedUntil),
      ),
    );

  /** Marks the job finished once nothing of it is queued or being fetched. */
  const finishIfComplete = (importId: string, now: number) =>
    db
      .update(photoImports)
      .set({ status: "finished", finishedAt: now })
      .where(
        writeFilter(
          "update",
          "photo_imports",
          photoImports.shopId,
          shopId,
          and(
            eq(photoImports.id, importId),
            eq(photoImports.status, "fetching"),
            sql`NOT EXISTS (SELECT 1 FROM ${photoImportItems} WHERE ${photoImportItems.shopId} = ${shopId}
              AND ${photoImportItems.importId} = ${importId} AND ${photoImportItems.status} IN ('queued', 'fetching'))`,
          ),
        ),
      );

  async function countsFor(importIds: string[]): Promise<Map<string, PhotoCounts>> {
    const counts = new Map<string, PhotoCounts>();
    if (importIds.length === 0) return counts;
    const rows = await db
      .select({ importId: photoImportItems.importId, status: photoImportItems.status, count: sql<number>`count(*)` })
      .from(photoImportItems)
      .where(shopFilter(photoImportItems.shopId, shopId, inArray(photoImportItems.importId, importIds)))
      .groupBy(photoImportItems.importId, photoImportItems.status);
    for (const id of importIds) counts.set(id, { total: 0, queued: 0, fetching: 0, done: 0, failed: 0 });
    for (const row of rows) {
      const entry = counts.get(row.importId);
      if (!entry) continue;
      entry[row.status] = Number(row.count);
      entry.total += Number(row.count);
    }
    return counts;
  }

  return {
    /**
     * The job and its items, not yet run, for the import's own batch (so products and the photos they
     * wait for land together or not at all). A job with no photos is finished from the start.
     */
    createStatements(job: NewPhotoImport, items: NewPhotoImportItem[]): BatchItem<"sqlite">[] {
      const statements: BatchItem<"sqlite">[] = [
        db.insert(photoImports).values({
          ...job,
          shopId,
          photosTotal: items.length,
          status: items.length === 0 ? "finished" : "fetching",
          finishedAt: items.length === 0 ? job.createdAt : null,
        }),
      ];
      // SQLite caps bound variables per statement; 500 rows x 10 columns stays well under it.
      for (let start = 0; start < items.length; start += 500) {
        statements.push(
          db
            .insert(photoImportItems)
            .values(items.slice(start, start + 500).map((item) => ({ ...item, shopId, importId: job.id }))),
        );
      }
      return statements;
    },

    async get(importId: string): Promise<PhotoImportSummary | undefined> {
      const [row] = await db
        .select()
        .from(photoImports)
        .where(shopFilter(photoImports.shopId, shopId, eq(photoImports.id, importId)));
      if (!row) return undefined;
      const counts = await countsFor([row.id]);
      return { ...row, photos: counts.get(row.id) as PhotoCounts };
    },

    /** The newest jobs first. */
    async list(limit: number): Promise<PhotoImportSummary[]> {
      const rows = await db
        .select()
        .from(photoImports)
        .where(shopFilter(photoImports.shopId, shopId))
        .orderBy(desc(photoImports.createdAt), desc(photoImports.id))
        .limit(limit);
      const counts = await countsFor(rows.map((row) => row.id));
      return rows.map((row) => ({ ...row, photos: counts.get(row.id) as PhotoCounts }));
    },

    /** Items of a job with a given status (failed ones for the owner), each with its product's title. */
    async items(importId: string, status: PhotoImportItemRow["status"], limit: number) {
      return db
        .select({ item: photoImportItems, productTitle: products.title, productSlug: products.slug })
        .from(photoImportItems)
        .leftJoin(
          products,
          and(eq(products.shopId, photoImportItems.shopId), eq(products.id, photoImportItems.productId)),
        )
        .where(
          shopFilter(
            photoImportItems.shopId,
            shopId,
            and(eq(photoImportItems.importId, importId), eq(photoImportItems.status, status)),
          ),
        )
        .orderBy(photoImportItems.productId, photoImportItems.position)
        .limit(limit);
    },

    async getItem(itemId: string): Promise<PhotoImportItemRow | undefined> {
      const [row] = await db
        .select()
        .from(photoImportItems)
        .where(shopFilter(photoImportItems.shopId, shopId, eq(photoImportItems.id, itemId)));
      return row;
    },

    /** A photo this shop already brought in from the same address (another product, an earlier import). */
    async mediaIdForUrl(url: string): Promise<string | undefined> {
      const [row] = await db
        .select({ mediaId: photoImportItems.mediaId })
        .from(photoImportItems)
        .where(
          shopFilter(
            photoImportItems.shopId,
            shopId,
            and(eq(photoImportItems.url, url), eq(photoImportItems.status, "done")),
          ),
        )
        .limit(1);
      return row?.mediaId ?? undefined;
    },

    /**
     * Puts the photo on its product (at the item's position; a product that already shows it keeps its
     * place) and on its variants, marks the item done, finishes the job when it was the last one and
     * bumps the shop's version so the storefront shows it: one write. False when the lease was lost
     * (another worker took the item over), and then nothing changed.
     */
    async attach(item: PhotoImportItemRow, mediaId: string, now: number): Promise<boolean> {
      if (item.lockedUntil === null) return false;
      const productExists = sql`EXISTS (SELECT 1 FROM ${products} WHERE ${products.shopId} = ${shopId} AND ${products.id} = ${item.productId})`;
      const stillOurs = sql`EXISTS (SELECT 1 FROM ${photoImportItems} WHERE ${photoImportItems.shopId} = ${shopId}
        AND ${photoImportItems.id} = ${item.id} AND ${photoImportItems.status} = 'fetching'
        AND ${photoImportItems.lockedUntil} = ${item.lockedUntil})`;
      const statements: BatchItem<"sqlite">[] = [
        bumpShopVersion(db, shopId, now, sql`${stillOurs} AND ${productExists}`),
        db.run(sql`INSERT INTO ${productMedia} (shop_id, product_id, media_id, position)
          SELECT ${shopId}, ${item.productId}, ${mediaId}, ${item.position}
          WHERE ${stillOurs} AND ${productExists}
          ON CONFLICT DO NOTHING`),
      ];
      if (item.variantIds.length > 0) {
        statements.push(
          db
            .update(productVariants)
            .set({ mediaId, updatedAt: now })
            .where(
              writeFilter(
                "update",
                "product_variants",
                productVariants.shopId,
                shopId,
                and(
                  inArray(productVariants.id, item.variantIds),
                  eq(productVariants.productId, item.productId),
                  stillOurs,
                ),
              ),
            ),
        );
      }
      const done = db
        .update(photoImportItems)
        .set({ status: "done", mediaId, lockedUntil: null, error: null, failure: null, updatedAt: now })
        .where(itemOf(item.id, item.lockedUntil))
        .returning({ id: photoImportItems.id });
      statements.push(done, finishIfComplete(item.importId, now));
      const results = await db.batch(statements as [BatchItem<"sqlite">, ...BatchItem<"sqlite">[]]);
      return (results.at(-2) as unknown[]).length === 1;
    },

    /**
     * Records a failed attempt: with `retryAt` the item is queued again until then, otherwise it failed
     * for good (and the job may be finished). Only the worker still holding the lease can write.
     */
    async fail(
      item: PhotoImportItemRow,
      why: { failure: PhotoFailure; error: string },
      now: number,
      retryAt?: number,
    ): Promise<boolean> {
      if (item.lockedUntil === null) return false;
      const reason = { failure: why.failure, error: clip(why.error), lockedUntil: null, updatedAt: now };
      const update = db
        .update(photoImportItems)
        .set(
          retryAt === undefined
            ? { ...reason, status: "failed" }
            : { ...reason, status: "queued", nextAttemptAt: retryAt },
        )
        .where(itemOf(item.id, item.lockedUntil))
        .returning({ id: photoImportItems.id });
      const [rows] = await db.batch([update, finishIfComplete(item.importId, now)]);
      return rows.length === 1;
    },
  };
}

export type ClaimLimits = {
  /** Items claimed by this call at most. */
  limit: number;
  /** Items of one shop being fetched at once, across every worker. */
  perShop: number;
  /** Items being fetched at once, across every worker and shop. */
  global: number;
  leaseMs: number;
};

/** The platform-wide side: claims due items across shops, nothing else. */
export function photoImportQueue(db: Db) {
  return {
    /**
     * Claims due items (queued and due, or held by a worker whose lease ran out) in one statement, so
     * two workers never take the same item, and never more than `perShop` of one shop or `global` in
     * all being fetched at once (counting what other workers hold). `attempts` already counts this one.
     */
    async claimDue(now: number, limits: ClaimLimits): Promise<PhotoImportItemRow[]> {
      const until = now + limits.leaseMs;
      const busy = (alias: string, shopColumn?: string) =>
        sql.raw(
          `(SELECT count(*) FROM photo_import_items ${alias} WHERE ${alias}.status = 'fetching' AND ${alias}.locked_until >= ${Number(now)}${shopColumn ? ` AND ${alias}.shop_id = ${shopColumn}` : ""})`,
        );
      const candidates = sql`SELECT id FROM (
          SELECT i.id, i.next_attempt_at,
            ROW_NUMBER() OVER (PARTITION BY i.shop_id ORDER BY i.next_attempt_at, i.id) AS rank_in_shop,
            ${busy("f", "i.shop_id")} AS busy_in_shop
          FROM photo_import_items i
          WHERE (i.status = 'queued' AND i.next_attempt_at <= ${now})
             OR (i.status = 'fetching' AND i.locked_until < ${now})
        )
        WHERE rank_in_shop + busy_in_shop <= ${limits.perShop}
        ORDER BY next_attempt_at, id
        LIMIT max(0, min(${limits.limit}, ${limits.global} - ${busy("g")}))`;
      const claimed = await db
        .update(photoImportItems)
        .set({
          status: "fetching",
          lockedUntil: until,
          attempts: sql`${photoImportItems.attempts} + 1`,
          updatedAt: now,
        })
        .where(sql`${photoImportItems.id} IN (${candidates})`)
        .returning();
      return claimed.sort((a, b) => a.nextAttemptAt - b.nextAttemptAt || (a.id < b.id ? -1 : 1));
    },

    /**
     * Items queued or being fetched, platform-wide, and when the oldest of them was queued (metrics):
     * counts only, nothing of any one shop.
     */
    async backlog(): Promise<QueueBacklog> {
      const [row] = await db
        .select({ count: sql<number>`count(*)`, oldest: sql<number | null>`min(${photoImportItems.createdAt})` })
        .from(photoImportItems)
        .where(inArray(photoImportItems.status, ["queued", "fetching"]));
      return toBacklog(row);
    },
  };
}

export type PhotoImportRepository = ReturnType<typeof photoImportRepository>;
