// Makes the AVIF renditions uploads leave for later (decision 038). Every API process runs one; photos
// are claimed in the database with a lease (the leased-worker loop, decision 039), so two processes
// never make the same AVIF and a photo whose worker died is claimed again once the lease runs out. AVIF is CPU-heavy: each process makes
// `concurrency` photos at a time (AVIF_CONCURRENCY, default 1), so buyers' requests keep a core.
import { type AvifJob, avifQueue } from "@stall/db";
import { createLeasedWorker } from "../background/leased-worker.ts";
import type { Deps } from "../deps.ts";
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
  const worker = createLeasedWorker<AvifJob, AvifOutcome>({
    name: "AVIF",
    logger: deps.logger,
    concurrency: options.concurrency,
    claim: (room) => queue.claimDue(deps.clock.now(), { limit: room, leaseMs }),
    run: (job) => makeAvif(deps, jobOptions, job),
    describe: (job) => ({ shopId: job.shopId, mediaId: job.mediaId, attempt: job.attempts }),
    outcomes: ["done", "retried", "failed", "gone", "lost"],
    intervalMs: AVIF_DEFAULTS.intervalMs,
  });
  return {
    runOnce: async () => (await worker.runOnce()).claimed,
    start: worker.start,
    counts: worker.counts,
    stop: worker.stop,
  };
}
