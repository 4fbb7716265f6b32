import type { ShopRow } from "@stall/db";
import type { Deps } from "../../deps.ts";
import { applyOrderEvent } from "./apply-order-event.ts";

/** Cancels an unpaid order and puts its stock back (the payment page could not be opened). */
export async function cancelUnpaidOrder(deps: Deps, options: { shop: ShopRow; orderId: string; note: string }) {
  return applyOrderEvent(deps, {
    shop: options.shop,
    orderId: options.orderId,
    event: "cancel",
    actor: "system",
    note: options.note,
  });
}
