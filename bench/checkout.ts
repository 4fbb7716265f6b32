// Placing orders fast (issue 13): orders per second and p50/p99 at 50 connections through the real HTTP
// API, pay at pickup, every request a new order (its own Idempotency-Key) from its own buyer address,
// on a shop with the peers' catalogue (200 products × 2 sizes). In one run:
//   1. raw libSQL: the very batch the API writes for an order, replayed straight on the client (WAL
//      file, 50 concurrent), one order a commit and RAW_GROUP orders a commit (the API commits the orders
//      of one moment together, decision 046): the floors the embedded API is compared with;
//   2. the embedded default: one API process on a libSQL file;
//   3. the same raw batches on their own sqld over HTTP: the floors of the sqld arm;
//   4. sqld: one sqld, two API processes on it, the load spread across both.
// After each API arm the database is read: orders stored must equal the 201s, stock taken must equal
// the units in those orders, and 200 buyers at once for a size with 5 left must make exactly 5 orders.
//
// The per-IP and per-shop checkout limits and the per-shop in-flight guard (decisions 014, 023) are set
// out of reach, as bench/fairness.ts does for its "before" run: this measures the order path, not the
// limiter (which would answer most of 50 connections on one shop with 429/503 in microseconds).
// Load generators are their own processes (bench/lib/orders-load.ts).
//
// `npx node bench/checkout.ts` prints the tables. BENCH_DURATION_MS sets the measured time per arm
// (default 10 s); BENCH_SQLD_SCHEME=ws puts the sqld arm on ws:// instead of http://; BENCH_CHECKOUT_ARM=sqld runs
// that arm alone, BENCH_CHECKOUT_ARM=raw the two raw baselines alone; BENCH_CPU_PROF_DIR=dir runs only the embedded arm, its API under --cpu-prof, and leaves
// the profile there for bench/lib/flame.ts. BENCH_CHECKOUT_CONNECTIONS (default 50) sets the buyers at once:
// with 1, each figure is one order's time alone (where an order's time goes, without queueing). The APIs
// log as production does (LOG_LEVEL=info, a line per request, to a file); BENCH_CHECKOUT_LOG_LEVEL=warn
// turns the request lines off; BENCH_API_NODE_FLAGS adds node flags to every API process.
import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { closeSync, mkdtempSync, openSync, rmSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import type { InStatement } from "@libsql/client";
import { parseEnv } from "@stall/api/env";
import { createDb, type Database, type NewOrder, orderBatch } from "@stall/db";
import { createProduct, createShop, createTestDb, freePort, startSqld } from "@stall/db/testing";
import { prepareDatabase } from "@stall/demo-seed";
import { count, type GoalRow } from "./lib/goals.ts";
import type { OrdersLoadResult, OrdersLoadSpec } from "./lib/orders-load.ts";
import { API_ENTRY, root } from "./lib/processes.ts";
import { loop, table } from "./lib/stats.ts";

const DURATION_S = Number(process.env.BENCH_DURATION_MS ?? 10_000) / 1000;
const WARMUP_S = 2;
const CONNECTIONS = Number(process.env.BENCH_CHECKOUT_CONNECTIONS ?? 50);
const PRODUCTS = 200;
const STOCK = 1_000_000;
const SCARCE = 5;
const OVERSELL_BUYERS = 200;
/** Orders a commit in the grouped raw baseline: about what the API gathers at 50 connections. */
const RAW_GROUP = 16;

/** The limits of decisions 014/023 out of reach (see the top of this file). */
const LIMITS_OFF = {
  CHECKOUT_LIMIT_PER_IP: "1000000",
  CHECKOUT_LIMIT_PER_SHOP: "1000000",
  CART_LIMIT_PER_IP: "1000000",
  CART_LIMIT_PER_SHOP: "1000000",
  SHOP_MAX_IN_FLIGHT: "1000",
  SHOP_MAX_QUEUED: "10000",
};

const load1 = () => Number(loadavg()[0]?.toFixed(1));

type Seeded = { host: string; shopId: string; variantIds: string[]; scarceId: string; pickupId: string };

/** The API's log level here: `info` writes a line per request, as production runs (BENCH_CHECKOUT_LOG_LEVEL). */
const LOG_LEVEL = process.env.BENCH_CHECKOUT_LOG_LEVEL ?? "info";

/** An API process on `env.DATA_DIR`, its log written to a file there, the way a log collector would take it. */
function startApi(
  env: Record<string, string> & { DATA_DIR: string },
  port: number,
  nodeArgs: string[] = [],
): Promise<ChildProcess> {
  const log = openSync(join(env.DATA_DIR, `api-${port}.log`), "a");
  // BENCH_API_NODE_FLAGS adds node flags to every API process (`--cpu-prof` for the sqld arm's).
  const flags = (process.env.BENCH_API_NODE_FLAGS ?? "").split(" ").filter(Boolean);
  const child = spawn(process.execPath, [...nodeArgs, ...flags, API_ENTRY], {
    cwd: root,
    env: { ...process.env, LOG_LEVEL, API_HOST: "127.0.0.1", API_PORT: String(port), ...LIMITS_OFF, ...env },
    stdio: ["ignore", log, "inherit"],
  });
  closeSync(log);
  return (async () => {
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline) {
      if (child.exitCode !== null) throw new Error(`API exited with ${child.exitCode}`);
      try {
        if ((await fetch(`http://127.0.0.1:${port}/healthz`)).ok) return child;
      } catch {
        // starting
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    child.kill("SIGKILL");
    throw new Error("API did not become healthy");
  })();
}

function stop(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once("exit", () => resolve());
    child.kill("SIGTERM");
  });
}

