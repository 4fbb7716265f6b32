// Crash loops (issue 14): `kill -9` of an API process while buyers place orders, over and over, then
// the database is read (cluster/src/order-checks.ts, the same checks as `npm run test:cluster`):
//   1. the embedded default: one API process on a libSQL file, killed and started again by this script;
//   2. the cluster of `npm run start:cluster`: api-1 and api-2 killed in turn, the supervisor starts
//      each again;
//   3. the cluster's sqld itself killed with -9 and started again by the supervisor.
// Every arm prints 201s, how many of them are stored, orders stored, half-written orders, stock on hand
// plus units ordered against the stock the shop started with, and `PRAGMA integrity_check`.
//
// `npx node bench/crash-loop.ts`. BENCH_CRASH_CYCLES (default 100) sets the kills of arms 1 and 2,
// BENCH_CRASH_SQLD_CYCLES (default 10) those of arm 3; BENCH_CRASH_ARM=embedded|cluster runs one side.
import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseEnv } from "@stall/api/env";
import { type CrashLoopResult, crashLoop, LIMITS_OFF, orderCheckRow, seedShop, startCluster } from "@stall/cluster";
import { freePort } from "@stall/db/testing";
import { prepareDatabase } from "@stall/demo-seed";
import { root } from "./lib/processes.ts";
import { table } from "./lib/stats.ts";

const CYCLES = Number(process.env.BENCH_CRASH_CYCLES ?? 100);
const SQLD_CYCLES = Number(process.env.BENCH_CRASH_SQLD_CYCLES ?? 10);
const CONNECTIONS = 8;
const PRODUCTS = 20;
const STOCK = 1_000_000;

type Row = Record<string, string | number>;

function row(arm: string, result: CrashLoopResult, startedAt: number): Row {
  const noAnswer = result.statuses["0"] ?? 0;
  const other = Object.entries(result.statuses)
    .filter(([status]) => status !== "201" && status !== "0")
    .map(([status, count]) => `${status}: ${count}`)
    .join(", ");
  return {
    arm,
    kills: result.cycles,
    ...orderCheckRow(result.check),
    "no answer": noAnswer,
    "other answers": other || "none",
    seconds: Math.round((performance.now() - startedAt) / 1000),
  };
}

/** Starts an API process on `port` and resolves once it answers /readyz. */
async function startApi(env: Record<string, string>, port: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, ["apps/api/dist/server.mjs"], {
    cwd: root,
    env: { ...process.env, LOG_LEVEL: "error", API_HOST: "127.0.0.1", API_PORT: String(port), ...LIMITS_OFF, ...env },
    stdio: ["ignore", "ignore", "inherit"],
  });
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`API exited with ${child.exitCode}`);
    try {
      if ((await fetch(`http://127.0.0.1:${port}/readyz`)).ok) return child;
    } catch {
      // starting
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  child.kill("SIGKILL");
  throw new Error("API did not become ready");
}

const killed = (child: ChildProcess) =>
  new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once("exit", () => resolve());
    child.kill("SIGKILL");
  });

async function embeddedArm(): Promise<Row> {
  const dir = mkdtempSync(join(tmpdir(), "stall-bench-crash-"));
  const url = `file:${join(dir, "stall.db")}`;
  const secret = randomBytes(32).toString("hex");
  const env = { DATA_DIR: dir, DATABASE_URL: url, STOREFRONT_SECRET: secret };
  let api: ChildProcess | undefined;
  try {
    await prepareDatabase(parseEnv({ ...env, SEED_DEMO: "false" }), () => {});
    const port = await freePort();
    api = await startApi(env, port);
    const base = `http://127.0.0.1:${port}`;
    const shop = await seedShop(base, { slug: "crash-embedded", products: PRODUCTS, stock: STOCK });
    const started = performance.now();
    const result = await crashLoop({
      cycles: CYCLES,
      targets: [base],
      shop,
      secret,
      connections: CONNECTIONS,
      databaseUrl: url,
      crash: async () => {
        if (api) await killed(api);
        api = await startApi(env, port);
      },
      onCycle: progress("embedded"),
    });
    return row("embedded: 1 API process on a libSQL file", result, started);
  } finally {
    if (api) await killed(api);
    rmSync(dir, { recursive: true, force: true });
  }
}

async function clusterArms(): Promise<Row[]> {
  const cluster = await startCluster();
  try {
    const rows: Row[] = [];
    const shop = await seedShop(cluster.api, { slug: "crash-cluster", products: PRODUCTS, stock: STOCK });
    let started = performance.now();
    const apis = await crashLoop({
      cycles: CYCLES,
      targets: cluster.apis,
      shop,
      secret: cluster.secret,
      connections: CONNECTIONS,
      databaseUrl: cluster.databaseUrl,
      crash: (cycle) => cluster.crash(`api-${(cycle % 2) + 1}`),
      onCycle: progress("cluster"),
    });
    rows.push(row("cluster: api-1 and api-2 in turn, on sqld", apis, started));
    const sqldShop = await seedShop(cluster.api, { slug: "crash-sqld", products: PRODUCTS, stock: STOCK });
    started = performance.now();
    const sqld = await crashLoop({
      cycles: SQLD_CYCLES,
      targets: cluster.apis,
      shop: sqldShop,
      secret: cluster.secret,
      connections: CONNECTIONS,
      databaseUrl: cluster.databaseUrl,
      crash: () => cluster.crash("sqld"),
      onCycle: progress("sqld"),
    });
    rows.push(row("cluster: sqld itself", sqld, started));
    return rows;
  } finally {
    await cluster.stop();
  }
}

function progress(arm: string) {
  return (cycle: number, accepted: number) => {
    if (cycle % 10 === 0)
      process.stderr.write(`[crash-loop] ${arm}: ${cycle} kills, ${accepted} orders answered 201\n`);
  };
}

export async function benchCrashLoop(): Promise<{ details: Row[] }> {
  const arm = process.env.BENCH_CRASH_ARM;
  const details: Row[] = [];
  if (arm !== "cluster") details.push(await embeddedArm());
  if (arm !== "embedded") details.push(...(await clusterArms()));
  return { details };
}

if (import.meta.main) {
  const started = Date.now();
  const { details } = await benchCrashLoop();
  process.stdout.write(
    [
      `Crash loops: kill -9 during checkouts from ${CONNECTIONS} buyers, ${PRODUCTS} products, pay at pickup`,
      table(details),
      "",
      `Took ${Math.round((Date.now() - started) / 1000)} s`,
      "",
    ].join("\n"),
  );
  if (details.some((detail) => detail.sound !== "yes")) process.exitCode = 1;
}
