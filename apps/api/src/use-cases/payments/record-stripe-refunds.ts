import type { Order, ShopRow } from "@stall/db";
import type { Deps } from "../../deps.ts";
import { applyOrderEvent, type OrderEventRequest, type RefundRecord } from "../checkout/apply-order-event.ts";

/** Refunds Stripe counts as made (money on its way back); failed and cancelled ones are not. */
const COUNTED = new Set(["succeeded", "pending", "requires_action"]);

/**
 * Brings an order's refunds up to what Stripe has for its payment: asks Stripe for the payment's
 * refunds, and records each refund id not recorded yet, through the state machine (the step that
 * reaches the total is the full refund: stock back if held, buyer told). Events late, twice, out of
 * order, or never (reconciliation calls this too) all end in the same place; a refund made from Stall's
 * dashboard carries its Stripe id and so is never counted again.
 */
export async function recordStripeRefunds(
  deps: Deps,
  options: {
    shop: ShopRow;
    order: Order;
    /** The order's Stripe payment: a PaymentIntent id, or a charge id when there is none. */
    payment: { paymentIntentId: string } | { chargeId: string };
    actor: "stripe" | "system";
    note: string;
    webhookEvent?: OrderEventRequest["webhookEvent"];
  },
) {
  const { shop, order } = options;
  if (!deps.payments || !shop.stripeAccountId) throw new Error("Stripe is not configured for this shop");
  const listed = await deps.payments.listRefunds(shop.stripeAccountId, options.payment);
  const counted = listed.filter((refund) => COUNTED.has(refund.status ?? ""));
  const refunds: RefundRecord[] = counted.reverse().map((refund) => ({
    id: deps.newId("refund"),
    amount: refund.amount,
    providerReference: refund.id,
    idempotencyKey: `stripe-refund-${refund.id}`,
    createdBy: null,
    status: refund.status === "succeeded" ? "succeeded" : "pending",
  }));
  return applyOrderEvent(deps, {
    shop,
    orderId: order.id,
    // Worked out again from what is new: refund_partial or refund_full.
    event: "refund_partial",
    actor: options.actor,
    note: options.note,
    refunds,
    refundCeiling: counted.reduce((sum, refund) => sum + refund.amount, 0),
    ...(options.webhookEvent ? { webhookEvent: options.webhookEvent } : {}),
  });
}
