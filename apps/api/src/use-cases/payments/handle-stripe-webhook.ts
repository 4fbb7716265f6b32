import { platform } from "@stall/db";
import { DomainError, isPaidInFull, type OrderEvent } from "@stall/domain";
import type { PaymentEvent } from "../../adapters/stripe-payments.ts";
import type { Deps } from "../../deps.ts";
import { shopRepos } from "../../pods/shop-db.ts";
import { applyOrderEvent } from "../checkout/apply-order-event.ts";
import { recordStripeRefunds } from "./record-stripe-refunds.ts";
import { reportPaymentMismatch } from "./report-payment-mismatch.ts";

export type WebhookOutcome = { handled: boolean; reason: string };

const SESSION_EVENTS: Record<string, (session: Record<string, unknown>) => OrderEvent | undefined> = {
  "checkout.session.completed": (session) => (session.payment_status === "paid" ? "payment_succeeded" : undefined),
  "checkout.session.async_payment_succeeded": () => "payment_succeeded",
  "checkout.session.async_payment_failed": () => "payment_failed",
  "checkout.session.expired": () => "session_expired",
};

const text = (value: unknown): string | null => (typeof value === "string" && value ? value : null);

/**
 * Handles a Stripe webhook: verified on the raw body, ignored unless its account is a shop's and its
 * livemode matches our key, deduplicated by event id (a replay changes nothing), and applied through
 * the order state machine, in any order and any number of times.
 */
export async function handleStripeWebhook(
  deps: Deps,
  options: { rawBody: string; signature: string | undefined },
): Promise<WebhookOutcome> {
  const payments = deps.payments;
  if (!payments) throw new DomainError("not_found", "Stripe is not configured on this server");
  let event: PaymentEvent;
  try {
    event = await payments.parseWebhook(options.rawBody, options.signature ?? "");
  } catch (error) {
    throw new DomainError(
      "bad_request",
      "The webhook signature does not match, or its time is more than 5 minutes from ours",
      { cause: error },
    );
  }
  if (event.livemode !== payments.isLive)
    return { handled: false, reason: "livemode does not match this server's key" };
  if (!event.account) return { handled: false, reason: "not an event of a connected account" };
  const directory = platform(deps.database.db);
  const shop = await directory.shops.findByStripeAccount(event.account);
  if (!shop) return { handled: false, reason: "no shop has this Stripe account" };
  const object = event.object;

  if (event.type === "account.updated") {
    await directory.shops.setStripeAccount(
      shop.id,
      { stripeChargesEnabled: object.charges_enabled === true },
      deps.clock.now(),
    );
    return { handled: true, reason: "account updated" };
  }

  const metadata = (object.metadata ?? {}) as Record<string, unknown>;
  const orderId = text(metadata.order_id) ?? text(object.client_reference_id);
  if (!orderId) return { handled: false, reason: "no order id on the event" };
  const order = await (await shopRepos(deps, shop.id)).orders.get(orderId);
  if (order?.paymentMethod !== "stripe") return { handled: false, reason: "no such Stripe order in this shop" };

  const webhookEvent = {
    id: deps.newId("webhookEvent"),
    provider: "stripe" as const,
    eventId: event.id,
    type: event.type,
    objectId: text(object.id),
    receivedAt: deps.clock.now(),
    processedAt: deps.clock.now(),
    outcome: "applied",
  };

  let orderEvent: OrderEvent | undefined;
  let paymentReference: string | null = null;
  let note = `Stripe ${event.type}`;
  let paymentAmount: number | undefined;
  if (event.type in SESSION_EVENTS) {
    if (order.stripeCheckoutSessionId && object.id !== order.stripeCheckoutSessionId) {
      return { handled: false, reason: "the session is not this order's" };
    }
    orderEvent = SESSION_EVENTS[event.type]?.(object);
    paymentReference = text(object.payment_intent);
    if (orderEvent === "payment_succeeded") {
      const paid = {
        amount: typeof object.amount_total === "number" ? object.amount_total : null,
        currency: text(object.currency),
      };
      if (!isPaidInFull(order, paid)) {
        orderEvent = "payment_mismatch";
        if (paid.amount !== null) paymentAmount = paid.amount;
        note = reportPaymentMismatch(deps, { shop, order, paid, sessionId: text(object.id), source: event.type });
        webhookEvent.outcome = "payment_mismatch";
      }
    }
  } else if (event.type === "charge.refunded") {
    const paymentIntentId = text(object.payment_intent);
    const recorded = (await (await shopRepos(deps, shop.id)).orders.payments(order.id))[0]?.providerReference;
    if (recorded && paymentIntentId && recorded !== paymentIntentId) {
      return { handled: false, reason: "the payment is not this order's" };
    }
    const chargeId = text(object.id);
    if (!paymentIntentId && !chargeId) return { handled: false, reason: "no payment on the event" };
    try {
      const result = await recordStripeRefunds(deps, {
        shop,
        order,
        payment: paymentIntentId ? { paymentIntentId } : { chargeId: chargeId ?? "" },
        actor: "stripe",
        note,
        webhookEvent,
      });
      return {
        handled: result.changed,
        reason: result.changed ? `order ${result.order.status}` : "refunds already recorded",
      };
    } catch (error) {
      if (error instanceof DomainError && error.code === "invalid_state_transition")
        return { handled: false, reason: error.message };
      throw error;
    }
  }
  if (!orderEvent) return { handled: false, reason: `nothing to do for ${event.type}` };

  try {
    const result = await applyOrderEvent(deps, {
      shop,
      orderId: order.id,
      event: orderEvent,
      actor: "stripe",
      note,
      paymentReference,
      webhookEvent,
      ...(paymentAmount !== undefined ? { paymentAmount } : {}),
    });
    return { handled: result.changed, reason: result.changed ? `order ${result.order.status}` : "already handled" };
  } catch (error) {
    // An event the order has moved past (e.g. a payment for a cancelled order was already refunded):
    // acknowledge it so Stripe stops retrying; it is in the order's history if it mattered.
    if (error instanceof DomainError && error.code === "invalid_state_transition")
      return { handled: false, reason: error.message };
    throw error;
  }
}
