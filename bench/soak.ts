// Soak (issue 14): the cluster of `npm run start:cluster` under a steady mix of orders and page views
// for BENCH_SOAK_MINUTES (default 30) at 70 % of the peak measured at the start, sampling every
// BENCH_SOAK_SAMPLE_S (default 5) seconds the RSS of every process, the size of sqld's WAL and
// replication log, throughput and errors. Writes docs/perf/soak.svg (or BENCH_SOAK_SVG) and prints a
// summary: each process's RSS after the warm-up against the last sample, the WAL's largest size, errors.
// At the end the shop's orders are checked as the crash loops check them.
//
// `npx node bench/soak.ts`; BENCH_SOAK_MINUTES=1 for a smoke run. Not part of bench/run.ts.
import { readFileSync, statSync, writeFileSync } from "node:fs";
import { Agent, request } from "node:http";
import { join } from "node:path";
import { checkOrders, orderCheckRow, type SeededShop, seedShop, startCluster } from "@stall/cluster";
import { root } from "./lib/processes.ts";
import { table } from "./lib/stats.ts";
import { type Series, svgPlot } from "./lib/svg-plot.ts";

const MINUTES = Number(process.env.BENCH_SOAK_MINUTES ?? 30);
const SAMPLE_S = Number(process.env.BENCH_SOAK_SAMPLE_S ?? 5);
const PEAK_S = Number(process.env.BENCH_SOAK_PEAK_S ?? 15);
const SHARE_OF_PEAK = 0.7;
/** RSS is compared from the end of the warm-up: 10 % of the run, at least 10 s, at most 5 minutes. */
const WARMUP_S = Math.min(300, Math.max(10, MINUTES * 6));
const SVG_PATH = process.env.BENCH_SOAK_SVG ?? join(root, "docs/perf/soak.svg");
const PRODUCTS = 40;
const CONNECTIONS = 16;

const agent = new Agent({ keepAlive: true, maxSockets: 256 });

/** One request through nginx; resolves the status, 0 when no answer came. */
function send(options: {
  port: number;
  host?: string;
  path: string;
  method?: string;
  body?: string;
  headers?: Record<string, string>;
}) {
  return new Promise<number>((resolve) => {
    const req = request(
      {
        host: "127.0.0.1",
        port: options.port,
        path: options.path,
        method: options.method ?? "GET",
        agent,
        headers: {
          ...(options.host ? { host: options.host } : {}),
          ...(options.body
            ? { "content-type": "application/json", "content-length": Buffer.byteLength(options.body) }
            : {}),
          ...options.headers,
        },
      },
      (response) => {
        response.resume();
        response.on("end", () => resolve(response.statusCode ?? 0));
      },
    );
    req.setTimeout(30_000, () => req.destroy(new Error("no answer in 30 s")));
    req.on("error", () => resolve(0));
    req.end(options.body);
  });
}

type Traffic = {
  order(): Promise<number>;
  page(): Promise<number>;
  accepted: string[];
  /** The first problem detail the API answered for each refused status. */
  details: Record<string, string>;
};

let sequence = 0;

function traffic(apiPort: number, storefrontPort: number, shop: SeededShop, secret: string): Traffic {
  const accepted: string[] = [];
  const details: Record<string, string> = {};
  const host = `${shop.host}:${storefrontPort}`;
  const paths = ["/", ...Array.from({ length: PRODUCTS }, (_, index) => `/products/product-${index + 1}`)];
  return {
    accepted,
    details,
    // Orders are read back for their id, so a 201 can be looked for in the database afterwards.
    async order() {
      sequence += 1;
      const variantId = shop.variantIds[sequence % shop.variantIds.length] as string;
      try {
        const response = await fetch(`http://127.0.0.1:${apiPort}/v1/storefront/${shop.host}/checkouts`, {
          method: "POST",
          headers: {
            "content-type": "application/json",
            "idempotency-key": `soak-${process.pid}-${sequence}`,
            "x-stall-client-ip": `10.${(sequence >> 16) & 255}.${(sequence >> 8) & 255}.${sequence & 255}`,
            "x-stall-storefront-secret": secret,
          },
          body: JSON.stringify({
            lines: [{ variantId, quantity: 1 }],
            buyer: { name: "Soak Buyer", email: "buyer@soak.stall.test" },
            fulfilment: { type: "pickup", pickupPointId: shop.pickupPointId },
            paymentMethod: "pay_at_pickup",
          }),
          signal: AbortSignal.timeout(30_000),
        });
        const body = (await response.json().catch(() => undefined)) as
          | { order?: { id: string }; detail?: string }
          | undefined;
        if (response.status === 201 && body?.order) accepted.push(body.order.id);
        else details[response.status] ??= body?.detail ?? "(no problem body)";
        return response.status;
      } catch {
        return 0;
      }
    },
    page: () => send({ port: storefrontPort, host, path: paths[sequence++ % paths.length] as string }),
  };
}

type Counts = { orders: number; pages: number; errors: number; behind: number; statuses: Record<string, number> };
const emptyCounts = (): Counts => ({ orders: 0, pages: 0, errors: 0, behind: 0, statuses: {} });

