// Run by `npm start` (scripts/start.cjs) as its own process: read and check the configuration, migrate,
// seed the demo shop on first run, and tell the supervisor what to start and what to print. Drawing and
// encoding the demo photos loads sharp and grows the heap by hundreds of MB, and TypeScript, zod and the
// env parser cost more; done here, all of it is given back when this process exits instead of staying
// with the supervisor for as long as Stall runs (decision 034).
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { type Env, EnvError, parseEnv } from "@stall/api/env";
import { prepareDatabase } from "@stall/demo-seed";
import { appProcessEnv } from "./lib/app-node-options.ts";

/** What the supervisor needs: plain data, sent over the IPC channel. */
export type StartPlan = {
  services: { name: string; entry: string; healthUrl: string; env: Record<string, string> }[];
  shutdownTimeoutMs: number;
  /** Printed once every service answers its health URL. */
  readyLines: string[];
};

const root = fileURLToPath(new URL("..", import.meta.url));

async function plan(): Promise<StartPlan> {
  const env = parseEnv(process.env, root);
  for (const built of [
    "apps/api/dist/server.mjs",
    "apps/storefront/dist/server/entry.mjs",
    "apps/dashboard/dist/server/entry.mjs",
  ]) {
    if (!existsSync(join(root, built))) {
      throw new EnvError([
        `${built.split("/dist/")[0]} is not built. Run "npm start" (it builds first) or "npm run build".`,
      ]);
    }
  }
  const prepared = await prepareDatabase(env, (message) => process.stdout.write(`[setup] ${message}\n`));
  const storefront = `http://${prepared.demoSlug ?? "{slug}"}.${env.STOREFRONT_ROOT_DOMAIN}:${env.STOREFRONT_PORT}`;
  return {
    services: services(env),
    shutdownTimeoutMs: env.SHUTDOWN_TIMEOUT_MS,
    readyLines: [
      "",
      "Stall is up:",
      `  Storefront  ${storefront}${prepared.demoSlug ? "  (the demo shop)" : ""}`,
      `  Dashboard   http://localhost:${env.DASHBOARD_PORT}`,
      `  API         ${env.PUBLIC_API_URL}  (reference: ${env.PUBLIC_API_URL}/docs)`,
      `  Database    ${env.DATABASE_URL}`,
      ...(prepared.demoOwner ? [`  Demo owner  ${prepared.demoOwner.email} / ${prepared.demoOwner.password}`] : []),
      "Press Ctrl-C to stop.",
      "",
      "Stall is ready",
      "",
    ],
  };
}

function services(env: Env): StartPlan["services"] {
  const shared = {
    DATABASE_URL: env.DATABASE_URL,
    DATA_DIR: env.dataDir,
    STOREFRONT_ROOT_DOMAIN: env.STOREFRONT_ROOT_DOMAIN,
    PUBLIC_API_URL: env.PUBLIC_API_URL,
    API_PORT: String(env.API_PORT),
    STOREFRONT_PORT: String(env.STOREFRONT_PORT),
    SHUTDOWN_TIMEOUT_MS: String(env.SHUTDOWN_TIMEOUT_MS),
    DASHBOARD_PORT: String(env.DASHBOARD_PORT),
    API_URL: `http://127.0.0.1:${env.API_PORT}`,
    ASTRO_TELEMETRY_DISABLED: "1",
    // Lets the API believe the address the storefront and the dashboard forward (decision 014); new each
    // start is fine.
    STOREFRONT_SECRET: env.STOREFRONT_SECRET ?? randomBytes(32).toString("hex"),
    ...appProcessEnv(process.env),
  };
  return [
    {
      name: "api",
      entry: "apps/api/dist/server.mjs",
      healthUrl: `http://127.0.0.1:${env.API_PORT}/readyz`,
      env: shared,
    },
    {
      name: "storefront",
      entry: "apps/storefront/server.mjs",
      healthUrl: `http://127.0.0.1:${env.STOREFRONT_PORT}/healthz`,
      env: shared,
    },
    {
      name: "dashboard",
      entry: "apps/dashboard/server.mjs",
      healthUrl: `http://127.0.0.1:${env.DASHBOARD_PORT}/healthz`,
      env: shared,
    },
  ];
}

const send = process.send?.bind(process);
if (!send) throw new Error("scripts/start-plan.ts is started by scripts/start.cjs (npm start)");
try {
  const result = await plan();
  send(result, () => process.disconnect());
} catch (error) {
  // A configuration problem is the owner's to fix: its message, not a stack trace.
  process.stderr.write(
    `${error instanceof EnvError || !(error instanceof Error) ? String(error instanceof Error ? error.message : error) : (error.stack ?? error.message)}\n`,
  );
  process.exitCode = 1;
  process.disconnect();
}
