import { type Encoding, encode, isCompressible } from "@stall/http-edge";
import type { CachedPage, PageCache } from "./page-cache.ts";
import { pagePolicy, RESOURCE_POLICY } from "./security-headers.ts";

/** Bodies smaller than this go out as they are: compressing them saves less than its own headers. */
export const MIN_COMPRESS_BYTES = 512;

const DROPPED_HEADERS = new Set(["content-length", "content-encoding", "date", "connection", "transfer-encoding"]);

type Policy = { cacheControl: string; imageOrigins: string[]; formActionOrigins?: string[] | undefined };

function isHtml(contentType: string | null): boolean {
  return (contentType ?? "").toLowerCase().startsWith("text/html");
}

/** Headers every finished response carries, whatever its body. */
function applyCommonHeaders(headers: Headers, body: Uint8Array | undefined, policy: Policy): void {
  const contentType = headers.get("content-type");
  if (!headers.has("cache-control")) headers.set("Cache-Control", policy.cacheControl);
  headers.set("X-Content-Type-Options", "nosniff");
  if (!headers.has("referrer-policy")) headers.set("Referrer-Policy", "strict-origin-when-cross-origin");
  if (!headers.has("content-security-policy")) {
    const isPage = body !== undefined && isHtml(contentType);
    headers.set(
      "Content-Security-Policy",
      isPage
        ? pagePolicy(new TextDecoder().decode(body), policy.imageOrigins, policy.formActionOrigins)
        : RESOURCE_POLICY,
    );
  }
  if (body && isCompressible(contentType)) addVary(headers, "Accept-Encoding");
}

function addVary(headers: Headers, name: string): void {
  const names = (headers.get("vary") ?? "")
    .split(",")
    .map((part) => part.trim())
    .filter(Boolean);
  if (!names.some((existing) => existing.toLowerCase() === name.toLowerCase())) names.push(name);
  headers.set("Vary", names.join(", "));
}

/**
 * A rendered response made ready to send: security headers, Cache-Control (unless the page set its
 * own), and the body compressed for the client when that is worth it.
 */
export async function finishResponse(response: Response, encoding: Encoding, policy: Policy): Promise<Response> {
  const headers = new Headers();
  for (const [name, value] of response.headers) {
    if (!DROPPED_HEADERS.has(name) && name !== "set-cookie") headers.append(name, value);
  }
  for (const cookie of response.headers.getSetCookie()) headers.append("Set-Cookie", cookie);
  const hasBody = response.body !== null && ![204, 301, 302, 303, 304, 307, 308].includes(response.status);
  const body = hasBody ? new Uint8Array(await response.arrayBuffer()) : undefined;
  applyCommonHeaders(headers, body, policy);
  if (!body) return new Response(null, { status: response.status, headers });
  let sent: Uint8Array = body;
  if (encoding !== "identity" && body.byteLength >= MIN_COMPRESS_BYTES && isCompressible(headers.get("content-type"))) {
    sent = await encode(body, encoding);
    headers.set("Content-Encoding", encoding);
  }
  headers.set("Content-Length", String(sent.byteLength));
  return new Response(sent as BodyInit, { status: response.status, headers });
}

/**
 * A rendered 200 turned into a cache entry, with its ETag and every header it will be sent with, and its
 * body already compressed with brotli and gzip when that is worth it: each encoding is made once, when
 * the page is cached, so no hit ever waits for a compression or falls off the fast path for one
 * (decision 037).
 */
export async function toCachedPage(response: Response, etag: string, policy: Policy): Promise<CachedPage> {
  const headers = new Headers();
  for (const [name, value] of response.headers) {
    if (!DROPPED_HEADERS.has(name) && name !== "set-cookie") headers.set(name, value);
  }
  const body = new Uint8Array(await response.arrayBuffer());
  applyCommonHeaders(headers, body, policy);
  headers.set("ETag", etag);
  const page: CachedPage = { status: response.status, headers: [...headers], size: body.byteLength, bodies: {} };
  if (body.byteLength >= MIN_COMPRESS_BYTES && isCompressible(headers.get("content-type"))) {
    const [br, gzip] = await Promise.all([encode(body, "br"), encode(body, "gzip")]);
    page.bodies = { br, gzip };
  } else {
    page.bodies = { identity: body };
  }
  return page;
}

/** A cached page as a response in the client's encoding (HEAD: headers only). */
export async function fromCachedPage(
  cache: PageCache,
  key: string,
  page: CachedPage,
  encoding: Encoding,
  isHead: boolean,
): Promise<Response> {
  const headers = new Headers(page.headers);
  const usable =
    encoding !== "identity" && page.size >= MIN_COMPRESS_BYTES && isCompressible(headers.get("content-type"))
      ? encoding
      : "identity";
  const body = await cache.body(key, page, usable);
  if (usable !== "identity") headers.set("Content-Encoding", usable);
  headers.set("Content-Length", String(body.byteLength));
  return new Response(isHead ? null : (body as BodyInit), { status: page.status, headers });
}

/** 304 for a client that holds the page: the validators and caching headers, no body. */
export function notModified(etag: string, cacheControl: string): Response {
  return new Response(null, {
    status: 304,
    headers: {
      ETag: etag,
      "Cache-Control": cacheControl,
      Vary: "Accept-Encoding",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
