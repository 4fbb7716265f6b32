// Warm storefront pages against a real static server (issue 13): the demo shop's product page, once
// warm, loaded by wrk in its own process; then Debian's nginx, also its own process, serving the exact
// bytes and headers the storefront sent for that page, loaded the same way. The ratio of the two is the
// goal row. Both servers log every request to a file, as they would in production.
//
// nginx runs `worker_processes 1`: the storefront answers from one event loop, so one nginx worker is the
// same shape of server on the same cores (two workers would be compared with two storefront processes).
// The goal's baseline is Debian's nginx as it comes; beside it, for information, the same nginx given
// the `open_file_cache` the cluster's front has for its kept pages (decision 055: the fair comparison for
// the front, file for file), and with `worker_processes auto`.
//
// Every server runs throughout and is loaded in turn, BENCH_WARM_PAGES_ROUNDS times (default 3): the
// ratios are taken round by round, seconds apart, and their median is the figure (this machine's speed
// moves from one minute to the next). The storefront gets 2 s of load first, unmeasured, for V8 to compile
// its code.
//
// `npx node bench/warm-pages.ts` prints the tables. BENCH_WARM_PAGES_SECONDS sets each load's length
// (default 4); BENCH_CPU_PROF_DIR, when set, runs the storefront with --cpu-prof and writes its profile
// there (summarise it with `npx node bench/lib/cpu-profile.ts <file>`); BENCH_STOREFRONT_NODE_FLAGS adds
// node flags to the storefront's process (`--perf-basic-prof` for `perf record`).
import { type ChildProcess, spawn } from "node:child_process";
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { freePort } from "@stall/db/testing";
import { HOLD_FILES_OPEN, nginxConfig } from "../scripts/lib/nginx-config.ts";
import type { StartPlan } from "../scripts/lib/plan.ts";
import { count, type GoalRow } from "./lib/goals.ts";
import { get, type Reply } from "./lib/http-get.ts";
import type { LoadResult, LoadSpec } from "./lib/load.ts";
import { root, stopProcess } from "./lib/processes.ts";
import { percentiles, round, table } from "./lib/stats.ts";
import { hasWrk, run, runWrk, type WrkResult } from "./lib/wrk.ts";

const SECONDS = Number(process.env.BENCH_WARM_PAGES_SECONDS ?? 4);
const ROUNDS = Number(process.env.BENCH_WARM_PAGES_ROUNDS ?? 3);
const CONNECTIONS = 50;
const THREADS = 2;
const GOAL_RATIO = 0.8;
/** What the load asks for: brotli, as every current browser does. */
const ACCEPT_ENCODING = "gzip, deflate, br";
const NGINX = "/usr/sbin/nginx";

/** Headers that describe the connection or this one response, not the page: nginx writes its own. */
const HOP_HEADERS = new Set(["date", "connection", "keep-alive", "content-length", "transfer-encoding"]);

/** The setup `npm start` runs (configuration, migrations, the demo shop), in its own process, as there. */
function planInChild(env: Record<string, string>): Promise<StartPlan> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(root, "scripts/start-plan.ts")], {
      cwd: root,
      env: { ...process.env, ...env },
      stdio: ["ignore", "ignore", "inherit", "ipc"],
    });
    let plan: StartPlan | undefined;
    child.once("message", (message) => {
      plan = message as StartPlan;
    });
    child.once("exit", (code) => (code === 0 && plan ? resolve(plan) : reject(new Error(`setup exited with ${code}`))));
  });
}

async function waitForHealth(child: ChildProcess, url: string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${url}: the process exited with ${child.exitCode}`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // starting
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${url} did not answer within 60 s`);
}

type Services = { storefrontPort: number; storefrontPid: number; host: string; logFile: string; stop(): Promise<void> };

/**
 * API and storefront as `npm start` starts them (the dashboard is not needed), each writing its request
 * log to a file the way a log collector would take it, with LOG_LEVEL=info as in production.
 */
