import type { Deps } from "../../deps.ts";
import type { ShopAccess } from "../access.ts";
import { collectionHandlers } from "../catalog/collections.ts";
import { toPage } from "../catalog/pages.ts";
import { withPhotos } from "../catalog/product-photos.ts";
import { toOwnerOrder } from "../checkout/order-views.ts";
import { toDeliveryArea } from "../settings/delivery-areas.ts";
import { toDiscountCode } from "../settings/discount-codes.ts";
import { toPickupPoint } from "../settings/pickup-points.ts";
import { toShippingRate } from "../settings/shipping-rates.ts";
import { toShopResponse } from "./serialise.ts";
import { toTaxResponse } from "./tax.ts";

/** Orders are read in pages of this many, so one export never holds one giant result set at once. */
const ORDER_PAGE = 200;

/**
 * Everything an owner put into the shop and everything buyers ordered, as one JSON document: the shop's
 * details and settings, products with their sizes and colours and photo links, collections, pages,
 * orders with the buyers' details and each order's history. Built only from the same views the owner's
 * API already shows, so nothing inside (password hashes, session and order tokens, idempotency keys,
 * Stripe account and session ids) can leak into it; every read goes through this shop's repositories.
 */
export async function exportShop(deps: Deps, options: { access: ShopAccess }) {
  const { repos, shop } = options.access;
  const all = [];
  for (const status of ["active", "draft", "archived"] as const) all.push(...(await repos.products.listAll(status)));
  const [products, collections, pages, pickupPoints, deliveryAreas, shippingRates, discountCodes, tax] =
    await Promise.all([
      withPhotos(repos, all, deps.config.publicApiUrl),
      collectionHandlers.list(deps, options.access),
      repos.pages.list(),
      repos.pickupPoints.list(),
      repos.deliveryAreas.list(),
      repos.shippingRates.list(),
      repos.discountCodes.list(),
      repos.tax.get(),
    ]);
  const orders = [];
  let cursor: string | undefined;
  do {
    const page = await repos.orders.list({ limit: ORDER_PAGE, cursor });
    for (const order of page.items) orders.push(toOwnerOrder(order, await repos.orders.events(order.id)));
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  const { stripe: _stripe, ...details } = toShopResponse(shop, deps.config.rootDomain, deps.config.storefrontPort);
  return {
    format: "stall-shop-export" as const,
    formatVersion: 1 as const,
    exportedAt: deps.clock.now(),
    shop: details,
    settings: {
      pickupPoints: pickupPoints.map(toPickupPoint),
      deliveryAreas: deliveryAreas.map(toDeliveryArea),
      shippingRates: shippingRates.map(toShippingRate),
      discountCodes: discountCodes.map(toDiscountCode),
      tax: tax ? toTaxResponse(tax) : null,
    },
    products,
    collections,
    pages: pages.map(toPage),
    orders,
  };
}
