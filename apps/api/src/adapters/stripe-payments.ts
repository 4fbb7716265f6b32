// Stripe, behind a small port: the only module that imports the stripe SDK.
import type { StripeMethod } from "@stall/domain";
import Stripe from "stripe";

export type CheckoutSessionSummary = {
  id: string;
  status: string | null;
  paymentStatus: string;
  paymentIntentId: string | null;
  amountTotal: number | null;
  orderId: string | null;
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
  createConnectedAccount(input: { email: string | undefined; country: string | undefined }): Promise<{ id: string }>;
  createOnboardingLink(input: { accountId: string; refreshUrl: string; returnUrl: string }): Promise<{ url: string }>;
  /** Verifies the signature on the raw body (and its age) and returns the event; throws if it fails. */
  parseWebhook(rawBody: string, signature: string): PaymentEvent;
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
    orderId: session.metadata?.order_id ?? session.client_reference_id ?? null,
  };
}

export function createStripePayments(options: StripeOptions): PaymentProvider {
  const stripe = new Stripe(options.secretKey, {
    maxNetworkRetries: options.maxNetworkRetries ?? 2,
    telemetry: false,
    ...(options.host ? { host: options.host } : {}),
    ...(options.port ? { port: options.port } : {}),
    ...(options.protocol ? { protocol: options.protocol } : {}),
  });
  return {
    isLive: options.secretKey.startsWith("sk_live_"),
    async createCheckoutSession(input) {
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
      await stripe.checkout.sessions.expire(sessionId, {}, { stripeAccount: accountId });
    },
    async retrieveCheckoutSession(accountId, sessionId) {
      return summarise(await stripe.checkout.sessions.retrieve(sessionId, {}, { stripeAccount: accountId }));
    },
    async listRecentCheckoutSessions(accountId, sinceSeconds) {
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
      const refund = await stripe.refunds.create(
        { payment_intent: input.paymentIntentId, amount: input.amount },
        { stripeAccount: input.accountId, idempotencyKey: input.idempotencyKey },
      );
      return { id: refund.id };
    },
    async createConnectedAccount(input) {
      const account = await stripe.accounts.create({
        type: "standard",
        ...(input.email ? { email: input.email } : {}),
        ...(input.country ? { country: input.country } : {}),
      });
      return { id: account.id };
    },
    async createOnboardingLink(input) {
      const link = await stripe.accountLinks.create({
        account: input.accountId,
        refresh_url: input.refreshUrl,
        return_url: input.returnUrl,
        type: "account_onboarding",
      });
      return { url: link.url };
    },
    parseWebhook(rawBody, signature) {
      const event = stripe.webhooks.constructEvent(rawBody, signature, options.webhookSecret, 300);
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
