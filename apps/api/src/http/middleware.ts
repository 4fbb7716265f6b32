import { DomainError } from "@stall/domain";
import { HSTS, isHttpsRequest, RESOURCE_POLICY } from "@stall/http-edge";
import type { MiddlewareHandler } from "hono";
import { bodyLimit } from "hono/body-limit";
import type { AppEnv } from "./app-env.ts";
import type { Logger } from "./logger.ts";

/** One JSON line per request with its id, status and duration. */
export function requestLog(logger: Logger): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const started = performance.now();
    await next();
    logger.log(c.res.status >= 500 ? "error" : "info", "request", {
      requestId: c.get("requestId"),
      method: c.req.method,
      path: c.req.path,
      status: c.res.status,
      durationMs: Math.round((performance.now() - started) * 100) / 100,
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
      isEncrypted: new URL(c.req.url).protocol === "https:",
      forwardedProto: c.req.header("X-Forwarded-Proto"),
      trustProxy: config.trustProxy,
    });
    if (isHttps) c.res.headers.set("Strict-Transport-Security", HSTS);
  };
}

function limitOf(maxBytes: number): MiddlewareHandler<AppEnv> {
  return bodyLimit({
    maxSize: maxBytes,
    onError: () => {
      throw new DomainError(
        "payload_too_large",
        `The request body is over the limit of ${new Intl.NumberFormat("en").format(maxBytes)} bytes`,
      );
    },
  });
}

/** Paths that take files (photos, CSV) get the upload limit; everything else the small body limit. */
const UPLOAD_PATHS = /^\/v1\/shops\/[^/]+\/(media|products\/import)$/;

/** Refuses bodies over the limit, whether declared by Content-Length or streamed. */
export function limitBody(limits: { bodyLimitBytes: number; uploadLimitBytes: number }): MiddlewareHandler<AppEnv> {
  const small = limitOf(limits.bodyLimitBytes);
  const large = limitOf(limits.uploadLimitBytes);
  return (c, next) => (UPLOAD_PATHS.test(c.req.path) ? large(c, next) : small(c, next));
}
