// The API's Prometheus figures (decision 023). One registry per app, passed through Deps: tests build
// several apps in one process, and prom-client's default global registry would mix their counts.
// Labels are bounded on purpose: a route is its pattern (`/v1/shops/:shopId/orders`), never a raw path
// or a shop's host, and no series carries a shop id; a shop's own figures belong in its dashboard.
import type { KeptStreamCounts } from "@stall/db";
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from "prom-client";

/** What a work queue holds, read at scrape time. */
export type QueueBacklog = () => Promise<{ waiting: number; oldestWaitingCreatedAt: number | null }>;

/** What the outbox holds, read at scrape time. */
export type OutboxBacklog = () => Promise<{ waiting: number; oldestWaitingCreatedAt: number | null; failed: number }>;

/** Request durations in seconds: most answers take a few ms; a checkout with Stripe can take seconds. */
const DURATION_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/** How a Stripe webhook ended: applied, ignored on purpose (a replay, another account), refused, or broken. */
export type WebhookOutcome = "handled" | "ignored" | "bad_signature" | "failed";

/** One in-memory cache's figures at scrape time (decision 036). */
export type CacheFigures = { bytes: number; entries: number; budget: number };

/** The app's caches by name, each read at scrape time; filled while the app's routes are built. */
export type CacheWatch = Map<string, () => CacheFigures>;

/**
 * A counter fed at each scrape from running totals kept elsewhere (process-wide figures such as the
 * database's): each label value grows by what its total grew since the last scrape.
 */
function counterOfTotals(
  registry: Registry,
  options: { name: string; help: string; label: string; totals: () => Record<string, number> },
) {
  const counted: Record<string, number> = {};
  new Counter({
    name: options.name,
    help: options.help,
    labelNames: [options.label],
    registers: [registry],
    collect() {
      for (const [value, total] of Object.entries(options.totals())) {
        this.inc({ [options.label]: value }, Math.max(0, total - (counted[value] ?? 0)));
        counted[value] = total;
      }
    },
  });
}

