// Fairness between shops (issue 8, decision 014): shop B's latency, storefront page and API snapshot,
// at rest and while shop A has a flash sale (50 connections on A's product page and 50 placing orders
// on A's checkout, each order from a different buyer as the storefront would forward them). Run twice
// in one go: with the shipped defaults, and with every limit set out of reach (the behaviour before).
// Every load generator is its own process (bench/lib/load.ts).
import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { parseEnv } from "@stall/api/env";
import { freePort } from "@stall/db/testing";
import { prepareDatabase } from "@stall/demo-seed";
import type { LoadResult, LoadSpec } from "./lib/load.ts";
import { API_ENTRY, root, startProcess, stopProcess } from "./lib/processes.ts";
import { table } from "./lib/stats.ts";

const MEASURE_S = Number(process.env.BENCH_DURATION_MS ?? 5000) / 1000;
/** A's sale lasts through both of B's measurements, with a little warm-up before them. */
const FLASH_S = MEASURE_S * 2 + 5;
const B_CONNECTIONS = 10;
const A_CONNECTIONS = 50;

/** Every limit out of reach: the same build behaving as it did before load shedding. */
const UNLIMITED = {
  CART_LIMIT_PER_IP: "1000000",
  CART_LIMIT_PER_SHOP: "1000000",
  CHECKOUT_LIMIT_PER_IP: "1000000",
  CHECKOUT_LIMIT_PER_SHOP: "1000000",
  SHOP_MAX_IN_FLIGHT: "1000",
  SHOP_MAX_QUEUED: "10000",
  STOREFRONT_SHOP_MAX_RENDERS: "1000000",
  STOREFRONT_SHOP_MAX_QUEUED: "1000000",
};

export type Shop = { host: string; productPath: string; variantId: string; pickupId: string };
export type Stack = {
  api: string;
  storefront: string;
  storefrontPort: number;
  secret: string;
  a: Shop;
  b: Shop;
  stop(): Promise<void>;
};

/** One autocannon run in a child process. */
export function load(spec: LoadSpec): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(root, "bench/lib/load.ts"), JSON.stringify(spec)], {
      cwd: root,
      stdio: ["ignore", "pipe", "inherit"],
    });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.once("exit", (code) => {
      if (code !== 0) return reject(new Error(`load generator exited with ${code}`));
      resolve(JSON.parse(output.trim().split("\n").at(-1) ?? "{}") as LoadResult);
    });
  });
}

