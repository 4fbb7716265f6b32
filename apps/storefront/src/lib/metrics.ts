// The storefront's Prometheus figures (decision 023), one registry per process (held by the runtime).
// A request is labelled by its Astro route pattern (`/products/[slug]`), never its path or its shop's
// host: a platform with a thousand shops keeps the same handful of series.
import { Counter, collectDefaultMetrics, Gauge, type Histogram, Registry } from "prom-client";

/** How a snapshot lookup was answered (see snapshot-store.ts). */
export type SnapshotLookupResult = "hit" | "refreshing" | "shared" | "revalidated" | "fetched" | "stale" | "error";

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

  // Counted per request in plain numbers, handed to prom-client when scraped: its inc() and observe()
  // hash their labels on every call, which cost a warm page more than its cache lookup (decision 037).
  const requestTally = new Map<string, { labels: { route: string; method: string; status: string }; n: number }>();
  new Counter({
    name: "stall_storefront_http_requests_total",
    help: "Requests answered by the storefront, by route pattern, method and status",
    labelNames: ["route", "method", "status"] as const,
    registers: [registry],
    collect() {
      for (const entry of requestTally.values()) {
        if (entry.n > 0) this.inc(entry.labels, entry.n);
        entry.n = 0;
      }
    },
  });
  const duration = createTallyHistogram({
    name: "stall_storefront_http_request_duration_seconds",
    help: "Time from a request reaching the storefront's handler to its response being ready, by route pattern",
    buckets: DURATION_BUCKETS,
  });
  registry.registerMetric(duration as unknown as Histogram);
  const lookupCounter = (name: string, help: string) => {
    const tally = new Map<string, { n: number }>();
    const counter = new Counter({
      name,
      help,
      labelNames: ["result"] as const,
      registers: [registry],
      collect() {
        for (const [result, entry] of tally) {
          if (entry.n > 0) this.inc({ result }, entry.n);
          entry.n = 0;
        }
      },
    });
    const entryFor = (result: string) => {
      let entry = tally.get(result);
      if (!entry) {
        entry = { n: 0 };
        tally.set(result, entry);
      }
      return entry;
    };
    return {
      counter,
      inc: (result: string) => {
        entryFor(result).n += 1;
      },
      entryFor,
    };
  };
  const snapshotLookups = lookupCounter(
    "stall_storefront_snapshot_cache_lookups_total",
    "Shop snapshot lookups, by result: hit (held and fresh), refreshing (held one answered while the API is asked again), shared (waited for another request's check), revalidated (the API said unchanged), fetched, stale (API down, held one served), error",
  );
  const pageLookups = lookupCounter(
    "stall_storefront_page_cache_lookups_total",
    "Cacheable page requests, by result: hit (served from the page cache) or miss (rendered)",
  );
  const ratioOf = (lookups: { counter: Counter<"result"> }, hits: string[]) => async () => {
    const values = (await lookups.counter.get()).values;
    const total = values.reduce((sum, value) => sum + value.value, 0);
    const hit = values
      .filter((value) => hits.includes(String(value.labels.result)))
      .reduce((sum, value) => sum + value.value, 0);
    return total === 0 ? 0 : hit / total;
  };
  const snapshotRatio = ratioOf(snapshotLookups, ["hit", "refreshing"]);
  const pageRatio = ratioOf(pageLookups, ["hit"]);
  new Gauge({
    name: "stall_storefront_snapshot_cache_hit_ratio",
    help: "Share of snapshot lookups since start answered from memory without waiting for the API",
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

  /** One route, method and status's count and durations, found once and kept by whoever records often. */
  const seriesOf = (route: string, method: string, status: number): RequestSeries => {
    const key = `${route}\u0000${method}\u0000${status}`;
    let entry = requestTally.get(key);
    if (!entry) {
      entry = { labels: { route, method, status: String(status) }, n: 0 };
      requestTally.set(key, entry);
    }
    const counted = entry;
    const durations = duration.seriesOf(route, method);
    return {
      record(seconds: number) {
        counted.n += 1;
        durations.observe(seconds);
      },
    };
  };
  const snapshotHits = snapshotLookups.entryFor("hit");
  const pageHits = pageLookups.entryFor("hit");

  return {
    recordRequest(route: string, method: string, status: number, seconds: number) {
      seriesOf(route, method, status).record(seconds);
    },
    seriesOf,
    /**
     * A warm page answered from memory by the fast path: a snapshot hit, a page hit and the request, with
     * its series found when the answer was first made (decision 056).
     */
    servedFromMemory(series: RequestSeries, seconds: number) {
      snapshotHits.n += 1;
      pageHits.n += 1;
      series.record(seconds);
    },
    snapshotLookup(result: SnapshotLookupResult) {
      snapshotLookups.inc(result);
    },
    pageLookup(result: "hit" | "miss") {
      pageLookups.inc(result);
    },
    async exposition(): Promise<{ body: string; contentType: string }> {
      return { body: await registry.metrics(), contentType: registry.contentType };
    },
  };
}

export type StorefrontMetrics = ReturnType<typeof createStorefrontMetrics>;

/** What one route, method and status records per request: its count and its duration. */
export type RequestSeries = { record(seconds: number): void };

/**
 * A histogram by route and method kept in plain arrays, read by prom-client's registry as a metric of its
 * own (the shape its Histogram.get() answers). A series is found once (a map lookup); its observe() is a
 * few additions.
 */
function createTallyHistogram(options: { name: string; help: string; buckets: number[] }) {
  const { name, buckets } = options;
  type Series = { labels: { route: string; method: string }; counts: number[]; sum: number; count: number };
  const series = new Map<string, Series>();
  return {
    name,
    help: options.help,
    type: "histogram",
    aggregator: "sum",
    /** One route and method's series; its `observe` is a few additions. reset() zeroes it, never drops it. */
    seriesOf(route: string, method: string) {
      const key = `${route}\u0000${method}`;
      let entry = series.get(key);
      if (!entry) {
        entry = { labels: { route, method }, counts: buckets.map(() => 0), sum: 0, count: 0 };
        series.set(key, entry);
      }
      const held = entry;
      return {
        observe(seconds: number) {
          for (let i = 0; i < buckets.length; i++) {
            if (seconds <= (buckets[i] as number)) {
              held.counts[i] = (held.counts[i] as number) + 1;
              break;
            }
          }
          held.sum += seconds;
          held.count += 1;
        },
      };
    },
    async get() {
      const values: { labels: Record<string, string | number>; value: number; metricName: string }[] = [];
      for (const entry of series.values()) {
        let cumulative = 0;
        buckets.forEach((bound, i) => {
          cumulative += entry.counts[i] as number;
          values.push({ labels: { le: bound, ...entry.labels }, value: cumulative, metricName: `${name}_bucket` });
        });
        values.push({ labels: { le: "+Inf", ...entry.labels }, value: entry.count, metricName: `${name}_bucket` });
        values.push({ labels: entry.labels, value: entry.sum, metricName: `${name}_sum` });
        values.push({ labels: entry.labels, value: entry.count, metricName: `${name}_count` });
      }
      return { name, help: options.help, type: "histogram", values, aggregator: "sum" };
    },
    reset() {
      for (const entry of series.values()) {
        entry.counts.fill(0);
        entry.sum = 0;
        entry.count = 0;
      }
    },
  };
}
