import { DomainError } from "@stall/domain";
import type { Deps } from "../../deps.ts";
import { isOrderToken } from "../../security/order-token.ts";
import { publicShop } from "../storefront/public-shop.ts";
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
