// Stripe, behind a small port: the only module that imports the stripe SDK, and only when a payment
// first needs it (decision 036): an API that never talks to Stripe does not hold the SDK in memory.
import type { StripeMethod } from "@stall/domain";
import type Stripe from "stripe";

export type CheckoutSessionSummary = {
  id: string;
  status: string | null;
  paymentStatus: string;
  paymentIntentId: string | null;
  amountTotal: number | null;
  currency: string | null;
  orderId: string | null;
};

export type RefundSummary = {
  id: string;
  amount: number;
  currency: string;
  /** Stripe's: pending, requires_action, succeeded, failed or canceled. */
  status: string | null;
  paymentIntentId: string | null;
  chargeId: string | null;
};

export type PaymentEvent = {
  id: string;
  type: string;
  account: string | null;
  livemode: boolean;
  object: Record<string, unknown>;
};

export type PaymentProvider = {
  isLive: boolean;
  createCheckoutSession(input: {
    accountId: string;
    orderId: string;
    shopName: string;
    description: string;
    currency: string;
    amount: number;
    methods: StripeMethod[];
    applicationFee: number;
    successUrl: string;
    cancelUrl: string;
    expiresAt: number;
    customerEmail: string | undefined;
    locale: "en" | "zh";
  }): Promise<{ id: string; url: string }>;
  expireCheckoutSession(accountId: string, sessionId: string): Promise<void>;
  retrieveCheckoutSession(accountId: string, sessionId: string): Promise<CheckoutSessionSummary>;
  listRecentCheckoutSessions(accountId: string, sinceSeconds: number): Promise<CheckoutSessionSummary[]>;
  refund(input: {
    accountId: string;
    paymentIntentId: string;
    amount: number;
    idempotencyKey: string;
  }): Promise<{ id: string }>;
  /** Refunds on a connected account, newest first: of one payment, or all made since a time. */
  listRefunds(
    accountId: string,
    filter: { paymentIntentId: string } | { chargeId: string } | { sinceSeconds: number },
  ): Promise<RefundSummary[]>;
  createConnectedAccount(input: { email: string | undefined; country: string | undefined }): Promise<{ id: string }>;
  createOnboardingLink(input: { accountId: string; refreshUrl: string; returnUrl: string }): Promise<{ url: string }>;
  /**
   * Verifies the signature on the raw body and its time (at most 300 s old, and at most 300 s ahead)
   * and returns the event; throws if it fails.
   */
  parseWebhook(rawBody: string, signature: string): Promise<PaymentEvent>;
};

export type StripeOptions = {
  secretKey: string;
  webhookSecret: string;
  /** For tests: where the Stripe API double listens. */
  host?: string;
  port?: number;
  protocol?: "http" | "https";
  maxNetworkRetries?: number;
};

function summarise(session: Stripe.Checkout.Session): CheckoutSessionSummary {
  const intent = session.payment_intent;
  return {
    id: session.id,
    status: session.status,
    paymentStatus: session.payment_status,
    paymentIntentId: typeof intent === "string" ? intent : (intent?.id ?? null),
    amountTotal: session.amount_total,
    currency: session.currency,
    orderId: session.metadata?.order_id ?? session.client_reference_id ?? null,
  };
}

/** How far a signature's time may be from ours, either way (Stripe's own default, 300 s, for the past). */
const SIGNATURE_TOLERANCE_SECONDS = 300;

function summariseRefund(refund: Stripe.Refund): RefundSummary {
  const intent = refund.payment_intent;
  const charge = refund.charge;
  return {
    id: refund.id,
    amount: refund.amount,
    currency: refund.currency,
    status: refund.status,
    paymentIntentId: typeof intent === "string" ? intent : (intent?.id ?? null),
    chargeId: typeof charge === "string" ? charge : (charge?.id ?? null),
  };
}

/** The `t=` of a `Stripe-Signature` header, in seconds, or NaN. */
function signatureTime(header: string): number {
  const part = header.split(",").find((item) => item.trim().startsWith("t="));
  return part ? Number(part.trim().slice(2)) : Number.NaN;
}

