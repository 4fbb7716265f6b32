/** Catalogue pages: a CDN may keep them a minute and serve them stale while it asks again. */
export const PUBLIC_PAGE = "public, max-age=0, s-maxage=60, stale-while-revalidate=86400";
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
