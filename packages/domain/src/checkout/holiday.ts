import { DomainError } from "../errors.ts";

/** The part of a shop holiday mode reads. */
export type PauseState = { isPaused: boolean; pauseMessage: string };

/**
 * Refuses a new order (or a new cart line) while the owner has paused the shop. Orders already placed
 * are not affected: they move on as usual. The owner's message ("Back on 12 January") goes to the buyer.
 * @example assertTakingOrders({ isPaused: true, pauseMessage: "Back on 12 January" }) // throws shop_paused
 */
export function assertTakingOrders(shop: PauseState): void {
  if (!shop.isPaused) return;
  const message = shop.pauseMessage.trim();
  throw new DomainError(
    "shop_paused",
    message ? `This shop is not taking orders just now: ${message}` : "This shop is not taking orders just now",
    { details: { pauseMessage: message } },
  );
}
