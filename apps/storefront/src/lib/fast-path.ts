// The warm-cache fast path: decides, synchronously and without Astro, whether a request can be answered
// straight from the page cache with exactly what src/middleware.ts would send, and builds that answer.
// Anything it is not sure of falls through to the normal handler (the adapter, Astro, the middleware),
// which stays the one place that revalidates snapshots, renders, fills the cache and compresses.

import { type Encoding, HSTS, isCompressible, isValidHostHeader, negotiateEncoding } from "@stall/http-edge";
import { isPrivatePath, PUBLIC_PAGE } from "./cache-policy.ts";
import { PREVIEW_COOKIE } from "./cookies.ts";
import { pageLocale } from "./i18n.ts";
import { type CachedPage, etagFor, matchesEtag, pageKeyFor, pageKeyTail } from "./page-cache.ts";
import { MIN_COMPRESS_BYTES } from "./responses.ts";
import type { Snapshot } from "./snapshot.ts";
import type { SnapshotLookup } from "./snapshot-store.ts";
import { shopHostKey } from "./tenant.ts";

/** Request headers as node:http gives them (lower-case names). */
export type FastRequestHeaders = Record<string, string | string[] | undefined>;

/** What to write: node:http's writeHead(status, headers) then end(body); no body for HEAD and 304. */
export type FastResponse = { status: number; headers: Record<string, string>; body: Uint8Array | undefined };

/** Why a request goes the whole way (the adapter, Astro, the middleware) instead of the fast path. */
const FALL_THROUGH_REASONS = [
  "method",
  "url",
  "excluded-path",
  "private-path",
  "query",
  "preview-cookie",
  "host",
  "no-shop",
  "shop-not-active",
  "not-cached",
  "encoding-not-ready",
] as const;

export type FallThrough = (typeof FALL_THROUGH_REASONS)[number];

/** What an answer is, for whoever counts and logs it: the same for every request answered alike. */
export type AnswerFacts = { route: string; shopId: string; method: string; status: number; path: string };

/** A request answered from the caches: what to write, and the facts about it with what `note` made of them. */
export type FastAnswer<Note = undefined> = AnswerFacts & { kind: "serve"; response: FastResponse; note: Note };

/**
 * The shop's snapshot is not held fresh enough to answer from (nothing held, or held past its window and
 * stale time): `snapshots.get(host)` checks it as the normal path would, after which the same request may
 * be decided again. A caller that cannot wait takes it as a fall-through.
 */
export type CheckFirst = { kind: "check-first"; host: string };

export type FastDecision<Note = undefined> =
  | FastAnswer<Note>
  | CheckFirst
  | { kind: "fall-through"; reason: FallThrough };

export type FastPathDeps<Note = undefined> = {
  /**
   * The host's published snapshot when it can be answered at once (the snapshot store's `peek`: it may
   * start a check in the background, and never waits for one).
   */
  snapshot: (host: string) => SnapshotLookup | undefined;
  /** The cached page under a key (the same PageCache the middleware fills). */
  page: (key: string) => CachedPage | undefined;
  buildId: string;
  /**
   * Made once per answer kept (a page, its encoding, GET or HEAD, 200 or 304), and handed back with every
   * request answered alike: the runtime keeps its metrics series and request log members there.
   */
  note?: (facts: AnswerFacts) => Note;
};

/** One decision per reason, made once: falling through costs no allocation. */
const FALL = Object.fromEntries(
  FALL_THROUGH_REASONS.map((reason) => [reason, Object.freeze({ kind: "fall-through", reason } as const)]),
) as { [R in FallThrough]: { readonly kind: "fall-through"; readonly reason: R } };

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

/**
 * What the fast path learns from a request's Host and target alone, kept for the next request with both;
 * and the page key it last found for them, kept while the shop's snapshot stays at the same version (the
 * shop's id and version, not the snapshot itself, so a remembered target holds no snapshot in memory).
 */
type Target =
  | { readonly kind: "fall-through"; readonly reason: FallThrough }
  | {
      kind: "page";
      host: string;
      lang: string | null;
      tail: string;
      path: string;
      keyFor: { shopId: string; version: number; key: string } | undefined;
    };

/** Host-and-target pairs remembered; past this the memory is emptied and fills again (a flood of unique URLs). */
const MAX_TARGETS = 4096;
/** Longer Host-and-target pairs are parsed every time, so what is remembered stays within about 3 MB. */
const MAX_REMEMBERED_LENGTH = 512;
/** Accept-Encoding values remembered; browsers send a handful. */
const MAX_ACCEPT_VALUES = 256;

function parseTarget(hostHeader: string | undefined, rawUrl: string): Target {
  const fall = (reason: FallThrough): Target => FALL[reason];
  // The edge's own check, made here once per remembered pair rather than on every request (decision 056).
  if (!isValidHostHeader(hostHeader)) return fall("host");
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
  return { kind: "page", host, lang: url.searchParams.get("lang"), tail: pageKeyTail(url), path, keyFor: undefined };
}

/** The answers of one page over http or https: by encoding for GET and HEAD, and the 304s. */
type AnswersOver<Note> = {
  get: Partial<Record<Encoding, FastAnswer<Note>>>;
  head: Partial<Record<Encoding, FastAnswer<Note>>>;
  notModified: { get?: FastAnswer<Note>; head?: FastAnswer<Note> };
};

