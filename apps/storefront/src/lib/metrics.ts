// The storefront's Prometheus figures (decision 023), one registry per process (held by the runtime).
// A request is labelled by its Astro route pattern (`/products/[slug]`), never its path or its shop's
// host: a platform with a thousand shops keeps the same handful of series.
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from "prom-client";

/** How a snapshot lookup was answered (see snapshot-store.ts). */
export type SnapshotLookupResult = "hit" | "shared" | "revalidated" | "fetched" | "stale" | "error";

const DURATION_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];

/** One in-memory cache's figures at scrape time (decision 036). */
export type CacheFigures = { bytes: number; entries: number; budget: number };

export function createStorefrontMetrics(options: {
  snapshotBytes: () => number;
  pageBytes: () => number;
  /** Every cache by name (snapshots, pages), with its byte budget. */
  caches?: () => Record<string, CacheFigures>;
}) {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });

  const requests = new Counter({
    name: "stall_storefront_http_requests_total",
    help: "Requests answered by the storefront, by route pattern, method and status",
    labelNames: ["route", "method", "status"] as const,
    registers: [registry],
  });
  const duration = new Histogram({
    name: "stall_storefront_http_request_duration_seconds",
    help: "Time from a request reaching the storefront's handler to its response being ready, by route pattern",
    labelNames: ["route", "method"] as const,
    buckets: DURATION_BUCKETS,
    registers: [registry],
  });
  const snapshotLookups = new Counter({
    name: "stall_storefront_snapshot_cache_lookups_total",
    help: "Shop snapshot lookups, by result: hit (held and fresh), shared (waited for another request's check), revalidated (the API said unchanged), fetched, stale (API down, held one served), error",
    labelNames: ["result"] as const,
    registers: [registry],
  });
  const pageLookups = new Counter({
    name: "stall_storefront_page_cache_lookups_total",
    help: "Cacheable page requests, by result: hit (served from the page cache) or miss (rendered)",
    labelNames: ["result"] as const,
    registers: [registry],
  });
  const ratioOf = (counter: Counter<"result">, hits: string[]) => async () => {
    const values = (await counter.get()).values;
    const total = values.reduce((sum, value) => sum + value.value, 0);
    const hit = values
      .filter((value) => hits.includes(String(value.labels.result)))
      .reduce((sum, value) => sum + value.value, 0);
    return total === 0 ? 0 : hit / total;
  };
  const snapshotRatio = ratioOf(snapshotLookups, ["hit"]);
  const pageRatio = ratioOf(pageLookups, ["hit"]);
  new Gauge({
    name: "stall_storefront_snapshot_cache_hit_ratio",
    help: "Share of snapshot lookups since start answered from memory without asking the API",
    registers: [registry],
    async collect() {
      this.set(await snapshotRatio());
    },
  });
  new Gauge({
    name: "stall_storefront_page_cache_hit_ratio",
    help: "Share of cacheable page requests since start served from the page cache",
    registers: [registry],
    async collect() {
      this.set(await pageRatio());
    },
  });
  new Gauge({
    name: "stall_storefront_snapshot_cache_bytes",
    help: "Memory the held snapshots take (their JSON length)",
    registers: [registry],
    collect() {
      this.set(options.snapshotBytes());
    },
  });
  new Gauge({
    name: "stall_storefront_page_cache_bytes",
    help: "Memory the cached pages take (all encodings kept)",
    registers: [registry],
    collect() {
      this.set(options.pageBytes());
    },
  });

  // The same figures for every cache, labelled by its name, beside its budget (STOREFRONT_*_CACHE_MB).
  const cacheGauge = (name: string, help: string, pick: (figures: CacheFigures) => number) =>
    new Gauge({
      name,
      help,
      labelNames: ["cache"] as const,
      registers: [registry],
      collect() {
        this.reset();
        for (const [cache, figures] of Object.entries(options.caches?.() ?? {})) this.set({ cache }, pick(figures));
      },
    });
  cacheGauge("stall_storefront_cache_bytes", "Bytes a cache holds, as counted against its budget", (f) => f.bytes);
  cacheGauge("stall_storefront_cache_entries", "Entries a cache holds", (f) => f.entries);
  cacheGauge("stall_storefront_cache_budget_bytes", "A cache's byte budget", (f) => f.budget);

  return {
    recordRequest(route: string, method: string, status: number, seconds: number) {
      requests.inc({ route, method, status: String(status) });
      duration.observe({ route, method }, seconds);
    },
    snapshotLookup(result: SnapshotLookupResult) {
      snapshotLookups.inc({ result });
    },
    pageLookup(result: "hit" | "miss") {
      pageLookups.inc({ result });
    },
    async exposition(): Promise<{ body: string; contentType: string }> {
      return { body: await registry.metrics(), contentType: registry.contentType };
    },
  };
}

export type StorefrontMetrics = ReturnType<typeof createStorefrontMetrics>;
