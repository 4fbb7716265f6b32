import { platform } from "@stall/db";
import { DomainError } from "@stall/domain";
import type { Deps } from "../../deps.ts";
import type { ShopAccess } from "../access.ts";

/**
 * Starts (or resumes) connecting the shop's own Stripe account: creates the connected account once,
 * then answers Stripe's onboarding link. `account.updated` webhooks say when it can take payments.
 */
export async function connectStripe(deps: Deps, options: { access: ShopAccess }) {
  const payments = deps.payments;
  if (!payments)
    throw new DomainError("service_unavailable", "Stripe is not set up on this server (STRIPE_SECRET_KEY)");
  const { shop } = options.access;
  let accountId = shop.stripeAccountId;
  try {
    if (!accountId) {
      accountId = (await payments.createConnectedAccount({ email: shop.contactEmail ?? undefined, country: undefined }))
        .id;
      await platform(deps.database.db).shops.setStripeAccount(
        shop.id,
        { stripeAccountId: accountId },
        deps.clock.now(),
      );
    }
    const back = `${deps.config.dashboardUrl}/shops/${shop.id}/payments`;
    const link = await payments.createOnboardingLink({ accountId, refreshUrl: `${back}?refresh=1`, returnUrl: back });
    return { accountId, url: link.url };
  } catch (error) {
    if (error instanceof DomainError) throw error;
    throw new DomainError("payment_provider_error", "Stripe did not answer; try again in a moment", { cause: error });
  }
}
