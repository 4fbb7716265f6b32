import { forShop, type Order, type OrderChange, type ShopRow } from "@stall/db";
import { DomainError, type OrderActor, type OrderEvent, type OrderTransition, transition } from "@stall/domain";
import type { Deps } from "../../deps.ts";
import { orderNotifications } from "./order-notifications.ts";

export type OrderEventRequest = {
  shop: ShopRow;
  orderId: string;
  event: OrderEvent;
  actor: OrderActor;
  actorId?: string | null;
  note?: string;
  /** For refunds: how much, in minor units. */
  amount?: number;
  refund?: { id: string; providerReference: string | null; idempotencyKey: string; createdBy: string | null };
  paymentReference?: string | null;
  webhookEvent?: Parameters<ReturnType<typeof forShop>["orders"]["change"]>[3];
};

const actorType = (actor: OrderActor) => (actor === "member" ? "member" : actor);

/**
 * Moves an order through its state machine (packages/domain order-state): the transition decides the
 * new status, whether held stock goes back (exactly once: `stock_released_at`), and which emails go out,
 * all in one serialised transaction with the event row. A repeat of a step already done is a no-op.
 */
export async function applyOrderEvent(
  deps: Deps,
  request: OrderEventRequest,
): Promise<{ order: Order; transition: OrderTransition | undefined; changed: boolean }> {
  const repos = forShop(deps.database.db, request.shop.id);
  const now = deps.clock.now();
  let decided: OrderTransition | undefined;
  const outcome = await repos.orders.change(
    request.orderId,
    async (order): Promise<OrderChange | undefined> => {
      decided = transition(order.status, request.event, { paymentMethod: order.paymentMethod, actor: request.actor });
      if (decided.isNoop) return undefined;
      const tracked = order.lines.filter((line) => line.isStockTracked);
      const releases = decided.releasesStock && order.stockReleasedAt === null;
      const retakes = decided.needsStock && order.stockReleasedAt !== null;
      const refundAmount =
        request.event === "refund_partial" || request.event === "refund_full" ? (request.amount ?? 0) : 0;
      const patch: OrderChange["patch"] = { status: decided.to };
      if (decided.to === "paid" && order.paidAt === null) patch.paidAt = now;
      if (releases) patch.stockReleasedAt = now;
      if (retakes) patch.stockReleasedAt = null;
      if (order.status === "pending_payment" && decided.to !== "pending_payment") patch.holdExpiresAt = null;
      if (refundAmount > 0) patch.refundedAmount = order.refundedAmount + refundAmount;
      const paymentStatus =
        request.event === "payment_succeeded" || request.event === "mark_paid"
          ? "succeeded"
          : request.event === "payment_failed"
            ? "failed"
            : request.event === "session_expired" || request.event === "cancel"
              ? "cancelled"
              : undefined;
      return {
        patch,
        event: {
          id: deps.newId("orderEvent"),
          fromStatus: order.status,
          toStatus: decided.to,
          actorType: actorType(request.actor),
          actorId: request.actorId ?? null,
          note: [request.note, retakes ? "Paid after the hold ended; stock was taken again" : ""]
            .filter(Boolean)
            .join(". "),
          createdAt: now,
        },
        restock: releases
          ? tracked.map((line) => ({ variantId: line.variantId, quantity: line.quantity }))
          : retakes
            ? tracked.map((line) => ({ variantId: line.variantId, quantity: -line.quantity }))
            : [],
        payment: paymentStatus
          ? { status: paymentStatus, providerReference: request.paymentReference ?? null }
          : undefined,
        ...(request.refund && refundAmount > 0
          ? {
              refund: {
                id: request.refund.id,
                amount: refundAmount,
                currency: order.currency,
                status: "succeeded" as const,
                providerReference: request.refund.providerReference,
                idempotencyKey: request.refund.idempotencyKey,
                createdBy: request.refund.createdBy,
                reason: request.note ?? "",
                createdAt: now,
                updatedAt: now,
              },
            }
          : {}),
        notifications: await orderNotifications(deps, {
          shop: request.shop,
          order: { ...order, status: decided.to, paidAt: patch.paidAt ?? order.paidAt },
          sideEffects: decided.sideEffects,
          step: `${request.event}:${order.refundedAmount + refundAmount}`,
          ...(refundAmount > 0 ? { amount: refundAmount } : {}),
        }),
      };
    },
    now,
    request.webhookEvent,
  );
  if (!outcome) throw new DomainError("not_found", "No such order in this shop");
  return { order: outcome.order, transition: decided, changed: outcome.changed };
}
