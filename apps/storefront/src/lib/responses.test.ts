import { brotliDecompressSync, gunzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { createPageCache } from "./page-cache.ts";
import { finishResponse, fromCachedPage, notModified, toCachedPage } from "./responses.ts";

const policy = { cacheControl: "public, max-age=0, s-maxage=60", imageOrigins: ["http://api.test"] };
const html = `<!doctype html><html><head><style>body{margin:0}</style></head><body>${"<p>Honey</p>".repeat(100)}</body></html>`;
const page = (headers: Record<string, string> = {}) =>
  new Response(html, { status: 200, headers: { "Content-Type": "text/html; charset=utf-8", ...headers } });

describe("finishResponse", () => {
  it("compresses pages for clients that accept it and adds security headers", async () => {
    const response = await finishResponse(page(), "br", policy);
    expect(response.headers.get("content-encoding")).toBe("br");
    expect(response.headers.get("vary")).toBe("Accept-Encoding");
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(response.headers.get("cache-control")).toBe(policy.cacheControl);
    expect(response.headers.get("content-security-policy")).toContain("style-src 'sha256-");
    const body = Buffer.from(await response.arrayBuffer());
    expect(response.headers.get("content-length")).toBe(String(body.byteLength));
    expect(brotliDecompressSync(body).toString()).toBe(html);
  });

  it("keeps a Cache-Control the page chose and every cookie it set", async () => {
    const source = page({ "Cache-Control": "private, no-store" });
    source.headers.append("Set-Cookie", "a=1; Path=/");
    source.headers.append("Set-Cookie", "b=2; Path=/");
    const response = await finishResponse(source, "identity", policy);
    expect(response.headers.get("cache-control")).toBe("private, no-store");
    expect(response.headers.getSetCookie()).toEqual(["a=1; Path=/", "b=2; Path=/"]);
    expect(response.headers.get("content-encoding")).toBeNull();
  });

  it("adds to the Vary a page set rather than replacing it", async () => {
    const response = await finishResponse(page({ Vary: "Accept-Language" }), "gzip", policy);
    expect(response.headers.get("vary")).toBe("Accept-Language, Accept-Encoding");
  });

  it("passes redirects through with headers and no body", async () => {
    const response = await finishResponse(
      new Response(null, { status: 301, headers: { Location: "/products/new" } }),
      "br",
      policy,
    );
    expect(response.status).toBe(301);
    expect(response.headers.get("location")).toBe("/products/new");
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
  });

  it("gives resources that are not pages a policy that runs nothing", async () => {
    const svg = new Response("<svg/>", { headers: { "Content-Type": "image/svg+xml" } });
    const response = await finishResponse(svg, "gzip", policy);
    expect(response.headers.get("content-security-policy")).toBe("default-src 'none'; frame-ancestors 'none'");
    expect(response.headers.get("content-encoding")).toBeNull();
  });
});

describe("cached pages", () => {
  it("serve each encoding from one render, with the ETag", async () => {
    const cache = createPageCache();
    const cached = await toCachedPage(page(), 'W/"abc"', policy);
    cache.set("k", cached);
    const gzip = await fromCachedPage(cache, "k", cached, "gzip", false);
    expect(gzip.headers.get("etag")).toBe('W/"abc"');
    expect(gzip.headers.get("content-encoding")).toBe("gzip");
    expect(gunzipSync(Buffer.from(await gzip.arrayBuffer())).toString()).toBe(html);
    const plain = await fromCachedPage(cache, "k", cached, "identity", false);
    expect(await plain.text()).toBe(html);
    const head = await fromCachedPage(cache, "k", cached, "br", true);
    expect(head.body).toBeNull();
    expect(Number(head.headers.get("content-length"))).toBeGreaterThan(0);
  });

  it("answer 304 with the validators", () => {
    const response = notModified('W/"abc"', policy.cacheControl);
    expect(response.status).toBe(304);
    expect(response.headers.get("etag")).toBe('W/"abc"');
    expect(response.headers.get("cache-control")).toBe(policy.cacheControl);
  });
});

describe("toCachedPage", () => {
  it("makes the brotli and gzip bodies once, when the page is cached", async () => {
    const cached = await toCachedPage(page(), 'W/"e1"', policy);
    expect(brotliDecompressSync(cached.bodies.br ?? new Uint8Array()).toString()).toBe(html);
    expect(gunzipSync(cached.bodies.gzip ?? new Uint8Array()).toString()).toBe(html);
    // Kept compressed only; its plain length decides what is worth compressing.
    expect(cached.bodies.identity).toBeUndefined();
    expect(cached.size).toBe(Buffer.byteLength(html));
    // A hit then sends what was made, without compressing again.
    const response = await fromCachedPage(createPageCache(), "k", cached, "gzip", false);
    expect(Buffer.from(await response.arrayBuffer()).equals(Buffer.from(cached.bodies.gzip ?? []))).toBe(true);
  });

  it("answers a plain request for a page held compressed with its bytes unzipped, keeping nothing more", async () => {
    const cached = await toCachedPage(page(), 'W/"e1"', policy);
    const cache = createPageCache();
    cache.set("k", cached);
    const held = cache.heldBytes;
    const response = await fromCachedPage(cache, "k", cached, "identity", false);
    expect(response.headers.get("content-encoding")).toBeNull();
    expect(response.headers.get("content-length")).toBe(String(Buffer.byteLength(html)));
    expect(await response.text()).toBe(html);
    expect(Object.keys(cached.bodies).sort()).toEqual(["br", "gzip"]);
    expect(cache.heldBytes).toBe(held);
  });

  it("keeps a small page or one that does not compress as it is", async () => {
    const small = await toCachedPage(
      new Response("<p>hi</p>", { headers: { "Content-Type": "text/html" } }),
      'W/"e"',
      policy,
    );
    expect(Object.keys(small.bodies)).toEqual(["identity"]);
    const bytes = new Response(new Uint8Array(4096), { headers: { "Content-Type": "application/octet-stream" } });
    expect(Object.keys((await toCachedPage(bytes, 'W/"e"', policy)).bodies)).toEqual(["identity"]);
  });
});
