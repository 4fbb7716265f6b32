import type { Clock } from "@stall/domain";
import { LRUCache } from "lru-cache";

export type WindowVerdict = { isAllowed: true } | { isAllowed: false; retryAfterSeconds: number };

/**
 * Counts requests per key in fixed windows that start at a key's first request: up to `limit` are
 * allowed per window, then refused until the window ends. In memory, per process. A fixed window lets a
 * key through at most twice its limit across a window boundary, which is fine for load shedding.
 *
 * Keys are held in an LRU of `maxBytes` (about 100 bytes a key plus the key itself), so a flood of new
 * addresses costs bounded memory (the oldest quiet keys are forgotten first, which only ever lets a
 * request through).
 */
export type RateWindow = ReturnType<typeof createRateWindow>;

export function createRateWindow(options: { limit: number; windowMs: number; clock: Clock; maxBytes: number }) {
  const windows = new LRUCache<string, { startedAt: number; count: number }>({
    maxSize: Math.max(1, options.maxBytes),
    sizeCalculation: (_window, key) => 100 + key.length * 2,
  });

  return {
    /** Counts one request for `key` if it is allowed. */
    hit(key: string): WindowVerdict {
      const now = options.clock.now();
      let window = windows.get(key);
      if (!window || now - window.startedAt >= options.windowMs || now < window.startedAt) {
        window = { startedAt: now, count: 0 };
        windows.set(key, window);
      }
      if (window.count >= options.limit) {
        const leftMs = window.startedAt + options.windowMs - now;
        return { isAllowed: false, retryAfterSeconds: Math.max(1, Math.ceil(leftMs / 1000)) };
      }
      window.count++;
      return { isAllowed: true };
    },
    /** For /metrics. */
    figures: () => ({ bytes: windows.calculatedSize, entries: windows.size, budget: options.maxBytes }),
  };
}
