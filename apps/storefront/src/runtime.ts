// The storefront's process-wide state: settings read from the environment at run time, the snapshot
// and page caches, and the cart and checkout API clients. Created on first use.
import {
  API_URL,
  LOG_LEVEL,
  METRICS_TOKEN,
  PAYMENT_PAGE_ORIGINS,
  PUBLIC_API_URL,
  STOREFRONT_PAGE_CACHE_MB,
  STOREFRONT_ROOT_DOMAIN,
  STOREFRONT_SECRET,
  STOREFRONT_SHOP_MAX_QUEUED,
  STOREFRONT_SHOP_MAX_RENDERS,
  STOREFRONT_SNAPSHOT_CACHE_MB,
  TRUST_PROXY,
} from "astro:env/server";
import { type CartApi, type CheckoutApi, createCartApi, createCheckoutApi, createSnapshotApi } from "./lib/api.ts";
import { createFairness, type Fairness } from "./lib/fairness.ts";
import {
  createFastPath,
  type FastDecision,
  type FastPath,
  type FastRequestHeaders,
  type FastResponse,
} from "./lib/fast-path.ts";
import { withSameOriginMedia } from "./lib/media-urls.ts";
import {
  type CacheFigures,
  createStorefrontMetrics,
  type RequestSeries,
  type StorefrontMetrics,
} from "./lib/metrics.ts";
import { createPageCache, type PageCache } from "./lib/page-cache.ts";
import {
  createRequestLog,
  type LinePart,
  type LogLevel,
  linePart,
  type RequestLog,
  requestIdOf,
} from "./lib/request-log.ts";
import { createSnapshotStore, type SnapshotStore } from "./lib/snapshot-store.ts";

export type Runtime = {
  apiUrl: string;
  publicApiUrl: string;
  rootDomain: string;
  buildId: string;
  snapshots: SnapshotStore;
  pages: PageCache;
  carts: CartApi;
  checkouts: CheckoutApi;
  /** Each shop's lane for renders that miss the cache, and the buyer's IP for the API (decision 014). */
  fairness: Fairness;
  /** This process's Prometheus figures (decision 023). */
  metrics: StorefrontMetrics;
  /** One JSON line per request (LOG_LEVEL=warn or above turns them off). */
  requestLog: RequestLog;
  /** Who may read /metrics: a bearer token, or "" for loopback scrapers only. */
  metricsToken: string;
  /** TRUST_PROXY: buyers' addresses come from the X-Forwarded-For hop the proxy adds. */
  trustProxy: boolean;
  /** Origins of the pages buyers pay on (Stripe Checkout), where the checkout form's post may lead. */
  paymentPageOrigins: string[];
  /** STOREFRONT_SECRET: proves a request for the saved copy comes from the API; "" refuses them all. */
  staticCopySecret: string;
};

let runtime: Runtime | undefined;
/** What the runtime keeps with each answer the fast path makes: where it is counted, and its log line's members. */
type FastNote = { series: RequestSeries; logPart: LinePart };
let fastPath: FastPath<FastNote> | undefined;

const MB = 1024 * 1024;

