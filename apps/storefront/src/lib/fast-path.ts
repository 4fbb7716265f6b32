// The warm-cache fast path: decides, synchronously and without Astro, whether a request can be answered
// straight from the page cache with exactly what src/middleware.ts would send, and builds that answer.
// Anything it is not sure of falls through to the normal handler (the adapter, Astro, the middleware),
// which stays the one place that revalidates snapshots, renders, fills the cache and compresses.

import { type Encoding, HSTS, isCompressible, negotiateEncoding } from "@stall/http-edge";
import { isPrivatePath, PUBLIC_PAGE } from "./cache-policy.ts";
import { PREVIEW_COOKIE } from "./cookies.ts";
import { pageLocale } from "./i18n.ts";
import { type CachedPage, etagFor, matchesEtag, pageKeyFor, pageKeyTail } from "./page-cache.ts";
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
function cachedHeaders(page: CachedPage, encoding: Encoding, length: number, isHttps: boolean): Record<string, string> {
  const entries: [string, string][] = page.headers.map(([name, value]) => [name.toLowerCase(), value]);
  const set = (name: string, value: string) => {
    const at = entries.findIndex(([existing]) => existing === name);
    if (at >= 0) entries[at] = [name, value];
    else entries.push([name, value]);
  };
  if (encoding !== "identity") set("content-encoding", encoding);
  set("content-length", String(length));
  entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return withEdgeHeadersFirst(Object.fromEntries(entries), isHttps);
}

/** `notModified(etag, PUBLIC_PAGE)` as the adapter writes it. */
function notModifiedHeaders(etag: string, isHttps: boolean): Record<string, string> {
  return withEdgeHeadersFirst(
    {
      "cache-control": PUBLIC_PAGE,
      etag,
      vary: "Accept-Encoding",
      "x-content-type-options": "nosniff",
    },
    isHttps,
  );
}

/**
 * server.mjs's edge sets X-Content-Type-Options, and Strict-Transport-Security for a request that came
 * over https, before handing a request to the adapter, so on the normal path they go out first and the
 * adapter's headers follow; the fast path (which answers before the edge) sends the same, in that order.
 */
function withEdgeHeadersFirst(headers: Record<string, string>, isHttps: boolean): Record<string, string> {
  const { "x-content-type-options": nosniff = "nosniff", ...rest } = headers;
  const hsts: Record<string, string> = isHttps ? { "strict-transport-security": HSTS } : {};
  return Object.freeze({ "x-content-type-options": nosniff, ...hsts, ...rest });
}

/** What the fast path learns from a request's Host and target alone, kept for the next request with both. */
type Target =
  | { kind: "fall-through"; reason: FallThrough }
  | { kind: "page"; host: string; lang: string | null; tail: string };

/** Host-and-target pairs remembered; past this the memory is emptied and fills again (a flood of unique URLs). */
const MAX_TARGETS = 4096;
/** Longer Host-and-target pairs are parsed every time, so what is remembered stays within about 3 MB. */
const MAX_REMEMBERED_LENGTH = 512;
/** Accept-Encoding values remembered; browsers send a handful. */
const MAX_ACCEPT_VALUES = 256;

function parseTarget(hostHeader: string | undefined, rawUrl: string): Target {
  const fall = (reason: FallThrough): Target => ({ kind: "fall-through", reason });
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
  return { kind: "page", host, lang: url.searchParams.get("lang"), tail: pageKeyTail(url) };
}

/** Per cached page, made on its first hit: its ETag, whether it compresses, and its headers per encoding. */
type Prepared = {
  etag: string;
  isCompressible: boolean;
  /** The 304's headers, over http and over https (with Strict-Transport-Security). */
  notModified: [Record<string, string>, Record<string, string>];
  /** The 200's headers per encoding, over http and over https. */
  headers: [Partial<Record<Encoding, Record<string, string>>>, Partial<Record<Encoding, Record<string, string>>>];
};

/**
 * Builds the fast path over the runtime's caches. A hit does no URL parsing, hashing, header building or
 * compression: what it needs from the Host and target is remembered per pair (MAX_TARGETS), the
 * encoding per Accept-Encoding value, and per page the ETag and the header object of each encoding
 * (decision 037). A page re-stored under its key is a new object and gets fresh ones.
 */