function record(counts: Counts, kind: "orders" | "pages", status: number) {
  const isOk = kind === "orders" ? status === 201 : status === 200 || status === 304;
  if (isOk) counts[kind]++;
  else {
    counts.errors++;
    const key = `${kind === "orders" ? "order" : "page"} ${status || "no answer"}`;
    counts.statuses[key] = (counts.statuses[key] ?? 0) + 1;
  }
}

/** As fast as `CONNECTIONS` connections of each kind go, for `seconds`: the peak of this mix. */
async function measurePeak(load: Traffic, seconds: number): Promise<{ orders: number; pages: number; counts: Counts }> {
  const counts = emptyCounts();
  const stopAt = performance.now() + seconds * 1000;
  const loop = async (kind: "orders" | "pages") => {
    while (performance.now() < stopAt) record(counts, kind, await (kind === "orders" ? load.order() : load.page()));
  };
  await Promise.all([
    ...Array.from({ length: CONNECTIONS }, () => loop("orders")),
    ...Array.from({ length: CONNECTIONS }, () => loop("pages")),
  ]);
  return { orders: counts.orders / seconds, pages: counts.pages / seconds, counts };
}

/** Sends at a steady rate (open loop); a request that would exceed `maxInFlight` is counted as behind. */
function paced(rate: number, maxInFlight: number, run: () => Promise<void>, onBehind: () => void) {
  let inFlight = 0;
  let sent = 0;
  const started = performance.now();
  const pending = new Set<Promise<void>>();
  const timer = setInterval(() => {
    const due = Math.floor(((performance.now() - started) / 1000) * rate) - sent;
    for (let index = 0; index < due; index++) {
      sent++;
      if (inFlight >= maxInFlight) {
        onBehind();
        continue;
      }
      inFlight++;
      const done = run().finally(() => {
        inFlight--;
        pending.delete(done);
      });
      pending.add(done);
    }
  }, 20);
  return async () => {
    clearInterval(timer);
    await Promise.all(pending);
  };
}

function rssMb(pid: number): number {
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return match ? Number(match[1]) / 1024 : 0;
  } catch {
    return 0;
  }
}

function childrenOf(pid: number): number[] {
  try {
    return readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8").trim().split(/\s+/).filter(Boolean).map(Number);
  } catch {
    return [];
  }
}

const fileMb = (path: string) => {
  try {
    return statSync(path).size / 1024 / 1024;
  } catch {
    return 0;
  }
};

type Sample = {
  t: number;
  rss: Record<string, number>;
  walMb: number;
  replicationLogMb: number;
  ordersPerSecond: number;
  pagesPerSecond: number;
  errors: number;
};

const round1 = (value: number) => Math.round(value * 10) / 10;

async function soak() {
  const cluster = await startCluster({ env: { LOG_LEVEL: "error" } });
  try {
    const apiPort = Number(new URL(cluster.api).port);
    const shop = await seedShop(cluster.api, { slug: "soak", products: PRODUCTS, stock: 1_000_000 });
    const load = traffic(apiPort, cluster.storefrontPort, shop, cluster.secret);
    process.stderr.write(`[soak] measuring the peak for ${PEAK_S} s…\n`);
    const peak = await measurePeak(load, PEAK_S);
    const target = { orders: peak.orders * SHARE_OF_PEAK, pages: peak.pages * SHARE_OF_PEAK };
    process.stderr.write(
      `[soak] peak ${round1(peak.orders)} orders/s + ${round1(peak.pages)} pages/s; soaking ${MINUTES} min at ${round1(target.orders)} + ${round1(target.pages)}/s\n`,
    );

    const total = emptyCounts();
    let interval = emptyCounts();
    const count = (kind: "orders" | "pages") => async () => {
      const status = await (kind === "orders" ? load.order() : load.page());
      record(total, kind, status);
      record(interval, kind, status);
    };
    const behind = () => {
      total.behind++;
      interval.behind++;
    };
    const stops = [
      paced(target.orders, CONNECTIONS * 4, count("orders"), behind),
      paced(target.pages, CONNECTIONS * 4, count("pages"), behind),
    ];
    const samples: Sample[] = [];
    const walPath = join(cluster.sqldPath, "dbs", "default", "data-wal");
    const logPath = join(cluster.sqldPath, "dbs", "default", "wallog");
    const started = performance.now();
    let last = started;
    const sample = () => {
      const now = performance.now();
      const seconds = (now - last) / 1000;
      last = now;
      const rss: Record<string, number> = { supervisor: rssMb(cluster.supervisorPid) };
      for (const [name, pid] of Object.entries(cluster.pids())) {
        // nginx: the master and its workers together.
        rss[name] = rssMb(pid) + (name === "nginx" ? childrenOf(pid).reduce((sum, child) => sum + rssMb(child), 0) : 0);
      }
      samples.push({
        t: (now - started) / 1000,
        rss,
        walMb: fileMb(walPath),
        replicationLogMb: fileMb(logPath),
        ordersPerSecond: interval.orders / seconds,
        pagesPerSecond: interval.pages / seconds,
        errors: interval.errors,
      });
      interval = emptyCounts();
    };
    sample();
    const sampler = setInterval(() => {
      sample();
      const latest = samples.at(-1) as Sample;
      if (samples.length % Math.max(1, Math.round(60 / SAMPLE_S)) === 0) {
        process.stderr.write(
          `[soak] ${Math.round(latest.t)} s: ${round1(latest.ordersPerSecond)} orders/s, ${round1(latest.pagesPerSecond)} pages/s, WAL ${round1(latest.walMb)} MB, errors so far ${total.errors}\n`,
        );
      }
    }, SAMPLE_S * 1000);
    await new Promise((resolve) => setTimeout(resolve, MINUTES * 60_000));
    clearInterval(sampler);
    await Promise.all(stops.map((stop) => stop()));
    sample();
    const elapsed = (performance.now() - started) / 1000;
    const check = await checkOrders(cluster.databaseUrl, shop, load.accepted);
    return { peak, target, total, samples, elapsed, check, details: load.details };
  } finally {
    await cluster.stop();
    agent.destroy();
  }
}

