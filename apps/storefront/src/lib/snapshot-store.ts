import { LRUCache } from "lru-cache";
import { heapSizeOf } from "./heap-size.ts";
import type { SnapshotLookupResult } from "./metrics.ts";
import type { Snapshot } from "./snapshot.ts";

/** What the API said about a host: a snapshot (with its ETag), unchanged since the ETag sent, or no shop. */
export type SnapshotAnswer = { status: 200; etag: string; snapshot: Snapshot } | { status: 304 } | { status: 404 };

/** Asks the API for a host's snapshot; throws when the API cannot be reached or answers oddly. */
export type SnapshotSource = (
  host: string,
  options: { ifNoneMatch?: string; preview?: string },
) => Promise<SnapshotAnswer>;

export type SnapshotLookup = { kind: "found"; snapshot: Snapshot } | { kind: "missing" };

type Entry = { lookup: SnapshotLookup; etag: string | undefined; checkedAt: number; size: number };

export type SnapshotStoreOptions = {
  source: SnapshotSource;
  /** Milliseconds since some epoch; tests pass their own clock. */
  now?: () => number;
  /** Ask the API again at most this often per host. */
  revalidateAfterMs?: number;
  /**
   * For this long after a check falls due, a request answers with the held snapshot and starts the check
   * in the background (decision 053); a request later than that waits for the API. Default:
   * `revalidateAfterMs`.
   */
  staleWhileRevalidateMs?: number;
  /** Memory the snapshots may take, counted as `heldSizeOf` estimates it. */
  maxBytes?: number;
  /** Turns a fresh snapshot into what pages render (photo URLs made same-origin, for example). */
  prepare?: (snapshot: Snapshot) => Snapshot;
  /** Told when the API could not be reached and a held snapshot was served instead. */
  onStale?: (host: string, error: unknown) => void;
  /** Told how each `get` was answered, for metrics (`peek` is counted by its caller). */
  onLookup?: (result: SnapshotLookupResult) => void;
};

const MISSING_SIZE = 64;
const ENTRY_SIZE = 256;

/**
 * What holding a snapshot costs the heap: the snapshot as parsed, and as much again for what pages build
 * from it and keep while it is held (its text in the page language and the indexes by slug and id,
 * shop-context.ts). Measured on the memory bench's 20-product shops and the 200-product demo shop, the
 * two together took 1.35 to 1.9 times the snapshot's estimate (`heap-size.ts`) in one language. Its
 * JSON's length, counted before, was a third of the heap the budget was meant to bound.
 */
export function heldSizeOf(snapshot: Snapshot): number {
  return 2 * heapSizeOf(snapshot) + ENTRY_SIZE;
}

/** How often a host's snapshot is checked again by default (`revalidateAfterMs`). */
export const REVALIDATE_AFTER_MS = 1000;

/**
 * Snapshots held in memory per host, revalidated with If-None-Match at most once per
 * `revalidateAfterMs`. A request that finds the check due, within `staleWhileRevalidateMs` of it falling
 * due, answers with the held snapshot and starts the check in the background; so do the requests that
 * come while that check runs. A busy shop's buyers never wait for the API (decision 053). A request later
 * than that window (a shop nobody asked for lately) waits for the check, and the requests that come
 * meanwhile share it. When the API is down, the last snapshot is served. Bounded by bytes (least
 * recently used go first).
 */
