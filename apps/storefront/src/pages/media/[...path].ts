import type { APIRoute } from "astro";
import { isMediaPath } from "../../lib/media-urls.ts";
import { getRuntime } from "../../runtime.ts";

const PASSED_HEADERS = ["content-type", "content-length", "cache-control", "etag", "last-modified"];

/**
 * Photos from the API, served from the shop's own origin so a slow phone reuses the connection it
 * already has. The bytes behind a path never change: the API's immutable caching headers pass through.
 */
export const GET: APIRoute = async ({ params, request }) => {
  const path = `/media/${params.path ?? ""}`;
  if (!isMediaPath(path)) return new Response("Not found", { status: 404, headers: { "Content-Type": "text/plain" } });
  const ifNoneMatch = request.headers.get("if-none-match");
  let upstream: Response;
  try {
    upstream = await fetch(`${getRuntime().apiUrl}${path}`, {
      headers: ifNoneMatch ? { "If-None-Match": ifNoneMatch } : {},
      signal: AbortSignal.timeout(10_000),
    });
  } catch {
    return new Response("The photo could not be fetched just now", {
      status: 502,
      headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" },
    });
  }
  const headers = new Headers({ "X-Content-Type-Options": "nosniff" });
  for (const name of PASSED_HEADERS) {
    const value = upstream.headers.get(name);
    if (value) headers.set(name, value);
  }
  if (upstream.status !== 200 && upstream.status !== 304) {
    await upstream.body?.cancel();
    headers.set("Cache-Control", "no-store");
    headers.delete("content-length");
    return new Response("Not found", { status: upstream.status === 404 ? 404 : 502, headers });
  }
  return new Response(upstream.status === 304 ? null : upstream.body, { status: upstream.status, headers });
};