export function createStripePayments(options: StripeOptions): PaymentProvider {
  let made: Promise<Stripe> | undefined;
  const client = () =>
    (made ??= import("stripe").then(
      ({ default: StripeSdk }) =>
        new StripeSdk(options.secretKey, {
          maxNetworkRetries: options.maxNetworkRetries ?? 2,
          telemetry: false,
          ...(options.host ? { host: options.host } : {}),
          ...(options.port ? { port: options.port } : {}),
          ...(options.protocol ? { protocol: options.protocol } : {}),
        }),
    ));
  return {
    isLive: options.secretKey.startsWith("sk_live_"),
    async createCheckoutSession(input) {
      const stripe = await client();
      const session = await stripe.checkout.sessions.create(
        {
          mode: "payment",
          line_items: [
            {
              quantity: 1,
              price_data: {
                currency: input.currency.toLowerCase(),
                unit_amount: input.amount,
                product_data: { name: input.shopName, description: input.description.slice(0, 500) },
              },
            },
          ],
          allowed_payment_method_types: input.methods,
          ...(input.methods.includes("wechat_pay")
            ? { payment_method_options: { wechat_pay: { client: "web" } } }
            : {}),
          // The order id travels to the payment and its charges, so a refund event finds its order.
          payment_intent_data: {
            metadata: { order_id: input.orderId },
            ...(input.applicationFee > 0 ? { application_fee_amount: input.applicationFee } : {}),
          },
          success_url: input.successUrl,
          cancel_url: input.cancelUrl,
          expires_at: input.expiresAt,
          client_reference_id: input.orderId,
          metadata: { order_id: input.orderId },
          ...(input.customerEmail ? { customer_email: input.customerEmail } : {}),
          locale: input.locale,
        } as Stripe.Checkout.SessionCreateParams,
        // The order id as the idempotency key: a retried request opens the same session.
        { stripeAccount: input.accountId, idempotencyKey: `checkout-${input.orderId}` },
      );
      if (!session.url) throw new Error(`Stripe returned no URL for session ${session.id}`);
      return { id: session.id, url: session.url };
    },
    async expireCheckoutSession(accountId, sessionId) {
      const stripe = await client();
      await stripe.checkout.sessions.expire(sessionId, {}, { stripeAccount: accountId });
    },
    async retrieveCheckoutSession(accountId, sessionId) {
      const stripe = await client();
      return summarise(await stripe.checkout.sessions.retrieve(sessionId, {}, { stripeAccount: accountId }));
    },
    async listRecentCheckoutSessions(accountId, sinceSeconds) {
      const stripe = await client();
      const sessions: CheckoutSessionSummary[] = [];
      for await (const session of stripe.checkout.sessions.list(
        { created: { gte: sinceSeconds }, limit: 100 },
        { stripeAccount: accountId },
      )) {
        sessions.push(summarise(session));
      }
      return sessions;
    },
    async refund(input) {
      const stripe = await client();
      const refund = await stripe.refunds.create(
        { payment_intent: input.paymentIntentId, amount: input.amount },
        { stripeAccount: input.accountId, idempotencyKey: input.idempotencyKey },
      );
      return { id: refund.id };
    },
    async listRefunds(accountId, filter) {
      const stripe = await client();
      const params: Stripe.RefundListParams =
        "paymentIntentId" in filter
          ? { payment_intent: filter.paymentIntentId, limit: 100 }
          : "chargeId" in filter
            ? { charge: filter.chargeId, limit: 100 }
            : { created: { gte: filter.sinceSeconds }, limit: 100 };
      const refunds: RefundSummary[] = [];
      for await (const refund of stripe.refunds.list(params, { stripeAccount: accountId })) {
        refunds.push(summariseRefund(refund));
      }
      return refunds;
    },
    async createConnectedAccount(input) {
      const stripe = await client();
      const account = await stripe.accounts.create({
        type: "standard",
        ...(input.email ? { email: input.email } : {}),
        ...(input.country ? { country: input.country } : {}),
      });
      return { id: account.id };
    },
    async createOnboardingLink(input) {
      const stripe = await client();
      const link = await stripe.accountLinks.create({
        account: input.accountId,
        refresh_url: input.refreshUrl,
        return_url: input.returnUrl,
        type: "account_onboarding",
      });
      return { url: link.url };
    },
    async parseWebhook(rawBody, signature) {
      const stripe = await client();
      const receivedAt = Date.now();
      const event = stripe.webhooks.constructEvent(
        rawBody,
        signature,
        options.webhookSecret,
        SIGNATURE_TOLERANCE_SECONDS,
        undefined,
        receivedAt,
      );
      // The SDK checks only that a signature is not too old; one dated far ahead could be replayed for
      // that long, so the tolerance applies both ways.
      if (signatureTime(signature) - Math.floor(receivedAt / 1000) > SIGNATURE_TOLERANCE_SECONDS) {
        throw new Error("The webhook signature is dated more than 300 s in the future");
      }
      return {
        id: event.id,
        type: event.type,
        account: event.account ?? null,
        livemode: event.livemode,
        object: event.data.object as unknown as Record<string, unknown>,
      };
    },
  };
}