export function createApiMetrics(options: {
  outbox: OutboxBacklog;
  /** The photo-import and AVIF queues (decision 039); absent, their gauges are not registered. */
  queues?: { photoImports: QueueBacklog; avif: QueueBacklog };
  now: () => number;
  caches?: CacheWatch;
  /** The embedded database's kept statements (decision 046), process-wide; absent, not registered. */
  statements?: () => { hits: number; misses: number; kept: number };
  /** sqld's streams kept open between requests over HTTP (decision 051); absent, not registered. */
  streams?: () => KeptStreamCounts;
}) {
  const registry = new Registry();
  // Memory, CPU, event-loop delay, heap and GC of this process, under the usual names
  // (process_resident_memory_bytes, nodejs_heap_size_used_bytes, nodejs_eventloop_lag_seconds, …).
  collectDefaultMetrics({ register: registry });

  const requests = new Counter({
    name: "stall_http_requests_total",
    help: "Requests answered by the API, by route pattern, method and status",
    labelNames: ["route", "method", "status"] as const,
    registers: [registry],
  });
  const duration = new Histogram({
    name: "stall_http_request_duration_seconds",
    help: "Time from receiving a request to its response being ready, by route pattern and method",
    labelNames: ["route", "method"] as const,
    buckets: DURATION_BUCKETS,
    registers: [registry],
  });
  const ordersPlaced = new Counter({
    name: "stall_orders_placed_total",
    help: "Orders placed by buyers (replays of the same order are not counted), by way of paying",
    labelNames: ["payment_method"] as const,
    registers: [registry],
  });
  const webhooks = new Counter({
    name: "stall_webhook_events_total",
    help: "Payment webhooks received, by provider and outcome (handled, ignored, bad_signature, failed)",
    labelNames: ["provider", "outcome"] as const,
    registers: [registry],
  });
  const rateLimited = new Counter({
    name: "stall_rate_limited_total",
    help: "Requests refused by a limit (429) or shed because a shop's lane was full (503), by limit",
    labelNames: ["limit"] as const,
    registers: [registry],
  });

  const snapshotLookups = new Counter({
    name: "stall_snapshot_cache_lookups_total",
    help: "Shop snapshots asked of the API, by result: not_modified (the ETag matched), hit (held in memory) or built",
    labelNames: ["result"] as const,
    registers: [registry],
  });
  // Ready-made for a dashboard panel; the counter above is what to use over a time range.
  new Gauge({
    name: "stall_snapshot_cache_hit_ratio",
    help: "Share of snapshot lookups since start answered without building one (not_modified or hit)",
    registers: [registry],
    async collect() {
      const values = (await snapshotLookups.get()).values;
      const total = values.reduce((sum, value) => sum + value.value, 0);
      const built = values.find((value) => value.labels.result === "built")?.value ?? 0;
      this.set(total === 0 ? 0 : (total - built) / total);
    },
  });

  // Every in-memory cache with its byte budget, labelled by name (a handful of fixed names, never a shop).
  const caches: CacheWatch = options.caches ?? new Map();
  const cacheGauge = (name: string, help: string, pick: (figures: CacheFigures) => number) =>
    new Gauge({
      name,
      help,
      labelNames: ["cache"] as const,
      registers: [registry],
      collect() {
        this.reset();
        for (const [cache, read] of caches) this.set({ cache }, pick(read()));
      },
    });
  cacheGauge("stall_cache_bytes", "Bytes an in-memory cache holds, as counted against its budget", (f) => f.bytes);
  cacheGauge("stall_cache_entries", "Entries an in-memory cache holds", (f) => f.entries);
  cacheGauge("stall_cache_budget_bytes", "An in-memory cache's byte budget (its *_CACHE_MB setting)", (f) => f.budget);

  // Prepared statements kept by the embedded database's connections (decision 046): a miss is a statement
  // prepared anew; a steady stream of misses means more distinct SQL than the connections keep.
  const statements = options.statements;
  if (statements) {
    new Gauge({
      name: "stall_db_statements_kept",
      help: "Prepared statements the embedded database's connections keep",
      registers: [registry],
      collect() {
        this.set(statements().kept);
      },
    });
    counterOfTotals(registry, {
      name: "stall_db_statement_lookups_total",
      help: "Statements asked of the embedded database's connections, by whether one was kept (hit) or prepared (miss)",
      label: "result",
      totals: () => {
        const figures = statements();
        return { hit: figures.hits, miss: figures.misses };
      },
    });
  }

  // sqld's streams over HTTP (decision 051): a request on a kept stream spares sqld opening a connection
  // (and reading the schema); a steady share of "new" means streams are not coming back clean.
  const streams = options.streams;
  if (streams) {
    new Gauge({
      name: "stall_db_streams_kept",
      help: "sqld streams kept open between requests",
      registers: [registry],
      collect() {
        this.set(streams().kept);
      },
    });
    counterOfTotals(registry, {
      name: "stall_db_stream_requests_total",
      help: "Requests to sqld over HTTP by stream: a kept one (kept), a new one then kept (new), or the client's own (own: transactions, PRAGMAs)",
      label: "stream",
      totals: () => {
        const figures = streams();
        return { kept: figures.reused, new: figures.opened, own: figures.own };
      },
    });
  }

  // The outbox is read once per scrape (exposition() starts each scrape afresh), whichever of its
  // gauges is collected first: the registry collects them concurrently.
  let backlog: ReturnType<OutboxBacklog> | undefined;
  const readBacklog = () => {
    backlog ??= options.outbox();
    return backlog;
  };
  new Gauge({
    name: "stall_outbox_waiting",
    help: "Emails in the outbox waiting to be sent or being sent",
    registers: [registry],
    async collect() {
      this.set((await readBacklog()).waiting);
    },
  });
  new Gauge({
    name: "stall_outbox_oldest_waiting_age_seconds",
    help: "How long the oldest waiting email has been in the outbox (0 when none waits)",
    registers: [registry],
    async collect() {
      const { oldestWaitingCreatedAt } = await readBacklog();
      this.set(oldestWaitingCreatedAt === null ? 0 : Math.max(0, (options.now() - oldestWaitingCreatedAt) / 1000));
    },
  });
  new Gauge({
    name: "stall_outbox_failed",
    help: "Emails the outbox gave up on (kept for the owner to see)",
    registers: [registry],
    async collect() {
      this.set((await readBacklog()).failed);
    },
  });

  // The other queues the same way: one read per queue per scrape, shared by its two gauges.
  const scrapeReads: (() => void)[] = [];
  const queueGauges = (prefix: string, what: string, read: QueueBacklog) => {
    let reading: ReturnType<QueueBacklog> | undefined;
    scrapeReads.push(() => {
      reading = undefined;
    });
    const once = () => {
      reading ??= read();
      return reading;
    };
    new Gauge({
      name: `${prefix}_waiting`,
      help: `${what} waiting or being worked on`,
      registers: [registry],
      async collect() {
        this.set((await once()).waiting);
      },
    });
    new Gauge({
      name: `${prefix}_oldest_waiting_age_seconds`,
      help: `How long the oldest of the ${what.toLowerCase()} waiting has waited (0 when none waits)`,
      registers: [registry],
      async collect() {
        const { oldestWaitingCreatedAt } = await once();
        this.set(oldestWaitingCreatedAt === null ? 0 : Math.max(0, (options.now() - oldestWaitingCreatedAt) / 1000));
      },
    });
  };
  if (options.queues) {
    queueGauges("stall_photo_imports", "Imported photos", options.queues.photoImports);
    queueGauges("stall_avif", "Photos to make AVIF copies of", options.queues.avif);
  }

  return {
    registry,
    /** One answered request; `route` is the matched route's pattern, or "unmatched". */
    recordRequest(route: string, method: string, status: number, seconds: number) {
      requests.inc({ route, method, status: String(status) });
      duration.observe({ route, method }, seconds);
    },
    orderPlaced(paymentMethod: string) {
      ordersPlaced.inc({ payment_method: paymentMethod });
    },
    webhook(provider: "stripe", outcome: WebhookOutcome) {
      webhooks.inc({ provider, outcome });
    },
    snapshotLookup(result: "not_modified" | "hit" | "built") {
      snapshotLookups.inc({ result });
    },
    refused(limit: string) {
      rateLimited.inc({ limit });
    },
    /** The text Prometheus scrapes, and its content type. */
    async exposition(): Promise<{ body: string; contentType: string }> {
      backlog = undefined;
      for (const reset of scrapeReads) reset();
      return { body: await registry.metrics(), contentType: registry.contentType };
    },
  };
}

export type ApiMetrics = ReturnType<typeof createApiMetrics>;