export function createSnapshotStore(options: SnapshotStoreOptions) {
  const now = options.now ?? Date.now;
  const revalidateAfterMs = options.revalidateAfterMs ?? REVALIDATE_AFTER_MS;
  const staleWhileRevalidateMs = options.staleWhileRevalidateMs ?? revalidateAfterMs;
  const prepare = options.prepare ?? ((snapshot: Snapshot) => snapshot);
  const entries = new LRUCache<string, Entry>({
    maxSize: options.maxBytes ?? 16 * 1024 * 1024,
    sizeCalculation: (entry) => entry.size,
  });
  /** Checks running per key; one in the background answers the held snapshot to everyone meanwhile. */
  const inFlight = new Map<string, { check: Promise<SnapshotLookup>; isInBackground: boolean }>();

  /**
   * Asks the API about `key`'s host. `report` tells `onLookup` how it was answered: false for a check in
   * the background, whose lookup was already counted as "refreshing".
   */
  async function revalidate(
    key: string,
    host: string,
    preview: string | undefined,
    report: boolean,
  ): Promise<SnapshotLookup> {
    const lookupWas = (result: SnapshotLookupResult) => {
      if (report) options.onLookup?.(result);
    };
    const held = entries.get(key);
    try {
      const answer = await options.source(host, {
        ...(held?.etag ? { ifNoneMatch: held.etag } : {}),
        ...(preview ? { preview } : {}),
      });
      if (answer.status === 304 && held) {
        held.checkedAt = now();
        lookupWas("revalidated");
        return held.lookup;
      }
      if (answer.status === 200 || answer.status === 404) lookupWas("fetched");
      if (answer.status === 200) {
        const snapshot = prepare(answer.snapshot);
        const lookup: SnapshotLookup = { kind: "found", snapshot };
        entries.set(key, { lookup, etag: answer.etag || undefined, checkedAt: now(), size: heldSizeOf(snapshot) });
        return lookup;
      }
      if (answer.status === 404) {
        const lookup: SnapshotLookup = { kind: "missing" };
        entries.set(key, { lookup, etag: undefined, checkedAt: now(), size: MISSING_SIZE + key.length });
        return lookup;
      }
      throw new Error(`The API answered 304 for ${host} without an ETag having been sent`);
    } catch (error) {
      if (!held) {
        lookupWas("error");
        throw error;
      }
      // Serve what we have and wait the usual interval before asking again.
      held.checkedAt = now();
      lookupWas("stale");
      options.onStale?.(host, error);
      return held.lookup;
    }
  }

  /** Starts a check of `key`; one in the background reports nothing to `onLookup` (see `revalidate`). */
  function check(key: string, host: string, preview: string | undefined, isInBackground: boolean) {
    const next = revalidate(key, host, preview, !isInBackground).finally(() => inFlight.delete(key));
    inFlight.set(key, { check: next, isInBackground });
    return next;
  }

  /** Whether the held entry is answered at once: a check in the background, or due within the window. */
  const isAnsweredWhileChecking = (held: Entry, running: { isInBackground: boolean } | undefined) =>
    running ? running.isInBackground : now() - held.checkedAt < revalidateAfterMs + staleWhileRevalidateMs;

  return {
    /** The snapshot of the shop at `host` (with a preview token, of an unpublished one), or missing. */
    get(host: string, preview?: string): Promise<SnapshotLookup> {
      const key = preview ? `${host} preview:${preview}` : host;
      const held = entries.get(key);
      if (held && now() - held.checkedAt < revalidateAfterMs) {
        options.onLookup?.("hit");
        return Promise.resolve(held.lookup);
      }
      const running = inFlight.get(key);
      if (held && isAnsweredWhileChecking(held, running)) {
        // With a snapshot held, a failed check (the API, `prepare`) serves it again rather than reject;
        // the catch is for a throwing `onStale` or `onLookup`, which would otherwise go unhandled.
        if (!running) check(key, host, preview, true).catch(() => undefined);
        options.onLookup?.("refreshing");
        return Promise.resolve(held.lookup);
      }
      if (running) {
        options.onLookup?.("shared");
        return running.check;
      }
      return check(key, host, preview, false);
    },
    /**
     * The published snapshot held for `host`, answered at once as `get` would answer it, or undefined when
     * `get` would wait for the API (nothing held, or held too long). Past the revalidation window it starts
     * the check in the background that `get` would, and nothing waits for it: for the server's synchronous
     * fast path, whose buyers then stay on it while the API is asked (decision 057). Counted by its caller.
     */
    peek(host: string): SnapshotLookup | undefined {
      const held = entries.get(host);
      if (!held) return undefined;
      if (now() - held.checkedAt < revalidateAfterMs) return held.lookup;
      const running = inFlight.get(host);
      if (!isAnsweredWhileChecking(held, running)) return undefined;
      if (!running) check(host, host, undefined, true).catch(() => undefined);
      return held.lookup;
    },
    /** Bytes held, for tests and metrics. */
    get heldBytes(): number {
      return entries.calculatedSize;
    },
    /** Hosts held (shops and unknown hosts), for /metrics. */
    get heldEntries(): number {
      return entries.size;
    },
  };
}

export type SnapshotStore = ReturnType<typeof createSnapshotStore>;