async function startServices(dir: string): Promise<Services> {
  const [api, storefront, dashboard] = [await freePort(), await freePort(), await freePort()];
  const env = {
    API_PORT: String(api),
    STOREFRONT_PORT: String(storefront),
    DASHBOARD_PORT: String(dashboard),
    DATA_DIR: join(dir, "data"),
    DATABASE_URL: `file:${join(dir, "data", "stall.db")}`,
    LOG_LEVEL: "info",
  };
  mkdirSync(env.DATA_DIR, { recursive: true });
  const plan = await planInChild(env);
  const logFile = join(dir, "storefront.log");
  const children: ChildProcess[] = [];
  let storefrontPid = 0;
  const profileDir = process.env.BENCH_CPU_PROF_DIR;
  try {
    for (const service of plan.services.filter((s) => s.name === "api" || s.name === "storefront")) {
      const flags =
        service.name !== "storefront"
          ? []
          : [
              ...(profileDir ? ["--cpu-prof", `--cpu-prof-dir=${profileDir}`] : []),
              ...(process.env.BENCH_STOREFRONT_NODE_FLAGS ?? "").split(" ").filter(Boolean),
            ];
      const out = openSync(join(dir, `${service.name}.log`), "a");
      // The plan's command is node and its entry (relative to the repository, the cwd below).
      const child = spawn(service.command, [...flags, ...service.args], {
        cwd: root,
        env: {
          ...process.env,
          ...env,
          ...service.env,
          // To measure what the request log costs: BENCH_STOREFRONT_LOG_LEVEL=warn turns it off.
          ...(service.name === "storefront" && process.env.BENCH_STOREFRONT_LOG_LEVEL
            ? { LOG_LEVEL: process.env.BENCH_STOREFRONT_LOG_LEVEL }
            : {}),
        },
        stdio: ["ignore", out, "inherit"],
      });
      children.push(child);
      if (service.name === "storefront") storefrontPid = child.pid ?? 0;
      await waitForHealth(child, service.healthUrl);
    }
  } catch (error) {
    await Promise.all(children.map(stopProcess));
    throw error;
  }
  return {
    storefrontPort: storefront,
    storefrontPid,
    host: `demo.localhost:${storefront}`,
    logFile,
    stop: async () => {
      await Promise.all(children.map(stopProcess));
    },
  };
}

type StaticNginx = {
  workers: "1" | "auto";
  /** `open_file_cache`, as the cluster's front has it for its kept pages (decision 055). */
  holdsFilesOpen: boolean;
};

/** The static servers measured: the goal's baseline first (Debian's nginx as it comes, one worker). */
const STATIC_NGINX: StaticNginx[] = [
  { workers: "1", holdsFilesOpen: false },
  { workers: "1", holdsFilesOpen: true },
  { workers: "auto", holdsFilesOpen: false },
];

const describeNginx = ({ workers, holdsFilesOpen }: StaticNginx) =>
  `nginx, same bytes, worker_processes ${workers}${holdsFilesOpen ? ", open_file_cache" : ""}`;

