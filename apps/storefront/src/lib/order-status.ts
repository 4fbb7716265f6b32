// What the buyer's order page says about where an order is: one plain sentence for its status, and the
// steps it goes through (ordered, paid, ready, handed over).
import type { BuyerOrder } from "./api.ts";
import type { Messages } from "./i18n.ts";

type StatusOrder = Pick<BuyerOrder, "status" | "paymentMethod"> & {
  fulfilment: Pick<BuyerOrder["fulfilment"], "type" | "name">;
};

/**
 * The order's status in plain words.
 * @example orderStatusText({ status: "awaiting_payment", paymentMethod: "pay_at_pickup", … }, en)
 *   // "We've got your order — pay when you pick it up"
 */
export function orderStatusText(order: StatusOrder, text: Messages): string {
  const type = order.fulfilment.type;
  switch (order.status) {
    case "pending_payment":
      return text.statusPendingPayment;
    case "awaiting_payment":
      if (order.paymentMethod === "pay_at_pickup") return text.statusAwaitingPickup;
      if (order.paymentMethod === "cash_on_delivery") return text.statusAwaitingDelivery;
      if (order.paymentMethod === "bank_transfer") return text.statusAwaitingTransfer;
      return text.statusAwaitingPayment;
    case "paid":
      return text.statusPaid;
    case "ready":
      return type === "pickup" ? text.statusReadyPickup(order.fulfilment.name) : text.statusReadyToSend;
    case "fulfilled":
      return type === "pickup" ? text.statusPickedUp : text.statusOnItsWay;
    case "completed":
      return text.statusCompleted;
    case "cancelled":
    case "expired":
      return text.statusCancelled;
    case "refunded":
      return text.statusRefunded;
    case "partially_refunded":
      return text.statusPartlyRefunded;
    case "on_hold":
      return text.statusOnHold;
  }
}

export type StepState = "done" | "next" | "later";
export type OrderStep = { key: "ordered" | "paid" | "ready" | "handed-over"; label: string; state: StepState };

/** How many of the four steps each status has done; closed orders (cancelled, refunded) have no steps. */
const STEPS_DONE: Partial<Record<BuyerOrder["status"], number>> = {
  pending_payment: 1,
  awaiting_payment: 1,
  paid: 2,
  ready: 3,
  fulfilled: 4,
  completed: 4,
  partially_refunded: 4,
  // The payment arrived but did not match the total: ordered, and waiting on the shop.
  on_hold: 1,
};

/** The steps of an order with where it is; undefined for an order that stopped (cancelled, refunded). */
export function orderSteps(order: StatusOrder, text: Messages): OrderStep[] | undefined {
  const done = STEPS_DONE[order.status];
  if (done === undefined) return undefined;
  const isPickup = order.fulfilment.type === "pickup";
  const steps = [
    { key: "ordered", label: text.stepOrdered },
    { key: "paid", label: text.stepPaid },
    { key: "ready", label: text.stepReady },
    { key: "handed-over", label: isPickup ? text.stepPickedUp : text.stepSent },
  ] as const;
  return steps.map((step, index) => ({
    ...step,
    state: index < done ? "done" : index === done ? "next" : "later",
  }));
}
