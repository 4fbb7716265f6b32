// A per-key cap on work in flight, with a short bounded queue and shedding beyond it. Used by the API
// (per shop, for storefront routes) and by the storefront (per shop, for renders that miss the cache),
// so one busy shop cannot take every other shop's share of a process. No Node or DOM imports: the
// storefront bundles this file as it is.

/** Ends one admitted piece of work; calling it again does nothing. */
export type Release = () => void;

type Lane = { inFlight: number; waiting: (() => void)[] };

export type ShopGate = {
  /**
   * Admits the key's work at once (a resolved promise), queues it behind the key's work in flight, or
   * answers undefined when the key's queue is full too: the caller sheds the request.
   */
  enter(key: string): Promise<Release> | undefined;
  /** Work in flight and waiting for a key, for logs and tests. */
  load(key: string): { inFlight: number; queued: number };
};

/**
 * @example
 *   const gate = createShopGate({ maxInFlight: 8, maxQueued: 16 });
 *   const admitted = gate.enter(shopKey);
 *   if (!admitted) return busy();
 *   const release = await admitted;
 *   try { return await work(); } finally { release(); }
 */
export function createShopGate(options: { maxInFlight: number; maxQueued: number }): ShopGate {
  // Only keys with work in flight have a lane, so the map stays as small as the set of busy shops.
  const lanes = new Map<string, Lane>();

  function releaseFor(key: string, lane: Lane): Release {
    let isDone = false;
    return () => {
      if (isDone) return;
      isDone = true;
      const next = lane.waiting.shift();
      // The slot passes straight to the next waiter, so the count in flight does not change.
      if (next) return next();
      lane.inFlight--;
      if (lane.inFlight === 0) lanes.delete(key);
    };
  }

  return {
    enter(key) {
      let lane = lanes.get(key);
      if (!lane) {
        lane = { inFlight: 0, waiting: [] };
        lanes.set(key, lane);
      }
      const admitted = lane;
      if (admitted.inFlight < options.maxInFlight) {
        admitted.inFlight++;
        return Promise.resolve(releaseFor(key, admitted));
      }
      if (admitted.waiting.length >= options.maxQueued) return undefined;
      return new Promise<Release>((resolve) => {
        admitted.waiting.push(() => resolve(releaseFor(key, admitted)));
      });
    },
    load(key) {
      const lane = lanes.get(key);
      return { inFlight: lane?.inFlight ?? 0, queued: lane?.waiting.length ?? 0 };
    },
  };
}
