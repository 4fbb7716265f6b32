// The warm-cache fast path: decides, synchronously and without Astro, whether a request can be answered
// straight from the page cache with exactly what src/middleware.ts would send, and builds that answer.
// Anything it is not sure of falls through to the normal handler (the adapter, Astro, the middleware),
// which stays the one place that revalidates snapshots, renders, fills the cache and compresses.

import { type Encoding, isCompressible, negotiateEncoding } from "@stall/http-edge";
import { isPrivatePath, PUBLIC_PAGE } from "./cache-policy.ts";
import { PREVIEW_COOKIE } from "./cookies.ts";
import { pageLocale } from "./i18n.ts";
import { type CachedPage, etagFor, matchesEtag, pageKey } from "./page-cache.ts";
import { MIN_COMPRESS_BYTES } from "./responses.ts";
import type { SnapshotLookup } from "./snapshot-store.ts";
import { shopHostKey } from "./tenant.ts";

/** Request headers as node:http gives them (lower-case names). */
export type FastRequestHeaders = Record<string, string | string[] | undefined>;

/** What to write: node:http's writeHead(status, headers) then end(body); no body for HEAD and 304. */
export type FastResponse = { status: number; headers: Record<string, string>; body: Uint8Array | undefined };

export type FallThrough =
  | "method"
  | "url"
  | "excluded-path"
  | "private-path"
  | "query"
  | "preview-cookie"
  | "host"
  | "snapshot-not-fresh"
  | "no-shop"
  | "shop-not-active"
  | "not-cached"
  | "encoding-not-ready";

export type FastDecision =
  | { kind: "serve"; response: FastResponse; route: string; shopId: string }
  | { kind: "fall-through"; reason: FallThrough };

export type FastPathDeps = {
  /** The host's published snapshot if held and checked within the revalidation window (never revalidates). */
  snapshot: (host: string) => SnapshotLookup | undefined;
  /** The cached page under a key (the same PageCache the middleware fills). */
  page: (key: string) => CachedPage | undefined;
  buildId: string;
};

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value.join(", ") : value;
}

/**
 * The headers the adapter writes for a Response built by `fromCachedPage`: Web Headers iterate with
 * lower-case names in sorted order, and the adapter turns them into an object in that order.
 */
function cachedHeaders(page: CachedPage, encoding: Encoding, length: number): Record<string, string> {
  const entries: [string, string][] = page.headers.map(([name, value]) => [name.toLowerCase(), value]);
  const set = (name: string, value: string) => {
    const at = entries.findIndex(([existing]) => existing === name);
    if (at >= 0) entries[at] = [name, value];
    else entries.push([name, value]);
  };
  if (encoding !== "identity") set("content-encoding", encoding);
  set("content-length", String(length));
  entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return withNosniffFirst(Object.fromEntries(entries));
}

/** `notModified(etag, PUBLIC_PAGE)` as the adapter writes it. */
function notModifiedHeaders(etag: string): Record<string, string> {
  return withNosniffFirst({
    "cache-control": PUBLIC_PAGE,
    etag,
    vary: "Accept-Encoding",
    "x-content-type-options": "nosniff",
  });
}

/**
 * server.mjs sets X-Content-Type-Options before handing a request to the adapter, so on the normal path
 * it goes out first and the adapter's headers follow; the fast path keeps that order.
 */
function withNosniffFirst(headers: Record<string, string>): Record<string, string> {
  const { "x-content-type-options": nosniff = "nosniff", ...rest } = headers;
  return Object.freeze({ "x-content-type-options": nosniff, ...rest });
}

/**
 * Builds the fast path over the runtime's caches. Per page and encoding it keeps the ETag and the header
 * object, so a hit does no hashing or header building; a page re-stored under its key (a new encoding
 * added) is a new object and gets fresh ones.
 */
export function createFastPath(deps: FastPathDeps) {
  const etags = new WeakMap<CachedPage, string>();
  const headerSets = new WeakMap<CachedPage, Partial<Record<Encoding, Record<string, string>>>>();

  return function decide(
    method: string | undefined,
    rawUrl: string | undefined,
    headers: FastRequestHeaders,
  ): FastDecision {
    const fall = (reason: FallThrough): FastDecision => ({ kind: "fall-through", reason });
    if (method !== "GET" && method !== "HEAD") return fall("method");
    // Only origin-form targets; the adapter answers 400 to one it cannot decode, so leave those to it.
    if (!rawUrl?.startsWith("/")) return fall("url");
    const hostHeader = single(headers.host);
    const host = shopHostKey(hostHeader);
    if (!host || !hostHeader) return fall("host");
    let url: URL;
    try {
      decodeURI(rawUrl);
      // The adapter builds the request URL the same way (astro/app/node buildRequestUrl).
      url = new URL(`http://${hostHeader}${rawUrl}`);
    } catch {
      return fall("url");
    }
    const path = url.pathname;
    if (path === "/healthz" || path.startsWith("/media/") || path.startsWith("/_astro/")) return fall("excluded-path");
    if (isPrivatePath(path)) return fall("private-path");
    if (url.searchParams.has("notice") || url.searchParams.has("preview")) return fall("query");
    const cookie = single(headers.cookie);
    // Any mention of the preview cookie: the normal path decides what it opens.
    if (cookie?.includes(PREVIEW_COOKIE)) return fall("preview-cookie");

    const lookup = deps.snapshot(host);
    if (!lookup) return fall("snapshot-not-fresh");
    if (lookup.kind === "missing") return fall("no-shop");
    const { snapshot } = lookup;
    if (snapshot.shop.status !== "active") return fall("shop-not-active");

    const locale = pageLocale(url.searchParams.get("lang"), snapshot.shop);
    const key = pageKey({ shopId: snapshot.shop.id, version: snapshot.version, locale, url });
    const page = deps.page(key);
    if (!page) return fall("not-cached");

    let etag = etags.get(page);
    if (etag === undefined) {
      etag = etagFor(key, deps.buildId);
      etags.set(page, etag);
    }
    if (matchesEtag(single(headers["if-none-match"]), etag)) {
      return {
        kind: "serve",
        response: { status: 304, headers: notModifiedHeaders(etag), body: undefined },
        route: page.route ?? "cached",
        shopId: snapshot.shop.id,
      };
    }

    const contentType = page.headers.find(([name]) => name.toLowerCase() === "content-type")?.[1] ?? null;
    const encoding = negotiateEncoding(single(headers["accept-encoding"]));
    const usable =
      encoding !== "identity" && page.bodies.identity.byteLength >= MIN_COMPRESS_BYTES && isCompressible(contentType)
        ? encoding
        : "identity";
    // Compressing is the normal path's job (it is async and keeps the result); until then, fall through.
    const body = page.bodies[usable];
    if (!body) return fall("encoding-not-ready");

    let byEncoding = headerSets.get(page);
    if (!byEncoding) {
      byEncoding = {};
      headerSets.set(page, byEncoding);
    }
    let responseHeaders = byEncoding[usable];
    if (!responseHeaders) {
      responseHeaders = cachedHeaders(page, usable, body.byteLength);
      byEncoding[usable] = responseHeaders;
    }
    return {
      kind: "serve",
      route: page.route ?? "cached",
      shopId: snapshot.shop.id,
      response: { status: page.status, headers: responseHeaders, body: method === "HEAD" ? undefined : body },
    };
  };
}

export type FastPath = ReturnType<typeof createFastPath>;
