// kill -9 during concurrent checkouts, over and over (one module for the cluster test and
// bench/crash-loop.ts): buyers keep ordering while `crash` kills an API process and waits for it to
// answer again; afterwards the database is checked (order-checks.ts).
import { startBuyers } from "./buyers.ts";
import { checkOrders, type OrderCheck } from "./order-checks.ts";
import type { SeededShop } from "./shop.ts";

export type CrashLoopResult = {
  cycles: number;
  /** Every answer the buyers got, by status ("0": none, the process died or was down). */
  statuses: Record<string, number>;
  check: OrderCheck;
};

/** Orders accepted between two kills, so each kill lands while checkouts are being written. */
const ORDERS_BETWEEN_KILLS = 5;

export async function crashLoop(options: {
  cycles: number;
  /** Where the buyers send their orders (the API processes, or nginx). */
  targets: string[];
  shop: SeededShop;
  secret: string;
  /** Buyers ordering at once. */
  connections: number;
  databaseUrl: string;
  /** Kills an API process with SIGKILL; resolves once it (or its replacement) answers again. */
  crash(cycle: number): Promise<void>;
  onCycle?(cycle: number, accepted: number): void;
}): Promise<CrashLoopResult> {
  const buyers = startBuyers({
    targets: options.targets,
    shop: options.shop,
    secret: options.secret,
    connections: options.connections,
  });
  const ordersFlowing = async () => {
    const from = buyers.acceptedCount();
    const deadline = Date.now() + 10_000;
    while (buyers.acceptedCount() < from + ORDERS_BETWEEN_KILLS && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  };
  let result: Awaited<ReturnType<typeof buyers.stop>>;
  try {
    for (let cycle = 1; cycle <= options.cycles; cycle++) {
      await ordersFlowing();
      await options.crash(cycle);
      options.onCycle?.(cycle, buyers.acceptedCount());
    }
    await ordersFlowing();
  } finally {
    result = await buyers.stop();
  }
  const check = await checkOrders(options.databaseUrl, options.shop, result.accepted);
  return { cycles: options.cycles, statuses: result.statuses, check };
}
