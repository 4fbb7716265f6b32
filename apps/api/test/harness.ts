// Builds the real app on a real libSQL file for one test file.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createSqldTestDb, createTestDb, type TestDatabase } from "@stall/db/testing";
import { createIdGenerator } from "@stall/domain";
import type { DnsResolver } from "../src/adapters/dns.ts";
import { createImageProcessor } from "../src/adapters/image-processor.ts";
import { createLocalMediaStore, type MediaStore } from "../src/adapters/media-store.ts";
import { createScryptHasher } from "../src/adapters/password-hasher.ts";
import { createStorefrontPages, type StorefrontPages } from "../src/adapters/storefront-pages.ts";
import type { PaymentProvider } from "../src/adapters/stripe-payments.ts";
import { createApp } from "../src/app.ts";
import { type Config, DEFAULT_CONFIG, type Deps } from "../src/deps.ts";
import type { Logger } from "../src/http/logger.ts";
import { checkAgainstContract } from "./contract.ts";

/** A parsed JSON body in tests, where the shape is what is being asserted. */
// biome-ignore lint/suspicious/noExplicitAny: test assertions read arbitrary JSON
export type Json = Record<string, any>;

/** A clock tests can move. */
export type TestClock = { now(): number; advance(ms: number): void; set(ms: number): void };

export function createTestClock(start = Date.UTC(2026, 10, 27, 12, 0, 0)): TestClock {
  let time = start;
  return {
    now: () => time,
    advance: (ms) => {
      time += ms;
    },
    set: (ms) => {
      time = ms;
    },
  };
}

/** DNS answers the test sets: hostname -> TXT records. */
export function createTestDns(): DnsResolver & { records: Map<string, string[][]> } {
  const records = new Map<string, string[][]>();
  return { records, resolveTxt: async (hostname) => records.get(hostname) ?? [] };
}

export type Harness = {
  app: ReturnType<typeof createApp>;
  deps: Deps;
  database: TestDatabase;
  clock: TestClock;
  dns: ReturnType<typeof createTestDns>;
  mediaStore: MediaStore;
  mediaDir: string;
  logs: { level: string; message: string; fields: Record<string, unknown> }[];
  cleanup(): void;
};

const NO_SHEDDING: Config["fairness"] = {
  windowMs: 1000,
  cartPerIp: 1_000_000,
  cartPerShop: 1_000_000,
  checkoutPerIp: 1_000_000,
  checkoutPerShop: 1_000_000,
  shopMaxInFlight: 1_000_000,
  shopMaxQueued: 0,
};

// Cheaper than OWASP's cost so suites stay fast; the production cost is tested on its own.
const testHasher = createScryptHasher({ cost: { N: 2 ** 12, r: 8, p: 1 } });

export async function createHarness(
  options: {
    config?: Partial<Config>;
    payments?: PaymentProvider;
    /** A fresh migrated file (default), a fresh sqld, or a database the test opened (a restored backup). */
    database?: "file" | "sqld" | TestDatabase;
    storefrontPages?: StorefrontPages;
  } = {},
): Promise<Harness> {
  const database =
    typeof options.database === "object"
      ? options.database
      : options.database === "sqld"
        ? await createSqldTestDb()
        : await createTestDb();
  const mediaDir = mkdtempSync(join(tmpdir(), "stall-media-"));
  const mediaStore = createLocalMediaStore(mediaDir);
  const logs: Harness["logs"] = [];
  const logger: Logger = {
    log(level, message, fields = {}) {
      logs.push({ level, message, fields });
    },
  };
  const clock = createTestClock();
  const dns = createTestDns();
  const deps: Deps = {
    database,
    clock,
    newId: createIdGenerator(() => clock.now()),
    logger,
    hasher: testHasher,
    images: createImageProcessor({ avifEffort: 0 }),
    mediaStore,
    dns,
    payments: options.payments,
    // No storefront runs beside app.request(): an export says its pages could not be made.
    storefrontPages: options.storefrontPages ?? createStorefrontPages({ baseUrl: "http://127.0.0.1:9", secret: "" }),
    config: {
      ...DEFAULT_CONFIG,
      secretKey: "test-secret-key-0123456789abcdef0123456789",
      // Every app.request() comes from the same "unknown" address: suites sign up many accounts.
      passwordThrottle: { ...DEFAULT_CONFIG.passwordThrottle, ip: { limit: 100_000, windowMs: 15 * 60_000 } },
      resetRequestThrottle: {
        ...DEFAULT_CONFIG.resetRequestThrottle,
        ip: { limit: 100_000, windowMs: 15 * 60_000 },
      },
      // Every app.request() comes from one unknown address at one instant of the test clock; load
      // shedding is tested on its own (fairness.int.test.ts) with its own limits.
      fairness: NO_SHEDDING,
      // Suites change shops straight in the database as well as through the API: the host directory
      // checks the change count before every lookup here (host-directory.int.test.ts tests the interval).
      caches: { ...DEFAULT_CONFIG.caches, hostDirectoryRefreshMs: 0 },
      ...options.config,
    },
  };
  return {
    // Every answer is checked against the OpenAPI document (test/contract.ts).
    app: checkAgainstContract(createApp(deps)),
    deps,
    database,
    clock,
    dns,
    mediaStore,
    mediaDir,
    logs,
    cleanup() {
      database.cleanup();
      rmSync(mediaDir, { recursive: true, force: true });
    },
  };
}
