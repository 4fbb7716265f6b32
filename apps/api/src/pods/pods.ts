// The pods this process knows (decision 040) and the in-memory pod directory: which database holds each
// shop's rows. With no pods configured there is nothing to look up: every shop is on home, and no
// request pays for the directory.
import {
  type Database,
  type Db,
  HOME_POD,
  type PodCounters,
  podCounters,
  podDirectory,
  type ShopPodRow,
  type ShopRow,
} from "@stall/db";

export type Pod = { name: string; database: Database };

export type Pods = {
  /** Every pod, home first. */
  all(): Pod[];
  database(name: string): Database;
  /** Reads the directory's changes when the interval is up (one indexed read); concurrent callers share it. */
  ensureFresh(): Promise<void>;
  /** Where the shop is now (after `ensureFresh`): its pod, and the pod it is moving to, if it is. */
  placement(shopId: string): { pod: string; movingTo: string | null };
  /** The database holding the shop's rows (during a move: the source, still read). */
  dbFor(shopId: string): Promise<Db>;
  /** Home's shop row with the counters the shop's pod holds laid over (the same row on home). */
  withCounters<T extends Pick<ShopRow, "id" | "version">>(row: T): Promise<T & Partial<PodCounters>>;
  /** How many moves this process has seen start or end, for tests and logs. */
  figures(): { placed: number; moving: number };
};

/**
 * `home` is DATABASE_URL's database; `others` the DATABASE_PODS ones. The directory is read whole once, then
 * only rows above the last change number, at most every `refreshMs` (so another process's move is seen
 * within it). No other pods: nothing is ever read, every shop is on home.
 */
export function createPods(
  home: Database,
  others: Pod[],
  options: { refreshMs: () => number; now: () => number },
): Pods {
  const pods = [{ name: HOME_POD, database: home }, ...others];
  const byName = new Map(pods.map((pod) => [pod.name, pod.database]));
  const rows = new Map<string, ShopPodRow>();
  let seen = 0;
  let checkedAt = Number.NEGATIVE_INFINITY;
  let checking: Promise<void> | undefined;

  const database = (name: string) => {
    const found = byName.get(name);
    if (!found) throw new Error(`The pod directory places a shop on "${name}", which DATABASE_PODS does not name`);
    return found;
  };
  const placement = (shopId: string) => {
    const row = rows.get(shopId);
    return { pod: row?.pod ?? HOME_POD, movingTo: row?.state === "moving" ? row.movingTo : null };
  };

  async function refresh(): Promise<void> {
    const startedAt = options.now();
    for (const row of await podDirectory(home.db).changedSince(seen)) {
      rows.set(row.shopId, row);
      seen = Math.max(seen, row.seq);
    }
    checkedAt = startedAt;
  }

  async function ensureFresh(): Promise<void> {
    if (others.length === 0) return;
    if (options.now() - checkedAt < options.refreshMs()) return;
    checking ??= refresh().finally(() => {
      checking = undefined;
    });
    return checking;
  }

  return {
    all: () => pods,
    database,
    ensureFresh,
    placement,
    async dbFor(shopId) {
      await ensureFresh();
      return database(placement(shopId).pod).db;
    },
    async withCounters(row) {
      await ensureFresh();
      const pod = placement(row.id).pod;
      if (pod === HOME_POD) return row;
      const counters = await podCounters(database(pod).db, row.id);
      if (!counters) return row;
      // Both versions only ever go up, so their sum moves with every change of either (decision 040).
      return { ...row, ...counters, version: row.version + counters.version };
    },
    figures: () => {
      let moving = 0;
      for (const row of rows.values()) if (row.state === "moving") moving++;
      return { placed: rows.size - moving, moving };
    },
  };
}
