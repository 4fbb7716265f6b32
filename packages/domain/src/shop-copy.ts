// What an owner takes away and how long a shop lingers: the file names of the storefront's saved copy
// (one flat folder, so every link and photo is a plain relative name that opens from disk) and the
// grace period before a deleted shop is gone.

/** Days between "delete this shop" and the purge; the owner can undo until then. */
export const DELETION_GRACE_DAYS = 14;
export const DELETION_GRACE_MS = DELETION_GRACE_DAYS * 24 * 60 * 60 * 1000;

/** When a deletion asked for at `now` happens. */
export function deletionDueAt(now: number): number {
  return now + DELETION_GRACE_MS;
}

/** True while a scheduled deletion can still be undone. */
export function isDeletionUndoable(deletionDueAt: number | null | undefined, now: number): boolean {
  return deletionDueAt != null && deletionDueAt > now;
}

const SECTIONS: Record<string, string> = { products: "product", collections: "collection", pages: "page" };

/**
 * The file in the saved copy that holds a storefront page, or undefined for a page the copy leaves out
 * (cart, checkout, orders). The path may be percent-encoded, as the storefront writes links; the name
 * is encoded the same way, so it works both as a link and, decoded, as the file's name.
 * @example staticCopyFile("/products/noodles") // "product-noodles.html"
 * @example staticCopyFile("/") // "index.html"
 */
export function staticCopyFile(path: string): string | undefined {
  const [pathname = "", query = ""] = path.split("?");
  const page = new URLSearchParams(query).get("page");
  if (page !== null && page !== "1") return undefined; // the copy shows each list on one page
  if (pathname === "/" || pathname === "") return "index.html";
  const match = /^\/(products|collections|pages)\/([^/]+)$/.exec(pathname);
  if (!match) return undefined;
  const [, section = "", slug = ""] = match;
  return `${SECTIONS[section]}-${slug}.html`;
}

/** The folder of the export archive that holds the saved storefront. */
export const STATIC_COPY_FOLDER = "storefront";

/**
 * How the API asks the storefront for a page of the saved copy: `GET /_static-copy/<page path>` with
 * the shared STOREFRONT_SECRET and the shop's host in headers (fetch may not set Host). An unpublished
 * shop's pages are asked for with a preview token.
 */
export const STATIC_COPY_ROUTE = "/_static-copy";
export const STATIC_COPY_HEADERS = {
  secret: "x-stall-static-copy",
  host: "x-stall-static-copy-host",
  preview: "x-stall-static-copy-preview",
} as const;

/**
 * What buyers see of a shop's status: a shop waiting to be deleted is closed (the storefront's "has
 * closed" page, 410) until the purge or an undo.
 * @example buyerFacingStatus("active", 1_800_000_000_000) // "closed"
 */
export function buyerFacingStatus<S extends string>(status: S, deletionDueAt: number | null): S | "closed" {
  return deletionDueAt === null ? status : "closed";
}