export function getRuntime(): Runtime {
  if (!runtime) {
    const apiUrl = API_URL.replace(/\/+$/, "");
    const fairness = createFairness({
      secret: STOREFRONT_SECRET ?? "",
      maxRenders: STOREFRONT_SHOP_MAX_RENDERS,
      maxQueued: STOREFRONT_SHOP_MAX_QUEUED,
    });
    let snapshotBytes = () => 0;
    let pageBytes = () => 0;
    let caches = (): Record<string, CacheFigures> => ({});
    const metrics = createStorefrontMetrics({
      snapshotBytes: () => snapshotBytes(),
      pageBytes: () => pageBytes(),
      caches: () => caches(),
    });
    runtime = {
      apiUrl,
      publicApiUrl: PUBLIC_API_URL.replace(/\/+$/, ""),
      rootDomain: STOREFRONT_ROOT_DOMAIN,
      buildId: __STALL_BUILD_ID__,
      snapshots: createSnapshotStore({
        source: createSnapshotApi({ apiUrl }),
        prepare: withSameOriginMedia,
        maxBytes: STOREFRONT_SNAPSHOT_CACHE_MB * MB,
        onStale: (host, error) => {
          console.warn(JSON.stringify({ level: "warn", msg: "serving a held snapshot", host, error: String(error) }));
        },
        onLookup: metrics.snapshotLookup,
      }),
      pages: createPageCache({ maxBytes: STOREFRONT_PAGE_CACHE_MB * MB }),
      carts: createCartApi({ apiUrl, headers: fairness.apiHeaders }),
      checkouts: createCheckoutApi({ apiUrl, headers: fairness.apiHeaders }),
      fairness,
      metrics,
      requestLog: createRequestLog(LOG_LEVEL as LogLevel),
      metricsToken: METRICS_TOKEN ?? "",
      trustProxy: TRUST_PROXY,
      paymentPageOrigins: PAYMENT_PAGE_ORIGINS.split(/[\s,]+/).filter(Boolean),
      staticCopySecret: STOREFRONT_SECRET ?? "",
    };
    const { snapshots, pages, buildId } = runtime;
    snapshotBytes = () => snapshots.heldBytes;
    pageBytes = () => pages.heldBytes;
    caches = () => ({
      snapshots: {
        bytes: snapshots.heldBytes,
        entries: snapshots.heldEntries,
        budget: STOREFRONT_SNAPSHOT_CACHE_MB * MB,
      },
      pages: { bytes: pages.heldBytes, entries: pages.size, budget: STOREFRONT_PAGE_CACHE_MB * MB },
    });
    fastPath = createFastPath<FastNote>({
      snapshot: (host) => snapshots.peek(host),
      page: (key) => pages.get(key),
      buildId,
      note: (facts) => ({
        series: metrics.seriesOf(facts.route, facts.method, facts.status),
        logPart: linePart(facts),
      }),
    });
  }
  return runtime;
}

/**
 * The warm-cache fast path for server.mjs: a cached page answered without the adapter, Astro or the
 * middleware, or undefined to hand the request to them. It only reads the caches the middleware fills,
 * so before the first request has created the runtime it answers undefined.
 *
 * With `mayWait` (the socket's path, decision 063), a shop whose snapshot must be checked first is
 * checked as the middleware would (the same `snapshots.get`, shared with any check already running), and
 * the request decided again once it is: the answer then comes as a promise. Without it, such a request
 * gets undefined and the middleware checks.
 *
 * Handed over on globalThis under a registered symbol because server.mjs cannot import this module: the
 * build bundles it into a hashed chunk, and the node adapter's entry only exports its own handler. The
 * runtime is one per process either way, and this module is the one that holds it.
 */
export function fastServe(
  method: string | undefined,
  url: string | undefined,
  headers: FastRequestHeaders,
  isHttps = false,
  mayWait = false,
): FastResponse | undefined | Promise<FastResponse | undefined> {
  const started = performance.now();
  const decision = fastPath?.(method, url, headers, isHttps);
  if (decision?.kind === "check-first" && mayWait && runtime) {
    return runtime.snapshots.get(decision.host).then(
      () => served(fastPath?.(method, url, headers, isHttps), headers, started),
      () => undefined,
    );
  }
  return served(decision, headers, started);
}

/** The response of an answer from memory, counted and logged; undefined for any other decision. */
function served(
  decision: FastDecision<FastNote> | undefined,
  headers: FastRequestHeaders,
  started: number,
): FastResponse | undefined {
  if (decision?.kind !== "serve" || !runtime) return undefined;
  // Served from memory: the snapshot and the page were both held. The series and the log line's members
  // were found and made when this answer was first made (decision 056).
  const durationMs = performance.now() - started;
  const { series, logPart } = decision.note;
  runtime.metrics.servedFromMemory(series, durationMs / 1000);
  const { requestLog } = runtime;
  if (requestLog.isOn) requestLog.prepared(logPart, requestIdOf(single(headers["x-request-id"])), durationMs);
  return decision.response;
}

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

export const FAST_SERVE = Symbol.for("stall.storefront.fastServe");
(globalThis as Record<symbol, unknown>)[FAST_SERVE] = fastServe;
