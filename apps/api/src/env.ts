import { isAbsolute, join, resolve } from "node:path";
import { z } from "zod";

const Port = z.coerce.number().int().min(1).max(65535);
/** Requests allowed per rate-limit window. */
const Count = z.coerce.number().int().min(1).max(1_000_000);
/** A cache's budget in MB (fractions allowed, for small machines and tests). */
const CacheMb = z.coerce
  .number()
  .min(0.1)
  .max(64 * 1024);

/** Every setting the API reads, with its default. Read once at boot; nothing else touches process.env. */
export const EnvSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  API_HOST: z.string().min(1).optional(),
  API_PORT: Port.default(8787),
  DATABASE_URL: z
    .string()
    .regex(/^(file:|https?:\/\/|wss?:\/\/|libsql:\/\/)/, "must start with file:, http(s)://, ws(s):// or libsql://")
    // Unset: `stall.db` in DATA_DIR, so one folder holds the database with its photos and mail.
    .optional(),
  DATABASE_AUTH_TOKEN: z.string().min(1).optional(),
  // Other databases shops can be placed on (decision 040): `name=url,name=url`, a token as the URL's
  // `?authToken=`. Empty (the default): one database, every shop on it.
  DATABASE_PODS: z
    .string()
    .default("")
    .transform((value, context) => {
      const pods: { name: string; url: string }[] = [];
      for (const part of value
        .split(",")
        .map((item) => item.trim())
        .filter(Boolean)) {
        const [name = "", ...rest] = part.split("=");
        const url = rest.join("=");
        if (!/^[a-z0-9][a-z0-9-]{0,31}$/.test(name) || name === "home") {
          context.addIssue({
            code: "custom",
            message: `"${name}" is not a pod name: use lower-case letters, digits and dashes (and not "home", DATABASE_URL's name)`,
          });
        } else if (!/^(file:|https?:\/\/|wss?:\/\/|libsql:\/\/)/.test(url)) {
          context.addIssue({
            code: "custom",
            message: `pod "${name}": the URL must start with file:, http(s)://, ws(s):// or libsql://`,
          });
        } else if (pods.some((pod) => pod.name === name)) {
          context.addIssue({ code: "custom", message: `pod "${name}" is named twice` });
        } else pods.push({ name, url });
      }
      return pods;
    }),
  // Write batches/transactions of one process in flight at once on sqld or Turso (decision 035).
  DATABASE_MAX_WRITERS: z.coerce.number().int().min(1).max(256).default(2),
  DATA_DIR: z.string().min(1).default("./data"),
  STOREFRONT_ROOT_DOMAIN: z
    .string()
    .regex(/^[a-z0-9.-]+$/, "must be a bare domain such as localhost or shops.example.com")
    .default("localhost"),
  STOREFRONT_PORT: Port.default(4321),
  DASHBOARD_PORT: Port.default(4322),
  PUBLIC_API_URL: z.url().optional(),
  PUBLIC_DASHBOARD_URL: z.url().optional(),
  UPLOAD_LIMIT_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .max(200 * 1024 * 1024)
    .default(25 * 1024 * 1024),
  TRUST_PROXY: z
    .enum(["true", "false", "1", "0"])
    .default("false")
    .transform((value) => value === "true" || value === "1"),
  MEDIA_STORE: z.enum(["disk", "s3"]).default("disk"),
  // Photos named in an imported product file (decision 030): private addresses are refused unless allowed.
  MEDIA_FETCH_ALLOW_PRIVATE: z
    .enum(["true", "false", "1", "0"])
    .default("false")
    .transform((value) => value === "true" || value === "1"),
  MEDIA_FETCH_PER_SHOP: z.coerce.number().int().min(1).max(100).default(1),
  MEDIA_FETCH_GLOBAL: z.coerce.number().int().min(1).max(1000).default(2),
  // Photos each API process makes AVIF for at once, after their upload answered (decision 038).
  AVIF_CONCURRENCY: z.coerce.number().int().min(1).max(16).default(1),
  // Payment reconciliation runs once per this period across every API process (a lease, decision 039).
  RECONCILE_INTERVAL_MS: z.coerce.number().int().min(1000).max(86_400_000).default(300_000),
  S3_ENDPOINT: z.url().optional(),
  S3_BUCKET: z.string().min(3).max(63).optional(),
  S3_REGION: z.string().min(1).default("us-east-1"),
  S3_ACCESS_KEY_ID: z.string().min(1).optional(),
  S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
  SECRET_KEY: z.string().min(32, "use at least 32 random characters (openssl rand -hex 32)").optional(),
  STRIPE_SECRET_KEY: z
    .string()
    .regex(/^(sk|rk)_(test|live)_/, "must be a Stripe secret key (sk_test_… or sk_live_…)")
    .optional(),
  STRIPE_WEBHOOK_SECRET: z
    .string()
    .regex(/^whsec_/, "must be the webhook signing secret (whsec_…)")
    .optional(),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, "must look like smtp://user:password@host:587 or smtps://…")
    .optional(),
  MAIL_FROM: z.string().min(3).default("Stall <no-reply@stall.localhost>"),
  /** Where owners write to appeal a suspension or closure, or ask for a bigger plan; shown on their dashboard, in the email and in plan-limit refusals. */
  OPERATOR_CONTACT_EMAIL: z.email("must be an email address such as support@example.com").optional(),
  BODY_LIMIT_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .max(100 * 1024 * 1024)
    .default(1024 * 1024),
  SEED_DEMO: z
    .enum(["true", "false", "1", "0"])
    .default("true")
    .transform((value) => value === "true" || value === "1"),
  LOG_LEVEL: z.enum(["debug", "info", "warn", "error", "silent"]).default("info"),
  // Tests only (NODE_ENV=test): scrypt's N as a power of two, below OWASP's 17, so the tests that start
  // the API as a process do not spend most of their time hashing. Stored hashes carry their own cost.
  TEST_PASSWORD_HASH_LOG2_N: z.coerce.number().int().min(10).max(17).optional(),
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(0).max(120_000).default(10_000),
  // Quiet this long after work, a process gives its spare memory back (decision 050); 0 never.
  MEMORY_RELEASE_IDLE_S: z.coerce.number().min(0).max(86_400).default(10),
  // Load shedding on the storefront routes, per process (decision 014).
  RATE_LIMIT_WINDOW_MS: z.coerce.number().int().min(1000).max(3_600_000).default(10_000),
  CART_LIMIT_PER_IP: Count.default(60),
  CART_LIMIT_PER_SHOP: Count.default(1000),
  CHECKOUT_LIMIT_PER_IP: Count.default(10),
  CHECKOUT_LIMIT_PER_SHOP: Count.default(100),
  SHOP_MAX_IN_FLIGHT: z.coerce.number().int().min(1).max(1000).default(8),
  SHOP_MAX_QUEUED: z.coerce.number().int().min(0).max(10_000).default(16),
  STOREFRONT_INTERNAL_URL: z.url().optional(),
  STOREFRONT_SECRET: z.string().min(32, "use at least 32 random characters (openssl rand -hex 32)").optional(),
  // Reset-link emails asked for (decision 023), counted in the database: per IP per 15 minutes, per email per hour.
  RESET_LINKS_PER_IP: Count.default(10),
  RESET_LINKS_PER_EMAIL: Count.default(3),
  // Who may read /metrics (decision 023): unset, only a scraper on this machine talking to it directly.
  // In-memory caches, in MB each (decision 036); every one is counted in /metrics.
  SNAPSHOT_CACHE_MB: CacheMb.default(8),
  SHARE_IMAGE_CACHE_MB: CacheMb.default(16),
  HOST_DIRECTORY_CACHE_MB: CacheMb.default(8),
  SHOP_ROW_CACHE_MB: CacheMb.default(2),
  CHECKOUT_CONTEXT_CACHE_MB: CacheMb.default(4),
  RATE_LIMIT_CACHE_MB: CacheMb.default(8),
  HOST_DIRECTORY_REFRESH_MS: z.coerce.number().int().min(0).max(60_000).default(1000),
  METRICS_TOKEN: z.string().min(32, "use at least 32 random characters (openssl rand -hex 32)").optional(),
});

