import type { APIRoute } from "astro";
import { ApiUnavailableError } from "../../lib/api.ts";
import { updateLine } from "../../lib/cart-actions.ts";
import { parseQuantity } from "../../lib/cart-form.ts";
import { rememberCart, seeOther } from "../../lib/cart-responses.ts";
import { CART_COOKIE } from "../../lib/cookies.ts";
import { requireShop } from "../../lib/shop-context.ts";
import { getRuntime } from "../../runtime.ts";

/** Change a line's quantity from the cart page (0 removes it); answers 303 back to the cart. */
export const POST: APIRoute = async ({ request, cookies, locals, url }) => {
  const shop = requireShop(locals);
  const form = await request.formData().catch(() => new FormData());
  const line = form.get("line");
  const quantity = parseQuantity(form.get("quantity"), 0);
  if (typeof line !== "string" || quantity === undefined) return seeOther(shop.href("/cart"));
  try {
    const outcome = await updateLine(getRuntime().carts, shop.host, cookies.get(CART_COOKIE)?.value, line, quantity);
    rememberCart(cookies, url, request.headers, outcome.cart);
    const notice = outcome.notice ?? (quantity === 0 ? "removed" : "updated");
    return seeOther(shop.href(`/cart?notice=${notice}${notice === "limited" ? `&left=${outcome.left ?? 0}` : ""}`));
  } catch (error) {
    if (!(error instanceof ApiUnavailableError)) throw error;
    return seeOther(shop.href("/cart?notice=try-again"));
  }
};

/** A bookmarked or refreshed form address: the cart is where the buyer wanted to be. */
export const GET: APIRoute = ({ locals }) => seeOther(requireShop(locals).href("/cart"));
