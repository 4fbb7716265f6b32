import { forShop, platform } from "@stall/db";
import type { Deps } from "../../deps.ts";
import { applyOrderEvent } from "../checkout/apply-order-event.ts";

export type ReconcileReport = {
  shops: number;
  sessions: number;
  repaired: { orderId: string; to: string; why: string }[];
  failures: string[];
};

/**
 * Repairs what missed webhooks left behind: re-reads recent Checkout Sessions from Stripe for every
 * shop that takes Stripe payments, pays orders whose session was paid, expires orders whose session
 * expired, and closes unpaid orders whose stock hold ended. Safe to run any number of times.
 */
export async function reconcilePayments(
  deps: Deps,
  options: { sinceMs: number; graceMs?: number },
): Promise<ReconcileReport> {
  const report: ReconcileReport = { shops: 0, sessions: 0, repaired: [], failures: [] };
  const payments = deps.payments;
  if (!payments) return report;
  const directory = platform(deps.database.db);
  const now = deps.clock.now();

  for (const shop of await directory.shops.withStripeAccounts()) {
    if (!shop.stripeAccountId) continue;
    report.shops += 1;
    const repos = forShop(deps.database.db, shop.id);
    try {
      const sessions = await payments.listRecentCheckoutSessions(
        shop.stripeAccountId,
        Math.floor(options.sinceMs / 1000),
      );
      for (const session of sessions) {
        report.sessions += 1;
        if (!session.orderId) continue;
        const order = await repos.orders.get(session.orderId);
        if (!order || order.stripeCheckoutSessionId !== session.id) continue;
        const event =
          session.paymentStatus === "paid" && ["pending_payment", "expired", "cancelled"].includes(order.status)
            ? "payment_succeeded"
            : session.status === "expired" && order.status === "pending_payment"
              ? "session_expired"
              : undefined;
        if (!event) continue;
        const result = await applyOrderEvent(deps, {
          shop,
          orderId: order.id,
          event,
          actor: "system",
          note: "Repaired by reconciliation with Stripe",
          paymentReference: session.paymentIntentId,
        });
        if (result.changed)
          report.repaired.push({
            orderId: order.id,
            to: result.order.status,
            why: `session ${session.status}, ${session.paymentStatus}`,
          });
      }
    } catch (error) {
      report.failures.push(`${shop.slug}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  // Holds that ended with no word from Stripe at all: ask, then expire.
  for (const overdue of await directory.orders.overdueHolds(now - (options.graceMs ?? 5 * 60_000), 100)) {
    const shop = await directory.shops.findById(overdue.shopId);
    if (!shop?.stripeAccountId) continue;
    try {
      const session = overdue.sessionId
        ? await payments.retrieveCheckoutSession(shop.stripeAccountId, overdue.sessionId)
        : undefined;
      if (session?.paymentStatus === "paid") {
        const result = await applyOrderEvent(deps, {
          shop,
          orderId: overdue.id,
          event: "payment_succeeded",
          actor: "system",
          note: "Paid; found by reconciliation",
          paymentReference: session.paymentIntentId,
        });
        if (result.changed)
          report.repaired.push({ orderId: overdue.id, to: result.order.status, why: "hold ended, session paid" });
        continue;
      }
      if (session?.status === "open") await payments.expireCheckoutSession(shop.stripeAccountId, session.id);
      const result = await applyOrderEvent(deps, {
        shop,
        orderId: overdue.id,
        event: "session_expired",
        actor: "system",
        note: "The payment time ran out",
      });
      if (result.changed)
        report.repaired.push({ orderId: overdue.id, to: result.order.status, why: "hold ended unpaid" });
    } catch (error) {
      report.failures.push(`${overdue.id}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  return report;
}
