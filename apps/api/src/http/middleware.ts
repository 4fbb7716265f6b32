import { DomainError } from "@stall/domain";
import { HSTS, isHttpsRequest, RESOURCE_POLICY } from "@stall/http-edge";
import type { Context, MiddlewareHandler } from "hono";
import { bodyLimit } from "hono/body-limit";
import { matchedRoutes } from "hono/route";
import { withRequestNotes } from "../use-cases/request-notes.ts";
import type { AppEnv } from "./app-env.ts";
import type { Logger } from "./logger.ts";
import type { ApiMetrics } from "./metrics.ts";

/**
 * The matched route's pattern (`/v1/shops/:shopId/orders`), or "unmatched" when only middleware matched
 * (a 404): the label of a request in metrics, where a raw path would make a series per shop or order.
 */
export function routePattern(c: Context<AppEnv>): string {
  const routes = matchedRoutes(c);
  // After the handlers ran, routeIndex points at the one that answered.
  const answered = routes[c.req.routeIndex];
  if (answered && answered.method !== "ALL") return answered.path;
  // Refused by middleware (a limit, a sign-in check): the first route for the method would have
  // answered (two patterns can match one path: `/orders/export` and `/orders/:orderId`).
  return routes.find((route) => route.method !== "ALL")?.path ?? "unmatched";
}

/**
 * One JSON line per request with its id, the shop it was about (when there was one), status and
 * duration; and the request counted in metrics by route pattern, method and status.
 */
export function requestLog(logger: Logger, metrics: ApiMetrics): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const started = performance.now();
    const notes = await withRequestNotes(next);
    const seconds = (performance.now() - started) / 1000;
    const status = c.res.status;
    metrics.recordRequest(routePattern(c), c.req.method, status, seconds);
    const shopId = notes.shopId ?? c.get("access")?.shop.id;
    logger.log(status >= 500 ? "error" : "info", "request", {
      requestId: c.get("requestId"),
      ...(shopId ? { shopId } : {}),
      method: c.req.method,
      path: c.req.path,
      status,
      durationMs: Math.round(seconds * 100_000) / 100,
    });
  };
}

/**
 * Headers every API response carries. JSON and files may load and run nothing; a page (the /docs
 * reference) sets its own policy. HSTS only when the request came over HTTPS, as the connection or a
 * trusted proxy (TRUST_PROXY) says: the same trust that decides the client's IP.
 */
export function securityHeaders(config: { trustProxy: boolean }): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    await next();
    c.res.headers.set("X-Content-Type-Options", "nosniff");
    c.res.headers.set("Referrer-Policy", "no-referrer");
    c.res.headers.set("X-Frame-Options", "DENY");
    if (!c.res.headers.has("Content-Security-Policy")) c.res.headers.set("Content-Security-Policy", RESOURCE_POLICY);
    const isHttps = isHttpsRequest({
      // The Node adapter builds the URL from the socket: https only over TLS.
      isEncrypted: c.req.url.startsWith("https:"),
      forwardedProto: c.req.header("X-Forwarded-Proto"),
      trustProxy: config.trustProxy,
    });
    if (isHttps) c.res.headers.set("Strict-Transport-Security", HSTS);
  };
}

/** The refusal of a body over `maxBytes`, as problem+json. */
function tooLarge(maxBytes: number): never {
  throw new DomainError(
    "payload_too_large",
    `The request body is over the limit of ${new Intl.NumberFormat("en").format(maxBytes)} bytes`,
  );
}

/**
 * The body's length when the request declares it and nothing else decides it: Node's parser then reads
 * exactly that many bytes, so the declared length is the body's length. A chunked body has none.
 */
function declaredLength(c: Context<AppEnv>): number | undefined {
  if (c.req.header("Transfer-Encoding") !== undefined) return undefined;
  const length = c.req.header("Content-Length");
  return length !== undefined && /^\d+$/.test(length) ? Number(length) : undefined;
}

/**
 * A body limit of `maxBytes`. A declared length is checked from the header alone, so the body is read
 * once, later, by whoever wants it: the Node adapter reads it straight from the socket then, without the
 * web Request and stream that looking at `c.req.raw.body` builds, about a tenth of an order's time
 * (decision 057). A chunked body is counted as it streams (hono's bodyLimit).
 */
function limitOf(maxBytes: number): MiddlewareHandler<AppEnv> {
  const streamed = bodyLimit({ maxSize: maxBytes, onError: () => tooLarge(maxBytes) });
  return (c, next) => {
    const length = declaredLength(c);
    if (length === undefined) return streamed(c, next);
    if (length > maxBytes) tooLarge(maxBytes);
    return next();
  };
}

/** Paths that take files (photos, CSV) get the upload limit; everything else the small body limit. */
const UPLOAD_PATHS = /^\/v1\/shops\/[^/]+\/(media|products\/import)$/;

/** Refuses bodies over the limit, whether declared by Content-Length or streamed. */
export function limitBody(limits: { bodyLimitBytes: number; uploadLimitBytes: number }): MiddlewareHandler<AppEnv> {
  const small = limitOf(limits.bodyLimitBytes);
  const large = limitOf(limits.uploadLimitBytes);
  return (c, next) => {
    // A GET or HEAD carries no body here (the server drops one); checking would build the web Request the
    // Node adapter otherwise never makes, a measurable share of a snapshot's time (decision 036).
    if (c.req.method === "GET" || c.req.method === "HEAD") return next();
    return UPLOAD_PATHS.test(c.req.path) ? large(c, next) : small(c, next);
  };
}
