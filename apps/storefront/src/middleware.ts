// Every request that reaches Astro passes here: counted and logged (all of them), then, but for
// /healthz, /metrics and /media/*: refuse cross-site posts, find the shop for the Host (or say why there
// is none), pick the page language, then serve the page from the HTML cache or render, cache, compress
// and send it.
import { defineMiddleware } from "astro:middleware";
import { STATIC_COPY_HEADERS } from "@stall/domain";
import { clientAddress, negotiateEncoding } from "@stall/http-edge";
import type { APIContext, MiddlewareNext } from "astro";
import { BRIEF, isPrivatePath, PRIVATE_PAGE, PUBLIC_PAGE } from "./lib/cache-policy.ts";
import { PREVIEW_COOKIE, previewCookie } from "./lib/cookies.ts";
import { isCrossSiteRequest } from "./lib/csrf.ts";
import { pageLocale } from "./lib/i18n.ts";
import { withStaticCopyMedia } from "./lib/media-urls.ts";
import { etagFor, matchesEtag, pageKey } from "./lib/page-cache.ts";
import { requestIdOf } from "./lib/request-log.ts";
import { finishResponse, fromCachedPage, notModified, toCachedPage } from "./lib/responses.ts";
import { shopContext } from "./lib/shop-context.ts";
import type { SnapshotLookup } from "./lib/snapshot-store.ts";
import { isFromApi, staticCopyPath, withoutScripts } from "./lib/static-copy.ts";
import { shopHostKey } from "./lib/tenant.ts";
import { getRuntime } from "./runtime.ts";

const STATUS_PAGE = "/stall-status";
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * Every request is counted by route pattern and status (metrics) and logged as one JSON line with its
 * id and shop; what it is answered with is decided by `answer` below.
 */
export const onRequest = defineMiddleware(async (context, next) => {
  const started = performance.now();
  const runtime = getRuntime();
  let status = 500;
  try {
    const response = await answer(context, next);
    status = response.status;
    return response;
  } finally {
    const durationMs = performance.now() - started;
    runtime.metrics.recordRequest(context.routePattern, context.request.method, status, durationMs / 1000);
    runtime.requestLog.line({
      requestId: requestIdOf(context.request.headers.get("x-request-id")),
      shopId: context.locals.shop?.snapshot.shop.id,
      method: context.request.method,
      path: context.url.pathname,
      route: context.routePattern,
      status,
      durationMs,
    });
  }
});

