import { platform, type ShopRow } from "@stall/db";
import { LRUCache } from "lru-cache";
import type { Deps } from "../../deps.ts";
import { withPodCounters } from "../../pods/shop-db.ts";

/** What a storefront request needs to know about the shop at a host before it touches anything else. */
export type HostEntry = Pick<
  ShopRow,
  "id" | "slug" | "status" | "deletionDueAt" | "isPublished" | "version" | "planId"
>;

/** Bytes an entry is counted as: its strings (two bytes a character in V8) and the object around them. */
function sizeOf(host: string, entry: HostEntry | null): number {
  return 96 + host.length * 2 + (entry ? 160 + (entry.id.length + entry.slug.length + entry.planId.length) * 2 : 0);
}

function normalise(host: string): string {
  return host.toLowerCase().replace(/:\d+$/, "").replace(/\.$/, "");
}

/**
 * Storefront host -> shop, held in memory (decision 036). The storefront asks for a shop's snapshot on
 * every page it renders; reading the shop row for each of those was most of the API's time on the path.
 *
 * Kept right across processes by one indexed read per interval: the database numbers every change to what a
 * host resolves to, per shop (migration 0014's triggers, whoever writes); the shops changed since the last
 * number this process saw are dropped and read again on their next use, and so are unknown hosts (a new
 * shop or domain may have taken one). An order in one shop (its version moves) leaves the others held. This process's own writes (any request that is not a GET or
 * HEAD) make the next lookup read the count at once, so an owner's edit is live on their next page view;
 * another process's edit is live within HOST_DIRECTORY_REFRESH_MS. Unknown hosts are held too (as null), so a flood of
 * requests for a shop that does not exist costs no database reads either.
 */
