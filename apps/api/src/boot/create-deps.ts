// Production wiring: real adapters from parsed env.
import { join } from "node:path";
import type { Database } from "@stall/db";
import { createIdGenerator } from "@stall/domain";
import { createSystemDnsResolver } from "../adapters/dns.ts";
import { createImageProcessor } from "../adapters/image-processor.ts";
import { createMediaFetcher, type MediaFetcher } from "../adapters/media-fetcher.ts";
import { createLocalMediaStore, type MediaStore } from "../adapters/media-store.ts";
import { createScryptHasher, OWASP_SCRYPT, type PooledPasswordHasher } from "../adapters/password-hasher.ts";
import { createS3MediaStore } from "../adapters/s3-media-store.ts";
import { createStorefrontPages } from "../adapters/storefront-pages.ts";
import { createStripePayments } from "../adapters/stripe-payments.ts";
import { DEFAULT_CONFIG, type Deps } from "../deps.ts";
import type { Env } from "../env.ts";
import type { Logger } from "../http/logger.ts";
import { resolveSecretKey } from "./secret-key.ts";

/** Photos on the local disk (default) or in an S3-compatible bucket shared by every process. */
export function createMediaStore(env: Env): MediaStore {
  if (
    env.MEDIA_STORE === "s3" &&
    env.S3_ENDPOINT &&
    env.S3_BUCKET &&
    env.S3_ACCESS_KEY_ID &&
    env.S3_SECRET_ACCESS_KEY
  ) {
    return createS3MediaStore({
      endpoint: env.S3_ENDPOINT,
      bucket: env.S3_BUCKET,
      region: env.S3_REGION,
      accessKeyId: env.S3_ACCESS_KEY_ID,
      secretAccessKey: env.S3_SECRET_ACCESS_KEY,
    });
  }
  return createLocalMediaStore(join(env.dataDir, "media"));
}

/** The password hasher: OWASP's cost, or the lower one a test asked for (TEST_PASSWORD_HASH_LOG2_N). */
export function createHasher(env: Env): PooledPasswordHasher {
  const log2N = env.TEST_PASSWORD_HASH_LOG2_N;
  return createScryptHasher(log2N === undefined ? {} : { cost: { ...OWASP_SCRYPT, N: 2 ** log2N } });
}

/** The photo-import fetcher: public addresses only unless MEDIA_FETCH_ALLOW_PRIVATE, the upload limit. */
export function createMediaFetcherFromEnv(env: Env): MediaFetcher {
  return createMediaFetcher({ allowPrivate: env.MEDIA_FETCH_ALLOW_PRIVATE, maxBytes: env.UPLOAD_LIMIT_BYTES });
}

const MB = 1024 * 1024;

export function createDeps(env: Env, database: Database, logger: Logger): Deps {
  const clock = { now: () => Date.now() };
  return {
    database,
    clock,
    newId: createIdGenerator(clock.now),
    logger,
    hasher: createHasher(env),
    images: createImageProcessor(),
    mediaStore: createMediaStore(env),
    dns: createSystemDnsResolver(),
    storefrontPages: createStorefrontPages({
      baseUrl: env.STOREFRONT_INTERNAL_URL,
      secret: env.STOREFRONT_SECRET ?? "",
    }),
    payments:
      env.STRIPE_SECRET_KEY && env.STRIPE_WEBHOOK_SECRET
        ? createStripePayments({ secretKey: env.STRIPE_SECRET_KEY, webhookSecret: env.STRIPE_WEBHOOK_SECRET })
        : undefined,
    config: {
      ...DEFAULT_CONFIG,
      bodyLimitBytes: env.BODY_LIMIT_BYTES,
      uploadLimitBytes: env.UPLOAD_LIMIT_BYTES,
      rootDomain: env.STOREFRONT_ROOT_DOMAIN,
      storefrontPort: env.STOREFRONT_PORT,
      dashboardUrl: env.PUBLIC_DASHBOARD_URL,
      operatorContactEmail: env.OPERATOR_CONTACT_EMAIL,
      publicApiUrl: env.PUBLIC_API_URL,
      trustProxy: env.TRUST_PROXY,
      secretKey: resolveSecretKey(env.SECRET_KEY, env.dataDir),
      fairness: {
        windowMs: env.RATE_LIMIT_WINDOW_MS,
        cartPerIp: env.CART_LIMIT_PER_IP,
        cartPerShop: env.CART_LIMIT_PER_SHOP,
        checkoutPerIp: env.CHECKOUT_LIMIT_PER_IP,
        checkoutPerShop: env.CHECKOUT_LIMIT_PER_SHOP,
        shopMaxInFlight: env.SHOP_MAX_IN_FLIGHT,
        shopMaxQueued: env.SHOP_MAX_QUEUED,
      },
      storefrontSecret: env.STOREFRONT_SECRET ?? "",
      metricsToken: env.METRICS_TOKEN ?? "",
      caches: {
        snapshotBytes: Math.round(env.SNAPSHOT_CACHE_MB * MB),
        shareImageBytes: Math.round(env.SHARE_IMAGE_CACHE_MB * MB),
        hostDirectoryBytes: Math.round(env.HOST_DIRECTORY_CACHE_MB * MB),
        shopRowBytes: Math.round(env.SHOP_ROW_CACHE_MB * MB),
        checkoutContextBytes: Math.round(env.CHECKOUT_CONTEXT_CACHE_MB * MB),
        rateLimitBytes: Math.round(env.RATE_LIMIT_CACHE_MB * MB),
        hostDirectoryRefreshMs: env.HOST_DIRECTORY_REFRESH_MS,
      },
      resetRequestThrottle: {
        ip: { ...DEFAULT_CONFIG.resetRequestThrottle.ip, limit: env.RESET_LINKS_PER_IP },
        email: { ...DEFAULT_CONFIG.resetRequestThrottle.email, limit: env.RESET_LINKS_PER_EMAIL },
      },
    },
  };
}
