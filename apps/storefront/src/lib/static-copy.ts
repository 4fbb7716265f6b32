// The saved copy of a shop in its owner's export: the API asks for each page at
// `/_static-copy/<path>` with the shared secret, and gets the real page rendered for opening from disk.
import { timingSafeEqual } from "node:crypto";
import { STATIC_COPY_HEADERS, STATIC_COPY_ROUTE } from "@stall/domain";

/** The page path inside a saved-copy request, or undefined when the request is not one. */
export function staticCopyPath(path: string): string | undefined {
  if (path === STATIC_COPY_ROUTE) return "/";
  return path.startsWith(`${STATIC_COPY_ROUTE}/`) ? path.slice(STATIC_COPY_ROUTE.length) : undefined;
}

/** True when the request carries the storefront secret; always false while no secret is configured. */
export function isFromApi(headers: Headers, secret: string): boolean {
  const given = headers.get(STATIC_COPY_HEADERS.secret);
  if (!secret || !given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(secret);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** `<script …>…</script>` elements that load code; JSON data blocks are left (they run nothing). */
const CODE_SCRIPT = /<script(?![^>]*type="application\/(?:ld\+)?json")[^>]*>[\s\S]*?<\/script>/g;

/** The page without scripts: the copy must work with no JavaScript and no server. */
export function withoutScripts(html: string): string {
  return html.replace(CODE_SCRIPT, "");
}
