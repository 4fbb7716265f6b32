import { type Order, platform, type ShopRow } from "@stall/db";
import { isPaidInFull, type OrderEvent } from "@stall/domain";
import type { CheckoutSessionSummary } from "../../adapters/stripe-payments.ts";
import type { Deps } from "../../deps.ts";
import { podDatabases, shopRepos } from "../../pods/shop-db.ts";
import { applyOrderEvent } from "../checkout/apply-order-event.ts";
import { recordStripeRefunds } from "./record-stripe-refunds.ts";
import { reportPaymentMismatch } from "./report-payment-mismatch.ts";

export type ReconcileReport = {
  shops: number;
  sessions: number;
  /** Stripe refunds made in the window, on every shop. */
  refunds: number;
  repaired: { orderId: string; to: string; why: string }[];
  failures: string[];
};

/** A paid session's step: paid when Stripe took the order's total, held for the owner when not. */
function paidStep(
  deps: Deps,
  shop: ShopRow,
  order: Order,
  session: CheckoutSessionSummary,
): { event: OrderEvent; note?: string; paymentAmount?: number } {
  const paid = { amount: session.amountTotal, currency: session.currency };
  if (isPaidInFull(order, paid)) return { event: "payment_succeeded" };
  const note = reportPaymentMismatch(deps, { shop, order, paid, sessionId: session.id, source: "reconciliation" });
  return { event: "payment_mismatch", note, ...(paid.amount !== null ? { paymentAmount: paid.amount } : {}) };
}

/**
 * Repairs what missed webhooks left behind: re-reads recent Checkout Sessions and refunds from Stripe
 * for every shop that takes Stripe payments, pays orders whose session was paid (or holds them when the
 * amount is not the order's), expires orders whose session expired, records refunds not recorded yet,
 * and closes unpaid orders whose stock hold ended. Safe to run any number of times, even two at once:
 * every repair is an order step that is a no-op once done. An aborted `signal` stops it between orders
 * (the run lost its lease, or the process is stopping).
 */
export async function reconcilePayments(
  deps: Deps,
  options: { sinceMs: number; graceMs?: number; signal?: AbortSignal },
): Promise<ReconcileReport> {
  const report: ReconcileReport = { shops: 0, sessions: 0, refunds: 0, repaired: [], failures: [] };
  const payments = deps.payments;
  if (!payments) return report;
  const directory = platform(deps.database.db);
  const now = deps.clock.now();

  for (const shop of await directory.shops.withStripeAccounts()) {
    if (!shop.stripeAccountId) continue;
    options.signal?.throwIfAborted();
    report.shops += 1;
    const repos = await shopRepos(deps, shop.id);
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
        const step =
          session.paymentStatus === "paid" && ["pending_payment", "expired", "cancelled"].includes(order.status)
            ? paidStep(deps, shop, order, session)
            : session.status === "expired" && order.status === "pending_payment"
              ? { event: "session_expired" as const }
              : undefined;
        if (!step) continue;
        const result = await applyOrderEvent(deps, {
          shop,
          orderId: order.id,
          event: step.event,
          actor: "system",
          note: step.note ?? "Repaired by reconciliation with Stripe",
          paymentReference: session.paymentIntentId,
          ...("paymentAmount" in step && step.paymentAmount !== undefined ? { paymentAmount: step.paymentAmount } : {}),
        });
        if (result.changed)
          report.repaired.push({
            orderId: order.id,
            to: result.order.status,
            why: `session ${session.status}, ${session.paymentStatus}`,
          });
      }
      // Refunds whose webhook never came: every payment refunded in the window is brought up to date
      // (after the sessions, so a payment repaired above already has its PaymentIntent recorded).
      const refunds = await payments.listRefunds(shop.stripeAccountId, {
        sinceSeconds: Math.floor(options.sinceMs / 1000),
      });
      report.refunds += refunds.length;
      const refundedPayments = new Set(refunds.flatMap((refund) => refund.paymentIntentId ?? []));
      for (const paymentIntentId of refundedPayments) {
        const order = await repos.orders.findByPaymentReference(paymentIntentId);
        if (order?.paymentMethod !== "stripe") continue;
        try {
          const before = order.refundedAmount;
          const result = await recordStripeRefunds(deps, {
            shop,
            order,
            payment: { paymentIntentId },
            actor: "system",
            note: "Refund found by reconciliation with Stripe",
          });
          if (result.changed)
            report.repaired.push({
              orderId: order.id,
              to: result.order.status,
              why: `refunds recorded: ${result.order.refundedAmount - before} more`,
            });
        } catch (error) {
          report.failures.push(`${order.id}: ${error instanceof Error ? error.message : String(error)}`);
        }
      }
    } catch (error) {
      report.failures.push(`${shop.slug}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  // Holds that ended with no word from Stripe at all: ask, then expire.
  const overdueHolds = [];
  for (const db of podDatabases(deps)) {
    overdueHolds.push(...(await platform(db).orders.overdueHolds(now - (options.graceMs ?? 5 * 60_000), 100)));
  }
  for (const overdue of overdueHolds) {
    options.signal?.throwIfAborted();
    const shop = await directory.shops.findById(overdue.shopId);
    if (!shop?.stripeAccountId) continue;
    try {
      const session = overdue.sessionId
        ? await payments.retrieveCheckoutSession(shop.stripeAccountId, overdue.sessionId)
        : undefined;
      const order =
        session?.paymentStatus === "paid" ? await (await shopRepos(deps, shop.id)).orders.get(overdue.id) : undefined;
      if (session && order) {
        const step = paidStep(deps, shop, order, session);
        const result = await applyOrderEvent(deps, {
          shop,
          orderId: overdue.id,
          event: step.event,
          actor: "system",
          note: step.note ?? "Paid; found by reconciliation",
          paymentReference: session.paymentIntentId,
          ...(step.paymentAmount !== undefined ? { paymentAmount: step.paymentAmount } : {}),
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
