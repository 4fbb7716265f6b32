import type { forShop, Order, OrderChange, PaymentRow, ShopRow } from "@stall/db";
import {
  DomainError,
  isUndoableMove,
  type OrderActor,
  type OrderEvent,
  type OrderTransition,
  refundEvent,
  transition,
  UNDO_WINDOW_MS,
} from "@stall/domain";
import type { Deps } from "../../deps.ts";
import { shopRepos } from "../../pods/shop-db.ts";
import { orderNotifications } from "./order-notifications.ts";

/** One refund to record: a Stripe refund (by its `re_…` id) or one the shop made by hand. */
export type RefundRecord = {
  id: string;
  amount: number;
  /** Stripe's refund id; null for a manual order's refund. */
  providerReference: string | null;
  idempotencyKey: string;
  createdBy: string | null;
  status?: "succeeded" | "pending";
};

export type OrderEventRequest = {
  shop: ShopRow;
  orderId: string;
  /**
   * The step. For refunds, `refund_partial` or `refund_full` is worked out again inside the
   * transaction from what is new to the order, so a stale caller cannot pick the wrong one.
   */
  event: OrderEvent;
  actor: OrderActor;
  actorId?: string | null;
  note?: string;
  /** For refunds: each refund once; ones already recorded (same Stripe id or key) are skipped. */
  refunds?: RefundRecord[];
  /**
   * For Stripe refunds: the most the order may have had back in all (what Stripe says it refunded for
   * the payment), so nothing is counted twice even against refunds recorded without a Stripe id.
   */
  refundCeiling?: number;
  paymentReference?: string | null;
  /** What the provider actually took, when it is not the order's total (a held, mismatched payment). */
  paymentAmount?: number;
  webhookEvent?: Parameters<ReturnType<typeof forShop>["orders"]["change"]>[3];
};

/**
 * What can be refunded on an order in all: its total, or less when the payment took less (a held,
 * mismatched payment the owner refunds or accepts). Never more than the total: the order's refunded
 * amount is checked against it.
 */
export function refundableAmount(order: Pick<Order, "totalAmount">, payment: Pick<PaymentRow, "amount"> | undefined) {
  return Math.min(order.totalAmount, payment?.amount ?? order.totalAmount);
}

const actorType = (actor: OrderActor) => (actor === "member" ? "member" : actor);

const PAYMENT_STATUS: Partial<Record<OrderEvent, "succeeded" | "failed" | "cancelled">> = {
  payment_succeeded: "succeeded",
  mark_paid: "succeeded",
  // Money was taken, even if not the amount asked for: the payment row keeps its reference for refunds.
  payment_mismatch: "succeeded",
  payment_failed: "failed",
  session_expired: "cancelled",
  cancel: "cancelled",
};

/**
 * Moves an order through its state machine (packages/domain order-state): the transition decides the
 * new status, whether held stock and the discount use go back (exactly once: `stock_released_at`), and
 * which emails go out, all in one serialised transaction with the event row. A repeat of a step already
 * done is a no-op, and so is a refund already recorded.
 */
export async function applyOrderEvent(
  deps: Deps,
  request: OrderEventRequest,
): Promise<{ order: Order; transition: OrderTransition | undefined; changed: boolean }> {
  const repos = await shopRepos(deps, request.shop.id);
  const now = deps.clock.now();
  let decided: OrderTransition | undefined;
  const outcome = await repos.orders.change(
    request.orderId,
    async (order, recorded): Promise<OrderChange | undefined> => {
      let event = request.event;
      let refundAmount = 0;
      let newRefunds: RefundRecord[] = [];
      if (request.refunds) {
        newRefunds = request.refunds.filter(
          (refund) =>
            !recorded.refunds.some(
              (row) =>
                row.idempotencyKey === refund.idempotencyKey ||
                (refund.providerReference !== null && row.providerReference === refund.providerReference),
            ),
        );
        const offered = newRefunds.reduce((sum, refund) => sum + refund.amount, 0);
        const refundable = refundableAmount(order, recorded.payments[0]);
        const ceiling = Math.min(refundable, request.refundCeiling ?? refundable);
        refundAmount = Math.min(offered, ceiling - order.refundedAmount);
        if (refundAmount <= 0) return undefined;
        event = refundEvent({ totalAmount: refundable, refundedAmount: order.refundedAmount }, refundAmount);
      }
      decided = transition(order.status, event, { paymentMethod: order.paymentMethod, actor: request.actor });
      if (decided.isNoop) return undefined;
      const tracked = order.lines.filter((line) => line.isStockTracked);
      const releases = decided.releasesStock && order.stockReleasedAt === null;
      const retakes = decided.needsStock && order.stockReleasedAt !== null;
      const patch: OrderChange["patch"] = { status: decided.to };
      if (decided.to === "paid" && order.paidAt === null) patch.paidAt = now;
      if (releases) patch.stockReleasedAt = now;
      if (retakes) patch.stockReleasedAt = null;
      if (order.status === "pending_payment" && decided.to !== "pending_payment") patch.holdExpiresAt = null;
      if (refundAmount > 0) patch.refundedAmount = order.refundedAmount + refundAmount;
      const codeId = order.discountCodeId;
      const discountUse: OrderChange["discountUse"] =
        codeId && releases && decided.sideEffects.includes("return_discount")
          ? { codeId, delta: -1 }
          : codeId && retakes
            ? { codeId, delta: 1 }
            : undefined;
      const paymentStatus = PAYMENT_STATUS[event];
      return {
        patch,
        event: {
          id: deps.newId("orderEvent"),
          fromStatus: order.status,
          toStatus: decided.to,
          actorType: actorType(request.actor),
          actorId: request.actorId ?? null,
          note: [request.note, retakes ? "Its stock had gone back on sale and was taken again" : ""]
            .filter(Boolean)
            .join(". "),
          createdAt: now,
        },
        restock: releases
          ? tracked.map((line) => ({ variantId: line.variantId, quantity: line.quantity }))
          : retakes
            ? tracked.map((line) => ({ variantId: line.variantId, quantity: -line.quantity }))
            : [],
        ...(discountUse ? { discountUse } : {}),
        payment: paymentStatus
          ? {
              status: paymentStatus,
              providerReference: request.paymentReference ?? undefined,
              amount: request.paymentAmount,
            }
          : undefined,
        refunds: newRefunds.map((refund) => ({
          id: refund.id,
          amount: refund.amount,
          currency: order.currency,
          status: refund.status ?? ("succeeded" as const),
          providerReference: refund.providerReference,
          idempotencyKey: refund.idempotencyKey,
          createdBy: refund.createdBy,
          reason: request.note ?? "",
          createdAt: now,
          updatedAt: now,
        })),
        notifications: await orderNotifications(deps, {
          shop: request.shop,
          order: { ...order, status: decided.to, paidAt: patch.paidAt ?? order.paidAt },
          sideEffects: decided.sideEffects,
          step: `${event}:${order.refundedAmount + refundAmount}`,
          ...(refundAmount > 0 ? { amount: refundAmount } : {}),
          // A member's step that can be undone: its email waits out the undo window (decision 018).
          ...(request.actor === "member" && isUndoableMove(order.status, decided.to)
            ? { holdUntil: now + UNDO_WINDOW_MS }
            : {}),
        }),
      };
    },
    now,
    request.webhookEvent,
  );
  if (!outcome) throw new DomainError("not_found", "No such order in this shop");
  return { order: outcome.order, transition: decided, changed: outcome.changed };
}
