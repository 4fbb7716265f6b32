// A flash sale on one shop must not slow the others (issue 11), measured with the observability of
// decision 023 switched on as in production (request log lines, metrics). Shop A's checkout is
// hammered (50 connections, each order from a different buyer address forwarded with the storefront
// secret) while a second load measures shop B: B's product page (storefront) and B's snapshot (API),
// first at rest and then during A's sale, in the same run on the same processes. At the end /metrics is
// read from both apps: the orders the API counted must be the 201s the load generator saw.
// Every load generator is its own process (bench/lib/load.ts, autocannon).
import { loadavg } from "node:os";
import { load, type Stack, startStack, statuses } from "./fairness.ts";
import type { LoadResult } from "./lib/load.ts";
import { table } from "./lib/stats.ts";

const MEASURE_S = Number(process.env.BENCH_DURATION_MS ?? 5000) / 1000;
/** A's sale lasts through both of B's measurements, with a little warm-up before them. */
const FLASH_S = MEASURE_S * 2 + 5;
const B_CONNECTIONS = 10;
const A_CONNECTIONS = 50;

function measureB(stack: Stack) {
  return {
    page: () =>
      load({
        url: `${stack.storefront}${stack.b.productPath}`,
        connections: B_CONNECTIONS,
        durationS: MEASURE_S,
        headers: { host: stack.b.host, "accept-encoding": "br" },
      }),
    snapshot: () =>
      load({
        url: `${stack.api}/v1/storefront/${stack.b.host.split(":")[0]}/snapshot`,
        connections: B_CONNECTIONS,
        durationS: MEASURE_S,
      }),
  };
}

function checkoutRush(stack: Stack) {
  return load({
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
}

/** Prometheus text as { "name{labels}": value }; the bench's processes run on loopback without a token. */
async function scrape(url: string): Promise<{ ms: number; values: Map<string, number> }> {
  const started = performance.now();
  const text = await (await fetch(`${url}/metrics`)).text();
  const ms = Math.round(performance.now() - started);
  const values = new Map<string, number>();
  for (const line of text.split("\n")) {
    if (!line || line.startsWith("#")) continue;
    const at = line.lastIndexOf(" ");
    values.set(line.slice(0, at), Number(line.slice(at + 1)));
  }
  return { ms, values };
}

const sum = (values: Map<string, number>, prefix: string) =>
  [...values].filter(([key]) => key.startsWith(prefix)).reduce((total, [, value]) => total + value, 0);

const row = (what: string, rest: LoadResult, sale: LoadResult) => ({
  "shop B": what,
  "at rest p50 / p99 ms": `${rest.p50} / ${rest.p99}`,
  "at rest req/s": rest.perSecond,
  "during A's sale p50 / p99 ms": `${sale.p50} / ${sale.p99}`,
  "during sale req/s": sale.perSecond,
  "statuses during sale": statuses(sale),
});

export async function benchFlashSale() {
  // Request lines on, as production runs (bench/lib/processes.ts turns them off by default);
  // BENCH_LOG_LEVEL=warn runs it with them off, to see what they cost.
  const stack = await startStack({ LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? "info" });
  try {
    const b = measureB(stack);
    const restPage = await b.page();
    const restSnapshot = await b.snapshot();
    const before = await scrape(stack.api);
    const rush = checkoutRush(stack);
    await new Promise((resolve) => setTimeout(resolve, 2500)); // let A's sale reach full speed
    const salePage = await b.page();
    const saleSnapshot = await b.snapshot();
    const duringScrape = await scrape(stack.api);
    const aCheckout = await rush;
    const after = await scrape(stack.api);
    const storefront = await scrape(stack.storefront);
    const placed = (values: Map<string, number>) => sum(values, "stall_orders_placed_total");
    return {
      b: [row("product page (storefront)", restPage, salePage), row("snapshot (API)", restSnapshot, saleSnapshot)],
      a: [
        {
          "shop A": `checkout (${A_CONNECTIONS} conn, ${FLASH_S} s)`,
          "req/s": aCheckout.perSecond,
          "p50 / p99 ms": `${aCheckout.p50} / ${aCheckout.p99}`,
          statuses: statuses(aCheckout),
        },
      ],
      metrics: [
        {
          "read from /metrics": "orders placed during the sale (API)",
          value: placed(after.values) - placed(before.values),
          "load generator saw": `201: ${aCheckout.statuses["201"] ?? 0}`,
        },
        {
          "read from /metrics": "refused by checkout_per_shop / checkout_per_ip / shop_busy (API)",
          value: ["checkout_per_shop", "checkout_per_ip", "shop_busy"]
            .map(
              (limit) =>
                (after.values.get(`stall_rate_limited_total{limit="${limit}"}`) ?? 0) -
                (before.values.get(`stall_rate_limited_total{limit="${limit}"}`) ?? 0),
            )
            .join(" / "),
          "load generator saw": `429: ${aCheckout.statuses["429"] ?? 0}, 503: ${aCheckout.statuses["503"] ?? 0}`,
        },
        {
          "read from /metrics": "API scrape time during the sale (ms)",
          value: duringScrape.ms,
          "load generator saw": "",
        },
        {
          "read from /metrics": "storefront page cache hit ratio",
          value: (storefront.values.get("stall_storefront_page_cache_hit_ratio") ?? 0).toFixed(3),
          "load generator saw": "",
        },
        {
          "read from /metrics": "storefront snapshot cache hit ratio",
          value: (storefront.values.get("stall_storefront_snapshot_cache_hit_ratio") ?? 0).toFixed(3),
          "load generator saw": "",
        },
      ],
    };
  } finally {
    await stack.stop();
  }
}

if (import.meta.main) {
  const started = loadavg()[0]?.toFixed(1);
  const result = await benchFlashSale();
  process.stdout.write(
    [
      `Shop B while shop A's checkout is rushed (B: ${B_CONNECTIONS} connections, ${MEASURE_S} s each; A: ${A_CONNECTIONS} connections, ${FLASH_S} s)`,
      `Load average (1 min): ${started} at the start, ${loadavg()[0]?.toFixed(1)} at the end (other work on the machine shows here)`,
      table(result.b),
      "",
      table(result.a),
      "",
      table(result.metrics),
      "",
    ].join("\n"),
  );
}
