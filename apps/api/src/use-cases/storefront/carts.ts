import type { Cart, ShopRepositories } from "@stall/db";
import { assertTakingOrders, availabilityOf, DomainError } from "@stall/domain";
import type { Deps } from "../../deps.ts";
import { toPhotoResponse } from "../catalog/serialise.ts";
import { publicShop } from "./public-shop.ts";

const CART_LIFETIME_MS = 30 * 24 * 60 * 60 * 1000;
/** Nobody buys more than this of one thing in a small shop's cart; it also bounds abuse. */
export const MAX_LINE_QUANTITY = 99;

type LineProblem = null | "sold_out" | "not_enough_stock" | "unavailable";

/** The cart as a shopper sees it: current prices and stock, and what changed since adding. */
async function viewCart(deps: Deps, repos: ShopRepositories, cart: Cart, currency: string) {
  const found = await repos.products.variantsByIds(cart.lines.map((line) => line.variantId));
  const byVariant = new Map(found.map((row) => [row.variant.id, row]));
  const photos = await repos.media.forProducts([...new Set(found.map((row) => row.product.id))]);
  const lines = cart.lines.map((line) => {
    const row = byVariant.get(line.variantId);
    const isActive = row?.product.status === "active";
    // A variant that keeps selling when out of stock is never short (decision 033).
    const keepsSelling = row?.variant.isSoldWhenOutOfStock === true;
    const stock = keepsSelling ? null : (row?.variant.stock ?? null);
    const { availability, stockLeft } = availabilityOf(isActive ? stock : 0);
    let problem: LineProblem = null;
    if (!isActive) problem = "unavailable";
    else if (stock !== null && stock <= 0) problem = "sold_out";
    else if (stock !== null && line.quantity > stock) problem = "not_enough_stock";
    const unitPrice = row?.variant.priceAmount ?? line.unitPriceAmount;
    const photo = photos.find((media) => media.productId === row?.product.id && media.position === 0);
    return {
      id: line.id,
      variantId: line.variantId,
      productId: row?.product.id ?? null,
      productSlug: row?.product.slug ?? null,
      title: row?.product.title ?? "No longer sold",
      variantTitle: row?.variant.optionValues.join(" / ") ?? "",
      photo: photo ? toPhotoResponse(photo, deps.config.publicApiUrl) : null,
      quantity: line.quantity,
      unitPrice,
      addedUnitPrice: line.unitPriceAmount,
      priceChanged: unitPrice !== line.unitPriceAmount,
      lineTotal: unitPrice * line.quantity,
      availability,
      stockLeft,
      maxQuantity: stock === null ? MAX_LINE_QUANTITY : Math.min(MAX_LINE_QUANTITY, Math.max(0, stock)),
      problem,
      // What the line adds to the parcel (decision 033), so checkout offers only the rates that fit.
      weightGrams: row?.variant.requiresShipping === false ? 0 : (row?.variant.weightGrams ?? 0) * line.quantity,
    };
  });
  const payable = lines.filter((line) => line.problem !== "unavailable");
  return {
    id: cart.id,
    currency,
    itemCount: payable.reduce((total, line) => total + line.quantity, 0),
    subtotal: payable.reduce((total, line) => total + line.lineTotal, 0),
    lines,
  };
}

async function loadCart(deps: Deps, host: string, cartId: string) {
  const { shop, repos } = await publicShop(deps, host);
  const cart = await repos.carts.get(cartId, deps.clock.now());
  if (!cart) throw new DomainError("not_found", "This cart has expired or does not exist; start a new one");
  return { shop, repos, cart };
}

export async function createCart(deps: Deps, options: { host: string }) {
  const { shop, repos } = await publicShop(deps, options.host);
  const now = deps.clock.now();
  const cart = await repos.carts.create({
    id: deps.newId("cart"),
    currency: shop.currency,
    createdAt: now,
    updatedAt: now,
    expiresAt: now + CART_LIFETIME_MS,
  });
  return viewCart(deps, repos, cart, shop.currency);
}

export async function getCart(deps: Deps, options: { host: string; cartId: string }) {
  const { shop, repos, cart } = await loadCart(deps, options.host, options.cartId);
  return viewCart(deps, repos, cart, shop.currency);
}

function notEnough(available: number, title: string): DomainError {
  return new DomainError(
    "insufficient_stock",
    available === 0 ? `${title} is sold out` : `Only ${available} of ${title} left`,
    { details: { available } },
  );
}

/** Adds a variant; checks it is this shop's, on sale, and in stock for the total in the cart. */
export async function addToCart(
  deps: Deps,
  options: { host: string; cartId: string; variantId: string; quantity: number },
) {
  const { shop, repos, cart } = await loadCart(deps, options.host, options.cartId);
  // Holiday mode: nothing new goes in; what is already in the cart can still be changed or taken out.
  assertTakingOrders(shop);
  const [row] = await repos.products.variantsByIds([options.variantId]);
  if (row?.product.status !== "active") throw new DomainError("not_found", "That item is not sold here");
  const already = cart.lines.find((line) => line.variantId === options.variantId)?.quantity ?? 0;
  const wanted = already + options.quantity;
  const stock = row.variant.isSoldWhenOutOfStock ? null : row.variant.stock;
  if (stock !== null && wanted > stock) throw notEnough(Math.max(0, stock - already), row.product.title);
  if (wanted > MAX_LINE_QUANTITY) {
    throw new DomainError("validation_failed", `At most ${MAX_LINE_QUANTITY} of one item per order`, {
      errors: [{ path: "quantity", message: `At most ${MAX_LINE_QUANTITY - already} more` }],
    });
  }
  const now = deps.clock.now();
  await repos.carts.addLine({
    cartId: cart.id,
    lineId: deps.newId("cartLine"),
    variantId: options.variantId,
    quantity: options.quantity,
    unitPrice: row.variant.priceAmount,
    now,
    expiresAt: now + CART_LIFETIME_MS,
  });
  return getCart(deps, { host: options.host, cartId: cart.id });
}

export async function setCartQuantity(
  deps: Deps,
  options: { host: string; cartId: string; lineId: string; quantity: number },
) {
  const { repos, cart } = await loadCart(deps, options.host, options.cartId);
  const line = cart.lines.find((candidate) => candidate.id === options.lineId);
  if (!line) throw new DomainError("not_found", "That line is not in this cart");
  const now = deps.clock.now();
  if (options.quantity === 0) {
    await repos.carts.removeLine(cart.id, line.id, now, now + CART_LIFETIME_MS);
  } else {
    const [row] = await repos.products.variantsByIds([line.variantId]);
    const stock = row?.variant.isSoldWhenOutOfStock ? null : (row?.variant.stock ?? null);
    if (stock !== null && options.quantity > stock)
      throw notEnough(Math.max(0, stock), row?.product.title ?? "This item");
    await repos.carts.setQuantity(cart.id, line.id, options.quantity, now, now + CART_LIFETIME_MS);
  }
  return getCart(deps, { host: options.host, cartId: cart.id });
}

export async function removeFromCart(deps: Deps, options: { host: string; cartId: string; lineId: string }) {
  return setCartQuantity(deps, { ...options, quantity: 0 });
}
