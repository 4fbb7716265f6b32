// One autocannon run in its own process, so the load generator never shares an event loop with what
// it measures or with another run. `node bench/lib/load.ts '<json LoadSpec>'` prints one JSON line.
import { randomUUID } from "node:crypto";
import autocannon from "autocannon";

export type LoadSpec = {
  url: string;
  connections: number;
  durationS: number;
  method?: "GET" | "POST";
  headers?: Record<string, string>;
  body?: string;
  /** A new Idempotency-Key on every request (each is a new order). */
  isNewOrderEachTime?: boolean;
  /** Sends each request as a different buyer, forwarded by the storefront with this secret. */
  buyerIpSecret?: string;
};

export type LoadResult = {
  requests: number;
  perSecond: number;
  p50: number;
  p99: number;
  statuses: Record<string, number>;
  errors: number;
};

/** A random address in 10.0.0.0/8, as a different buyer behind the storefront. */
function randomBuyerIp(): string {
  const byte = () => Math.floor(Math.random() * 256);
  return `10.${byte()}.${byte()}.${byte()}`;
}

export async function runLoad(spec: LoadSpec): Promise<LoadResult> {
  const isVaried = Boolean(spec.isNewOrderEachTime || spec.buyerIpSecret);
  const result = await autocannon({
    url: spec.url,
    connections: spec.connections,
    duration: spec.durationS,
    method: spec.method ?? "GET",
    headers: spec.headers ?? {},
    ...(spec.body === undefined ? {} : { body: spec.body }),
    ...(isVaried
      ? {
          requests: [
            {
              setupRequest: (request: autocannon.Request) => ({
                ...request,
                headers: {
                  ...request.headers,
                  ...(spec.isNewOrderEachTime ? { "idempotency-key": `bench-${randomUUID()}` } : {}),
                  ...(spec.buyerIpSecret
                    ? { "x-stall-client-ip": randomBuyerIp(), "x-stall-storefront-secret": spec.buyerIpSecret }
                    : {}),
                },
              }),
            },
          ],
        }
      : {}),
  });
  const statuses: Record<string, number> = {};
  for (const [code, stats] of Object.entries(result.statusCodeStats ?? {})) {
    statuses[code] = (stats as { count: number }).count;
  }
  return {
    requests: result.requests.total,
    perSecond: Math.round(result.requests.average),
    p50: result.latency.p50,
    p99: result.latency.p99,
    statuses,
    errors: result.errors + result.timeouts,
  };
}

if (import.meta.main) {
  const spec = JSON.parse(process.argv[2] ?? "{}") as LoadSpec;
  process.stdout.write(`${JSON.stringify(await runLoad(spec))}\n`);
}