function report(result: Awaited<ReturnType<typeof soak>>) {
  const { samples, total, peak, target, elapsed, check } = result;
  const afterWarmup = samples.find((entry) => entry.t >= WARMUP_S) ?? samples[0];
  const lastSample = samples.at(-1);
  if (!afterWarmup || !lastSample) throw new Error("no samples");
  const names = Object.keys(lastSample.rss);
  const rssRows = names.map((name) => {
    const values = samples.filter((entry) => entry.t >= afterWarmup.t).map((entry) => entry.rss[name] ?? 0);
    const first = afterWarmup.rss[name] ?? 0;
    const latest = lastSample.rss[name] ?? 0;
    return {
      process: name,
      [`RSS MB at ${Math.round(afterWarmup.t)} s`]: round1(first),
      "RSS MB last": round1(latest),
      "RSS MB max after warm-up": round1(Math.max(...values)),
      change: first > 0 ? `${latest >= first ? "+" : ""}${Math.round(((latest - first) / first) * 100)} %` : "",
    };
  });
  const walMax = Math.max(...samples.map((entry) => entry.walMb));
  const logMax = Math.max(...samples.map((entry) => entry.replicationLogMb));
  const summary = {
    minutes: round1(elapsed / 60),
    "peak (orders/s + pages/s)": `${round1(peak.orders)} + ${round1(peak.pages)}`,
    "target, 70 %": `${round1(target.orders)} + ${round1(target.pages)}`,
    achieved: `${round1(total.orders / elapsed)} + ${round1(total.pages / elapsed)}`,
    orders: total.orders,
    pages: total.pages,
    errors: total.errors,
    "not sent (over 64 in flight)": total.behind,
    "WAL max MB": round1(walMax),
    "WAL last MB": round1(lastSample.walMb),
    "replication log max MB": round1(logMax),
  };
  const svg = svgPlot({
    title: `Soak: the cluster at 70 % of its peak for ${round1(elapsed / 60)} min (orders + page views)`,
    xLabel: "seconds",
    panels: [
      {
        title: "Resident memory of each process",
        yLabel: "RSS (MB)",
        series: names.map(
          (name): Series => ({ name, points: samples.map((entry) => [entry.t, entry.rss[name] ?? 0]) }),
        ),
      },
      {
        title: "sqld's WAL (checkpointed on a timer) and replication log (compacted)",
        yLabel: "MB",
        series: [
          { name: "WAL (data-wal)", points: samples.map((entry) => [entry.t, entry.walMb]) },
          { name: "replication log", points: samples.map((entry) => [entry.t, entry.replicationLogMb]) },
        ],
      },
      {
        title: "Throughput and errors per sample",
        yLabel: "per second / count",
        series: [
          { name: "orders/s", points: samples.slice(1).map((entry) => [entry.t, entry.ordersPerSecond]) },
          { name: "pages/s", points: samples.slice(1).map((entry) => [entry.t, entry.pagesPerSecond]) },
          { name: "errors", points: samples.slice(1).map((entry) => [entry.t, entry.errors]) },
        ],
      },
    ],
  });
  writeFileSync(SVG_PATH, svg);
  return [
    `Soak, ${round1(elapsed / 60)} min, sampled every ${SAMPLE_S} s, warm-up ${WARMUP_S} s`,
    table([summary]),
    "",
    table(rssRows),
    "",
    `Errors by kind: ${
      Object.entries(total.statuses)
        .map(([kind, n]) => `${kind}: ${n}`)
        .join(", ") || "none"
    }`,
    `First answer of each refused order status: ${JSON.stringify(result.details)}`,
    `Orders afterwards: ${Object.entries(orderCheckRow(check))
      .map(([key, value]) => `${key} ${value}`)
      .join("; ")}`,
    `Plot: ${SVG_PATH}`,
    "",
  ].join("\n");
}

if (import.meta.main) {
  const result = await soak();
  process.stdout.write(report(result));
  if (result.total.errors > 0 || !result.check.isSound) process.exitCode = 1;
}
