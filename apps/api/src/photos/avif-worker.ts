// Makes the AVIF renditions uploads leave for later (decision 038). Every API process runs one; photos
// are claimed in the database with a lease, so two processes never make the same AVIF and a photo
// whose worker died is claimed again once the lease runs out. AVIF is CPU-heavy: each process makes
// `concurrency` photos at a time (AVIF_CONCURRENCY, default 1), so buyers' requests keep a core.
import { type AvifJob, avifQueue } from "@stall/db";
import type { Deps } from "../deps.ts";
import { logWorkerFailure } from "../http/logger.ts";
import { type AvifOutcome, makeAvif } from "../use-cases/media/make-avif.ts";

export type AvifWorkerOptions = {
  /** Photos this process makes AVIF for at once (AVIF_CONCURRENCY). */
  concurrency: number;
  /** How long a claim holds before another worker may take the photo over (default 2 minutes). */
  leaseMs?: number;
  /** Tries before a photo is left with WebP and JPEG only (default 3). */
  maxAttempts?: number;
  backoff?: (attempt: number) => number;
};

export type AvifCounts = Record<AvifOutcome, number>;

export type AvifWorker = {
  /** Claims what it may and makes it, waiting for every claimed photo; returns how many it claimed. */
  runOnce(): Promise<number>;
  /** Looks for pending photos every `intervalMs` (default 1 s), and at once whenever one finishes. */
  start(intervalMs?: number): void;
  counts(): AvifCounts;
  /** Stops claiming and waits for the photos in flight. */
  stop(): Promise<void>;
};

export const AVIF_DEFAULTS = { leaseMs: 2 * 60_000, maxAttempts: 3, intervalMs: 1_000 } as const;

/** 30 s, then 2 minutes, then 8: a passing problem (a busy disk, memory) gets time to pass. */
export function avifBackoff(attempt: number): number {
  return 30_000 * 4 ** Math.max(0, attempt - 1);
}

export function createAvifWorker(deps: Deps, options: AvifWorkerOptions): AvifWorker {
  const queue = avifQueue(deps.database.db);
  const leaseMs = options.leaseMs ?? AVIF_DEFAULTS.leaseMs;
  const jobOptions = {
    maxAttempts: options.maxAttempts ?? AVIF_DEFAULTS.maxAttempts,
    backoff: options.backoff ?? avifBackoff,
  };
  const totals: AvifCounts = { done: 0, retried: 0, failed: 0, gone: 0, lost: 0 };
  const inFlight = new Set<Promise<void>>();
  let isRunning = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let claiming: Promise<number> | undefined;
  let intervalMs: number = AVIF_DEFAULTS.intervalMs;

  async function handle(job: AvifJob): Promise<void> {
    try {
      totals[await makeAvif(deps, jobOptions, job)]++;
    } catch (error) {
      // Recording the outcome failed (database down): the lease brings the photo back.
      logWorkerFailure(deps.logger, "AVIF job could not be recorded", error, {
        shopId: job.shopId,
        mediaId: job.mediaId,
      });
    }
  }

  async function claim(): Promise<Promise<void>[]> {
    const room = options.concurrency - inFlight.size;
    if (room <= 0) return [];
    const jobs = await queue.claimDue(deps.clock.now(), { limit: room, leaseMs });
    return jobs.map((job) => {
      const running = handle(job).finally(() => {
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
          logWorkerFailure(deps.logger, "AVIF claim failed", error);
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

  return {
    async runOnce() {
      const started = await claim();
      await Promise.all(started);
      return started.length;
    },
    start(every = AVIF_DEFAULTS.intervalMs) {
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