/** nginx, its own process, serving `body` with `headers` at `path` on a free loopback port. */
async function startNginx(dir: string, path: string, reply: Reply, { workers, holdsFilesOpen }: StaticNginx) {
  const prefix = join(dir, `nginx-${workers}${holdsFilesOpen ? "-open" : ""}`);
  mkdirSync(join(prefix, "www"), { recursive: true });
  mkdirSync(join(prefix, "tmp"), { recursive: true });
  writeFileSync(join(prefix, "www", "page"), reply.body);
  // The workers run as nobody when started by root: let them read the page and write their log.
  for (const entry of [dir, prefix, join(prefix, "www"), join(prefix, "www", "page")]) {
    chmodSync(entry, statSync(entry).isDirectory() ? 0o755 : 0o644);
  }
  const port = await freePort();
  const quote = (value: string) => `"${value.replace(/["\\]/g, "\\$&")}"`;
  const extra = Object.entries(reply.headers)
    .filter(([name]) => !HOP_HEADERS.has(name) && name !== "content-type")
    .map(([name, value]) => `      add_header ${name} ${quote(value)} always;`)
    .join("\n");
  const config = `worker_processes ${workers};
pid ${join(prefix, "nginx.pid")};
error_log ${join(prefix, "error.log")} warn;
events { worker_connections 4096; }
http {
  access_log ${join(prefix, "access.log")};
  client_body_temp_path ${join(prefix, "tmp")};
  proxy_temp_path ${join(prefix, "tmp")};
  fastcgi_temp_path ${join(prefix, "tmp")};
  uwsgi_temp_path ${join(prefix, "tmp")};
  scgi_temp_path ${join(prefix, "tmp")};
  sendfile on;
  tcp_nopush on;
${holdsFilesOpen ? `  ${HOLD_FILES_OPEN}\n` : ""}  server_tokens off;
  # Node keeps a connection for any number of requests; nginx's default of 1,000 would reconnect.
  keepalive_requests 10000000;
  types {}
  server {
    listen 127.0.0.1:${port};
    location = ${path} {
      default_type ${quote(reply.headers["content-type"] ?? "text/html; charset=utf-8")};
      etag off;
${extra}
      alias ${join(prefix, "www", "page")};
    }
  }
}
`;
  writeFileSync(join(prefix, "nginx.conf"), config);
  return spawnNginx(["-p", prefix, "-c", join(prefix, "nginx.conf"), "-g", "daemon off;"], port);
}

/** Starts nginx with `args` and waits until it answers on `port`. */
async function spawnNginx(args: string[], port: number) {
  const child = spawn(NGINX, args, { stdio: ["ignore", "ignore", "inherit"] });
  const deadline = Date.now() + 10_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`nginx ${args.join(" ")} exited with ${child.exitCode}`);
    try {
      await get(port, "/", {});
      break;
    } catch {
      if (Date.now() > deadline) throw new Error(`nginx ${args.join(" ")} did not start`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
  return { port, pid: child.pid ?? 0, stop: () => stopProcess(child) };
}

/**
 * nginx as `npm run start:cluster` puts it in front of the storefront (scripts/lib/nginx-config.ts: the
 * public pages kept one second, decision 045), with one worker and a request log like the static nginx's.
 */
async function startFront(dir: string, storefrontPort: number) {
  const prefix = join(dir, "front");
  mkdirSync(prefix, { recursive: true });
  chmodSync(prefix, 0o755);
  const port = await freePort();
  const config = join(prefix, "nginx.conf");
  writeFileSync(
    config,
    nginxConfig({
      dir: prefix,
      servers: [{ name: "stall_storefront", port, upstreams: [storefrontPort], cachesPublicPages: true }],
      maxBodyBytes: 1024 * 1024,
      workers: 1,
      accessLog: join(prefix, "access.log"),
      ...(process.getuid?.() === 0 ? { user: "root" } : {}),
    }),
  );
  return spawnNginx(["-p", `${prefix}/`, "-c", config, "-e", join(prefix, "error.log")], port);
}

/** bench/lib/node-static.ts, its own process: node:http serving the same bytes and headers, nothing else. */
async function startNodeStatic(dir: string, path: string, reply: Reply) {
  const file = join(dir, "node-static-page");
  writeFileSync(file, reply.body);
  const headers = Object.fromEntries(Object.entries(reply.headers).filter(([name]) => !HOP_HEADERS.has(name)));
  const port = await freePort();
  const child = spawn(
    process.execPath,
    [join(root, "bench/lib/node-static.ts"), String(port), path, file, JSON.stringify(headers)],
    { cwd: root, stdio: ["ignore", "pipe", "inherit"] },
  );
  await new Promise<void>((resolve, reject) => {
    child.stdout?.once("data", () => resolve());
    child.once("exit", (code) => reject(new Error(`node-static exited with ${code}`)));
  });
  return { port, pid: child.pid ?? 0, stop: () => stopProcess(child) };
}

/** Clock ticks per second of /proc's CPU times (USER_HZ: 100 on every Linux this runs on). */
const TICKS_PER_SECOND = 100;

/** CPU seconds (user + system) spent so far by a process and its children (nginx's workers), from /proc. */
function cpuSeconds(pid: number): number {
  const stats = new Map<number, { ppid: number; ticks: number }>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const text = readFileSync(`/proc/${entry}/stat`, "utf8");
      // The name in parentheses may hold spaces; the fields after it are space-separated.
      const fields = text.slice(text.lastIndexOf(")") + 2).split(" ");
      stats.set(Number(entry), { ppid: Number(fields[1]), ticks: Number(fields[11]) + Number(fields[12]) });
    } catch {
      // gone meanwhile
    }
  }
  let ticks = stats.get(pid)?.ticks ?? 0;
  for (const stat of stats.values()) if (stat.ppid === pid) ticks += stat.ticks;
  return ticks / TICKS_PER_SECOND;
}