export type Env = Omit<z.infer<typeof EnvSchema>, "DATABASE_URL"> & {
  DATABASE_URL: string;
  PUBLIC_API_URL: string;
  PUBLIC_DASHBOARD_URL: string;
  STOREFRONT_INTERNAL_URL: string;
  OPERATOR_CONTACT_EMAIL: string;
  dataDir: string;
};

/** `support@` the domain mail is sent from, so an unset OPERATOR_CONTACT_EMAIL still names a real place. */
function defaultContact(mailFrom: string): string {
  const domain = /@([^>\s]+)>?\s*$/.exec(mailFrom)?.[1];
  return `support@${domain ?? "stall.localhost"}`;
}

/** Thrown at boot when a variable is missing or malformed; the message names each one. */
export class EnvError extends Error {
  constructor(problems: string[]) {
    super(`Stall cannot start:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "EnvError";
  }
}

/** Relative `file:` URLs are resolved against `cwd`, so every process agrees on one file. */
function absoluteFileUrl(url: string, cwd: string): string {
  if (!url.startsWith("file:") || url.startsWith("file://")) return url;
  const path = url.slice("file:".length);
  return isAbsolute(path) || path === ":memory:" ? url : `file:${resolve(cwd, path)}`;
}

export function parseEnv(source: Record<string, string | undefined>, cwd = process.cwd()): Env {
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, value]) => value !== undefined && value !== ""));
  const result = EnvSchema.safeParse(cleaned);
  if (!result.success) {
    throw new EnvError(
      result.error.issues.map((issue) => {
        const name = issue.path.join(".");
        const given = cleaned[name];
        return `${name}: ${issue.message}${given === undefined ? "" : ` (got "${given}")`}`;
      }),
    );
  }
  const env = result.data;
  if (env.STRIPE_SECRET_KEY && !env.STRIPE_WEBHOOK_SECRET) {
    throw new EnvError(["STRIPE_WEBHOOK_SECRET: needed with STRIPE_SECRET_KEY, so payments can be confirmed"]);
  }
  if (env.TEST_PASSWORD_HASH_LOG2_N !== undefined && env.NODE_ENV !== "test") {
    throw new EnvError(["TEST_PASSWORD_HASH_LOG2_N: only for tests (NODE_ENV=test); passwords keep OWASP's cost"]);
  }
  if (env.MEDIA_STORE === "s3") {
    const missing = (["S3_ENDPOINT", "S3_BUCKET", "S3_ACCESS_KEY_ID", "S3_SECRET_ACCESS_KEY"] as const).filter(
      (name) => !env[name],
    );
    if (missing.length > 0) throw new EnvError(missing.map((name) => `${name}: needed when MEDIA_STORE=s3`));
  }
  return {
    ...env,
    DATABASE_URL: absoluteFileUrl(env.DATABASE_URL ?? `file:${join(env.DATA_DIR, "stall.db")}`, cwd),
    DATABASE_PODS: env.DATABASE_PODS.map((pod) => ({ ...pod, url: absoluteFileUrl(pod.url, cwd) })),
    PUBLIC_API_URL: env.PUBLIC_API_URL ?? `http://localhost:${env.API_PORT}`,
    PUBLIC_DASHBOARD_URL: env.PUBLIC_DASHBOARD_URL ?? `http://localhost:${env.DASHBOARD_PORT}`,
    STOREFRONT_INTERNAL_URL: env.STOREFRONT_INTERNAL_URL ?? `http://127.0.0.1:${env.STOREFRONT_PORT}`,
    OPERATOR_CONTACT_EMAIL: env.OPERATOR_CONTACT_EMAIL ?? defaultContact(env.MAIL_FROM),
    dataDir: resolve(cwd, env.DATA_DIR),
  };
}