export function createFastPath(deps: FastPathDeps) {
  const prepared = new WeakMap<CachedPage, Prepared>();
  const targets = new Map<string, Target>();
  const encodings = new Map<string, Encoding>();

  const targetOf = (hostHeader: string | undefined, rawUrl: string): Target => {
    const memo = `${hostHeader} ${rawUrl}`;
    if (memo.length > MAX_REMEMBERED_LENGTH) return parseTarget(hostHeader, rawUrl);
    let target = targets.get(memo);
    if (target === undefined) {
      target = parseTarget(hostHeader, rawUrl);
      if (targets.size >= MAX_TARGETS) targets.clear();
      targets.set(memo, target);
    }
    return target;
  };

  const encodingOf = (accept: string | undefined): Encoding => {
    if (accept === undefined) return "identity";
    if (accept.length > MAX_REMEMBERED_LENGTH) return negotiateEncoding(accept);
    let encoding = encodings.get(accept);
    if (encoding === undefined) {
      encoding = negotiateEncoding(accept);
      if (encodings.size >= MAX_ACCEPT_VALUES) encodings.clear();
      encodings.set(accept, encoding);
    }
    return encoding;
  };

  const prepare = (page: CachedPage, key: string): Prepared => {
    let ready = prepared.get(page);
    if (!ready) {
      const etag = etagFor(key, deps.buildId);
      const contentType = page.headers.find(([name]) => name.toLowerCase() === "content-type")?.[1] ?? null;
      ready = {
        etag,
        isCompressible: page.size >= MIN_COMPRESS_BYTES && isCompressible(contentType),
        notModified: [notModifiedHeaders(etag, false), notModifiedHeaders(etag, true)],
        headers: [{}, {}],
      };
      prepared.set(page, ready);
    }
    return ready;
  };

  return function decide(
    method: string | undefined,
    rawUrl: string | undefined,
    headers: FastRequestHeaders,
    /** The request came over https (the edge would add Strict-Transport-Security). */
    isHttps = false,
  ): FastDecision {
    const fall = (reason: FallThrough): FastDecision => ({ kind: "fall-through", reason });
    if (method !== "GET" && method !== "HEAD") return fall("method");
    // Only origin-form targets; the adapter answers 400 to one it cannot decode, so leave those to it.
    if (!rawUrl?.startsWith("/")) return fall("url");
    const target = targetOf(single(headers.host), rawUrl);
    if (target.kind === "fall-through") return target;
    const cookie = single(headers.cookie);
    // Any mention of the preview cookie: the normal path decides what it opens.
    if (cookie?.includes(PREVIEW_COOKIE)) return fall("preview-cookie");

    const lookup = deps.snapshot(target.host);
    if (!lookup) return fall("snapshot-not-fresh");
    if (lookup.kind === "missing") return fall("no-shop");
    const { snapshot } = lookup;
    if (snapshot.shop.status !== "active") return fall("shop-not-active");

    const locale = pageLocale(target.lang, snapshot.shop);
    const key = pageKeyFor(snapshot.shop.id, snapshot.version, locale, target.tail);
    const page = deps.page(key);
    if (!page) return fall("not-cached");

    const ready = prepare(page, key);
    if (matchesEtag(single(headers["if-none-match"]), ready.etag)) {
      return {
        kind: "serve",
        response: { status: 304, headers: ready.notModified[isHttps ? 1 : 0], body: undefined },
        route: page.route ?? "cached",
        shopId: snapshot.shop.id,
      };
    }

    const encoding = encodingOf(single(headers["accept-encoding"]));
    const usable = encoding !== "identity" && ready.isCompressible ? encoding : "identity";
    // A compressible page is held compressed only (toCachedPage): a plain request takes the normal path,
    // which unzips it.
    const body = page.bodies[usable];
    if (!body) return fall("encoding-not-ready");

    const byEncoding = ready.headers[isHttps ? 1 : 0];
    let responseHeaders = byEncoding[usable];
    if (!responseHeaders) {
      responseHeaders = cachedHeaders(page, usable, body.byteLength, isHttps);
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
