import type { Database } from "@stall/db";
import type { Clock, IdKind } from "@stall/domain";
import type { DnsResolver } from "./adapters/dns.ts";
import type { ImageProcessor } from "./adapters/image-processor.ts";
import type { MediaStore } from "./adapters/media-store.ts";
import type { PasswordHasher } from "./adapters/password-hasher.ts";
import type { StorefrontPages } from "./adapters/storefront-pages.ts";
import type { PaymentProvider } from "./adapters/stripe-payments.ts";
import type { Logger } from "./http/logger.ts";
import type { ApiMetrics } from "./http/metrics.ts";
import type { Pods } from "./pods/pods.ts";

/** Settings use-cases need, resolved from env at boot (or set by tests). */
export type Config = {
  bodyLimitBytes: number;
  uploadLimitBytes: number;
  rootDomain: string;
  storefrontPort: number;
  dashboardUrl: string;
  /** Where owners appeal a suspension or closure or ask for a bigger plan (OPERATOR_CONTACT_EMAIL). */
  operatorContactEmail: string;
  publicApiUrl: string;
  /** Read the client IP from X-Forwarded-For (only behind a proxy you run). */
  trustProxy: boolean;
  sessionTtlMs: number;
  /** Signs preview links; the same in every API process. */
  secretKey: string;
  previewTtlMs: number;
  /** How long unpaid Stripe orders hold their stock (Stripe's minimum session life is 30 minutes). */
  paymentHoldMs: number;
  passwordResetTtlMs: number;
  inviteTtlMs: number;
  /** How long an unverified custom-domain claim lasts; until it is verified it blocks nobody. */
  domainClaimTtlMs: number;
  /** Sign-in throttling per account and per IP. */
  throttle: {
    account: { maxFailures: number; windowMs: number; lockMs: number };
    ip: { maxFailures: number; windowMs: number; lockMs: number };
  };
  /**
   * Password throttle: attempts at every route that hashes a new password (sign-up, reset confirm,
   * password change), per account and per IP, counted in the database (shared by every process).
   */
  passwordThrottle: {
    account: { limit: number; windowMs: number };
    ip: { limit: number; windowMs: number };
  };
  /**
   * Reset-link emails asked for, per IP and per email address (whether or not it has an account, so a
   * refusal tells nothing), counted in the database: each one sends an email to someone's inbox.
   */
  resetRequestThrottle: {
    ip: { limit: number; windowMs: number };
    email: { limit: number; windowMs: number };
  };
  /** Load shedding on the storefront routes, in memory per process (decision 014). */
  fairness: FairnessConfig;
  /** Shared with the storefront, which proves with it the buyer IP it forwards; "" trusts no such header. */
  storefrontSecret: string;
  /** Bearer token for /metrics (METRICS_TOKEN); "" opens it to loopback scrapers only (decision 023). */
  metricsToken: string;
  /** What this process may hold in memory, in bytes, per cache (decision 036); each is counted in /metrics. */
  caches: CacheConfig;
};

/** Byte budgets of the API's in-memory caches, and how fresh the host directory is kept. */
export type CacheConfig = {
  /** Storefront snapshots, as encoded JSON (SNAPSHOT_CACHE_MB). */
  snapshotBytes: number;
  /** Share cards chat apps show for links (SHARE_IMAGE_CACHE_MB). */
  shareImageBytes: number;
  /** Storefront host -> shop (HOST_DIRECTORY_CACHE_MB). */
  hostDirectoryBytes: number;
  /** Whole shop rows for buyers' checkouts and quotes, by shop (SHOP_ROW_CACHE_MB, decision 048). */
  shopRowBytes: number;
  /** What pricing an order reads besides the shop row, per shop (CHECKOUT_CONTEXT_CACHE_MB, decision 043). */
  checkoutContextBytes: number;
  /** The per-address and per-shop request counters of load shedding, all windows together (RATE_LIMIT_CACHE_MB). */
  rateLimitBytes: number;
  /**
   * How often the host directory asks the database whether another process changed a shop
   * (HOST_DIRECTORY_REFRESH_MS); this process's own writes are seen at once. 0 asks before every lookup.
   */
  hostDirectoryRefreshMs: number;
};

/** Requests per window on cart and checkout routes, and each shop's cap on work in flight. */
export type FairnessConfig = {
  windowMs: number;
  cartPerIp: number;
  cartPerShop: number;
  checkoutPerIp: number;
  checkoutPerShop: number;
  shopMaxInFlight: number;
  shopMaxQueued: number;
};

/** Everything the API's use-cases and routes depend on; built once at boot, or per test. */
export type Deps = {
  /** Home: DATABASE_URL's database, with every platform table (and every shop not placed on another pod). */
  database: Database;
  /** The other databases shops may be placed on (DATABASE_PODS, decision 040); absent: every shop is on home. */
  pods?: Pods;
  clock: Clock;
  newId: (kind: IdKind) => string;
  logger: Logger;
  hasher: PasswordHasher;
  images: ImageProcessor;
  mediaStore: MediaStore;
  dns: DnsResolver;
  /** Stripe; absent when no keys are set, and then paying by Stripe is simply not offered. */
  payments: PaymentProvider | undefined;
  /** The storefront, which renders the saved copy of a shop in its export. */
  storefrontPages: StorefrontPages;
  config: Config;
  /** This app's Prometheus figures; `createApp` makes a registry when none is given (one per app). */
  metrics?: ApiMetrics;
};

const MB = 1024 * 1024;

export const DEFAULT_CONFIG: Config = {
  bodyLimitBytes: 1024 * 1024,
  uploadLimitBytes: 25 * 1024 * 1024,
  rootDomain: "localhost",
  storefrontPort: 4321,
  dashboardUrl: "http://localhost:4322",
  operatorContactEmail: "support@stall.localhost",
  publicApiUrl: "http://localhost:8787",
  trustProxy: false,
  sessionTtlMs: 30 * 24 * 60 * 60 * 1000,
  secretKey: "",
  previewTtlMs: 7 * 24 * 60 * 60 * 1000,
  paymentHoldMs: 30 * 60 * 1000,
  passwordResetTtlMs: 60 * 60 * 1000,
  inviteTtlMs: 7 * 24 * 60 * 60 * 1000,
  domainClaimTtlMs: 72 * 60 * 60 * 1000,
  throttle: {
    account: { maxFailures: 5, windowMs: 15 * 60 * 1000, lockMs: 15 * 60 * 1000 },
    ip: { maxFailures: 50, windowMs: 15 * 60 * 1000, lockMs: 15 * 60 * 1000 },
  },
  passwordThrottle: {
    account: { limit: 5, windowMs: 15 * 60 * 1000 },
    ip: { limit: 30, windowMs: 15 * 60 * 1000 },
  },
  resetRequestThrottle: {
    ip: { limit: 10, windowMs: 15 * 60 * 1000 },
    email: { limit: 3, windowMs: 60 * 60 * 1000 },
  },
  fairness: {
    windowMs: 10_000,
    cartPerIp: 60,
    cartPerShop: 1000,
    checkoutPerIp: 10,
    checkoutPerShop: 100,
    shopMaxInFlight: 8,
    shopMaxQueued: 16,
  },
  storefrontSecret: "",
  metricsToken: "",
  caches: {
    snapshotBytes: 8 * MB,
    shareImageBytes: 16 * MB,
    hostDirectoryBytes: 8 * MB,
    shopRowBytes: 2 * MB,
    checkoutContextBytes: 4 * MB,
    rateLimitBytes: 8 * MB,
    hostDirectoryRefreshMs: 1000,
  },
};
