// The storefront snapshot: build time for the demo shop and a 500-product shop, size raw and gzipped,
// and HTTP throughput of the API answering it (200 from the in-memory copy, 304 by ETag), with wrk in a
// process of its own (`wrk -t2 -c50`, bench/lib/wrk.ts; autocannon, bench/lib/load.ts, when wrk is not
// installed, though it saturates first on gzipped answers). The 200 asked as the storefront asks (its
// fetch sends `Accept-Encoding: gzip, deflate`; the API holds the snapshot gzipped, decision 044) is
// issue 13's goal: p99 under 20 ms at 50 connections, host lookup and snapshot served from memory by
// version (decision 036). The plain 200 (a client that takes no gzip; its copy is held once asked) is
// shown beside it.
import { mkdtempSync, rmSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { parseEnv } from "@stall/api/env";
import { buildSnapshot } from "@stall/api/snapshot";
import { createApiClient } from "@stall/api-client";
import { createDb, forShop, platform } from "@stall/db";
import { createProduct, createShop, freePort } from "@stall/db/testing";
import { prepareDatabase } from "@stall/demo-seed";
import { load } from "./fairness.ts";
import { count, type GoalRow } from "./lib/goals.ts";
import { API_ENTRY, startProcess, stopProcess } from "./lib/processes.ts";
import { round, table } from "./lib/stats.ts";
import { hasWrk, runWrk } from "./lib/wrk.ts";

const DURATION_S = Number(process.env.BENCH_DURATION_MS ?? 5000) / 1000;
const COLD_ROW = "200 gzip, the API's first seconds under load (not the goal)";
const GOAL_ROW = "200 gzip, as the storefront asks (in-memory copy)";
const PLAIN_ROW = "200 plain, no Accept-Encoding (held once asked)";
const NOT_MODIFIED_ROW = "304 (If-None-Match)";

export async function benchSnapshot() {
  const dir = mkdtempSync(join(tmpdir(), "stall-bench-snapshot-"));
  const url = `file:${join(dir, "stall.db")}`;
  const env = parseEnv({ DATA_DIR: dir, DATABASE_URL: url });
  await prepareDatabase(env, () => {});
  const database = await createDb(url);
  const big = await createShop(database.db, { slug: "big-shop" });
  for (let index = 0; index < 500; index++)
    await createProduct(database.db, big.id, { title: `Product ${index}`, price: 100 + index });
  await platform(database.db).shops.setPublished(big.id, true, Date.now());

  const builds = [];
  for (const slug of ["demo", "big-shop"]) {
    const shop = await platform(database.db).shops.findBySlug(slug);
    if (!shop) throw new Error(`no ${slug}`);
    // Read once, as the API does: the snapshot is cached by shop version, the plan read is not the build.
    const planPaymentMethods = (await platform(database.db).plans.get(shop.planId))?.paymentMethods ?? [];
    const times = [];
    let body = "";
    for (let run = 0; run < 10; run++) {
      const started = performance.now();
      const snapshot = await buildSnapshot({
        shop,
        repos: forShop(database.db, shop.id),
        publicApiUrl: "http://localhost:8787",
        storefrontUrl: "",
        planPaymentMethods,
        now: Date.now(),
      });
      times.push(performance.now() - started);
      body = JSON.stringify(snapshot);
    }
    builds.push({
      shop: slug,
      products: (JSON.parse(body) as { products: unknown[] }).products.length,
      "build ms (median)": round(times.sort((a, b) => a - b)[5] ?? 0, 1),
      "raw KB": round(body.length / 1024, 1),
      "gzip KB": round(gzipSync(body).byteLength / 1024, 1),
    });
  }
  database.close();

  const port = await freePort();
  const api = await startProcess(
    API_ENTRY,
    { API_PORT: String(port), API_HOST: "127.0.0.1", DATA_DIR: dir, DATABASE_URL: url },
    `http://127.0.0.1:${port}/healthz`,
  );
  const http: {
    answer: string;
    "req/s": number;
    "p50 ms": number;
    "p99 ms": number;
    errors: number;
    load: string;
    "load generator": string;
  }[] = [];
  try {
    const baseUrl = `http://127.0.0.1:${port}`;
    const target = `${baseUrl}/v1/storefront/demo.localhost/snapshot`;
    const first = await createApiClient({ baseUrl }).GET("/v1/storefront/{host}/snapshot", {
      params: { path: { host: "demo.localhost" } },
      parseAs: "stream",
    });
    await first.response.body?.cancel();
    const etag = first.response.headers.get("etag") ?? "";
    const usesWrk = hasWrk();
    const measure = async (durationS: number, headers: Record<string, string>, expected: string) => {
      if (usesWrk) {
        const r = await runWrk({ url: target, connections: 50, threads: 2, durationS, headers });
        return { perSecond: Math.round(r.perSecond), p50: r.p50, p99: r.p99, errors: r.non2xx + r.socketErrors };
      }
      const r = await load({ url: target, connections: 50, durationS, headers });
      return { ...r, errors: r.errors + r.requests - (r.statuses[expected] ?? 0) };
    };
    // The process's first seconds under load are shown apart and are not the goal: V8 is still optimising
    // and sizing its heap, its threads competing with wrk for the cores. On the 2-core machine the first 5 s
    // window after a start had p99 50-97 ms and the next ones 8-31 ms (docs/benchmarks.md, 2026-12-05);
    // 2 s of warm-up, as before, left most of that in the goal's row.
    for (const [name, headers] of [
      [COLD_ROW, { "accept-encoding": "gzip, deflate" }],
      [GOAL_ROW, { "accept-encoding": "gzip, deflate" }],
      [PLAIN_ROW, {}],
      [NOT_MODIFIED_ROW, { "if-none-match": etag, "accept-encoding": "gzip, deflate" }],
    ] as const) {
      const result = await measure(DURATION_S, { ...headers }, name === NOT_MODIFIED_ROW ? "304" : "200");
      http.push({
        answer: name,
        "req/s": result.perSecond,
        "p50 ms": round(result.p50, 1),
        "p99 ms": round(result.p99, 1),
        errors: result.errors,
        load: loadavg()[0]?.toFixed(1) ?? "?",
        "load generator": usesWrk ? "wrk -t2 -c50" : "autocannon -c50",
      });
    }
  } finally {
    await stopProcess(api);
    rmSync(dir, { recursive: true, force: true });
  }
  const row = (name: string) => http.find((measured) => measured.answer === name);
  const served = row(GOAL_ROW);
  const [cold, plain, notModified] = [row(COLD_ROW), row(PLAIN_ROW), row(NOT_MODIFIED_ROW)];
  const goals: GoalRow[] = served
    ? [
        {
          what: "API snapshot, 50 connections (demo shop, from memory, gzip as the storefront asks)",
          measured: `p99 ${served["p99 ms"]} ms, ${count(served["req/s"])} req/s, load ${served.load}`,
          goal: "p99 < 20 ms",
          isMet: served["p99 ms"] < 20 && served.errors === 0,
          baseline: `304 by ETag: p99 ${notModified?.["p99 ms"] ?? "?"} ms, ${count(notModified?.["req/s"] ?? 0)} req/s; plain 200 (no gzip asked): p99 ${plain?.["p99 ms"] ?? "?"} ms, ${count(plain?.["req/s"] ?? 0)} req/s; the first ${DURATION_S} s under load after the API started: p99 ${cold?.["p99 ms"] ?? "?"} ms`,
        },
      ]
    : [];
  return { builds, http, goals };
}

if (import.meta.main) {
  const { builds, http, goals } = await benchSnapshot();
  const { goalTable } = await import("./lib/goals.ts");
  process.stdout.write(
    `${table(goalTable(goals))}\n\nSnapshot build\n${table(builds)}\n\nSnapshot over HTTP (demo shop, 50 connections, ${DURATION_S} s)\n${table(http)}\n`,
  );
}
