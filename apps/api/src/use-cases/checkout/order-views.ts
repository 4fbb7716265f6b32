import type { Order, OrderEventRow } from "@stall/db";
import { availableActions, isUndoMove, type OrderStatus, undoableStep } from "@stall/domain";

/** What a buyer sees of their order (through the token link). */
export function toBuyerOrder(order: Order) {
  return {
    id: order.id,
    number: order.number,
    status: order.status,
    placedAt: order.placedAt,
    paidAt: order.paidAt,
    currency: order.currency,
    paymentMethod: order.paymentMethod,
    fulfilment: order.fulfilment,
    buyer: { name: order.buyerName },
    lines: order.lines.map((line) => ({
      title: line.title,
      variantTitle: line.variantTitle,
      quantity: line.quantity,
      unitPrice: line.unitPriceAmount,
      total: line.subtotalAmount,
    })),
    totals: {
      subtotal: order.subtotalAmount,
      discount: order.discountAmount,
      fulfilment: order.fulfilmentAmount,
      tax: order.taxAmount,
      taxMode: order.taxMode,
      total: order.totalAmount,
      refunded: order.refundedAmount,
    },
  };
}

/**
 * What the shop's members see: everything, plus the history and the next possible steps. `viewer` (the
 * person asking, and the time) says whether their own last step can still be undone.
 */
export function toOwnerOrder(order: Order, events: OrderEventRow[] = [], viewer?: { userId: string; now: number }) {
  const undoable = viewer ? undoableStep(order.status, events.at(-1), viewer.now) : undefined;
  return {
    ...toBuyerOrder(order),
    buyer: { name: order.buyerName, email: order.buyerEmail, phone: order.buyerPhone, locale: order.buyerLocale },
    note: order.note,
    discountCode: order.discountCode,
    applicationFee: order.applicationFeeAmount,
    holdExpiresAt: order.holdExpiresAt,
    actions: availableActions(order.status, order.paymentMethod),
    undo:
      undoable && events.at(-1)?.actorId === viewer?.userId ? { step: undoable.stepId, until: undoable.until } : null,
    history: events.map((event) => ({
      id: event.id,
      // Written only from the order state machine, so always one of its statuses.
      from: event.fromStatus as OrderStatus | null,
      to: event.toStatus as OrderStatus,
      actor: event.actorType,
      actorId: event.actorId,
      note: event.note,
      undone: isUndoMove(event.fromStatus, event.toStatus),
      at: event.createdAt,
    })),
  };
}
