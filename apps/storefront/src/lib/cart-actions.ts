import type { Cart, CartApi, CartReply } from "./api.ts";
import { ApiUnavailableError } from "./api.ts";
import type { Notice } from "./cart-form.ts";

/** The buyer's cart, or a new one when they have none or theirs expired. */
export async function openCart(api: CartApi, host: string, cartId: string | undefined): Promise<Cart> {
  if (cartId) {
    const held = await api.get(host, cartId);
    if (held.ok) return held.cart;
  }
  return expectCart(await api.create(host));
}

/** The buyer's cart when they have one that still exists; nothing is created. */
export async function findCart(api: CartApi, host: string, cartId: string | undefined): Promise<Cart | undefined> {
  if (!cartId) return undefined;
  const held = await api.get(host, cartId);
  return held.ok ? held.cart : undefined;
}

function expectCart(reply: CartReply): Cart {
  if (reply.ok) return reply.cart;
  throw new ApiUnavailableError(`The cart API refused a cart: ${reply.problem.status} ${reply.problem.code}`);
}

export type AddOutcome = { cart: Cart; notice?: Notice; left?: number };

/**
 * Adds to the cart. When there is not enough stock, puts in what there is and says how many that is
 * ("Only 2 left — we put 2 in your cart"), or that it is sold out.
 */
export async function addToCart(
  api: CartApi,
  host: string,
  cartId: string | undefined,
  variantId: string,
  quantity: number,
): Promise<AddOutcome> {
  const cart = await openCart(api, host, cartId);
  const added = await api.addLine(host, cart.id, variantId, quantity);
  if (added.ok) return { cart: added.cart };
  const { problem } = added;
  if (problem.status === 404) return { cart, notice: "unavailable" };
  if (problem.status === 422) return { cart, notice: "too-many" };
  if (problem.code === "shop_paused") return { cart, notice: "paused" };
  if (problem.code !== "insufficient_stock") {
    throw new ApiUnavailableError(`The cart API refused to add: ${problem.status} ${problem.code}`);
  }
  // `available` is how many more the cart may take on top of what it already holds.
  const already = cart.lines.find((line) => line.variantId === variantId)?.quantity ?? 0;
  const more = Math.max(0, problem.available ?? 0);
  if (more === 0 && already === 0) return { cart, notice: "sold-out" };
  if (more === 0) return { cart, notice: "limited", left: already };
  const topped = await api.addLine(host, cart.id, variantId, more);
  if (!topped.ok) return { cart, notice: topped.problem.available === 0 && already === 0 ? "sold-out" : "try-again" };
  return { cart: topped.cart, notice: "limited", left: already + more };
}

export type UpdateOutcome = { cart: Cart | undefined; notice?: "limited" | "gone"; left?: number };

/** Sets a line's quantity (0 removes it); asking for more than there is sets what there is. */
export async function updateLine(
  api: CartApi,
  host: string,
  cartId: string | undefined,
  lineId: string,
  quantity: number,
): Promise<UpdateOutcome> {
  if (!cartId) return { cart: undefined, notice: "gone" };
  const reply = await api.setQuantity(host, cartId, lineId, quantity);
  if (reply.ok) return { cart: reply.cart };
  if (reply.problem.code === "insufficient_stock") {
    // Here `available` is the whole stock: the line is set to it (or removed when none is left).
    const available = Math.max(0, reply.problem.available ?? 0);
    const fixed = await api.setQuantity(host, cartId, lineId, available);
    if (fixed.ok) return { cart: fixed.cart, notice: "limited", left: available };
  }
  return { cart: await findCart(api, host, cartId), notice: "gone" };
}

/** Removes a line; a line or cart already gone is not an error to the buyer. */
export async function removeLine(
  api: CartApi,
  host: string,
  cartId: string | undefined,
  lineId: string,
): Promise<Cart | undefined> {
  if (!cartId) return undefined;
  const reply = await api.removeLine(host, cartId, lineId);
  if (reply.ok) return reply.cart;
  return findCart(api, host, cartId);
}
