export const CART_COOKIE = "stall_cart";
/** The number of items in the cart, readable by the island so cached pages can show it. */
export const CART_COUNT_COOKIE = "stall_cart_count";
export const PREVIEW_COOKIE = "stall_preview";

const DAY = 24 * 60 * 60;

type HeaderReader = { get(name: string): string | null };

export type CookieOptions = {
  httpOnly: boolean;
  sameSite: "lax";
  path: string;
  maxAge: number;
  secure: boolean;
};

/** True when the shopper reached us over HTTPS, directly or through a proxy that says so. */
export function isSecureRequest(url: URL, headers: HeaderReader): boolean {
  return url.protocol === "https:" || headers.get("x-forwarded-proto")?.split(",")[0]?.trim() === "https";
}

function options(url: URL, headers: HeaderReader, httpOnly: boolean, maxAge: number): CookieOptions {
  return { httpOnly, sameSite: "lax", path: "/", maxAge, secure: isSecureRequest(url, headers) };
}

/** The cart id: HttpOnly, sent on same-site navigation only, kept 30 days like the cart itself. */
export function cartCookie(url: URL, headers: HeaderReader) {
  return { name: CART_COOKIE, options: options(url, headers, true, 30 * DAY) };
}

/** The item count, for the header badge; not a secret. */
export function cartCountCookie(url: URL, headers: HeaderReader) {
  return { name: CART_COUNT_COOKIE, options: options(url, headers, false, 30 * DAY) };
}

/** The preview token from an owner's link, so the rest of the unpublished shop opens too. */
export function previewCookie(url: URL, headers: HeaderReader) {
  return { name: PREVIEW_COOKIE, options: options(url, headers, true, 7 * DAY) };
}
