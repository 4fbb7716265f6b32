import type { APIRoute } from "astro";
import { ApiUnavailableError } from "../../lib/api.ts";
import { removeLine } from "../../lib/cart-actions.ts";
import { rememberCart, seeOther } from "../../lib/cart-responses.ts";
import { CART_COOKIE } from "../../lib/cookies.ts";
import { requireShop } from "../../lib/shop-context.ts";
import { getRuntime } from "../../runtime.ts";

/** Remove a line from the cart page; answers 303 back to the cart. */
export const POST: APIRoute = async ({ request, cookies, locals, url }) => {
  const shop = requireShop(locals);
  const form = await request.formData().catch(() => new FormData());
  const line = form.get("line");
  if (typeof line !== "string") return seeOther(shop.href("/cart"));
  try {
    const cart = await removeLine(getRuntime().carts, shop.host, cookies.get(CART_COOKIE)?.value, line);
    rememberCart(cookies, url, request.headers, cart);
    return seeOther(shop.href("/cart?notice=removed"));
  } catch (error) {
    if (!(error instanceof ApiUnavailableError)) throw error;
    return seeOther(shop.href("/cart?notice=try-again"));
  }
};

/** A bookmarked or refreshed form address: the cart is where the buyer wanted to be. */
export const GET: APIRoute = ({ locals }) => seeOther(requireShop(locals).href("/cart"));
