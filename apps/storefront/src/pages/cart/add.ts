import type { APIRoute } from "astro";
import { ApiUnavailableError } from "../../lib/api.ts";
import { addToCart } from "../../lib/cart-actions.ts";
import { type Notice, parseAddToCart } from "../../lib/cart-form.ts";
import { productNoticeText } from "../../lib/cart-notices.ts";
import { json, rememberCart, seeOther, wantsJson } from "../../lib/cart-responses.ts";
import { CART_COOKIE } from "../../lib/cookies.ts";
import { requireShop } from "../../lib/shop-context.ts";
import { getRuntime } from "../../runtime.ts";

/**
 * Add to cart. A plain form post is answered with 303 to the cart, or back to the product with a notice
 * when not everything could be added; the island's fetch gets JSON it can announce.
 */
export const POST: APIRoute = async ({ request, cookies, locals, url }) => {
  const shop = requireShop(locals);
  const { text, locale, href } = shop;
  const form = await request.formData().catch(() => new FormData());
  const parsed = parseAddToCart(form, shop.snapshot);
  let notice: Notice | undefined;
  let left = 0;
  let itemCount: number | undefined;
  if (parsed.kind === "unknown-product") notice = "unavailable";
  else if (parsed.kind === "choose") notice = "choose";
  else {
    try {
      const outcome = await addToCart(
        getRuntime().carts,
        shop.host,
        cookies.get(CART_COOKIE)?.value,
        parsed.variantId,
        parsed.quantity,
      );
      rememberCart(cookies, url, request.headers, outcome.cart);
      notice = outcome.notice;
      left = outcome.left ?? 0;
      itemCount = outcome.cart.itemCount;
    } catch (error) {
      if (!(error instanceof ApiUnavailableError)) throw error;
      console.warn(JSON.stringify({ level: "warn", msg: "cart API unavailable", error: error.message }));
      notice = "try-again";
    }
  }

  if (wantsJson(request)) {
    const isAdded = notice === undefined || notice === "limited";
    return json(
      {
        ok: isAdded,
        message: notice ? productNoticeText(notice, left, text, locale) : text.addedToCart,
        itemCount: itemCount ?? null,
        cartUrl: href("/cart"),
        cartLabel: text.viewCart,
      },
      notice === "try-again" ? 503 : 200,
    );
  }
  if (!notice) return seeOther(href("/cart?notice=added"));
  const productSlug = parsed.kind === "unknown-product" ? undefined : parsed.productSlug;
  if (!productSlug) return seeOther(href("/"));
  const query = `notice=${notice}${notice === "limited" ? `&left=${left}` : ""}`;
  return seeOther(href(`/products/${encodeURIComponent(productSlug)}?${query}`));
};

/** A bookmarked or refreshed form address: the cart is where the buyer wanted to be. */
export const GET: APIRoute = ({ locals }) => seeOther(requireShop(locals).href("/cart"));
