// Gives memory back to the machine once a process that worked goes quiet (decision 050).
//
// After a burst of work V8 keeps the pages its garbage lived in, pooled for the next burst, and the
// young generation at its grown size. Its own memory reducer would hand them back, but it waits until
// the allocation rate it last measured looks low, and that rate is only measured at garbage
// collections, which a quiet process no longer has: a storefront that had just rendered 10,000 shops'
// home pages held 70 MB more than it needed for two to three minutes. Here the event loop's use is
// sampled every few seconds; once the process has been quiet for `idleMs` after at least `minBusyMs` of
// work, one garbage collection that reduces the footprint runs (V8's "last resort" collection, the one
// it runs under memory pressure), then glibc is asked to hand back the pages it freed (malloc-trim.ts).
// It needs `gc`, which `--expose-gc` gives (the apps' NODE_OPTIONS, scripts/lib/app-node-options.ts);
// without it nothing happens.
import { performance } from "node:perf_hooks";
import { trimMalloc } from "./malloc-trim.ts";

/** What the sampler decides from: how long the last sample covered and how much of it the loop was busy. */
export type LoopSample = { elapsedMs: number; activeMs: number };

export type IdleMemoryPolicy = {
  /** Quiet this long before memory is given back. */
  idleMs: number;
  /** Busy time since the last release that makes another release worth its pause. */
  minBusyMs: number;
  /** A sample whose event loop was busy less than this share of the time counts as quiet. */
  quietShare: number;
};

export type IdleMemoryState = {
  /** How long the process has been quiet without a break, in ms. */
  quietMs: number;
  /** Event-loop busy time since the last release, in ms. */
  busyMs: number;
};

export const IDLE_MEMORY_START: IdleMemoryState = { quietMs: 0, busyMs: 0 };

/**
 * One sample's step: the state after it, and whether to give memory back now. A release forgets the
 * busy time, so a process that stays quiet is collected once, not every sample.
 * @example nextIdleMemoryState({ quietMs: 8000, busyMs: 5000 }, { elapsedMs: 5000, activeMs: 10 }, policy)
 *   // { state: { quietMs: 0, busyMs: 0 }, release: true } with idleMs 10,000 and minBusyMs 1,000
 */
export function nextIdleMemoryState(
  state: IdleMemoryState,
  sample: LoopSample,
  policy: IdleMemoryPolicy,
): { state: IdleMemoryState; release: boolean } {
  const isQuiet = sample.activeMs < sample.elapsedMs * policy.quietShare;
  const busyMs = state.busyMs + sample.activeMs;
  const quietMs = isQuiet ? state.quietMs + sample.elapsedMs : 0;
  if (quietMs >= policy.idleMs && busyMs >= policy.minBusyMs) {
    return { state: { quietMs: 0, busyMs: 0 }, release: true };
  }
  return { state: { quietMs, busyMs }, release: false };
}

/** V8's `gc` as `--expose-gc` defines it; `flavor: "last-resort"` collects until nothing more is freed. */
type ExposedGc = (options: { type: "major"; execution: "async"; flavor: "last-resort" }) => Promise<void> | undefined;

export type IdleMemory = {
  /** How many times memory was given back since start. */
  readonly releases: number;
  stop: () => void;
};

const MB = 2 ** 20;

/**
 * Samples the event loop every `sampleMs` and gives memory back once the process goes quiet after work
 * (see the top of this file). `idleMs` 0 turns it off, as does a process started without `--expose-gc`.
 * The timer does not keep the process alive.
 */
export function releaseMemoryWhenIdle(options: {
  idleMs: number;
  log: (line: Record<string, unknown>) => void;
  sampleMs?: number;
  minBusyMs?: number;
  quietShare?: number;
}): IdleMemory {
  const gc = (globalThis as { gc?: ExposedGc }).gc;
  let releases = 0;
  if (options.idleMs <= 0 || typeof gc !== "function") return { releases, stop: () => {} };
  const policy: IdleMemoryPolicy = {
    idleMs: options.idleMs,
    minBusyMs: options.minBusyMs ?? 1000,
    quietShare: options.quietShare ?? 0.02,
  };
  let state = IDLE_MEMORY_START;
  let last = performance.eventLoopUtilization();
  let running = false;
  const timer = setInterval(() => {
    const now = performance.eventLoopUtilization();
    const since = performance.eventLoopUtilization(now, last);
    last = now;
    const step = nextIdleMemoryState(state, { elapsedMs: since.idle + since.active, activeMs: since.active }, policy);
    state = step.state;
    if (!step.release || running) return;
    running = true;
    const before = { rss: process.memoryUsage.rss(), heap: process.memoryUsage().heapTotal };
    const started = performance.now();
    Promise.resolve(gc({ type: "major", execution: "async", flavor: "last-resort" }))
      .then(() => trimMalloc())
      .then((trimmed) => {
        releases += 1;
        options.log({
          level: "info",
          msg: "memory given back while idle",
          ms: Math.round(performance.now() - started),
          trimmed,
          rssMB: [before.rss, process.memoryUsage.rss()].map((bytes) => Math.round(bytes / MB)),
          heapMB: [before.heap, process.memoryUsage().heapTotal].map((bytes) => Math.round(bytes / MB)),
        });
      })
      .catch((error: unknown) => options.log({ level: "warn", msg: "memory release failed", error: String(error) }))
      .finally(() => {
        running = false;
        // The collection's own work is not a reason for another one.
        last = performance.eventLoopUtilization();
      });
  }, options.sampleMs ?? 5000);
  timer.unref();
  return {
    get releases() {
      return releases;
    },
    stop: () => clearInterval(timer),
  };
}
