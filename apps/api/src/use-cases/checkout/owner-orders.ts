import { DomainError, type OrderEvent, refundEvent, transition } from "@stall/domain";
import type { Deps } from "../../deps.ts";
import type { AuthUser, ShopAccess } from "../access.ts";
import { applyOrderEvent, type RefundRecord, refundableAmount } from "./apply-order-event.ts";
import { toOwnerOrder } from "./order-views.ts";

/** The one-tap steps an owner takes, as URL words, and the order events they are. */
export const ORDER_ACTIONS = {
  "mark-paid": "mark_paid",
  "mark-ready": "mark_ready",
  fulfil: "fulfil",
  complete: "complete",
  cancel: "cancel",
  refund: "refund",
} as const;
export type OrderActionName = keyof typeof ORDER_ACTIONS;

export async function listOrders(
  _deps: Deps,
  options: { access: ShopAccess; query: { limit: number; cursor?: string | undefined; status?: string | undefined } },
) {
  const page = await options.access.repos.orders.list({
    limit: options.query.limit,
    cursor: options.query.cursor,
    status: options.query.status as never,
  });
  return { items: page.items.map((order) => toOwnerOrder(order)), nextCursor: page.nextCursor };
}

export async function getOrder(_deps: Deps, options: { access: ShopAccess; orderId: string }) {
  const { repos } = options.access;
  const order = await repos.orders.get(options.orderId);
  if (!order) throw new DomainError("not_found", "No such order in this shop");
  return toOwnerOrder(order, await repos.orders.events(order.id));
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
  },
) {
  const { access } = options;
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
    event = ORDER_ACTIONS[options.action];
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
  return toOwnerOrder(result.order, await access.repos.orders.events(order.id));
}
