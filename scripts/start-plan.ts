// Run by `npm start` (scripts/start.cjs) as its own process: read and check the configuration, migrate,
// seed the demo shop on first run, and tell the supervisor what to start and what to print. Drawing and
// encoding the demo photos loads sharp and grows the heap by hundreds of MB, and TypeScript, zod and the
// env parser cost more; done here, all of it is given back when this process exits instead of staying
// with the supervisor for as long as Stall runs (decision 034).
import { existsSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { type Env, EnvError, parseEnv } from "@stall/api/env";
import { prepareDatabase } from "@stall/demo-seed";
import { nodeService, type StartPlan, sendPlan, sharedAppEnv } from "./lib/plan.ts";

const root = fileURLToPath(new URL("..", import.meta.url));

/** The API's bundle: what `npm start` runs (45 MB less per process than the type-stripped sources). */
export const API_ENTRY = "apps/api/dist/server.mjs";

/** Stops start-up when an app has not been built. */
export function requireBuiltApps(): void {
  for (const built of [API_ENTRY, "apps/storefront/dist/server/entry.mjs", "apps/dashboard/dist/server/entry.mjs"]) {
    if (!existsSync(join(root, built))) {
      throw new EnvError([
        `${built.split("/dist/")[0]} is not built. Run "npm start" (it builds first) or "npm run build".`,
      ]);
    }
  }
}

async function plan(): Promise<StartPlan> {
  const env = parseEnv(process.env, root);
  requireBuiltApps();
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
  const shared = sharedAppEnv(env);
  return [
    nodeService("api", API_ENTRY, `http://127.0.0.1:${env.API_PORT}/readyz`, shared),
    nodeService("storefront", "apps/storefront/server.mjs", `http://127.0.0.1:${env.STOREFRONT_PORT}/healthz`, shared),
    nodeService("dashboard", "apps/dashboard/server.mjs", `http://127.0.0.1:${env.DASHBOARD_PORT}/healthz`, shared),
  ];
}

if (import.meta.main) await sendPlan("scripts/start-plan.ts", plan);
