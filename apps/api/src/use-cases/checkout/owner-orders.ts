import {
  DomainError,
  NEEDS_ACTION,
  ORDER_STAGES,
  type OrderEvent,
  type OrderStage,
  refundEvent,
  transition,
} from "@stall/domain";
import type { Deps } from "../../deps.ts";
import type { AuthUser, ShopAccess } from "../access.ts";
import { applyOrderEvent, type RefundRecord, refundableAmount } from "./apply-order-event.ts";
import { toOwnerOrder } from "./order-views.ts";
import { undoOrderStep } from "./undo-order-step.ts";

/** The one-tap steps an owner takes, as URL words, and the order events they are. */
export const ORDER_ACTIONS = {
  "mark-paid": "mark_paid",
  "mark-ready": "mark_ready",
  fulfil: "fulfil",
  complete: "complete",
  cancel: "cancel",
  refund: "refund",
  undo: "undo",
} as const;
export type OrderActionName = keyof typeof ORDER_ACTIONS;

export async function listOrders(
  _deps: Deps,
  options: {
    access: ShopAccess;
    query: {
      limit: number;
      cursor?: string | undefined;
      status?: string | undefined;
      stage?: OrderStage | "needs_action" | "other" | undefined;
    };
  },
) {
  const { stage } = options.query;
  const page = await options.access.repos.orders.list({
    limit: options.query.limit,
    cursor: options.query.cursor,
    status: options.query.status as never,
    ...(stage === "needs_action"
      ? { statuses: NEEDS_ACTION }
      : stage === "other"
        ? { notStatuses: NEEDS_ACTION }
        : stage
          ? { statuses: ORDER_STAGES[stage] }
          : {}),
  });
  return { items: page.items.map((order) => toOwnerOrder(order)), nextCursor: page.nextCursor };
}

/** How many orders are at each stage, and how many need the shop (the dashboard's badge): one grouped count. */
export async function countOrders(_deps: Deps, options: { access: ShopAccess }) {
  const byStatus = await options.access.repos.orders.countByStatus();
  const sum = (statuses: readonly string[]) =>
    statuses.reduce((total, status) => total + (byStatus[status as keyof typeof byStatus] ?? 0), 0);
  return {
    needsAction: sum(NEEDS_ACTION),
    stages: {
      to_pay: sum(ORDER_STAGES.to_pay),
      to_hand_over: sum(ORDER_STAGES.to_hand_over),
      done: sum(ORDER_STAGES.done),
      cancelled: sum(ORDER_STAGES.cancelled),
    },
    all: sum(Object.keys(byStatus)),
  };
}

export async function getOrder(deps: Deps, options: { access: ShopAccess; user: AuthUser; orderId: string }) {
  const { repos } = options.access;
  const order = await repos.orders.get(options.orderId);
  if (!order) throw new DomainError("not_found", "No such order in this shop");
  return toOwnerOrder(order, await repos.orders.events(order.id), { userId: options.user.id, now: deps.clock.now() });
}

/**
 * Takes an owner's step on an order. A refund of a Stripe order goes to Stripe first (with an
 * idempotency key per cumulative refund amount, so a double tap refunds once), then is recorded by
 * Stripe's refund id (so Stripe's own event for it, before or after, counts it once).
 */
export async function actOnOrder(
  deps: Deps,
  options: {
    access: ShopAccess;
    user: AuthUser;
    orderId: string;
    action: OrderActionName;
    amount?: number | undefined;
    note?: string | undefined;
    step?: string | undefined;
  },
) {
  const { access } = options;
  const viewer = () => ({ userId: options.user.id, now: deps.clock.now() });
  if (options.action === "undo") {
    if (!options.step) {
      throw new DomainError("validation_failed", "Say which step to undo", {
        errors: [{ path: "step", message: "Required: the id of the step to undo (the order's `undo.step`)" }],
      });
    }
    const undone = await undoOrderStep(deps, {
      access,
      user: options.user,
      orderId: options.orderId,
      stepId: options.step,
    });
    return toOwnerOrder(undone, await access.repos.orders.events(undone.id), viewer());
  }
  const order = await access.repos.orders.get(options.orderId);
  if (!order) throw new DomainError("not_found", "No such order in this shop");
  let event: OrderEvent;
  let refunds: RefundRecord[] | undefined;
  if (options.action === "refund") {
    const payment = (await access.repos.orders.payments(order.id))[0];
    const refundable = refundableAmount(order, payment);
    const remaining = refundable - order.refundedAmount;
    const amount = options.amount ?? remaining;
    if (amount <= 0 || amount > remaining) {
      throw new DomainError("validation_failed", `Refund between 1 and ${remaining} (what is left of the order)`, {
        errors: [{ path: "amount", message: `At most ${remaining}` }],
      });
    }
    event = refundEvent({ totalAmount: refundable, refundedAmount: order.refundedAmount }, amount);
    // Refused steps are refused before any money moves.
    transition(order.status, event, { paymentMethod: order.paymentMethod, actor: "member" });
    const idempotencyKey = `refund-${order.id}-${order.refundedAmount + amount}`;
    let providerReference: string | null = null;
    // Every refund of a Stripe order goes through Stripe (also one held for a mismatched payment, which
    // has no paid time): recording it here alone would tell the buyer of money that never moved.
    if (order.paymentMethod === "stripe") {
      if (!deps.payments || !access.shop.stripeAccountId || !payment?.providerReference) {
        throw new DomainError("payment_provider_error", "This payment cannot be refunded online right now");
      }
      try {
        providerReference = (
          await deps.payments.refund({
            accountId: access.shop.stripeAccountId,
            paymentIntentId: payment.providerReference,
            amount,
            idempotencyKey,
          })
        ).id;
      } catch (error) {
        throw new DomainError(
          "payment_provider_error",
          "Stripe did not accept the refund; nothing was refunded. Try again in a moment.",
          { cause: error },
        );
      }
    }
    refunds = [{ id: deps.newId("refund"), amount, providerReference, idempotencyKey, createdBy: options.user.id }];
  } else {
    event = ORDER_ACTIONS[options.action] as OrderEvent;
  }
  const result = await applyOrderEvent(deps, {
    shop: access.shop,
    orderId: order.id,
    event,
    actor: "member",
    actorId: options.user.id,
    ...(options.note ? { note: options.note } : {}),
    ...(refunds ? { refunds } : {}),
  });
  return toOwnerOrder(result.order, await access.repos.orders.events(order.id), viewer());
}
