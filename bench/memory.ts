// Memory (issue 13): 10,000 shops of 20 products each, seeded straight into a fresh database file with
// multi-row inserts; the API and the storefront started on it as processes; every shop's home page asked for
// once through the storefront (by Host, 20 at a time); then each process's resident memory (VmRSS) and what
// its caches hold by /metrics. And the supervisor of `npm start` (scripts/start.cjs on a fresh data directory
// with the demo shop), idle after start. `npx node bench/memory.ts` runs it alone.
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { Agent, request } from "node:http";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { parseEnv } from "@stall/api/env";
import { createDb, platform, schema } from "@stall/db";
import { freePort } from "@stall/db/testing";
import { prepareDatabase } from "@stall/demo-seed";
import { appProcessEnv } from "../scripts/lib/app-node-options.ts";
import { count, type GoalRow } from "./lib/goals.ts";
import { API_ENTRY, childrenOf, commandOf, root, startProcess, stopProcess } from "./lib/processes.ts";
import { table } from "./lib/stats.ts";

const SHOPS = Number(process.env.BENCH_MEMORY_SHOPS ?? 10_000);
const PRODUCTS = 20;
const CONCURRENCY = 20;
/** BENCH_MEMORY_HOLD_S keeps the two processes up that long after the pages, to look into them. */
const HOLD_SECONDS = Number(process.env.BENCH_MEMORY_HOLD_S ?? 0);
/** How long the processes are left idle after the pages before their RSS counts for the goal. */
const SETTLE_SECONDS = 30;
const RSS_GOAL_MB = 300;
const SUPERVISOR_GOAL_MB = 60;
/** Rows per INSERT: SQLite binds at most 32,766 values a statement. */
const ROWS_PER_INSERT = 500;

const mb = (bytes: number) => Math.round((bytes / 2 ** 20) * 10) / 10;
const load = () => loadavg()[0]?.toFixed(1) ?? "?";

/** A process's resident memory in bytes, from /proc (Linux). */
function rssOf(pid: number | undefined): number {
  return statusField(pid, "VmRSS");
}

/** A `kB` line of /proc/<pid>/status in bytes: VmRSS, or RssFile (mapped files, the node binary's code most). */
function statusField(pid: number | undefined, field: string): number {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  return Number(new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(status)?.[1] ?? 0) * 1024;
}

/**
 * Proportional set size in bytes (Linux, /proc/<pid>/smaps_rollup): resident pages, each shared page
 * divided among the processes mapping it. The node binary's code is mapped by both apps and counted
 * in full in each one's RSS; summed PSS is what the two cost the machine together.
 */
function pssOf(pid: number | undefined): number {
  const rollup = readFileSync(`/proc/${pid}/smaps_rollup`, "utf8");
  return Number(/^Pss:\s+(\d+) kB/m.exec(rollup)?.[1] ?? 0) * 1024;
}

function chunks<T>(rows: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let start = 0; start < rows.length; start += size) out.push(rows.slice(start, start + size));
  return out;
}

/** 10,000 published shops with 20 active products each (one variant, tracked stock), in one file. */
async function seed(url: string, planId: string): Promise<{ slugs: string[]; seconds: number }> {
  const started = performance.now();
  const database = await createDb(url);
  const { db } = database;
  const now = Date.now();
  const slugs: string[] = [];
  const BATCH_SHOPS = 250;
  for (let first = 0; first < SHOPS; first += BATCH_SHOPS) {
    const shops = [];
    const taxes = [];
    const products = [];
    const variants = [];
    for (let index = first; index < Math.min(SHOPS, first + BATCH_SHOPS); index++) {
      const id = `shop_bench${String(index).padStart(6, "0")}`;
      const slug = `shop-${index}`;
      slugs.push(slug);
      shops.push({
        id,
        slug,
        name: `Market stall ${index}`,
        tagline: "Fresh from the market every morning",
        currency: "USD",
        locale: "en",
        planId,
        isPublished: true,
        publishedAt: now,
        createdAt: now,
        updatedAt: now,
      });
      taxes.push({ id: `tax_bench${index}`, shopId: id, updatedAt: now });
      for (let item = 0; item < PRODUCTS; item++) {
        const productId = `prod_bench${index}x${item}`;
        products.push({
          shopId: id,
          id: productId,
          slug: `item-${item}`,
          title: `Hand-made item ${item}`,
          description: "Made by hand at the stall, a few each week. Ask us about other sizes.",
          position: item,
          createdAt: now,
          updatedAt: now,
        });
        variants.push({
          shopId: id,
          id: `var_bench${index}x${item}`,
          productId,
          priceAmount: 500 + item * 25,
          currency: "USD",
          stock: 10 + item,
          createdAt: now,
          updatedAt: now,
        });
      }
    }
    const statements = [
      db.insert(schema.shops).values(shops),
      db.insert(schema.taxSettings).values(taxes),
      ...chunks(products, ROWS_PER_INSERT).map((rows) => db.insert(schema.products).values(rows)),
      ...chunks(variants, ROWS_PER_INSERT).map((rows) => db.insert(schema.productVariants).values(rows)),
    ];
    await db.batch(statements as unknown as Parameters<typeof db.batch>[0]);
  }
  database.close();
  return { slugs, seconds: (performance.now() - started) / 1000 };
}