/** One load run's figures (wrk's, or autocannon's without the bytes) and the server's CPU per answer. */
export type Measured = Omit<WrkResult, "socketErrors" | "max"> & {
  server: string;
  /** Connect, read, write and timeout errors. */
  errors: number;
  /** CPU time the server spent per response: robust to a busy machine, unlike req/s. */
  cpuUsPerResponse: number;
  load: string;
};

const loadNow = () =>
  loadavg()
    .map((value) => value.toFixed(2))
    .join(" ");

/** One load run, in its own process: wrk if installed, else autocannon (bench/lib/load.ts). */
async function measure(
  server: string,
  port: number,
  path: string,
  headers: Record<string, string>,
  pid: number,
): Promise<Measured> {
  const load = loadNow();
  const cpuBefore = cpuSeconds(pid);
  const cpuPer = (requests: number) => (requests ? ((cpuSeconds(pid) - cpuBefore) / requests) * 1e6 : Number.NaN);
  if (hasWrk()) {
    const r = await runWrk({
      url: `http://127.0.0.1:${port}${path}`,
      connections: CONNECTIONS,
      threads: THREADS,
      durationS: SECONDS,
      headers,
    });
    return {
      server,
      requests: r.requests,
      perSecond: r.perSecond,
      p50: r.p50,
      p99: r.p99,
      bytesPerResponse: r.bytesPerResponse,
      non2xx: r.non2xx,
      errors: r.socketErrors,
      cpuUsPerResponse: cpuPer(r.requests),
      load,
    };
  }
  const spec: LoadSpec = {
    url: `http://127.0.0.1:${port}${path}`,
    connections: CONNECTIONS,
    durationS: SECONDS,
    headers,
  };
  const output = await run(process.execPath, [join(root, "bench/lib/load.ts"), JSON.stringify(spec)], root);
  const r = JSON.parse(output.trim().split("\n").at(-1) ?? "{}") as LoadResult;
  const ok = Object.entries(r.statuses)
    .filter(([code]) => code.startsWith("2"))
    .reduce((sum, [, n]) => sum + n, 0);
  return {
    server,
    requests: r.requests,
    perSecond: r.perSecond,
    p50: r.p50,
    p99: r.p99,
    bytesPerResponse: Number.NaN,
    non2xx: r.requests - ok,
    errors: r.errors,
    cpuUsPerResponse: cpuPer(r.requests),
    load,
  };
}

const logLinesOf = (file: string) => readFileSync(file, "utf8").split("\n").length;

/** Buyers arriving at once for a page, as when a shop's link has just been shared. */
const BURST = 50;

/**
 * BURST requests at once, each on its own connection, for a page neither the storefront nor nginx has
 * yet (a product page no one asked for), so the first of them is rendered: how long each waited
 * (decision 054). Timed in this process, which only waits here; each answer is checked to be a 200.
 */