/** Per cached page, made on its first hit: its ETag, whether it compresses, and its answers as made. */
type Prepared<Note> = {
  etag: string;
  isCompressible: boolean;
  /** Over http, and over https (with Strict-Transport-Security). */
  answers: [AnswersOver<Note>, AnswersOver<Note>];
};

/** What an answer made for a page is, for its metrics and request log. */
function factsOf(page: CachedPage, snapshot: Snapshot, method: string, status: number, path: string): AnswerFacts {
  return { route: page.route ?? "cached", shopId: snapshot.shop.id, method, status, path };
}

const noAnswers = <Note>(): AnswersOver<Note> => ({ get: {}, head: {}, notModified: {} });

/**
 * Builds the fast path over the runtime's caches. A hit does no URL parsing, hashing, header building or
 * compression, and makes nothing but the string it looks its Host and target up by: what it needs from
 * them is remembered per pair (MAX_TARGETS) with the page key under the shop's current version, the
 * encoding per Accept-Encoding value, and per page each answer whole, as made the first time it was asked
 * for (decisions 037 and 056). A page re-stored under its key is a new object and gets fresh ones.
 */
export function createFastPath<Note = undefined>(deps: FastPathDeps<Note>) {
  const prepared = new WeakMap<CachedPage, Prepared<Note>>();
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

  const prepare = (page: CachedPage, key: string): Prepared<Note> => {
    let ready = prepared.get(page);
    if (!ready) {
      const contentType = page.headers.find(([name]) => name.toLowerCase() === "content-type")?.[1] ?? null;
      ready = {
        etag: etagFor(key, deps.buildId),
        isCompressible: page.size >= MIN_COMPRESS_BYTES && isCompressible(contentType),
        answers: [noAnswers(), noAnswers()],
      };
      prepared.set(page, ready);
    }
    return ready;
  };

  const answer = (facts: AnswerFacts, response: FastResponse): FastAnswer<Note> =>
    Object.freeze({
      kind: "serve",
      ...facts,
      response: Object.freeze(response),
      note: deps.note ? deps.note(facts) : (undefined as Note),
    });

  /** The page key for a target under a snapshot, found again only when the shop's version moved. */
  const keyOf = (target: Extract<Target, { kind: "page" }>, snapshot: Snapshot): string => {
    const { id: shopId } = snapshot.shop;
    const known = target.keyFor;
    if (known && known.shopId === shopId && known.version === snapshot.version) return known.key;
    const key = pageKeyFor(shopId, snapshot.version, pageLocale(target.lang, snapshot.shop), target.tail);
    target.keyFor = { shopId, version: snapshot.version, key };
    return key;
  };

  return function decide(
    method: string | undefined,
    rawUrl: string | undefined,
    headers: FastRequestHeaders,
    /** The request came over https (the edge would add Strict-Transport-Security). */
    isHttps = false,
  ): FastDecision<Note> {
    if (method !== "GET" && method !== "HEAD") return FALL.method;
    // Only origin-form targets; the adapter answers 400 to one it cannot decode, so leave those to it.
    if (!rawUrl?.startsWith("/")) return FALL.url;
    const target = targetOf(single(headers.host), rawUrl);
    if (target.kind === "fall-through") return target;
    const cookie = single(headers.cookie);
    // Any mention of the preview cookie: the normal path decides what it opens.
    if (cookie?.includes(PREVIEW_COOKIE)) return FALL["preview-cookie"];

    const lookup = deps.snapshot(target.host);
    if (!lookup) return { kind: "check-first", host: target.host };
    if (lookup.kind === "missing") return FALL["no-shop"];
    const { snapshot } = lookup;
    if (snapshot.shop.status !== "active") return FALL["shop-not-active"];

    const key = keyOf(target, snapshot);
    const page = deps.page(key);
    if (!page) return FALL["not-cached"];

    const ready = prepare(page, key);
    const over = ready.answers[isHttps ? 1 : 0];
    const isHead = method === "HEAD";
    if (matchesEtag(single(headers["if-none-match"]), ready.etag)) {
      const { notModified } = over;
      const kept = isHead ? notModified.head : notModified.get;
      if (kept) return kept;
      const twin = isHead ? notModified.get : notModified.head;
      const made = answer(factsOf(page, snapshot, method, 304, target.path), {
        status: 304,
        headers: twin?.response.headers ?? notModifiedHeaders(ready.etag, isHttps),
        body: undefined,
      });
      if (isHead) notModified.head = made;
      else notModified.get = made;
      return made;
    }

    const encoding = encodingOf(single(headers["accept-encoding"]));
    const usable = encoding !== "identity" && ready.isCompressible ? encoding : "identity";
    const byEncoding = isHead ? over.head : over.get;
    const kept = byEncoding[usable];
    if (kept) return kept;
    // A compressible page is held compressed only (toCachedPage): a plain request takes the normal path,
    // which unzips it.
    const body = page.bodies[usable];
    if (!body) return FALL["encoding-not-ready"];
    const twin = (isHead ? over.get : over.head)[usable];
    const made = answer(factsOf(page, snapshot, method, page.status, target.path), {
      status: page.status,
      headers: twin?.response.headers ?? cachedHeaders(page, usable, body.byteLength, isHttps),
      body: isHead ? undefined : body,
    });
    byEncoding[usable] = made;
    return made;
  };
}

export type FastPath<Note = undefined> = ReturnType<typeof createFastPath<Note>>;
