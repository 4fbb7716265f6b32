// Stripe webhook events for tests: the shapes Stripe sends (an `event` envelope around a snapshot of
// the object, `account` set for events that happen on a connected account) and a signature made by
// the SDK's own test-header helper, so the app verifies them exactly as it verifies real ones.
//
//   const { body, signature } = signedEvent(stripe, secret, double.lastEvent("checkout.session.completed"));
//   await app.request("/v1/webhooks/stripe", { method: "POST", body, headers: { "stripe-signature": signature } });
//
// `signedEvent(..., { ageSeconds: 360 })` signs with a timestamp six minutes old, past the SDK's
// default tolerance of 300 s.
import { randomBytes } from "node:crypto";
import Stripe from "stripe";

/** What `signedEvent` needs; a full `Stripe.Event` (e.g. from `double.events`) also fits. */
export interface EventInput {
  type: string;
  data: { object: unknown; previous_attributes?: object };
  /** The connected account the event happened on; absent for platform events. */
  account?: string | null;
  livemode?: boolean;
  id?: string;
  created?: number;
  api_version?: string | null;
  request?: { id: string | null; idempotency_key: string | null } | null;
}

export interface EventOptions {
  /** The connected account (`acct_…`) the object lives on. */
  account?: string | null;
  /** Defaults to the object's own `livemode` (false for everything the double makes). */
  livemode?: boolean;
  id?: string;
  /** Unix seconds; defaults to now. */
  created?: number;
  previousAttributes?: object;
  request?: { id: string | null; idempotency_key: string | null };
}

export interface SignOptions {
  /** Unix seconds to sign with (default: now). */
  timestamp?: number;
  /** Sign as if the event was sent this many seconds ago (e.g. 360 for "six minutes old"). */
  ageSeconds?: number;
}

export interface SignedEvent {
  /** The exact bytes to POST: the app must verify the signature on this raw body. */
  body: string;
  /** The `Stripe-Signature` header value: `t=…,v1=…`. */
  signature: string;
  /** Convenience: headers for the POST. */
  headers: { "content-type": string; "stripe-signature": string };
  event: Stripe.Event;
  timestamp: number;
}

const ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/** A Stripe-looking id: `prefix` followed by random base62 characters. */
export function stripeId(prefix: string, length = 24): string {
  const bytes = randomBytes(length);
  let out = prefix;
  for (const byte of bytes) out += ALPHABET[byte % ALPHABET.length];
  return out;
}

/** Fills in the envelope fields Stripe sends with every event. */
export function buildEvent(input: EventInput): Stripe.Event {
  const object = input.data.object as { livemode?: unknown } | null;
  const event = {
    id: input.id ?? stripeId("evt_"),
    object: "event",
    ...(input.account ? { account: input.account } : {}),
    api_version: input.api_version === undefined ? Stripe.API_VERSION : input.api_version,
    created: input.created ?? Math.floor(Date.now() / 1000),
    data: {
      object: input.data.object,
      ...(input.data.previous_attributes ? { previous_attributes: input.data.previous_attributes } : {}),
    },
    livemode: input.livemode ?? (typeof object?.livemode === "boolean" ? object.livemode : false),
    pending_webhooks: 1,
    request: input.request ?? { id: null, idempotency_key: null },
    type: input.type,
  };
  return event as unknown as Stripe.Event;
}

/**
 * Serialises the event as Stripe does (pretty-printed JSON) and signs it with the SDK's
 * `webhooks.generateTestHeaderString`, so `stripe.webhooks.constructEvent(body, signature, secret)`
 * accepts it, and rejects it once the body is changed or the timestamp is older than the tolerance.
 */
export function signedEvent(stripe: Stripe, secret: string, input: EventInput, options: SignOptions = {}): SignedEvent {
  const event = buildEvent(input);
  const body = JSON.stringify(event, null, 2);
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000) - (options.ageSeconds ?? 0);
  const signature = stripe.webhooks.generateTestHeaderString({ payload: body, secret, timestamp });
  return {
    body,
    signature,
    headers: { "content-type": "application/json; charset=utf-8", "stripe-signature": signature },
    event,
    timestamp,
  };
}

function envelope<T extends Stripe.Event>(type: T["type"], object: unknown, options: EventOptions): T {
  return buildEvent({
    type,
    data: { object, ...(options.previousAttributes ? { previous_attributes: options.previousAttributes } : {}) },
    ...(options.account ? { account: options.account } : {}),
    ...(options.livemode === undefined ? {} : { livemode: options.livemode }),
    ...(options.id ? { id: options.id } : {}),
    ...(options.created === undefined ? {} : { created: options.created }),
    ...(options.request ? { request: options.request } : {}),
  }) as T;
}

const copy = <T>(value: T): T => structuredClone(value);

/** `checkout.session.completed`: the buyer finished Checkout (paid, or an async payment is pending). */
export function checkoutSessionCompleted(
  session: Stripe.Checkout.Session,
  options: EventOptions = {},
): Stripe.CheckoutSessionCompletedEvent {
  return envelope("checkout.session.completed", copy(session), options);
}

/** `checkout.session.async_payment_succeeded`: a delayed payment method settled. */
export function checkoutSessionAsyncPaymentSucceeded(
  session: Stripe.Checkout.Session,
  options: EventOptions = {},
): Stripe.CheckoutSessionAsyncPaymentSucceededEvent {
  return envelope("checkout.session.async_payment_succeeded", copy(session), options);
}

/** `checkout.session.async_payment_failed`: a delayed payment method failed; the session stays `unpaid`. */
export function checkoutSessionAsyncPaymentFailed(
  session: Stripe.Checkout.Session,
  options: EventOptions = {},
): Stripe.CheckoutSessionAsyncPaymentFailedEvent {
  return envelope("checkout.session.async_payment_failed", copy(session), options);
}

/** `checkout.session.expired`: the session reached `expires_at` or was expired through the API. */
export function checkoutSessionExpired(
  session: Stripe.Checkout.Session,
  options: EventOptions = {},
): Stripe.CheckoutSessionExpiredEvent {
  return envelope("checkout.session.expired", copy(session), options);
}

/** `charge.refunded`: the charge after the refund (`amount_refunded`, `refunded`). */
export function chargeRefunded(charge: Stripe.Charge, options: EventOptions = {}): Stripe.ChargeRefundedEvent {
  return envelope("charge.refunded", copy(charge), options);
}

/** `account.updated`: for a connected account, `account` defaults to the account itself. */
export function accountUpdated(account: Stripe.Account, options: EventOptions = {}): Stripe.AccountUpdatedEvent {
  return envelope("account.updated", copy(account), { account: account.id, ...options });
}
