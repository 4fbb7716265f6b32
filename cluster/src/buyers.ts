// Buyers placing orders on the API the storefront uses, directly on API processes or through nginx.
// Every 201 is remembered by order id: after a crash the checks look for each one in the database.
import type { SeededShop } from "./shop.ts";

export type Placement = {
  /** The HTTP status, or 0 when no answer came (the process died, the connection was refused). */
  status: number;
  orderId?: string;
  // biome-ignore lint/suspicious/noExplicitAny: the answer's JSON, read by the tests
  body?: any;
};

let sequence = 0;

/** One pay-at-pickup order; `key` is its Idempotency-Key (a new one unless a test replays it). */
export async function placeOrder(
  target: string,
  shop: SeededShop,
  options: {
    lines: { variantId: string; quantity: number }[];
    key?: string;
    secret: string;
    /**
     * Send again, with the same key, after a 503 ("busy, try again": sqld checkpointing), as a buyer's
     * storefront would; up to 5 times. Off, a 503 is returned like any other answer.
     */
    isRetryingBusy?: boolean;
  },
): Promise<Placement> {
  sequence += 1;
  const key = options.key ?? `cluster-${process.pid}-${Date.now()}-${sequence}`;
  for (let attempt = 1; ; attempt++) {
    const placed = await placeOnce(target, shop, { ...options, key });
    if (placed.status !== 503 || !options.isRetryingBusy || attempt === 5) return placed;
    await new Promise((resolve) => setTimeout(resolve, 100 * attempt));
  }
}

async function placeOnce(
  target: string,
  shop: SeededShop,
  options: { lines: { variantId: string; quantity: number }[]; key: string; secret: string },
): Promise<Placement> {
  const { key } = options;
  try {
    const response = await fetch(`${target}/v1/storefront/${shop.host}/checkouts`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "idempotency-key": key,
        // Each buyer its own address, vouched for with the storefront's secret, as the storefront sends it.
        "x-stall-client-ip": `10.${(sequence >> 16) & 255}.${(sequence >> 8) & 255}.${sequence & 255}`,
        "x-stall-storefront-secret": options.secret,
      },
      body: JSON.stringify({
        lines: options.lines,
        buyer: { name: "Cluster Buyer", email: "buyer@cluster.stall.test" },
        fulfilment: { type: "pickup", pickupPointId: shop.pickupPointId },
        paymentMethod: "pay_at_pickup",
      }),
      signal: AbortSignal.timeout(30_000),
    });
    const body: Placement["body"] = await response.json().catch(() => undefined);
    return { status: response.status, body, ...(body?.order?.id ? { orderId: body.order.id as string } : {}) };
  } catch {
    return { status: 0 };
  }
}

export type BuyersResult = {
  /** Ids of the orders answered 201. */
  accepted: string[];
  statuses: Record<string, number>;
};

export type Buyers = {
  /** Orders answered 201 so far. */
  acceptedCount(): number;
  /** Stops sending, waits for the orders in flight, and returns what every buyer got. */
  stop(): Promise<BuyersResult>;
};

/**
 * `connections` buyers, each ordering one to two units of a random variant, one order after another,
 * buyer i on targets[i % targets.length], until stopped.
 */
export function startBuyers(options: {
  targets: string[];
  shop: SeededShop;
  secret: string;
  connections: number;
}): Buyers {
  const { shop } = options;
  const accepted: string[] = [];
  const statuses: Record<string, number> = {};
  let isStopping = false;
  const loops = Array.from({ length: options.connections }, async (_, index) => {
    const target = options.targets[index % options.targets.length] as string;
    while (!isStopping) {
      const variantId = shop.variantIds[Math.floor(Math.random() * shop.variantIds.length)] as string;
      const placed = await placeOrder(target, shop, {
        lines: [{ variantId, quantity: 1 + Math.floor(Math.random() * 2) }],
        secret: options.secret,
      });
      statuses[placed.status] = (statuses[placed.status] ?? 0) + 1;
      if (placed.status === 201 && placed.orderId) accepted.push(placed.orderId);
      // A process being started again refuses connections: do not spin on it.
      if (placed.status === 0 || placed.status >= 500) await new Promise((resolve) => setTimeout(resolve, 50));
    }
  });
  return {
    acceptedCount: () => accepted.length,
    async stop() {
      isStopping = true;
      await Promise.all(loops);
      return { accepted, statuses };
    },
  };
}