function ordersLoad(spec: OrdersLoadSpec): Promise<OrdersLoadResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(root, "bench/lib/orders-load.ts"), JSON.stringify(spec)], {
      cwd: root,
      stdio: ["ignore", "pipe", "inherit"],
    });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.once("exit", (code) => {
      if (code !== 0) return reject(new Error(`load generator exited with ${code}`));
      resolve(JSON.parse(output.trim().split("\n").at(-1) ?? "{}") as OrdersLoadResult);
    });
  });
}

async function call(base: string, method: string, path: string, body?: unknown, token?: string, tries = 5) {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: {
      ...(body === undefined ? {} : { "content-type": "application/json" }),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  // Seeding on a busy sqld can be answered "busy, try again" (503): do as the dashboard's owner would.
  if (response.status === 503 && tries > 1) return call(base, method, path, body, token, tries - 1);
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text}`);
  // biome-ignore lint/suspicious/noExplicitAny: set-up replies are read field by field
  return (text ? JSON.parse(text) : {}) as Record<string, any>;
}

/** A published shop with 200 products in two sizes (large stock), one scarce product, pickup, pay at pickup. */
async function seedShop(api: string, slug: string): Promise<Seeded> {
  const signup = await call(api, "POST", "/v1/auth/signup", {
    email: `${slug}@bench.stall.test`,
    password: "a long bench passphrase",
    name: slug,
  });
  const token = signup.token as string;
  const shop = await call(api, "POST", "/v1/shops", { name: slug, slug, currency: "USD", locale: "en" }, token);
  const base = `/v1/shops/${shop.id}`;
  const variantIds: string[] = [];
  for (let start = 0; start < PRODUCTS; start += 8) {
    const made = await Promise.all(
      Array.from({ length: Math.min(8, PRODUCTS - start) }, (_, offset) =>
        call(
          api,
          "POST",
          `${base}/products`,
          {
            title: `Product ${start + offset + 1}`,
            options: [{ name: "Size", values: ["S", "M"] }],
            variants: [
              { optionValues: ["S"], price: 900 + start + offset, stock: STOCK },
              { optionValues: ["M"], price: 1100 + start + offset, stock: STOCK },
            ],
          },
          token,
        ),
      ),
    );
    for (const product of made) variantIds.push(...(product.variants as { id: string }[]).map((variant) => variant.id));
  }
  const scarce = await call(
    api,
    "POST",
    `${base}/products`,
    { title: "Last few", variants: [{ price: 500, stock: SCARCE }] },
    token,
  );
  const pickup = await call(api, "POST", `${base}/pickup-points`, { name: "Market", address: "Town green" }, token);
  await call(api, "PATCH", base, { paymentMethods: ["pay_at_pickup"] }, token);
  await call(api, "POST", `${base}/publish`, undefined, token);
  return {
    host: `${slug}.localhost`,
    shopId: shop.id,
    variantIds,
    scarceId: (scarce.variants as { id: string }[])[0]?.id ?? "",
    pickupId: pickup.id,
  };
}

/** What the database holds for the shop: orders, units ordered, stock left on the big catalogue and the scarce size. */
async function stored(database: Database, shop: Seeded) {
  const one = async (sql: string, args: string[]) =>
    Number((await database.client.execute({ sql, args })).rows[0]?.[0] ?? 0);
  return {
    orders: await one("SELECT count(*) FROM orders WHERE shop_id = ?", [shop.shopId]),
    units: await one("SELECT coalesce(sum(quantity), 0) FROM order_lines WHERE shop_id = ?", [shop.shopId]),
    stockLeft: await one(`SELECT coalesce(sum(stock), 0) FROM product_variants WHERE shop_id = ? AND id != ?`, [
      shop.shopId,
      shop.scarceId,
    ]),
    scarceLeft: await one("SELECT stock FROM product_variants WHERE id = ?", [shop.scarceId]),
    scarceOrders: await one("SELECT count(*) FROM order_lines WHERE shop_id = ? AND variant_id = ?", [
      shop.shopId,
      shop.scarceId,
    ]),
  };
}

type Arm = {
  name: string;
  load: OrdersLoadResult;
  oversell: OrdersLoadResult;
  checks: Record<string, string | number>;
  isCorrect: boolean;
  loadAverage: string;
  /** On sqld: how many of the APIs' requests went on a stream kept open (decision 051). */
  streams?: string;
};

/** The APIs' requests to sqld on kept streams and on new ones, from their /metrics (loopback, no token). */
async function streamShare(apis: string[]): Promise<string> {
  let kept = 0;
  let opened = 0;
  for (const api of apis) {
    const text = await (await fetch(`${api}/metrics`)).text();
    const requests = (stream: string) =>
      Number(new RegExp(`^stall_db_stream_requests_total\\{stream="${stream}"\\} (\\d+)$`, "m").exec(text)?.[1] ?? 0);
    kept += requests("kept");
    opened += requests("new");
  }
  const share = kept + opened === 0 ? 0 : Math.round((100 * kept) / (kept + opened));
  return `${share} % of ${count(kept + opened)} requests to sqld on kept streams`;
}

async function measureArm(name: string, dbUrl: string, targets: string[], shop: Seeded, secret: string): Promise<Arm> {
  const before = load1();
  const result = await ordersLoad({
    targets: targets.map((api) => `${api}/v1/storefront/${shop.host}/checkouts`),
    connections: CONNECTIONS,
    durationS: DURATION_S,
    warmupS: WARMUP_S,
    storefrontSecret: secret,
    variantIds: shop.variantIds,
    pickupPointId: shop.pickupId,
  });
  const oversell = await ordersLoad({
    targets: targets.map((api) => `${api}/v1/storefront/${shop.host}/checkouts`),
    connections: OVERSELL_BUYERS,
    durationS: 0,
    isOnce: true,
    storefrontSecret: secret,
    variantIds: [shop.scarceId],
    pickupPointId: shop.pickupId,
    maxLines: 1,
  });
  const after = load1();
  const database = await createDb(dbUrl);
  let facts: Awaited<ReturnType<typeof stored>>;
  try {
    facts = await stored(database, shop);
  } finally {
    database.close();
  }
  const ok201 = (result.statuses["201"] ?? 0) + (oversell.statuses["201"] ?? 0);
  const stockTaken = shop.variantIds.length * STOCK - facts.stockLeft;
  const checks = {
    arm: name,
    "201s": ok201,
    "orders stored": facts.orders,
    "units in 201s": result.unitsOrdered + oversell.unitsOrdered,
    "units stored": facts.units,
    "stock taken": stockTaken + (SCARCE - facts.scarceLeft),
    [`oversell: ${OVERSELL_BUYERS} buyers for ${SCARCE}`]: `${oversell.statuses["201"] ?? 0} orders, ${facts.scarceOrders} stored, ${facts.scarceLeft} left (${Object.entries(
      oversell.statuses,
    )
      .map(([code, n]) => `${code}: ${n}`)
      .join(", ")}${oversell.errors ? `, no answer: ${oversell.errors}` : ""})`,
    "other statuses": [
      ...Object.entries(result.statuses)
        .filter(([code]) => code !== "201")
        .map(([code, n]) => `${code}: ${n}`),
      ...(result.errors ? [`no answer: ${result.errors}`] : []),
    ].join(", "),
  };
  const isCorrect =
    facts.orders === ok201 &&
    facts.units === result.unitsOrdered + oversell.unitsOrdered &&
    stockTaken + (SCARCE - facts.scarceLeft) === facts.units &&
    (oversell.statuses["201"] ?? 0) === SCARCE &&
    facts.scarceOrders === SCARCE &&
    facts.scarceLeft === 0 &&
    result.errors === 0 &&
    oversell.errors === 0;
  return { name, load: result, oversell, checks, isCorrect, loadAverage: `${before} → ${after}` };
}

type RawFigures = { perSecond: number; p50: number; p99: number; errors: number };
/** One order a commit, and RAW_GROUP orders a commit. */
type RawBaselines = { single: RawFigures; grouped: RawFigures };

/** The raw batch on a libSQL file (a migrated copy of the test template). */
async function rawOnFile(): Promise<RawBaselines> {
  const database = await createTestDb();
  try {
    return await rawBaseline(database);
  } finally {
    database.cleanup();
  }
}

/** The raw batch on its own sqld over HTTP, as the sqld arm's API processes speak to it. */
async function rawOnSqld(): Promise<RawBaselines> {
  const dir = mkdtempSync(join(tmpdir(), "stall-bench-raw-sqld-"));
  const sqld = await startSqld();
  try {
    await prepareDatabase(parseEnv({ DATA_DIR: dir, DATABASE_URL: sqld.url, SEED_DEMO: "false" }), () => {});
    const database = await createDb(sqld.url);
    try {
      return await rawBaseline(database);
    } finally {
      database.close();
    }
  } finally {
    await sqld.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The order batch the API writes, captured once from the repository and replayed with fresh ids: one
 * order a batch, then RAW_GROUP orders a batch (their statements one after another, as the API's group
 * commit sends them). Orders per second count orders; p50/p99 are per batch.
 */
async function rawBaseline(database: Database): Promise<RawBaselines> {
  const shop = await createShop(database.db);
  const variantIds: string[] = [];
  for (let index = 0; index < PRODUCTS * 2; index++) {
    const product = await createProduct(database.db, shop.id, {
      slug: `p-${index}`,
      title: `Product ${index}`,
      price: 900,
      stock: STOCK,
    });
    variantIds.push(product.variants[0]?.id ?? "");
  }
  const [v0, v1] = variantIds as [string, string];
  // The statements `orders.place` writes, on this connection (the API writes them in its order writer's thread).
  const template = orderBatch(database.db, shop.id, sampleOrder(v0, v1), Date.now()).statements as InStatement[];
  let sequence = 0;
  const oneOrder = () => {
    sequence += 1;
    const prefix = `R${sequence}_`;
    const a = variantIds[Math.floor(Math.random() * variantIds.length)] as string;
    let b = variantIds[Math.floor(Math.random() * variantIds.length)] as string;
    if (b === a) b = v1 === a ? v0 : v1;
    const swap = (value: unknown) =>
      typeof value === "string" ? (value === v0 ? a : value === v1 ? b : value.replaceAll("SAMPLE_", prefix)) : value;
    return template.map((statement) =>
      typeof statement === "string"
        ? statement
        : { sql: statement.sql, args: Array.isArray(statement.args) ? statement.args.map(swap) : statement.args },
    );
  };
  const measure = async (ordersPerBatch: number): Promise<RawFigures> => {
    const result = await loop(CONNECTIONS, DURATION_S * 1000, async () => {
      const statements = Array.from({ length: ordersPerBatch }, oneOrder).flat();
      await database.client.batch(statements as InStatement[], "write");
    });
    const { perSecond, p50, p99, errors } = result;
    return { perSecond: Math.round(perSecond * ordersPerBatch), p50, p99, errors };
  };
  return { single: await measure(1), grouped: await measure(RAW_GROUP) };
}

/** An order of two variants with every id marked `SAMPLE_`, so the replay can make each one new. */
function sampleOrder(v0: string, v1: string): NewOrder {
  const now = Date.now();
  const line = (variantId: string, position: number) => ({
    id: `SAMPLE_line${position}`,
    productId: `SAMPLE_product${position}`,
    variantId,
    title: "Product",
    variantTitle: "S",
    optionValues: ["S"],
    sku: null,
    quantity: 1,
    unitPriceAmount: 900,
    subtotalAmount: 900,
    discountAmount: 0,
    taxAmount: 0,
    totalAmount: 900,
    currency: "USD",
    isStockTracked: true,
    position,
  });
  return {
    order: {
      id: "SAMPLE_order",
      status: "awaiting_payment",
      buyerTokenHash: "SAMPLE_hash",
      idempotencyKey: "SAMPLE_key",
      requestHash: "SAMPLE_request",
      currency: "USD",
      subtotalAmount: 1800,
      totalAmount: 1800,
      taxMode: "none",
      buyerName: "Bench Buyer",
      buyerEmail: "buyer@bench.stall.test",
      buyerLocale: "en",
      fulfilment: { type: "pickup", pickupPointId: "p", name: "Market", address: "Town green", instructions: "" },
      paymentMethod: "pay_at_pickup",
      placedAt: now,
      createdAt: now,
      updatedAt: now,
    },
    lines: [line(v0, 0), line(v1, 1)],
    event: {
      id: "SAMPLE_event",
      fromStatus: null,
      toStatus: "awaiting_payment",
      actorType: "buyer",
      actorId: null,
      note: "",
      createdAt: now,
    },
    payment: {
      id: "SAMPLE_payment",
      provider: "manual",
      method: "pay_at_pickup",
      status: "pending",
      amount: 1800,
      currency: "USD",
      providerReference: null,
      createdAt: now,
      updatedAt: now,
    },
    stock: [
      { variantId: v0, quantity: 1 },
      { variantId: v1, quantity: 1 },
    ],
    discountCodeId: null,
    notifications: ["buyer", "owner"].map((who) => ({
      id: `SAMPLE_notification_${who}`,
      template: who === "buyer" ? "order_placed" : "owner_new_order",
      recipient: `${who}@bench.stall.test`,
      locale: "en",
      payload: { orderUrl: "https://x.test/orders/SAMPLE_order", shopName: "Bench", orderNumber: 1, items: [] },
      dedupeKey: `order:SAMPLE_order:${who}`,
      nextAttemptAt: now,
      createdAt: now,
    })),
  } as unknown as NewOrder;
}

async function embeddedArm(secret: string): Promise<Arm> {
  const dir = mkdtempSync(join(tmpdir(), "stall-bench-checkout-"));
  const url = `file:${join(dir, "stall.db")}`;
  try {
    await prepareDatabase(parseEnv({ DATA_DIR: dir, DATABASE_URL: url, SEED_DEMO: "false" }), () => {});
    const port = await freePort();
    const profileDir = process.env.BENCH_CPU_PROF_DIR;
    const api = await startApi(
      { DATA_DIR: dir, DATABASE_URL: url, STOREFRONT_SECRET: secret },
      port,
      profileDir ? ["--cpu-prof", `--cpu-prof-dir=${profileDir}`] : [],
    );
    try {
      const base = `http://127.0.0.1:${port}`;
      const shop = await seedShop(base, "checkout-bench");
      return await measureArm("embedded (1 API process, libSQL file)", url, [base], shop, secret);
    } finally {
      await stop(api);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function sqldArm(secret: string): Promise<Arm> {
  const dir = mkdtempSync(join(tmpdir(), "stall-bench-checkout-sqld-"));
  const sqld = await startSqld();
  // HTTP by default: over ws:// (Hrana on a WebSocket) answers stalled under this load (decision 035).
  const url = process.env.BENCH_SQLD_SCHEME === "ws" ? sqld.url.replace(/^http:/, "ws:") : sqld.url;
  const apis: ChildProcess[] = [];
  try {
    await prepareDatabase(parseEnv({ DATA_DIR: dir, DATABASE_URL: url, SEED_DEMO: "false" }), () => {});
    const ports = [await freePort(), await freePort()];
    for (const port of ports) {
      apis.push(await startApi({ DATA_DIR: dir, DATABASE_URL: url, STOREFRONT_SECRET: secret }, port));
    }
    const bases = ports.map((port) => `http://127.0.0.1:${port}`);
    const shop = await seedShop(bases[0] as string, "checkout-bench-sqld");
    const arm = await measureArm(`sqld (2 API processes, ${url.split(":")[0]})`, url, bases, shop, secret);
    return { ...arm, streams: await streamShare(bases) };
  } finally {
    await Promise.all(apis.map(stop));
    await sqld.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

const figure = (arm: Arm) => `${count(arm.load.perSecond)} orders/s, p50 ${arm.load.p50} ms, p99 ${arm.load.p99} ms`;

export async function benchCheckout(): Promise<{ goals: GoalRow[]; details: Record<string, string | number>[] }> {
  const secret = randomBytes(32).toString("hex");
  const rawLoad = load1();
  const raw = await rawOnFile();
  const rawFigure = `raw libSQL batch ${count(raw.single.perSecond)}/s one order a commit, ${count(raw.grouped.perSecond)}/s ${RAW_GROUP} a commit (load ${rawLoad})`;
  const embedded = await embeddedArm(secret);
  const rawSqldLoad = load1();
  const rawSqld = await rawOnSqld();
  const rawSqldFigure = `the same batch straight on sqld ${count(rawSqld.single.perSecond)}/s one order a commit, ${count(rawSqld.grouped.perSecond)}/s ${RAW_GROUP} a commit (load ${rawSqldLoad})`;
  const sqld = await sqldArm(secret);

  const goals: GoalRow[] = [
    {
      what: `checkout, embedded default, ${CONNECTIONS} connections, LOG_LEVEL=${LOG_LEVEL}`,
      measured: `${figure(embedded)} (load ${embedded.loadAverage})${embedded.isCorrect ? "" : "; CHECKS FAILED"}`,
      goal: "≥ 1,000 orders/s, p99 < 100 ms, every 201 stored, stock exact",
      isMet: embedded.isCorrect && embedded.load.perSecond >= 1000 && embedded.load.p99 < 100,
      baseline: rawFigure,
    },
    {
      what: `checkout, sqld, 2 API processes, ${CONNECTIONS} connections, LOG_LEVEL=${LOG_LEVEL}`,
      measured: `${figure(sqld)} (load ${sqld.loadAverage}; ${sqld.streams})${sqld.isCorrect ? "" : "; CHECKS FAILED"}`,
      goal: "≥ 500 orders/s, p99 < 200 ms, every 201 stored, stock exact",
      isMet: sqld.isCorrect && sqld.load.perSecond >= 500 && sqld.load.p99 < 200,
      baseline: rawSqldFigure,
    },
  ];
  const oversellColumn = `oversell: ${OVERSELL_BUYERS} buyers for ${SCARCE}`;
  const rawRow = (arm: string, figures: RawFigures, loadAverage: number) => ({
    arm,
    "orders/s": figures.perSecond,
    "p50 ms": figures.p50,
    "p99 ms": figures.p99,
    "201s": "",
    "orders stored": "",
    "units in 201s": "",
    "units stored": "",
    "stock taken": "",
    [oversellColumn]: "",
    "other statuses": figures.errors ? `errors: ${figures.errors}` : "",
    "load avg": String(loadAverage),
    correct: figures.errors === 0 ? "yes" : "NO",
  });
  const details: Record<string, string | number>[] = [
    rawRow("raw libSQL batch (WAL file, in process), one order a commit", raw.single, rawLoad),
    rawRow(`raw libSQL batch (WAL file, in process), ${RAW_GROUP} orders a commit`, raw.grouped, rawLoad),
    rawRow("raw libSQL batch (sqld over http, 50 concurrent), one order a commit", rawSqld.single, rawSqldLoad),
    rawRow(
      `raw libSQL batch (sqld over http, 50 concurrent), ${RAW_GROUP} orders a commit`,
      rawSqld.grouped,
      rawSqldLoad,
    ),
    ...[embedded, sqld].map((arm) => {
      const { arm: name, ...checks } = arm.checks;
      return {
        arm: String(name),
        "orders/s": arm.load.perSecond,
        "p50 ms": arm.load.p50,
        "p99 ms": arm.load.p99,
        ...checks,
        "load avg": arm.loadAverage,
        correct: arm.isCorrect ? "yes" : "NO",
      };
    }),
  ];
  return { goals, details };
}

/** One table row per raw baseline of an arm. */
function rawRows(arm: string, { single, grouped }: RawBaselines) {
  return [
    { arm: `${arm}, one order a commit`, ...single },
    { arm: `${arm}, ${RAW_GROUP} orders a commit`, ...grouped },
  ];
}

if (import.meta.main && process.env.BENCH_CHECKOUT_ARM === "raw") {
  // The two raw baselines alone (the order batch on a file and on sqld), without the API.
  process.stdout.write(`${table([...rawRows("file", await rawOnFile()), ...rawRows("sqld", await rawOnSqld())])}\n`);
} else if (import.meta.main && process.env.BENCH_CHECKOUT_ARM === "sqld") {
  // The sqld arm alone (comparing DATABASE_MAX_WRITERS or the URL scheme without the other arms).
  const arm = await sqldArm(randomBytes(32).toString("hex"));
  process.stdout.write(
    `${arm.name}: ${figure(arm)} (load ${arm.loadAverage}; ${arm.streams})\n${table([arm.checks])}\n`,
  );
} else if (import.meta.main && process.env.BENCH_CPU_PROF_DIR) {
  // Profiling run: the embedded arm only, its API under --cpu-prof (bench/lib/flame.ts reads the profile).
  const arm = await embeddedArm(randomBytes(32).toString("hex"));
  process.stdout.write(`${figure(arm)} (load ${arm.loadAverage})\n${table([arm.checks])}\n`);
} else if (import.meta.main) {
  const started = Date.now();
  const result = await benchCheckout();
  const { goalTable } = await import("./lib/goals.ts");
  process.stdout.write(
    [
      `Checkout, ${CONNECTIONS} connections, ${WARMUP_S} s warm-up + ${DURATION_S} s measured per arm, pay at pickup, 1–2 random sizes of ${PRODUCTS} products × 2 per order`,
      table(goalTable(result.goals)),
      "",
      table(result.details),
      "",
      `Took ${Math.round((Date.now() - started) / 1000)} s`,
      "",
    ].join("\n"),
  );
}