/** GETs `/` on every shop's host through one keep-alive pool of `CONCURRENCY` connections. */
async function touchHomePages(port: number, slugs: string[]) {
  const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  const statuses: Record<string, number> = {};
  let next = 0;
  const started = performance.now();
  const one = (slug: string) =>
    new Promise<void>((resolve, reject) => {
      const sent = request(
        { host: "127.0.0.1", port, path: "/", agent, headers: { host: `${slug}.localhost:${port}` } },
        (response) => {
          statuses[String(response.statusCode)] = (statuses[String(response.statusCode)] ?? 0) + 1;
          response.resume();
          response.once("end", resolve);
        },
      );
      sent.once("error", reject);
      sent.end();
    });
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < slugs.length) {
        const slug = slugs[next++];
        if (slug) await one(slug);
      }
    }),
  );
  agent.destroy();
  return { statuses, seconds: (performance.now() - started) / 1000 };
}

/** `name{cache="x"} value` lines of a Prometheus text, by cache. */
function cacheFigures(text: string, prefix: string) {
  const byCache: Record<string, { bytes: number; entries: number; budget: number }> = {};
  for (const [field, suffix] of [
    ["bytes", "cache_bytes"],
    ["entries", "cache_entries"],
    ["budget", "cache_budget_bytes"],
  ] as const) {
    for (const match of text.matchAll(new RegExp(`^${prefix}${suffix}\\{cache="([^"]+)"\\} (\\S+)$`, "gm"))) {
      const cache = match[1] ?? "";
      byCache[cache] ??= { bytes: 0, entries: 0, budget: 0 };
      byCache[cache][field] = Number(match[2]);
    }
  }
  return byCache;
}

/** V8's heap (all its spaces) and the memory outside it that V8 is told of (buffers), from /metrics. */
function v8Figures(text: string): { heap: number; external: number } {
  const gauge = (name: string) => Number(new RegExp(`^${name} (\\S+)$`, "m").exec(text)?.[1] ?? 0);
  return { heap: gauge("nodejs_heap_size_total_bytes"), external: gauge("nodejs_external_memory_bytes") };
}

async function metricsText(url: string): Promise<string> {
  const response = await fetch(url);
  return response.ok ? response.text() : "";
}

