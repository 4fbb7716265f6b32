// Starts the cluster exactly as `npm run start:cluster` does (scripts/start.cjs with the cluster plan),
// on free ports and a fresh data directory, for the cluster tests and the benchmarks. The supervisor
// prints "[name] started (pid N)" for each process it starts (and starts again after a crash), which
// is how the pids are known.
import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export const root = fileURLToPath(new URL("../..", import.meta.url));

export type Cluster = {
  /** The supervisor (scripts/start.cjs). */
  supervisorPid: number;
  dataDir: string;
  /** sqld's URL (what DATABASE_URL is for every process). */
  databaseUrl: string;
  /** sqld's `--db-path` folder; its SQLite database is `dbs/default/data` inside. */
  sqldPath: string;
  /** The public addresses, on nginx. */
  api: string;
  storefrontPort: number;
  dashboard: string;
  /** Each API process directly, on loopback (api-1, api-2). */
  apis: string[];
  storefronts: string[];
  /** The STOREFRONT_SECRET every process shares: the tests forward a buyer's address with it. */
  secret: string;
  /** The pid of each running service, by name (sqld, api-1, api-2, storefront-1, storefront-2, dashboard, nginx). */
  pids(): Record<string, number>;
  /**
   * Kills a service with SIGKILL and waits until the supervisor has started it again and it answers its
   * health URL.
   */
  crash(name: string): Promise<void>;
  /** Everything the supervisor and the processes printed. */
  output(): string;
  /** SIGTERM to the supervisor (it stops everything, sqld last), then removes the data directory. */
  stop(options?: { keepData?: boolean }): Promise<void>;
};

/** The limits of decisions 014/023 out of reach: these runs measure correctness, not the limiter. */
export const LIMITS_OFF = {
  CHECKOUT_LIMIT_PER_IP: "1000000",
  CHECKOUT_LIMIT_PER_SHOP: "1000000",
  CART_LIMIT_PER_IP: "1000000",
  CART_LIMIT_PER_SHOP: "1000000",
  SHOP_MAX_IN_FLIGHT: "1000",
  SHOP_MAX_QUEUED: "10000",
  STOREFRONT_SHOP_MAX_RENDERS: "64",
  STOREFRONT_SHOP_MAX_QUEUED: "10000",
};

function isFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once("error", () => resolve(false));
    server.listen(port, "0.0.0.0", () => server.close(() => resolve(true)));
  });
}

/**
 * A run of `count` free ports from a random start (the cluster's internal ports are consecutive), below
 * Linux's ephemeral range (32768 up), where other tests' "any free port" and outgoing connections land.
 */
async function freePortRun(count: number): Promise<number> {
  for (let tries = 0; tries < 50; tries++) {
    const first = 20_000 + Math.floor(Math.random() * 12_000);
    const checks = await Promise.all(Array.from({ length: count }, (_, index) => isFree(first + index)));
    if (checks.every(Boolean)) return first;
  }
  throw new Error("no run of free ports found");
}

async function answers(url: string): Promise<boolean> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
    await response.body?.cancel();
    return response.ok;
  } catch {
    return false;
  }
}

