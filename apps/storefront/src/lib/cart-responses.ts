import type { AstroCookies } from "astro";
import type { Cart } from "./api.ts";
import { CART_COOKIE, cartCookie, cartCountCookie } from "./cookies.ts";

/** True when the island asked (fetch with Accept: application/json) rather than a plain form post. */
export function wantsJson(request: Request): boolean {
  return (request.headers.get("accept") ?? "").includes("application/json");
}

/** Remembers the cart: its id (HttpOnly) and its item count (for the header badge on cached pages). */
export function rememberCart(cookies: AstroCookies, url: URL, headers: Headers, cart: Cart | undefined): void {
  const id = cartCookie(url, headers);
  const count = cartCountCookie(url, headers);
  if (!cart) {
    cookies.delete(CART_COOKIE, { path: "/" });
    cookies.set(count.name, "0", count.options);
    return;
  }
  cookies.set(id.name, cart.id, id.options);
  cookies.set(count.name, String(cart.itemCount), count.options);
}

/** "See other": after a form post, the browser fetches the answer page with GET. */
export function seeOther(location: string): Response {
  return new Response(null, { status: 303, headers: { Location: location, "Cache-Control": "private, no-store" } });
}

export function json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "Content-Type": "application/json; charset=utf-8", "Cache-Control": "private, no-store" },
  });
}
