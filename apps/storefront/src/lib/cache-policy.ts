/**
 * Catalogue pages: a CDN may keep them a minute, and a minute more serve them stale while it asks again.
 * Not longer: when a shop is suspended or closed its pages answer a private 503, which a CDN does not
 * store, so a long stale-while-revalidate would go on showing the shop for as long (decision 045).
 */
export const PUBLIC_PAGE = "public, max-age=0, s-maxage=60, stale-while-revalidate=60";
/** Carts, previews, notices after a form post, anything personal. */
export const PRIVATE_PAGE = "private, no-store";
/** Error pages for a host without a shop: a little while, so a new shop shows up soon. */
export const BRIEF = "public, max-age=0, s-maxage=10";

const PRIVATE_PREFIXES = ["/cart", "/checkout", "/orders/"];

/** True for paths whose pages belong to one buyer and are never cached. */
export function isPrivatePath(path: string): boolean {
  return PRIVATE_PREFIXES.some(
    (prefix) => path === prefix || path.startsWith(prefix.endsWith("/") ? prefix : `${prefix}/`),
  );
}