async function burst(server: string, port: number, path: string, headers: Record<string, string>) {
  const one = async () => {
    const started = performance.now();
    const reply = await get(port, path, { ...headers, Connection: "close" });
    if (reply.status !== 200) throw new Error(`${server}: ${path} answered ${reply.status} in the burst`);
    return performance.now() - started;
  };
  const waits = (await Promise.all(Array.from({ length: BURST }, one))).sort((a, b) => a - b);
  return {
    [`${BURST} requests at once for a page not yet held`]: server,
    "p50 ms": round(waits[Math.floor(BURST / 2)] ?? Number.NaN, 1),
    "slowest ms": round(waits.at(-1) ?? Number.NaN, 1),
  };
}

/** The first three product pages linked from the demo shop's home page: one to load, two for bursts. */
async function productPaths(port: number, host: string): Promise<[string, string, string]> {
  const home = await get(port, "/", { host });
  const paths = [...new Set([...home.body.toString().matchAll(/href="(\/products\/[^"?#]+)"/g)].map((m) => m[1]))];
  const [first, second, third] = paths;
  if (!first || !second || !third) {
    throw new Error(`fewer than three product links on the demo shop's home page (status ${home.status})`);
  }
  return [first, second, third];
}

/** Asks until the page is cached in the load's encoding (the first answers render and compress it). */
async function warm(port: number, path: string, headers: Record<string, string>): Promise<Reply> {
  let reply = await get(port, path, headers);
  for (let i = 0; i < 5; i++) reply = await get(port, path, headers);
  if (reply.status !== 200) throw new Error(`${path} answered ${reply.status}`);
  return reply;
}

/** A server loaded in the rounds: its row's name, where it listens, and the process whose CPU is counted. */
type Loaded = { server: string; port: number; pid: number };

/**
 * Every server measured in turn, `ROUNDS` times, all of them running the whole time: this host's speed
 * moves by half from one minute to the next, so two servers loaded minutes apart measure the minutes as
 * much as the servers. A ratio is taken per round (the two loads seconds apart) and the median given.
 */
async function loadInRounds(servers: Loaded[], path: string, headers: Record<string, string>, onFront: () => number) {
  const runs = new Map<string, Measured[]>(servers.map(({ server }) => [server, []]));
  let renderedBehindFront = 0;
  for (let round = 0; round < ROUNDS; round++) {
    for (const { server, port, pid } of servers) {
      const before = server === FRONT ? onFront() : 0;
      runs.get(server)?.push(await measure(server, port, path, headers, pid));
      if (server === FRONT) {
        await new Promise((resolve) => setTimeout(resolve, 200));
        renderedBehindFront += onFront() - before;
      }
    }
  }
  return { runs, renderedBehindFront };
}

/** One row from a server's rounds: requests and CPU summed, the rest the median of the rounds. */
function combined(rounds: Measured[]): Measured {
  const requests = rounds.reduce((sum, r) => sum + r.requests, 0);
  const mid = (pick: (r: Measured) => number) => percentiles(rounds.map(pick)).p50;
  const cpu = rounds.reduce((sum, r) => sum + r.cpuUsPerResponse * r.requests, 0);
  return {
    server: rounds[0]?.server ?? "",
    requests,
    perSecond: mid((r) => r.perSecond),
    p50: mid((r) => r.p50),
    p99: mid((r) => r.p99),
    bytesPerResponse: mid((r) => r.bytesPerResponse),
    non2xx: rounds.reduce((sum, r) => sum + r.non2xx, 0),
    errors: rounds.reduce((sum, r) => sum + r.errors, 0),
    cpuUsPerResponse: requests ? cpu / requests : Number.NaN,
    load: `${rounds[0]?.load.split(" ")[0] ?? ""} → ${rounds.at(-1)?.load.split(" ")[0] ?? ""}`,
  };
}

/** The ratio of two servers' req/s round by round: its median (the upper middle for an even count), lowest and highest. */
function ratioOf(mine: Measured[], theirs: Measured[]) {
  const each = mine.map((r, i) => r.perSecond / (theirs[i]?.perSecond ?? Number.NaN));
  return { median: percentiles(each).p50, low: Math.min(...each), high: Math.max(...each) };
}

const describeRatio = ({ median: mid, low, high }: ReturnType<typeof ratioOf>) =>
  `${round(mid, 2)}× (median of ${ROUNDS} rounds, ${round(low, 2)}-${round(high, 2)})`;

const STOREFRONT = "storefront, warm page";
const FRONT = "storefront behind nginx's 1 s page cache (start:cluster's front, worker_processes 1)";
const NODE_STATIC = "node:http alone, same bytes and headers";

export async function benchWarmPages(): Promise<{
  goals: GoalRow[];
  details: {
    runs: Record<string, string | number>[];
    bursts: Record<string, string | number>[];
    setup: Record<string, string>[];
  };
}> {
  if (!existsSync(NGINX)) throw new Error(`${NGINX} is missing: install Debian's nginx (apt-get install -y nginx wrk)`);
  const dir = mkdtempSync(join(tmpdir(), "stall-bench-warm-"));
  chmodSync(dir, 0o755);
  const services = await startServices(dir);
  const stops: (() => Promise<void>)[] = [() => services.stop()];
  const sizes: Record<string, number> = {};
  const headers = () => ({ Host: services.host, "Accept-Encoding": ACCEPT_ENCODING });
  const bursts: Record<string, string | number>[] = [];
  let path = "";
  let page: Reply;
  let measured: Awaited<ReturnType<typeof loadInRounds>>;
  let logLines = 0;
  try {
    const [loaded, burstAlone, burstFront] = await productPaths(services.storefrontPort, services.host);
    path = loaded;
    page = await warm(services.storefrontPort, path, headers());
    for (const encoding of ["gzip", "identity"]) {
      const other = await get(services.storefrontPort, path, { Host: services.host, "Accept-Encoding": encoding });
      sizes[encoding] = other.body.byteLength;
    }
    bursts.push(await burst("storefront alone", services.storefrontPort, burstAlone, headers()));
    const front = await startFront(dir, services.storefrontPort);
    stops.push(front.stop);
    bursts.push(await burst("behind the front", front.port, burstFront, headers()));
    const nodeStatic = await startNodeStatic(dir, path, page);
    stops.push(nodeStatic.stop);
    const servers: Loaded[] = [
      { server: STOREFRONT, port: services.storefrontPort, pid: services.storefrontPid },
      { server: FRONT, port: front.port, pid: front.pid },
      { server: NODE_STATIC, port: nodeStatic.port, pid: nodeStatic.pid },
    ];
    for (const settings of STATIC_NGINX) {
      const nginx = await startNginx(dir, path, page, settings);
      stops.push(nginx.stop);
      servers.push({ server: describeNginx(settings), port: nginx.port, pid: nginx.pid });
    }
    for (const { server, port } of servers) {
      const check = await warm(port, path, headers());
      if (!check.body.equals(page.body)) throw new Error(`${server} does not serve the storefront's bytes`);
    }
    // The storefront's code is compiled by V8 as it runs: a few seconds of load first, unmeasured, so the
    // rounds see it as a busy shop's buyers would (nginx, in C, has nothing to warm).
    for (const port of [services.storefrontPort, front.port]) {
      await runWrk({
        url: `http://127.0.0.1:${port}${path}`,
        connections: CONNECTIONS,
        threads: THREADS,
        durationS: 2,
        headers: headers(),
      });
    }
    measured = await loadInRounds(servers, path, headers(), () => logLinesOf(services.logFile));
    logLines = logLinesOf(services.logFile);
  } finally {
    for (const stop of stops.reverse()) await stop();
  }
  rmSync(dir, { recursive: true, force: true });

  const rounds = (server: string) => measured.runs.get(server) ?? [];
  const nginx1Name = describeNginx(STATIC_NGINX[0] as StaticNginx);
  const nginxOpenName = describeNginx(STATIC_NGINX[1] as StaticNginx);
  const results = [...measured.runs.values()].map(combined);
  const [storefront, behindFront, , nginx1, nginxOpen] = results as [Measured, Measured, Measured, Measured, Measured];
  const ratio = ratioOf(rounds(STOREFRONT), rounds(nginx1Name));
  const frontRatio = ratioOf(rounds(FRONT), rounds(nginx1Name));
  const frontOpenRatio = ratioOf(rounds(FRONT), rounds(nginxOpenName));
  const usedWrk = hasWrk();
  const generator = usedWrk
    ? `wrk -t${THREADS} -c${CONNECTIONS} -d${SECONDS}s, ${ROUNDS} rounds`
    : `autocannon -c${CONNECTIONS} -d${SECONDS}, ${ROUNDS} rounds (wrk not installed)`;
  const goals: GoalRow[] = [
    {
      what: `warm product page vs nginx, same bytes (${generator})`,
      measured: `${count(storefront.perSecond)} req/s, p99 ${round(storefront.p99, 1)} ms: ${describeRatio(ratio)} (load ${storefront.load})`,
      goal: `≥ ${GOAL_RATIO}×`,
      isMet: ratio.median >= GOAL_RATIO,
      baseline: `nginx (1 worker) ${count(nginx1.perSecond)} req/s, p99 ${round(nginx1.p99, 1)} ms`,
    },
    {
      what: "warm product page behind start:cluster's nginx (1 s page cache) vs nginx, same bytes",
      measured: `${count(behindFront.perSecond)} req/s, p99 ${round(behindFront.p99, 1)} ms: ${describeRatio(frontRatio)} (load ${behindFront.load}); ${count(measured.renderedBehindFront)} of ${count(behindFront.requests)} reached the storefront`,
      goal: `≥ ${GOAL_RATIO}×`,
      isMet: frontRatio.median >= GOAL_RATIO,
      baseline: `nginx (1 worker) ${count(nginx1.perSecond)} req/s; given the front's open_file_cache ${count(nginxOpen.perSecond)} req/s, against which the front is ${describeRatio(frontOpenRatio)}`,
    },
  ];
  const runs = results.map((r) => ({
    server: r.server,
    "req/s (median)": count(r.perSecond),
    "p50 ms": round(r.p50, 2),
    "p99 ms": round(r.p99, 2),
    "bytes/response": Number.isNaN(r.bytesPerResponse) ? "n/a" : Math.round(r.bytesPerResponse),
    "non-2xx": r.non2xx,
    "socket errors": r.errors,
    "server CPU µs/response": round(r.cpuUsPerResponse, 1),
    "vs storefront": round(storefront.perSecond / r.perSecond, 2),
    "load average (1 min), first → last round": r.load,
  }));
  const setup = [
    {
      what: "page",
      value: `${path} (demo shop), ${page.body.byteLength} bytes ${page.headers["content-encoding"] ?? "identity"} (gzip ${sizes.gzip}, plain ${sizes.identity})`,
    },
    {
      what: "load generator",
      value: `${generator} (every server in turn each round, all running throughout), Accept-Encoding: ${ACCEPT_ENCODING}, in its own process`,
    },
    { what: "request log lines written", value: count(logLines) },
  ];
  return { goals, details: { runs, bursts, setup } };
}

if (import.meta.main) {
  const { goalTable } = await import("./lib/goals.ts");
  const result = await benchWarmPages();
  process.stdout.write(
    [
      "Warm product page against nginx serving the same bytes",
      table(result.details.setup),
      "",
      table(result.details.runs),
      "",
      table(result.details.bursts),
      "",
      table(goalTable(result.goals)),
      "",
    ].join("\n"),
  );
}