export function createHostDirectory(deps: Deps) {
  const settings = () => deps.config.caches;
  // Made on first use: the app is also built with no configuration at all, for the OpenAPI document.
  let held: LRUCache<string, { entry: HostEntry | null }> | undefined;
  /** The hosts held for each shop id ("" for unknown hosts), so one shop's change drops only its hosts. */
  const hostsOf = new Map<string, Set<string>>();
  const entries = () =>
    (held ??= new LRUCache<string, { entry: HostEntry | null }>({
      maxSize: Math.max(1, settings().hostDirectoryBytes),
      sizeCalculation: (value, host) => sizeOf(host, value.entry),
      dispose: (value, host) => {
        const shopId = value.entry?.id ?? "";
        const hosts = hostsOf.get(shopId);
        hosts?.delete(host);
        if (hosts?.size === 0) hostsOf.delete(shopId);
      },
    }));
  const hold = (host: string, entry: HostEntry | null) => {
    entries().set(host, { entry });
    const shopId = entry?.id ?? "";
    const hosts = hostsOf.get(shopId) ?? new Set<string>();
    hostsOf.set(shopId, hosts.add(host));
  };
  // Whole shop rows for buyers' checkouts and quotes (decision 048), by shop id: one is used only while
  // it carries the version its host's entry has, and goes when that entry's shop changes.
  let rows: LRUCache<string, ShopRow> | undefined;
  const heldRows = () =>
    (rows ??= new LRUCache<string, ShopRow>({
      maxSize: Math.max(1, settings().shopRowBytes),
      sizeCalculation: (row) => 64 + JSON.stringify(row).length * 2,
    }));
  /** Rows being read by id, so fifty buyers arriving at once read their shop once. */
  const rowReads = new Map<string, Promise<ShopRow | undefined>>();
  const drop = (shopIds: string[] | undefined) => {
    generation++;
    // '*' is a purged shop (migration 0014): its row is gone, so its hosts cannot be found by id.
    if (!shopIds || shopIds.includes("*")) {
      rows?.clear();
      return held?.clear();
    }
    for (const shopId of [...shopIds, ""]) {
      rows?.delete(shopId);
      for (const host of [...(hostsOf.get(shopId) ?? [])]) held?.delete(host);
    }
  };
  const shops = () => platform(deps.database.db).shops;
  /** Bumped each time entries are dropped, so a read that started before cannot put an old answer back. */
  let generation = 0;
  /** The last change number this process has seen; undefined until the first read. */
  let seen: number | undefined;
  /** The same for each pod other than home. */
  const seenOnPods = new Map<string, number>();
  let checkedAt = Number.NEGATIVE_INFINITY;
  /** Writes made by this process, and how many of them the last check of the count had seen. */
  let writes = 0;
  let writesChecked = 0;
  let checking: Promise<void> | undefined;
  /** `writes` when the check in flight started: it cannot vouch for writes after that. */
  let checkingWrites = 0;

  function startCheck(): Promise<void> {
    const writesBefore = writes;
    const startedAt = deps.clock.now();
    checkingWrites = writesBefore;
    checking = (async () => {
      try {
        // The pod directory first: a shop's hosts are read again on the pod it is now placed on.
        await deps.pods?.ensureFresh();
        const changes = await shops().directoryChangesSince(seen);
        let changed = changes.shopIds;
        // Pods other than home number the version changes of the shops they hold (their copies of the
        // shop rows carry the same triggers); a shop row leaving a pod there is a move, not a purge.
        for (const pod of deps.pods?.all().slice(1) ?? []) {
          const since = seenOnPods.get(pod.name);
          const onPod = await platform(pod.database.db).shops.directoryChangesSince(since);
          if (since !== undefined && changed !== undefined) {
            changed = onPod.shopIds ? [...changed, ...onPod.shopIds.filter((id) => id !== "*")] : undefined;
          }
          seenOnPods.set(pod.name, onPod.latest);
        }
        // Nothing is held before the first read, so there is nothing to drop then.
        if (seen !== undefined && (changed === undefined || changed.length > 0)) drop(changed);
        seen = changes.latest;
        checkedAt = startedAt;
        writesChecked = writesBefore;
      } finally {
        checking = undefined;
      }
    })();
    return checking;
  }

  /** Reads the count when the interval is up or this process wrote since; concurrent lookups share one read. */
  async function ensureFresh(): Promise<void> {
    for (;;) {
      if (writes === writesChecked && deps.clock.now() - checkedAt < settings().hostDirectoryRefreshMs) return;
      if (!checking) return startCheck();
      if (checkingWrites === writes) return checking;
      // The read in flight started before this process's latest write: wait for it, then read again.
      await checking.catch(() => undefined);
    }
  }

  /** The shop at `host` ({slug}.{root domain} or a verified custom domain), or undefined. */
  async function resolve(host: string): Promise<HostEntry | undefined> {
    await ensureFresh();
    const key = normalise(host);
    const found = entries().get(key);
    if (found) return found.entry ?? undefined;
    const startedIn = generation;
    const atHost = await shops().resolveHost(key, deps.config.rootDomain);
    // A shop on another pod: its version there counts too (decision 040).
    const row = atHost && (await withPodCounters(deps, atHost));
    const entry: HostEntry | null = row
      ? {
          id: row.id,
          slug: row.slug,
          status: row.status,
          deletionDueAt: row.deletionDueAt,
          isPublished: row.isPublished,
          version: row.version,
          planId: row.planId,
        }
      : null;
    // Only the entry: most lookups are the storefront's snapshots, which need no whole row.
    if (generation === startedIn) hold(key, entry);
    return entry ?? undefined;
  }

  /** The shop's whole row by id, read once for everyone asking at the same moment, and held. */
  function readRow(shopId: string): Promise<ShopRow | undefined> {
    const reading = rowReads.get(shopId);
    if (reading) return reading;
    const startedIn = generation;
    const read = (async () => {
      const found = await shops().findById(shopId);
      const row = found && (await withPodCounters(deps, found));
      if (row && generation === startedIn) heldRows().set(row.id, row);
      return row;
    })().finally(() => rowReads.delete(shopId));
    rowReads.set(shopId, read);
    return read;
  }

  return {
    resolve,
    /**
     * The whole row of the shop at `host`, for buyers' requests: from memory while it carries the version
     * the directory has for the host, so it is as fresh as the directory (this process's own owner edits
     * at once, another process's within HOST_DIRECTORY_REFRESH_MS). Counters that move without the
     * version (the next order number, storage used) may be old: buyers' requests decide nothing on them.
     */
    async shopAt(host: string): Promise<ShopRow | undefined> {
      const entry = await resolve(host);
      if (!entry) return undefined;
      const row = heldRows().get(entry.id);
      if (row && row.version === entry.version) return row;
      return readRow(entry.id);
    },
    /** This process wrote something: the next lookup checks the count before trusting any entry. */
    noteWrite() {
      writes++;
    },
    /** For /metrics. */
    figures: () => ({
      bytes: held?.calculatedSize ?? 0,
      entries: held?.size ?? 0,
      budget: settings().hostDirectoryBytes,
    }),
    /** For /metrics: the whole shop rows held. */
    rowFigures: () => ({
      bytes: rows?.calculatedSize ?? 0,
      entries: rows?.size ?? 0,
      budget: settings().shopRowBytes,
    }),
  };
}

export type HostDirectory = ReturnType<typeof createHostDirectory>;
