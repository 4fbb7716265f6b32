// What a shop page needs to know first: the shop, and what the signed-in person may do in it.
import type { ApiClient, components } from "@stall/api-client";
import type { AstroGlobal } from "astro";
import { dataOf, dataOrNotFound, signedInApi } from "./api.ts";
import { setupStepOf } from "./setup.ts";

export type Need = "member" | "orders" | "catalogue" | "settings" | "content" | "manage";
/** One shop the signed-in person belongs to, as `/v1/me` lists it. */
export type Membership = components["schemas"]["Me"]["memberships"][number];

/** The shop as the API describes it to its members. */
export type ShopView = components["schemas"]["Shop"];

/** The same rule as the API's tenant door: owners may do all, staff all but owner-only things, helpers their rights. */
export function allows(membership: Membership, need: Need): boolean {
  if (membership.role === "owner") return true;
  if (need === "manage") return false;
  if (membership.role === "staff" || need === "member") return true;
  return membership.permissions.includes(need);
}

export type ShopContext = {
  api: ApiClient;
  shop: ShopView;
  membership: Membership;
  memberships: Membership[];
  /** Orders that need the shop (to pay, to hand over): the badge on the Orders link; undefined without the right. */
  needsAction: number | undefined;
  /** An operator looking while the owner allows support access: read-only, and told so on every page. */
  isSupportVisit: boolean;
};

/**
 * Loads the shop named in the URL for the signed-in person, or undefined when it is not one of theirs:
 * the page then answers 404, the same as for a shop that does not exist, so ids confirm nothing.
 */
export async function loadShop(Astro: AstroGlobal, shopId: string | undefined): Promise<ShopContext | undefined> {
  const api = signedInApi(Astro);
  if (!shopId) return undefined;
  // The orders badge is asked for at the same time as the shop (one grouped count on the API, no added
  // round trip); a person without the orders right gets a refusal, which just means no badge.
  const [me, shopResult, counts] = await Promise.all([
    api.GET("/v1/me"),
    api.GET("/v1/shops/{shopId}", { params: { path: { shopId } } }),
    api.GET("/v1/shops/{shopId}/orders/counts", { params: { path: { shopId } } }),
  ]);
  const { user, memberships } = dataOf(me);
  const shop = dataOrNotFound(shopResult);
  const own = memberships.find((item) => item.shopId === shopId);
  // The API let an operator without a membership in only because the owner turned support access on;
  // they see what staff see, and the API refuses any change.
  const isSupportVisit = !own && shop !== undefined && user.role === "operator";
  const membership: Membership | undefined =
    own ?? (isSupportVisit ? { shopId, role: "staff", permissions: [] } : undefined);
  if (!membership || !shop) return undefined;
  return { api, shop, membership, memberships, needsAction: counts.data?.needsAction, isSupportVisit };
}

export type ShopNav = {
  id: string;
  name: string;
  current: "home" | "orders" | "products" | "payments" | "team" | "settings" | "other";
  canOrders: boolean;
  /** How many orders need the shop now, shown on the Orders link. */
  needsAction: number;
  canCatalogue: boolean;
  canSettings: boolean;
  isOwner: boolean;
  isSupportVisit: boolean;
};

/** The shop navigation for a page: only the links the person's rights open. */
export function navOf(context: ShopContext, current: ShopNav["current"]): ShopNav {
  const { shop, membership } = context;
  return {
    id: shop.id,
    name: shop.name,
    current,
    canOrders: allows(membership, "orders"),
    needsAction: context.needsAction ?? 0,
    canCatalogue: allows(membership, "catalogue"),
    canSettings: allows(membership, "settings"),
    isOwner: membership.role === "owner",
    isSupportVisit: context.isSupportVisit,
  };
}

/** The page answer for "no such shop among yours": Astro renders the 404 page for it. */
export function notFound(): Response {
  return new Response(null, { status: 404 });
}

export async function loadSetupState(context: ShopContext) {
  const shopId = context.shop.id;
  const [products, pickupPoints] = await Promise.all([
    context.api.GET("/v1/shops/{shopId}/products", { params: { path: { shopId }, query: { limit: 1 } } }),
    context.api.GET("/v1/shops/{shopId}/pickup-points", { params: { path: { shopId } } }),
  ]);
  const productList = dataOf(products);
  const pickupItems = dataOf(pickupPoints).items;
  const state = {
    productCount: productList.items.length,
    firstProduct: productList.items[0],
    pickupPoints: pickupItems,
    pickupPointCount: pickupItems.length,
    paymentMethods: context.shop.paymentMethods ?? [],
    isPublished: context.shop.isPublished,
  };
  return { ...state, step: setupStepOf(state) };
}
