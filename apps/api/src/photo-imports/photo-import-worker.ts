// Fetches the photos product imports queued (decision 030). Every API process runs one; items are
// claimed in the database with a lease (the leased-worker loop, decision 039), so several processes
// share the work and never take the same item, and the claim itself keeps at most `perShop` of one
// shop and `global` in all in flight.
// A worker that dies mid-photo leaves an item whose lease runs out; another worker tries it again.
import { type PhotoImportItemRow, photoImportQueue } from "@stall/db";
import type { MediaFetcher } from "../adapters/media-fetcher.ts";
import { createLeasedWorker } from "../background/leased-worker.ts";
import type { Deps } from "../deps.ts";
import { fetchImportedPhoto, type PhotoOutcome } from "../use-cases/media/fetch-imported-photo.ts";

export type PhotoImportWorkerOptions = {
  fetcher: MediaFetcher;
  /** Photos of one shop fetched at once, across every process (MEDIA_FETCH_PER_SHOP). */
  perShop: number;
  /** Photos fetched at once, across every process and shop (MEDIA_FETCH_GLOBAL). */
  global: number;
  /** How long a claim holds before another worker may take the item over (default 2 minutes). */
  leaseMs?: number;
  /** Tries before a passing failure (network, 5xx) is final (default 5). */
  maxAttempts?: number;
  backoff?: (attempt: number) => number;
};

export type PhotoImportCounts = Record<PhotoOutcome, number>;

export type PhotoImportWorker = {
  /** Claims what it may and fetches it, waiting for every claimed photo; returns how many it claimed. */
  runOnce(): Promise<number>;
  /** Looks for due photos every `intervalMs` (default 2 s), and at once whenever a photo finishes. */
  start(intervalMs?: number): void;
  counts(): PhotoImportCounts;
  /** Stops claiming and waits for the photos in flight. */
  stop(): Promise<void>;
};

export const PHOTO_IMPORT_DEFAULTS = { leaseMs: 2 * 60_000, maxAttempts: 5, intervalMs: 2_000 } as const;

/**
 * 10 s, 20 s, 40 s, … doubling per attempt, capped at 10 minutes, minus up to 10 % jitter so the
 * photos of one busy site do not all come back in the same second.
 */
export function photoBackoff(attempt: number, random: () => number = Math.random): number {
  const base = Math.min(10 * 60_000, 10_000 * 2 ** Math.max(0, attempt - 1));
  return Math.round(base * (1 - 0.1 * random()));
}

export function createPhotoImportWorker(deps: Deps, options: PhotoImportWorkerOptions): PhotoImportWorker {
  const queue = photoImportQueue(deps.database.db);
  const leaseMs = options.leaseMs ?? PHOTO_IMPORT_DEFAULTS.leaseMs;
  const itemOptions = {
    fetcher: options.fetcher,
    maxAttempts: options.maxAttempts ?? PHOTO_IMPORT_DEFAULTS.maxAttempts,
    backoff: options.backoff ?? ((attempt: number) => photoBackoff(attempt)),
  };
  const worker = createLeasedWorker<PhotoImportItemRow, PhotoOutcome>({
    name: "photo import",
    logger: deps.logger,
    // This process never holds more than the global limit; the claim counts what others hold too.
    concurrency: options.global,
    claim: (room) =>
      queue.claimDue(deps.clock.now(), { limit: room, perShop: options.perShop, global: options.global, leaseMs }),
    run: (item) => fetchImportedPhoto(deps, itemOptions, item),
    describe: (item) => ({ shopId: item.shopId, importId: item.importId, itemId: item.id, attempt: item.attempts }),
    outcomes: ["done", "failed", "retried", "lost"],
    intervalMs: PHOTO_IMPORT_DEFAULTS.intervalMs,
  });
  return {
    runOnce: async () => (await worker.runOnce()).claimed,
    start: worker.start,
    counts: worker.counts,
    stop: worker.stop,
  };
}