async function call(base: string, method: string, path: string, body?: unknown, token?: string) {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: {
      ...(body === undefined ? {} : { "content-type": "application/json" }),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text}`);
  // biome-ignore lint/suspicious/noExplicitAny: set-up replies are read field by field
  return (text ? JSON.parse(text) : {}) as Record<string, any>;
}

/** A published shop selling bread (no stock limit) for pickup, paid at pickup. */
async function openShop(api: string, slug: string, storefrontPort: number): Promise<Shop> {
  const signup = await call(api, "POST", "/v1/auth/signup", {
    email: `${slug}@bench.stall.test`,
    password: "a long bench passphrase",
    name: slug,
  });
  const token = signup.token as string;
  const shop = await call(api, "POST", "/v1/shops", { name: slug, slug, currency: "USD", locale: "en" }, token);
  const base = `/v1/shops/${shop.id}`;
  const product = await call(
    api,
    "POST",
    `${base}/products`,
    { title: "Bread", variants: [{ price: 700, stock: null }] },
    token,
  );
  const pickup = await call(api, "POST", `${base}/pickup-points`, { name: "Market", address: "Town green" }, token);
  await call(api, "PATCH", base, { paymentMethods: ["pay_at_pickup"] }, token);
  await call(api, "POST", `${base}/publish`, undefined, token);
  return {
    host: `${slug}.localhost:${storefrontPort}`,
    productPath: `/products/${product.slug}`,
    variantId: (product.variants as { id: string }[])[0]?.id ?? "",
    pickupId: pickup.id,
  };
}

export async function startStack(extraEnv: Record<string, string>): Promise<Stack> {
  const dir = mkdtempSync(join(tmpdir(), "stall-bench-fairness-"));
  const url = `file:${join(dir, "stall.db")}`;
  await prepareDatabase(parseEnv({ DATA_DIR: dir, DATABASE_URL: url, SEED_DEMO: "false" }), () => {});
  const [apiPort, storefrontPort] = [await freePort(), await freePort()];
  const secret = randomBytes(32).toString("hex");
  const api = `http://127.0.0.1:${apiPort}`;
  const shared = { STOREFRONT_SECRET: secret, STOREFRONT_PORT: String(storefrontPort), ...extraEnv };
  const children: ChildProcess[] = [];
  try {
    children.push(
      await startProcess(
        API_ENTRY,
        { ...shared, API_PORT: String(apiPort), API_HOST: "127.0.0.1", DATA_DIR: dir, DATABASE_URL: url },
        `${api}/healthz`,
      ),
    );
    children.push(
      await startProcess(
        "apps/storefront/server.mjs",
        { ...shared, API_URL: api, PUBLIC_API_URL: api, STOREFRONT_ROOT_DOMAIN: "localhost", HOST: "127.0.0.1" },
        `http://127.0.0.1:${storefrontPort}/healthz`,
      ),
    );
  } catch (error) {
    await Promise.all(children.map(stopProcess));
    throw error;
  }
  const a = await openShop(api, "flash-sale", storefrontPort);
  const b = await openShop(api, "quiet-shop", storefrontPort);
  const storefront = `http://127.0.0.1:${storefrontPort}`;
  // Warm both shops' pages, as a shop that has had visitors.
  for (const shop of [a, b]) await fetch(`${storefront}${shop.productPath}`, { headers: { host: shop.host } });
  return {
    api,
    storefront,
    storefrontPort,
    secret,
    a,
    b,
    async stop() {
      await Promise.all(children.map(stopProcess));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function measureB(stack: Stack) {
  const page = () =>
    load({
      url: `${stack.storefront}${stack.b.productPath}`,
      connections: B_CONNECTIONS,
      durationS: MEASURE_S,
      headers: { host: stack.b.host, "accept-encoding": "br" },
    });
  const snapshot = () =>
    load({
      url: `${stack.api}/v1/storefront/${stack.b.host.split(":")[0]}/snapshot`,
      connections: B_CONNECTIONS,
      durationS: MEASURE_S,
    });
  return { page, snapshot };
}

function flashSale(stack: Stack) {
  const page = load({
    url: `${stack.storefront}${stack.a.productPath}`,
    connections: A_CONNECTIONS,
    durationS: FLASH_S,
    headers: { host: stack.a.host, "accept-encoding": "br" },
  });
  const checkout = load({
    url: `${stack.api}/v1/storefront/${stack.a.host.split(":")[0]}/checkouts`,
    connections: A_CONNECTIONS,
    durationS: FLASH_S,
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      lines: [{ variantId: stack.a.variantId, quantity: 1 }],
      buyer: { name: "Buyer", email: "buyer@example.test" },
      fulfilment: { type: "pickup", pickupPointId: stack.a.pickupId },
      paymentMethod: "pay_at_pickup",
    }),
    isNewOrderEachTime: true,
    buyerIpSecret: stack.secret,
  });
  return { page, checkout };
}

export const statuses = (result: LoadResult) =>
  Object.entries(result.statuses)
    .map(([code, count]) => `${code}: ${count}`)
    .join(", ");

async function scenario(name: string, env: Record<string, string>) {
  const stack = await startStack(env);
  try {
    const b = measureB(stack);
    const restPage = await b.page();
    const restSnapshot = await b.snapshot();
    const sale = flashSale(stack);
    await new Promise((resolve) => setTimeout(resolve, 2500)); // let A's sale reach full speed
    const salePage = await b.page();
    const saleSnapshot = await b.snapshot();
    const [aPage, aCheckout] = await Promise.all([sale.page, sale.checkout]);
    return {
      latency: [
        {
          limits: name,
          "B measured": "storefront page p50 / p99 ms",
          "at rest": `${restPage.p50} / ${restPage.p99}`,
          "during A's sale": `${salePage.p50} / ${salePage.p99}`,
          "B statuses during sale": statuses(salePage),
        },
        {
          limits: name,
          "B measured": "API snapshot p50 / p99 ms",
          "at rest": `${restSnapshot.p50} / ${restSnapshot.p99}`,
          "during A's sale": `${saleSnapshot.p50} / ${saleSnapshot.p99}`,
          "B statuses during sale": statuses(saleSnapshot),
        },
      ],
      shopA: [
        {
          limits: name,
          "A's load": `product page (${A_CONNECTIONS} conn)`,
          "req/s": aPage.perSecond,
          statuses: statuses(aPage),
        },
        {
          limits: name,
          "A's load": `checkout (${A_CONNECTIONS} conn)`,
          "req/s": aCheckout.perSecond,
          statuses: statuses(aCheckout),
        },
      ],
    };
  } finally {
    await stack.stop();
  }
}

export async function benchFairness() {
  const shipped = await scenario("defaults", {});
  const unlimited = await scenario("out of reach (before)", UNLIMITED);
  return { latency: [...shipped.latency, ...unlimited.latency], shopA: [...shipped.shopA, ...unlimited.shopA] };
}

if (import.meta.main) {
  const result = await benchFairness();
  process.stdout.write(
    [
      `Shop B while shop A has a flash sale (B: ${B_CONNECTIONS} connections, ${MEASURE_S} s each; A: ${FLASH_S} s)`,
      `Load average at the end: ${loadavg()
        .map((value) => value.toFixed(1))
        .join(", ")} (other work on the machine shows here)`,
      table(result.latency),
      "",
      "Shop A's flash sale",
      table(result.shopA),
      "",
    ].join("\n"),
  );
}
