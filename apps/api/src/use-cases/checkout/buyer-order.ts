import { DomainError } from "@stall/domain";
import type { Deps } from "../../deps.ts";
import { isOrderToken } from "../../security/order-token.ts";
import { publicShop } from "../storefront/public-shop.ts";
import { applyOrderEvent } from "./apply-order-event.ts";
import { toBuyerOrder } from "./order-views.ts";

/** The buyer's view of an order: only with the token from their link; ids alone grant nothing. */
export async function getBuyerOrder(deps: Deps, options: { host: string; orderId: string; token: string | undefined }) {
  const { repos } = await publicShop(deps, options.host);
  const order =
    options.token && isOrderToken(deps.config.secretKey, options.orderId, options.token)
      ? await repos.orders.get(options.orderId)
      : undefined;
  if (!order) throw new DomainError("not_found", "No order here; check the link in your email");
  return toBuyerOrder(order);
}

/**
 * The buyer turned back on Stripe's page: the unpaid order is cancelled and its stock goes back at
 * once instead of after the 30-minute hold. Refused if Stripe says it was paid after all.
 */
export async function cancelBuyerOrder(
  deps: Deps,
  options: { host: string; orderId: string; token: string | undefined },
) {
  const { shop, repos } = await publicShop(deps, options.host);
  const order =
    options.token && isOrderToken(deps.config.secretKey, options.orderId, options.token)
      ? await repos.orders.get(options.orderId)
      : undefined;
  if (!order) throw new DomainError("not_found", "No order here; check the link in your email");
  if (order.status !== "pending_payment") return toBuyerOrder(order);
  if (deps.payments && shop.stripeAccountId && order.stripeCheckoutSessionId) {
    const session = await deps.payments.retrieveCheckoutSession(shop.stripeAccountId, order.stripeCheckoutSessionId);
    if (session.paymentStatus === "paid") {
      throw new DomainError("conflict", "This order was paid after all; it will show as paid in a moment");
    }
    if (session.status === "open") await deps.payments.expireCheckoutSession(shop.stripeAccountId, session.id);
  }
  const result = await applyOrderEvent(deps, {
    shop,
    orderId: order.id,
    event: "cancel",
    actor: "buyer",
    note: "The buyer left the payment page",
  });
  return toBuyerOrder(result.order);
}