/** The 10,000-shop stack: RSS of the API and the storefront after every home page was asked for once. */
async function manyShops() {
  const dir = mkdtempSync(join(tmpdir(), "stall-bench-memory-"));
  const url = `file:${join(dir, "stall.db")}`;
  const env = parseEnv({ DATA_DIR: dir, DATABASE_URL: url, SEED_DEMO: "false" });
  await prepareDatabase(env, () => {});
  const setup = await createDb(url);
  const planId = await platform(setup.db).shops.defaultPlanId(Date.now());
  setup.close();
  const seeded = await seed(url, planId);
  const [apiPort, storefrontPort] = [await freePort(), await freePort()];
  const api = `http://127.0.0.1:${apiPort}`;
  const children: ChildProcess[] = [];
  try {
    // The V8 settings `npm start` gives its apps (scripts/start-plan.ts).
    const shared = {
      STOREFRONT_PORT: String(storefrontPort),
      DATA_DIR: dir,
      DATABASE_URL: url,
      // BENCH_APP_NODE_OPTIONS tries other V8 settings on the two apps only.
      ...appProcessEnv({
        ...process.env,
        NODE_OPTIONS: [process.env.NODE_OPTIONS, process.env.BENCH_APP_NODE_OPTIONS].filter(Boolean).join(" "),
      }),
    };
    children.push(
      await startProcess(API_ENTRY, { ...shared, API_PORT: String(apiPort), API_HOST: "127.0.0.1" }, `${api}/healthz`),
    );
    children.push(
      await startProcess(
        "apps/storefront/server.mjs",
        { ...shared, API_URL: api, PUBLIC_API_URL: api, STOREFRONT_ROOT_DOMAIN: "localhost", HOST: "127.0.0.1" },
        `http://127.0.0.1:${storefrontPort}/healthz`,
      ),
    );
    const [apiProcess, storefrontProcess] = children;
    const rss = () => ({ api: rssOf(apiProcess?.pid), storefront: rssOf(storefrontProcess?.pid) });
    const fresh = rss();
    const touched = await touchHomePages(storefrontPort, seeded.slugs);
    // RSS as an operator would see it, never after a collection the bench forces: just after the last
    // page, and once the processes have been idle for SETTLE_SECONDS (the measure: memory at
    // idle). By then each has been quiet for its MEMORY_RELEASE_IDLE_S (10 s) and given its spare memory
    // back itself (decision 050).
    await new Promise((resolve) => setTimeout(resolve, 2000));
    const busy = rss();
    await new Promise((resolve) => setTimeout(resolve, SETTLE_SECONDS * 1000));
    const settled = rss();
    // Of it, mapped files: mostly the node binary's code, the same pages in both processes.
    const files = {
      api: statusField(apiProcess?.pid, "RssFile"),
      storefront: statusField(storefrontProcess?.pid, "RssFile"),
    };
    const pss = { api: pssOf(apiProcess?.pid), storefront: pssOf(storefrontProcess?.pid) };
    // Where the resident memory is: V8's heap, the buffers it is told of (pages, gzipped snapshots), and
    // the rest (the binary's mapped code, malloc's arenas, SQLite's page cache, thread stacks).
    const v8 = {
      api: v8Figures(await metricsText(`${api}/metrics`)),
      storefront: v8Figures(await metricsText(`http://127.0.0.1:${storefrontPort}/metrics`)),
    };
    if (HOLD_SECONDS > 0) {
      process.stderr.write(
        `holding for ${HOLD_SECONDS} s: API pid ${apiProcess?.pid} (:${apiPort}), storefront pid ${storefrontProcess?.pid} (:${storefrontPort})\n`,
      );
      await new Promise((resolve) => setTimeout(resolve, HOLD_SECONDS * 1000));
    }
    const apiCaches = cacheFigures(await metricsText(`${api}/metrics`), "stall_");
    const storefrontCaches = cacheFigures(
      await metricsText(`http://127.0.0.1:${storefrontPort}/metrics`),
      "stall_storefront_",
    );
    return { seeded, touched, fresh, busy, settled, files, pss, v8, apiCaches, storefrontCaches, loadAfter: load() };
  } finally {
    await Promise.all(children.map(stopProcess));
    rmSync(dir, { recursive: true, force: true });
  }
}