export async function startCluster(options: { env?: Record<string, string> } = {}): Promise<Cluster> {
  const dataDir = mkdtempSync(join(tmpdir(), "stall-cluster-"));
  // Internal: sqld, api-1, api-2, storefront-1, storefront-2, dashboard; then nginx's three public ports.
  const first = await freePortRun(9);
  const [apiPort, storefrontPort, dashboardPort] = [first + 6, first + 7, first + 8];
  const secret = randomBytes(32).toString("hex");
  const child: ChildProcess = spawn(
    process.execPath,
    [join(root, "scripts/start.cjs"), "scripts/start-cluster-plan.ts"],
    {
      cwd: root,
      env: {
        ...process.env,
        CLUSTER_INTERNAL_PORT: String(first),
        API_PORT: String(apiPort),
        STOREFRONT_PORT: String(storefrontPort),
        DASHBOARD_PORT: String(dashboardPort),
        DATA_DIR: dataDir,
        DATABASE_URL: "",
        SEED_DEMO: "false",
        LOG_LEVEL: "warn",
        SHUTDOWN_TIMEOUT_MS: "3000",
        STOREFRONT_SECRET: secret,
        ...LIMITS_OFF,
        ...options.env,
      },
      // Its own process group: nothing the test runner's group receives reaches it by accident.
      detached: true,
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  let output = "";
  const pids: Record<string, number> = {};
  const onData = (chunk: Buffer) => {
    output += chunk.toString();
    for (const match of chunk.toString().matchAll(/^\[([\w-]+)\] started \(pid (\d+)\)$/gm)) {
      pids[match[1] as string] = Number(match[2]);
    }
  };
  child.stdout?.on("data", onData);
  child.stderr?.on("data", onData);
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));

  /** Resolves once `isDone` holds, checked at each output and every 100 ms. */
  const until = (isDone: () => boolean | Promise<boolean>, timeoutMs: number, what: string) =>
    new Promise<void>((resolve, reject) => {
      const deadline = Date.now() + timeoutMs;
      const check = async () => {
        if (await isDone()) return finish();
        if (child.exitCode !== null) return finish(new Error(`the cluster exited while ${what}:\n${output}`));
        if (Date.now() > deadline) return finish(new Error(`timed out ${what}:\n${output.slice(-4000)}`));
        setTimeout(check, 100);
      };
      const finish = (error?: Error) => {
        if (error) reject(error);
        else resolve();
      };
      void check();
    });

  const internal = (offset: number) => `http://127.0.0.1:${first + offset}`;
  const healthUrls: Record<string, string> = {
    sqld: `${internal(0)}/health`,
    "api-1": `${internal(1)}/readyz`,
    "api-2": `${internal(2)}/readyz`,
    "storefront-1": `${internal(3)}/healthz`,
    "storefront-2": `${internal(4)}/healthz`,
    dashboard: `${internal(5)}/healthz`,
    nginx: `http://127.0.0.1:${apiPort}/healthz`,
  };

  const cluster: Cluster = {
    supervisorPid: child.pid ?? 0,
    dataDir,
    databaseUrl: internal(0),
    sqldPath: join(dataDir, "db.sqld"),
    api: `http://127.0.0.1:${apiPort}`,
    storefrontPort,
    dashboard: `http://127.0.0.1:${dashboardPort}`,
    apis: [internal(1), internal(2)],
    storefronts: [internal(3), internal(4)],
    secret,
    pids: () => ({ ...pids }),
    output: () => output,
    async crash(name) {
      const before = pids[name];
      const healthUrl = healthUrls[name];
      if (before === undefined || healthUrl === undefined) throw new Error(`no running service named ${name}`);
      process.kill(before, "SIGKILL");
      await until(() => pids[name] !== before, 30_000, `waiting for ${name} to be started again`);
      await until(() => answers(healthUrl), 60_000, `waiting for ${name} to answer again`);
    },
    async stop(stopOptions = {}) {
      if (child.exitCode === null) {
        child.kill("SIGTERM");
        const timer = setTimeout(() => {
          // It did not stop in time: kill everything it had started, then it.
          for (const pid of Object.values(pids)) {
            try {
              process.kill(pid, "SIGKILL");
            } catch {
              // already gone
            }
          }
          child.kill("SIGKILL");
        }, 30_000);
        await exited;
        clearTimeout(timer);
      }
      if (!stopOptions.keepData) rmSync(dataDir, { recursive: true, force: true });
    },
  };
  try {
    await until(() => output.includes("Stall is ready"), 240_000, "starting");
  } catch (error) {
    await cluster.stop();
    throw error;
  }
  return cluster;
}
