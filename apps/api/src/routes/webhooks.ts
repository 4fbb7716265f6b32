import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import { DomainError } from "@stall/domain";
import type { Deps } from "../deps.ts";
import type { AppEnv } from "../http/app-env.ts";
import { handleStripeWebhook } from "../use-cases/payments/handle-stripe-webhook.ts";
import { errorResponse } from "./common.ts";

const stripeWebhook = createRoute({
  operationId: "receiveStripeWebhook",
  method: "post",
  path: "/v1/webhooks/stripe",
  tags: ["Payments"],
  summary: "Stripe's events (Connect)",
  description:
    "Point a Connect webhook endpoint here with the events checkout.session.completed, checkout.session.async_payment_succeeded, checkout.session.async_payment_failed, checkout.session.expired, charge.refunded and account.updated. The signature is checked on the raw body; replays change nothing.",
  responses: {
    200: {
      description: "Received",
      content: {
        "application/json": {
          schema: z.object({ received: z.literal(true), handled: z.boolean(), reason: z.string() }),
        },
      },
    },
    400: errorResponse("Bad or old signature"),
  },
});

export function webhookRoutes(deps: Deps) {
  return new OpenAPIHono<AppEnv>().openapi(stripeWebhook, async (c) => {
    // The raw text, untouched: the signature is over these exact bytes.
    const rawBody = await c.req.text();
    let outcome: Awaited<ReturnType<typeof handleStripeWebhook>>;
    try {
      outcome = await handleStripeWebhook(deps, { rawBody, signature: c.req.header("Stripe-Signature") });
    } catch (error) {
      const code = error instanceof DomainError ? error.code : "internal";
      // Without Stripe keys there is no webhook to count (404).
      if (code !== "not_found") deps.metrics?.webhook("stripe", code === "bad_request" ? "bad_signature" : "failed");
      throw error;
    }
    deps.metrics?.webhook("stripe", outcome.handled ? "handled" : "ignored");
    return c.json({ received: true as const, ...outcome }, 200);
  });
}
