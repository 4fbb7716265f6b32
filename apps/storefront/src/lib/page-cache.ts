import { createHash } from "node:crypto";
import { type Encoding, encode, gunzipBody } from "@stall/http-edge";
import { LRUCache } from "lru-cache";

/** Query parameters that change what a cached page shows; every other one is ignored for caching. */
const PAGE_QUERY_PARAMS = ["page", "variant", "v", "tag"] as const;

/**
 * The HTML cache key: one shop version, one language, one path and the query parameters that matter
 * (sorted, so `?b&a` and `?a&b` share an entry).
 * @example pageKey({ shopId: "shop_1", version: 7, locale: "en", url: new URL("http://x/c/tea?page=2") })
 */
export function pageKey(parts: { shopId: string; version: number; locale: string; url: URL }): string {
  return pageKeyFor(parts.shopId, parts.version, parts.locale, pageKeyTail(parts.url));
}

/** The part of a page key that comes from the URL alone: the path and the query parameters that matter. */
export function pageKeyTail(url: URL): string {
  const query = PAGE_QUERY_PARAMS.flatMap((name) =>
    url.searchParams.getAll(name).map((value) => `${name}=${encodeURIComponent(value)}`),
  );
  const search = query.length > 0 ? `?${query.join("&")}` : "";
  return `${url.pathname}${search}`;
}

/** A page key from its parts (the fast path keeps the URL's part from earlier requests). */
export function pageKeyFor(shopId: string, version: number, locale: string, tail: string): string {
  return `${shopId}|v${version}|${locale}|${tail}`;
}

/**
 * The ETag for a page key: a digest of the key and the build that renders it, so a new release does
 * not answer 304 for pages it would render differently. Weak, because brotli, gzip and plain bodies
 * are the same page.
 */
export function etagFor(key: string, buildId: string): string {
  const digest = createHash("sha256").update(buildId).update("\0").update(key).digest("base64url");
  return `W/"${digest.slice(0, 27)}"`;
}

/** True when an If-None-Match header names the ETag (weak comparison, as RFC 9110 asks for GET). */
export function matchesEtag(ifNoneMatch: string | null | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  const opaque = (tag: string) => tag.trim().replace(/^W\//, "");
  return ifNoneMatch.split(",").some((tag) => tag.trim() === "*" || opaque(tag) === opaque(etag));
}

export type CachedPage = {
  status: number;
  /** Response headers without Content-Encoding and Content-Length, which depend on the encoding. */
  headers: [string, string][];
  /** The Astro route pattern that rendered it (`/products/[slug]`): the fast path's metrics label. */
  route?: string;
  /** The body's length before any encoding: whether compressing it is worth it depends on it. */
  size: number;
  /**
   * The body in the encodings held. A page worth compressing is kept as brotli and gzip only, about a
   * fifth of its plain size: the rare client that accepts neither gets it unzipped from gzip, not kept
   * (toCachedPage). Any other page is kept as its plain bytes.
   */
  bodies: Partial<Record<Encoding, Uint8Array>>;
};

function sizeOf(page: CachedPage): number {
  let bytes = 256;
  for (const body of Object.values(page.bodies)) bytes += body.byteLength;
  for (const [name, value] of page.headers) bytes += name.length + value.length;
  return bytes;
}

/** Rendered pages held in memory within a byte budget, each kept in the encodings clients asked for. */
export function createPageCache(options: { maxBytes?: number } = {}) {
  const pages = new LRUCache<string, CachedPage>({
    maxSize: options.maxBytes ?? 16 * 1024 * 1024,
    sizeCalculation: sizeOf,
  });
  const rendering = new Map<string, Promise<CachedPage | undefined>>();

  return {
    get: (key: string) => pages.get(key),
    /**
     * Renders a missing page once for everyone asking at the same moment: the first caller's `render`
     * runs; the others wait for its page. `render` answers undefined for a page that may not be shared
     * (an error, a redirect): then only its caller has it, and a waiter gets undefined and renders its own.
     */
    async fill(key: string, render: () => Promise<CachedPage | undefined>): Promise<CachedPage | undefined> {
      const running = rendering.get(key);
      if (running) return running.catch(() => undefined);
      const next = render()
        .then((page) => {
          if (page) pages.set(key, page);
          return page;
        })
        .finally(() => rendering.delete(key));
      rendering.set(key, next);
      return next;
    },
    set: (key: string, page: CachedPage) => {
      pages.set(key, page);
    },
    /** The page's body in an encoding: held, unzipped for a plain request, or compressed once and kept. */
    async body(key: string, page: CachedPage, encoding: Encoding): Promise<Uint8Array> {
      const held = page.bodies[encoding];
      if (held) return held;
      const { identity, gzip } = page.bodies;
      if (encoding === "identity" || !identity) {
        if (!gzip) throw new Error(`The cached page ${key} holds no body to answer with`);
        const plain = await gunzipBody(gzip);
        return encoding === "identity" ? plain : encode(plain, encoding);
      }
      const encoded = await encode(identity, encoding);
      page.bodies[encoding] = encoded;
      // Set a new object: lru-cache only re-measures an entry when the value changes identity.
      if (pages.has(key)) pages.set(key, { ...page });
      return encoded;
    },
    get heldBytes(): number {
      return pages.calculatedSize;
    },
    get size(): number {
      return pages.size;
    },
  };
}

export type PageCache = ReturnType<typeof createPageCache>;