const answer = async (context: APIContext, next: MiddlewareNext): Promise<Response> => {
  const { request, url, locals, cookies } = context;
  const path = url.pathname;
  // Health checks, metrics and photos need no shop; photos come with the API's own headers.
  if (path === "/healthz" || path === "/metrics" || path.startsWith("/media/")) return next();
  // `next(STATUS_PAGE)` does not run the middleware again in Astro 7; should a later Astro do so, this
  // renders the status page instead of rewriting to it forever.
  if (locals.problem) return next();

  const runtime = getRuntime();
  const buyerAddress = () => {
    let socket: string | undefined;
    try {
      socket = context.clientAddress;
    } catch {
      socket = undefined; // an adapter that does not know it
    }
    return clientAddress({
      trustProxy: runtime.trustProxy,
      forwardedFor: context.request.headers.get("x-forwarded-for"),
      socket,
    });
  };
  // Read when the response is finished: a page (the checkout) may name where its form posts lead.
  const policy = (cacheControl: string) => ({
    cacheControl,
    imageOrigins: [new URL(runtime.publicApiUrl).origin],
    formActionOrigins: locals.formActionOrigins,
  });
  const encoding = negotiateEncoding(request.headers.get("accept-encoding"));
  const hostHeader = request.headers.get("host");

  // A page of the saved copy for an owner's export (the API asks; decision 025): any shop status, no
  // caches, relative links and photos, no scripts. Without the secret it is an unknown address.
  const copyPath = staticCopyPath(path);
  if (copyPath !== undefined) {
    const copyHost = isFromApi(request.headers, runtime.staticCopySecret)
      ? shopHostKey(request.headers.get(STATIC_COPY_HEADERS.host))
      : undefined;
    let copy: SnapshotLookup = { kind: "missing" };
    if (copyHost) {
      copy = await runtime.snapshots.get(copyHost);
      const preview = request.headers.get(STATIC_COPY_HEADERS.preview);
      if (copy.kind === "missing" && preview) copy = await runtime.snapshots.get(copyHost, preview);
    }
    if (copy.kind === "missing") {
      locals.problem = "unknown";
      return finishResponse(await next(STATUS_PAGE), encoding, policy(PRIVATE_PAGE));
    }
    const snapshot = withStaticCopyMedia(copy.snapshot);
    locals.shop = shopContext({
      snapshot,
      locale: snapshot.shop.locale,
      isPreview: false,
      isStaticCopy: true,
      host: copyHost ?? "",
    });
    const page = await next(copyPath);
    return new Response(withoutScripts(await page.text()), {
      status: page.status,
      headers: { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store" },
    });
  }

  if (!SAFE_METHODS.has(request.method) && isCrossSiteRequest(request.headers, hostHeader)) {
    locals.problem = "forbidden";
    return finishResponse(await next(STATUS_PAGE), encoding, policy(PRIVATE_PAGE));
  }

  const host = shopHostKey(hostHeader);
  const previewInQuery = url.searchParams.get("preview") ?? undefined;
  const previewToken = previewInQuery || cookies.get(PREVIEW_COOKIE)?.value || undefined;
  let lookup: SnapshotLookup = { kind: "missing" };
  let isPreview = false;
  try {
    if (host) lookup = await runtime.snapshots.get(host);
    // A preview link opens a shop only while it is unpublished; once published, everyone sees it.
    if (host && lookup.kind === "missing" && previewToken) {
      lookup = await runtime.snapshots.get(host, previewToken);
      isPreview = lookup.kind === "found";
    }
  } catch (error) {
    console.warn(JSON.stringify({ level: "warn", msg: "the API could not be reached", host, error: String(error) }));
    locals.problem = "unreachable";
    const response = await next(STATUS_PAGE);
    return finishResponse(response, encoding, policy(PRIVATE_PAGE));
  }

  if (lookup.kind === "missing") {
    locals.problem = "unknown";
    return finishResponse(await next(STATUS_PAGE), encoding, policy(BRIEF));
  }
  const { snapshot } = lookup;
  if (snapshot.shop.status !== "active") {
    locals.problem = snapshot.shop.status;
    locals.problemShopName = snapshot.shop.name;
    return finishResponse(await next(STATUS_PAGE), encoding, policy(PRIVATE_PAGE));
  }

  if (isPreview && previewInQuery) {
    const cookie = previewCookie(url, request.headers);
    cookies.set(cookie.name, previewInQuery, cookie.options);
  }
  const locale = pageLocale(url.searchParams.get("lang"), snapshot.shop);
  const shop = shopContext({ snapshot, locale, isPreview, host: host ?? "" });
  locals.shop = shop;
  // Every render that misses the cache takes a place in the shop's lane; "busy, try again" beyond it.
  const render = () =>
    runtime.fairness.render(
      {
        shopId: snapshot.shop.id,
        shopName: snapshot.shop.name,
        locale,
        request,
        url,
        buyerIp: buyerAddress(),
        href: shop.href,
      },
      next,
    );

  const isCacheable =
    (request.method === "GET" || request.method === "HEAD") &&
    !isPreview &&
    !isPrivatePath(path) &&
    !url.searchParams.has("notice") &&
    !url.searchParams.has("preview");
  if (!isCacheable) {
    const response = await render();
    return finishResponse(response, encoding, policy(PRIVATE_PAGE));
  }

  const key = pageKey({ shopId: snapshot.shop.id, version: snapshot.version, locale, url });
  const etag = etagFor(key, runtime.buildId);
  if (matchesEtag(request.headers.get("if-none-match"), etag)) {
    runtime.metrics.pageLookup("hit");
    return notModified(etag, PUBLIC_PAGE);
  }
  const isHead = request.method === "HEAD";
  const held = runtime.pages.get(key);
  runtime.metrics.pageLookup(held ? "hit" : "miss");
  if (held) return fromCachedPage(runtime.pages, key, held, encoding, isHead);
  // Only a GET fills the cache: what a HEAD renders is not a page to keep.
  if (isHead) return finishResponse(await render(), encoding, policy(PUBLIC_PAGE));

  // Requests for the same missing page share one render; a page that may not be shared (an error, a
  // redirect, a buyer's own) goes only to the request that rendered it.
  let rendered: Response | undefined;
  const page = await runtime.pages.fill(key, async () => {
    rendered = await render();
    const isShareable =
      rendered.status === 200 && locals.cache !== "private" && rendered.headers.getSetCookie().length === 0;
    if (!isShareable) return undefined;
    // The route that rendered it labels the fast path's answers from it in metrics.
    return { ...(await toCachedPage(rendered, etag, policy(PUBLIC_PAGE))), route: context.routePattern };
  });
  if (page) return fromCachedPage(runtime.pages, key, page, encoding, false);
  const response = rendered ?? (await render());
  return finishResponse(response, encoding, policy(locals.cache === "private" ? PRIVATE_PAGE : PUBLIC_PAGE));
};
