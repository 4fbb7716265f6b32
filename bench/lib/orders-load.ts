// A load generator for checkout, run in its own process: `node bench/lib/orders-load.ts '<json spec>'`
// prints one JSON line. Unlike a timed autocannon or wrk run it never abandons a request at the
// cut-off: it stops sending new orders when the time is up and waits for the ones in flight, so the
// 201s it counts can be compared one for one with the orders stored. Each request is a new order (its
// own Idempotency-Key) from its own buyer address (forwarded as the storefront does, with its secret),
// for one or two random variants of the catalogue.
import { Agent, request } from "node:http";

export type OrdersLoadSpec = {
  /** Checkout URLs (one per API process); connection i uses targets[i % targets.length]. */
  targets: string[];
  connections: number;
  /** Measured seconds; requests started in the warm-up before them are counted but not timed. */
  durationS: number;
  warmupS?: number;
  /** Each connection sends exactly one order (the oversell check), all at once. */
  isOnce?: boolean;
  storefrontSecret: string;
  variantIds: string[];
  pickupPointId: string;
  /** Up to this many different variants per order (default 2), quantity 1 each. */
  maxLines?: number;
};

export type OrdersLoadResult = {
  /** Orders per second answered 201 in the measured window. */
  perSecond: number;
  p50: number;
  p99: number;
  /** Every answer, warm-up included, by status. */
  statuses: Record<string, number>;
  /** Units in the orders answered 201 (warm-up included), to compare with the stock taken. */
  unitsOrdered: number;
  errors: number;
};

const percentile = (sorted: number[], p: number) =>
  sorted.length === 0 ? 0 : (sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0);

export async function runOrdersLoad(spec: OrdersLoadSpec): Promise<OrdersLoadResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: spec.connections, maxFreeSockets: spec.connections });
  const statuses: Record<string, number> = {};
  const latencies: number[] = [];
  let unitsOrdered = 0;
  let errors = 0;
  let sequence = 0;
  const warmupMs = (spec.warmupS ?? 0) * 1000;
  const started = performance.now();
  const measureFrom = started + warmupMs;
  const stopAt = measureFrom + spec.durationS * 1000;
  let measuredOk = 0;
  const maxLines = Math.max(1, spec.maxLines ?? 2);

  const once = (target: URL) => {
    const count = 1 + Math.floor(Math.random() * maxLines);
    const chosen = new Set<string>();
    while (chosen.size < Math.min(count, spec.variantIds.length)) {
      chosen.add(spec.variantIds[Math.floor(Math.random() * spec.variantIds.length)] ?? "");
    }
    const body = JSON.stringify({
      lines: [...chosen].map((variantId) => ({ variantId, quantity: 1 })),
      buyer: { name: "Bench Buyer", email: "buyer@bench.stall.test" },
      fulfilment: { type: "pickup", pickupPointId: spec.pickupPointId },
      paymentMethod: "pay_at_pickup",
    });
    sequence += 1;
    const ip = `10.${(sequence >> 16) & 255}.${(sequence >> 8) & 255}.${sequence & 255}`;
    return new Promise<void>((resolve) => {
      const at = performance.now();
      const req = request(
        target,
        {
          method: "POST",
          agent,
          headers: {
            "content-type": "application/json",
            "content-length": Buffer.byteLength(body),
            "idempotency-key": `bench-${process.pid}-${sequence}`,
            "x-stall-client-ip": ip,
            "x-stall-storefront-secret": spec.storefrontSecret,
          },
        },
        (response) => {
          response.resume();
          response.on("end", () => {
            const status = String(response.statusCode);
            statuses[status] = (statuses[status] ?? 0) + 1;
            if (status === "201") {
              unitsOrdered += chosen.size;
              if (at >= measureFrom) {
                measuredOk += 1;
              }
            }
            if (at >= measureFrom || spec.isOnce) latencies.push(performance.now() - at);
            resolve();
          });
        },
      );
      // An order not answered in 30 s counts as an error rather than hanging the run.
      req.setTimeout(30_000, () => req.destroy(new Error("no answer in 30 s")));
      req.on("error", () => {
        errors += 1;
        resolve();
      });
      req.end(body);
    });
  };

  const targets = spec.targets.map((url) => new URL(url));
  await Promise.all(
    Array.from({ length: spec.connections }, async (_, index) => {
      const target = targets[index % targets.length] as URL;
      if (spec.isOnce) return once(target);
      while (performance.now() < stopAt) await once(target);
    }),
  );
  const ended = Math.min(performance.now(), stopAt);
  agent.destroy();
  latencies.sort((a, b) => a - b);
  return {
    perSecond: spec.isOnce ? 0 : Math.round(measuredOk / ((ended - measureFrom) / 1000)),
    p50: Math.round(percentile(latencies, 50) * 10) / 10,
    p99: Math.round(percentile(latencies, 99) * 10) / 10,
    statuses,
    unitsOrdered,
    errors,
  };
}

if (import.meta.main) {
  const spec = JSON.parse(process.argv[2] ?? "{}") as OrdersLoadSpec;
  process.stdout.write(`${JSON.stringify(await runOrdersLoad(spec))}\n`);
}
