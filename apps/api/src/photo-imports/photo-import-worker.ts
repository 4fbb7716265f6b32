// Fetches the photos product imports queued (decision 030). Every API process runs one; items are
// claimed in the database with a lease, so several processes share the work and never take the same
// item, and the claim itself keeps at most `perShop` of one shop and `global` in all in flight.
// A worker that dies mid-photo leaves an item whose lease runs out; another worker tries it again.
import { photoImportQueue } from "@stall/db";
import type { MediaFetcher } from "../adapters/media-fetcher.ts";
import type { Deps } from "../deps.ts";
import { logWorkerFailure } from "../http/logger.ts";
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
  const totals: PhotoImportCounts = { done: 0, failed: 0, retried: 0, lost: 0 };
  const inFlight = new Set<Promise<void>>();
  let isRunning = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let claiming: Promise<number> | undefined;

  async function handle(item: Awaited<ReturnType<typeof queue.claimDue>>[number]): Promise<void> {
    const fields = { shopId: item.shopId, importId: item.importId, itemId: item.id, attempt: item.attempts };
    try {
      const outcome = await fetchImportedPhoto(deps, itemOptions, item);
      totals[outcome]++;
      if (outcome === "lost") deps.logger.log("warn", "photo import item was taken over by another worker", fields);
    } catch (error) {
      // Recording the outcome failed (database down): the lease brings the item back.
      logWorkerFailure(deps.logger, "photo import item could not be recorded", error, fields);
    }
  }

  /** Claims as many items as this process may take now and starts them; returns their promises. */
  async function claim(): Promise<Promise<void>[]> {
    const room = options.global - inFlight.size;
    if (room <= 0) return [];
    const items = await queue.claimDue(deps.clock.now(), {
      limit: room,
      perShop: options.perShop,
      global: options.global,
      leaseMs,
    });
    return items.map((item) => {
      const running = handle(item).finally(() => {
        inFlight.delete(running);
        if (isRunning) schedule(0);
      });
      inFlight.add(running);
      return running;
    });
  }

  function schedule(delayMs: number) {
    if (!isRunning) return;
    if (timer !== undefined) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = undefined;
      if (claiming) return;
      claiming = claim()
        .then((started) => started.length)
        .catch((error: unknown) => {
          logWorkerFailure(deps.logger, "photo import claim failed", error);
          return 0;
        })
        .finally(() => {
          claiming = undefined;
          if (isRunning && timer === undefined) schedule(intervalMs);
        });
    }, delayMs);
    // The loop alone never keeps the process alive.
    timer.unref();
  }

  let intervalMs: number = PHOTO_IMPORT_DEFAULTS.intervalMs;

  return {
    async runOnce() {
      const started = await claim();
      await Promise.all(started);
      return started.length;
    },
    start(every = PHOTO_IMPORT_DEFAULTS.intervalMs) {
      if (isRunning) return;
      isRunning = true;
      intervalMs = every;
      schedule(0);
    },
    counts: () => ({ ...totals }),
    async stop() {
      isRunning = false;
      if (timer !== undefined) clearTimeout(timer);
      timer = undefined;
      await claiming;
      await Promise.all([...inFlight]);
    },
  };
}