/** `npm start`'s supervisor on a fresh data directory (demo shop seeded), idle once Stall is ready. */
async function supervisor() {
  const dir = mkdtempSync(join(tmpdir(), "stall-bench-supervisor-"));
  const [api, storefront, dashboard] = [await freePort(), await freePort(), await freePort()];
  const started = performance.now();
  const child = spawn(process.execPath, [join(root, "scripts/start.cjs")], {
    cwd: root,
    env: {
      ...process.env,
      API_PORT: String(api),
      STOREFRONT_PORT: String(storefront),
      DASHBOARD_PORT: String(dashboard),
      DATA_DIR: dir,
      DATABASE_URL: `file:${join(dir, "stall.db")}`,
      LOG_LEVEL: "warn",
    },
    stdio: ["ignore", "pipe", "inherit"],
  });
  try {
    await new Promise<void>((resolve, reject) => {
      let output = "";
      const timer = setTimeout(() => reject(new Error(`npm start's flow did not get ready:\n${output}`)), 180_000);
      child.stdout?.on("data", (chunk: Buffer) => {
        output += chunk.toString();
        if (output.includes("Stall is ready")) {
          clearTimeout(timer);
          resolve();
        }
      });
      child.once("exit", (code) => reject(new Error(`npm start's flow exited with ${code}:\n${output}`)));
    });
    const readySeconds = (performance.now() - started) / 1000;
    // Idle: nothing asks anything for a few seconds.
    await new Promise((resolve) => setTimeout(resolve, 5000));
    const pid = child.pid ?? 0;
    const apps = childrenOf(pid).map((appPid) => ({ process: commandOf(appPid), "RSS MB": mb(rssOf(appPid)) }));
    return { rss: rssOf(pid), apps, readySeconds, load: load() };
  } finally {
    await new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once("exit", () => resolve());
      child.kill("SIGTERM");
    });
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function benchMemory() {
  const started = performance.now();
  const many = await manyShops();
  const idle = await supervisor();
  const total = many.settled.api + many.settled.storefront;
  const goals: GoalRow[] = [
    {
      what: `API + storefront RSS with ${count(SHOPS)} shops (each home page once), idle ${SETTLE_SECONDS} s after`,
      measured: `${count(mb(total))} MB (API ${count(mb(many.settled.api))}, storefront ${count(mb(many.settled.storefront))}); 2 s after the last page ${count(mb(many.busy.api + many.busy.storefront))} MB; shared pages counted once (PSS) ${count(mb(many.pss.api + many.pss.storefront))} MB; load ${many.loadAfter}`,
      goal: `< ${RSS_GOAL_MB} MB`,
      isMet: mb(total) < RSS_GOAL_MB,
      baseline: `idle before the pages: API ${count(mb(many.fresh.api))} MB, storefront ${count(mb(many.fresh.storefront))} MB`,
    },
    {
      what: "supervisor (npm start) idle RSS, demo shop",
      measured: `${mb(idle.rss)} MB, load ${idle.load}`,
      goal: `< ${SUPERVISOR_GOAL_MB} MB`,
      isMet: mb(idle.rss) < SUPERVISOR_GOAL_MB,
    },
  ];
  const caches = [
    ...Object.entries(many.apiCaches).map(([cache, figures]) => ({ process: "api", cache, ...figures })),
    ...Object.entries(many.storefrontCaches).map(([cache, figures]) => ({ process: "storefront", cache, ...figures })),
  ].map((row) => ({
    process: row.process,
    cache: row.cache,
    entries: count(row.entries),
    "held MB": mb(row.bytes),
    "budget MB": mb(row.budget),
  }));
  return {
    goals,
    details: {
      run: [
        {
          shops: count(SHOPS),
          products: count(SHOPS * PRODUCTS),
          "seed s": Math.round(many.seeded.seconds * 10) / 10,
          "home pages s": Math.round(many.touched.seconds * 10) / 10,
          answers: Object.entries(many.touched.statuses)
            .map(([code, number]) => `${code}: ${count(number)}`)
            .join(", "),
          "supervisor ready s": Math.round(idle.readySeconds),
          "whole run s": Math.round((performance.now() - started) / 1000),
        },
      ],
      rss: (["api", "storefront"] as const).map((name) => ({
        process: name,
        "before the pages MB": mb(many.fresh[name]),
        "2 s after the last page MB": mb(many.busy[name]),
        [`idle ${SETTLE_SECONDS} s after MB`]: mb(many.settled[name]),
        "of which mapped files MB": mb(many.files[name]),
        "V8 heap MB": mb(many.v8[name].heap),
        "buffers MB": mb(many.v8[name].external),
        "PSS MB (shared pages split)": mb(many.pss[name]),
      })),
      caches,
      supervisor: [{ process: "supervisor (scripts/start.cjs)", "RSS MB": mb(idle.rss) }, ...idle.apps],
    },
  };
}

if (import.meta.main) {
  const { goals, details } = await benchMemory();
  const { goalTable } = await import("./lib/goals.ts");
  process.stdout.write(
    `Memory (${count(SHOPS)} shops x ${PRODUCTS} products)\n${table(goalTable(goals))}\n\n${table(details.run)}\n\n${table(details.rss)}\n\n${table(details.caches)}\n\n${table(details.supervisor)}\n`,
  );
}
