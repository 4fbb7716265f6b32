// Production wiring: real adapters from parsed env.
import { join } from "node:path";
import type { Database } from "@stall/db";
import { createIdGenerator } from "@stall/domain";
import { createSystemDnsResolver } from "../adapters/dns.ts";
import { createImageProcessor } from "../adapters/image-processor.ts";
import { createLocalMediaStore } from "../adapters/media-store.ts";
import { createScryptHasher } from "../adapters/password-hasher.ts";
import { DEFAULT_CONFIG, type Deps } from "../deps.ts";
import type { Env } from "../env.ts";
import type { Logger } from "../http/logger.ts";

export function createDeps(env: Env, database: Database, logger: Logger): Deps {
  const clock = { now: () => Date.now() };
  return {
    database,
    clock,
    newId: createIdGenerator(clock.now),
    logger,
    hasher: createScryptHasher(),
    images: createImageProcessor(),
    mediaStore: createLocalMediaStore(join(env.dataDir, "media")),
    dns: createSystemDnsResolver(),
    config: {
      ...DEFAULT_CONFIG,
      bodyLimitBytes: env.BODY_LIMIT_BYTES,
      uploadLimitBytes: env.UPLOAD_LIMIT_BYTES,
      rootDomain: env.STOREFRONT_ROOT_DOMAIN,
      storefrontPort: env.STOREFRONT_PORT,
      dashboardUrl: env.PUBLIC_DASHBOARD_URL,
      publicApiUrl: env.PUBLIC_API_URL,
      trustProxy: env.TRUST_PROXY,
    },
  };
}
