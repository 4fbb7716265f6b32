import { describe, expect, it } from "vitest";
import { PUBLIC_PAGE } from "./cache-policy.ts";
import {
  type AnswerFacts,
  createFastPath,
  type FallThrough,
  type FastDecision,
  type FastRequestHeaders,
} from "./fast-path.ts";
import { type CachedPage, createPageCache, etagFor, pageKey } from "./page-cache.ts";
import { fromCachedPage, notModified, toCachedPage } from "./responses.ts";
import type { Snapshot } from "./snapshot.ts";
import type { SnapshotLookup } from "./snapshot-store.ts";

const HOST = "demo.localhost:4321";
const BUILD = "build1";
const html = `<!doctype html><html><head><style>b{}</style></head><body>${"<p>Honey</p>".repeat(100)}</body></html>`;
const shop = (status = "active") =>
  ({ version: 3, shop: { id: "shop_1", status, locale: "en", extraLocales: ["zh-CN"] } }) as unknown as Snapshot;
const keyFor = (path: string, locale = "en") =>
  pageKey({ shopId: "shop_1", version: 3, locale, url: new URL(`http://${HOST}${path}`) });

async function cachedPage(path: string, locale = "en"): Promise<CachedPage> {
  const response = new Response(html, { headers: { "Content-Type": "text/html; charset=utf-8" } });
  const page = await toCachedPage(response, etagFor(keyFor(path, locale), BUILD), {
    cacheControl: PUBLIC_PAGE,
    imageOrigins: ["http://api.test"],
  });
  return page;
}

async function setup(options: { lookup?: SnapshotLookup | undefined; pages?: Record<string, CachedPage> } = {}) {
  const lookup = "lookup" in options ? options.lookup : { kind: "found" as const, snapshot: shop() };
  const pages = options.pages ?? { [keyFor("/products/honey")]: await cachedPage("/products/honey") };
  return createFastPath({
    snapshot: (host) => (host === HOST ? lookup : undefined),
    page: (key) => pages[key],
    buildId: BUILD,
  });
}

const headers = (extra: FastRequestHeaders = {}): FastRequestHeaders => ({
  host: HOST,
  "accept-encoding": "br",
  ...extra,
});

describe("the fast path falls through", () => {
  const cases: [string, { method?: string; url?: string; headers?: FastRequestHeaders }, FallThrough][] = [
    ["POST", { method: "POST" }, "method"],
    ["OPTIONS", { method: "OPTIONS" }, "method"],
    ["an absolute-form target", { url: `http://${HOST}/products/honey` }, "url"],
    ["a target the adapter cannot decode", { url: "/products/%E0%A4%A" }, "url"],
    ["no Host", { headers: { host: undefined } }, "host"],
    ["a Host that is not a host name", { headers: { host: "demo/evil" } }, "host"],
    ["/healthz", { url: "/healthz" }, "excluded-path"],
    ["a photo", { url: "/media/a.jpg" }, "excluded-path"],
    ["a built asset", { url: "/_astro/cart.js" }, "excluded-path"],
    ["the cart", { url: "/cart" }, "private-path"],
    ["the checkout", { url: "/checkout/done" }, "private-path"],
    ["an order", { url: "/orders/o_1" }, "private-path"],
    ["a notice", { url: "/products/honey?notice=added" }, "query"],
    ["a preview link", { url: "/products/honey?preview=tok" }, "query"],
    ["a preview cookie", { headers: { cookie: "stall_cart=c1; stall_preview=tok" } }, "preview-cookie"],
    ["a page not cached", { url: "/products/jam" }, "not-cached"],
    ["another language, not cached", { url: "/products/honey?lang=zh-CN" }, "not-cached"],
    ["a page parameter, not cached", { url: "/products/honey?page=2" }, "not-cached"],
  ];
  it.each(cases)("for %s", async (_name, request, reason) => {
    const decide = await setup();
    const decision = decide(request.method ?? "GET", request.url ?? "/products/honey", headers(request.headers));
    expect(decision).toEqual({ kind: "fall-through", reason });
  });

  it("to a check of the snapshot first, when it is due for revalidation", async () => {
    const decide = await setup({ lookup: undefined });
    expect(decide("GET", "/products/honey", headers())).toEqual({ kind: "check-first", host: HOST });
  });

  it("to a check of the snapshot first, for a host nothing is held for", async () => {
    const decide = await setup();
    const other = headers({ host: "Other.localhost:4321" });
    expect(decide("GET", "/products/honey", other)).toEqual({ kind: "check-first", host: "other.localhost:4321" });
  });

  it("when the host has no shop", async () => {
    const decide = await setup({ lookup: { kind: "missing" } });
    expect(decide("GET", "/products/honey", headers())).toEqual({ kind: "fall-through", reason: "no-shop" });
  });

  it.each(["suspended", "closed"])("when the shop is %s", async (status) => {
    const decide = await setup({ lookup: { kind: "found", snapshot: shop(status) } });
    expect(decide("GET", "/products/honey", headers())).toEqual({ kind: "fall-through", reason: "shop-not-active" });
  });

  it("when the page is not held in the client's encoding", async () => {
    const page = await cachedPage("/products/honey");
    const identity = new TextEncoder().encode(html);
    const plainOnly = await setup({ pages: { [keyFor("/products/honey")]: { ...page, bodies: { identity } } } });
    expect(plainOnly("GET", "/products/honey", headers())).toEqual({
      kind: "fall-through",
      reason: "encoding-not-ready",
    });
    // A page worth compressing is held compressed only: a plain request is unzipped on the normal path.
    const compressed = await setup({ pages: { [keyFor("/products/honey")]: page } });
    for (const accept of [undefined, "identity", "br;q=0, gzip;q=0"]) {
      expect(compressed("GET", "/products/honey", headers({ "accept-encoding": accept }))).toEqual({
        kind: "fall-through",
        reason: "encoding-not-ready",
      });
    }
  });
});

/** A decision with its body as a Buffer, so bodies compare by bytes whatever their class. */
const bytes = (decision: FastDecision) =>
  decision.kind === "serve" && decision.response.body
    ? { ...decision, response: { ...decision.response, body: Buffer.from(decision.response.body) } }
    : decision;

describe("the fast path serves", () => {
  /** What the middleware's fromCachedPage answers, as the adapter would write it. */
  async function slow(page: CachedPage, encoding: "br" | "gzip" | "identity", isHead: boolean) {
    const cache = createPageCache();
    const response = await fromCachedPage(cache, "k", page, encoding, isHead);
    const body = response.body ? Buffer.from(await response.arrayBuffer()) : undefined;
    return { status: response.status, headers: Object.fromEntries(response.headers.entries()), body };
  }

  const encodings: [string, string | undefined, "br" | "gzip" | "identity"][] = [
    ["brotli", "gzip, deflate, br", "br"],
    ["gzip", "gzip", "gzip"],
  ];
  it.each(encodings)(
    "%s, with the same status, headers and bytes as the middleware",
    async (_name, accept, encoding) => {
      const page = await cachedPage("/products/honey");
      const decide = await setup({ pages: { [keyFor("/products/honey")]: page } });
      const decision = decide("GET", "/products/honey?utm_source=x", headers({ "accept-encoding": accept }));
      expect(bytes(decision)).toEqual({
        kind: "serve",
        route: "cached",
        shopId: "shop_1",
        method: "GET",
        status: 200,
        path: "/products/honey",
        response: await slow(page, encoding, false),
      });
    },
  );

  it("HEAD with the headers of the GET and no body", async () => {
    const page = await cachedPage("/products/honey");
    const decide = await setup({ pages: { [keyFor("/products/honey")]: page } });
    const decision = decide("HEAD", "/products/honey", headers());
    expect(decision).toEqual({
      kind: "serve",
      route: "cached",
      shopId: "shop_1",
      method: "HEAD",
      status: 200,
      path: "/products/honey",
      response: await slow(page, "br", true),
    });
    if (decision.kind === "serve")
      expect(decision.response.headers["content-length"]).toBe(String(page.bodies.br?.byteLength));
  });

  it("304 to a matching If-None-Match, as the middleware does", async () => {
    const decide = await setup();
    const etag = etagFor(keyFor("/products/honey"), BUILD);
    const expected = notModified(etag, PUBLIC_PAGE);
    for (const ifNoneMatch of [etag, etag.replace(/^W\//, ""), `"other", ${etag}`, "*"]) {
      expect(decide("GET", "/products/honey", headers({ "if-none-match": ifNoneMatch }))).toEqual({
        kind: "serve",
        route: "cached",
        shopId: "shop_1",
        method: "GET",
        status: 304,
        path: "/products/honey",
        response: { status: 304, headers: Object.fromEntries(expected.headers.entries()), body: undefined },
      });
    }
    const stale = decide("GET", "/products/honey", headers({ "if-none-match": '"other"' }));
    expect(stale.kind === "serve" && stale.response.status).toBe(200);
  });

  it("names the route pattern that rendered the page, for metrics", async () => {
    const page = { ...(await cachedPage("/products/honey")), route: "/products/[slug]" };
    const decide = await setup({ pages: { [keyFor("/products/honey")]: page } });
    const decision = decide("GET", "/products/honey", headers());
    expect(decision.kind === "serve" && decision.route).toBe("/products/[slug]");
  });

  it("the page of the language asked for, under the middleware's key", async () => {
    const zh = await cachedPage("/products/honey", "zh-CN");
    const decide = await setup({ pages: { [keyFor("/products/honey", "zh-CN")]: zh } });
    const decision = decide("GET", "/products/honey?lang=zh-CN", headers());
    expect(decision.kind === "serve" && decision.response.headers.etag).toBe(
      etagFor(keyFor("/products/honey", "zh-CN"), BUILD),
    );
    // A language the shop does not offer falls back to its own, which is not cached here.
    expect(decide("GET", "/products/honey?lang=fr", headers())).toEqual({ kind: "fall-through", reason: "not-cached" });
  });

  it("every encoding of a page as toCachedPage stores it, made once when it was cached", async () => {
    const response = new Response(html, { headers: { "Content-Type": "text/html; charset=utf-8" } });
    const page = await toCachedPage(response, etagFor(keyFor("/products/honey"), BUILD), {
      cacheControl: PUBLIC_PAGE,
      imageOrigins: [],
    });
    const decide = await setup({ pages: { [keyFor("/products/honey")]: page } });
    for (const [accept, encoding] of [
      ["br", "br"],
      ["gzip", "gzip"],
    ] as const) {
      const decision = decide("GET", "/products/honey", headers({ "accept-encoding": accept }));
      if (decision.kind !== "serve") throw new Error(`not answered for ${accept}: ${JSON.stringify(decision)}`);
      expect(decision.response.body).toBe(page.bodies[encoding]);
      expect(decision.response.headers["content-encoding"]).toBe(encoding);
      expect(decision.response.headers.vary).toBe("Accept-Encoding");
      expect(decision.response.headers["content-length"]).toBe(String(page.bodies[encoding]?.byteLength));
    }
  });

  it("a request that came over https with Strict-Transport-Security after nosniff, as the edge sends them", async () => {
    const decide = await setup();
    for (const extra of [{}, { "if-none-match": etagFor(keyFor("/products/honey"), BUILD) }]) {
      const plain = decide("GET", "/products/honey", headers(extra), false);
      const https = decide("GET", "/products/honey", headers(extra), true);
      if (plain.kind !== "serve" || https.kind !== "serve") throw new Error("fell through");
      expect(plain.response.headers["strict-transport-security"]).toBeUndefined();
      expect(Object.keys(https.response.headers).slice(0, 2)).toEqual([
        "x-content-type-options",
        "strict-transport-security",
      ]);
      expect(https.response.headers["strict-transport-security"]).toBe("max-age=31536000");
      const { "strict-transport-security": _hsts, ...rest } = https.response.headers;
      expect(rest).toEqual(plain.response.headers);
    }
  });

  it("nothing once the shop's version has moved: the page of the old version is not the page", async () => {
    const decide = await setup({
      lookup: { kind: "found", snapshot: { ...shop(), version: 4 } as unknown as Snapshot },
    });
    expect(decide("GET", "/products/honey", headers())).toEqual({ kind: "fall-through", reason: "not-cached" });
  });

  it("the same answer to the same Host and target asked again (what it remembers changes nothing)", async () => {
    const decide = await setup();
    const first = decide("GET", "/products/honey?utm=1", headers());
    const again = decide("GET", "/products/honey?utm=1", headers());
    expect(again).toEqual(first);
    expect(decide("GET", "/cart", headers())).toEqual({ kind: "fall-through", reason: "private-path" });
    expect(decide("GET", "/cart", headers())).toEqual({ kind: "fall-through", reason: "private-path" });
    // A long target is not remembered, and answered the same.
    const long = `/products/honey?utm=${"x".repeat(2000)}`;
    expect(decide("GET", long, headers())).toEqual(first);
    expect(decide("GET", long, headers({ "accept-encoding": `${"x;q=0, ".repeat(200)}br` }))).toEqual(first);
    expect(decide("GET", "/products/honey", headers({ host: "other.localhost:4321" }))).toEqual({
      kind: "check-first",
      host: "other.localhost:4321",
    });
  });

  it("each answer made once, its note with it, and found again when the shop's version moves", async () => {
    const v3 = await cachedPage("/products/honey");
    const v4 = { ...(await cachedPage("/products/honey")), route: "/products/[slug]" };
    const pages: Record<string, CachedPage> = { [keyFor("/products/honey")]: v3 };
    let snapshot = shop();
    const notes: AnswerFacts[] = [];
    const decide = createFastPath({
      snapshot: (host) => (host === HOST ? { kind: "found", snapshot } : undefined),
      page: (key) => pages[key],
      buildId: BUILD,
      note: (facts) => {
        notes.push(facts);
        return notes.length;
      },
    });
    const get = decide("GET", "/products/honey", headers());
    expect(decide("GET", "/products/honey?utm=1", headers())).toBe(get);
    const head = decide("HEAD", "/products/honey", headers());
    const etag = etagFor(keyFor("/products/honey"), BUILD);
    const unchanged = decide("GET", "/products/honey", headers({ "if-none-match": etag }));
    expect(decide("GET", "/products/honey", headers({ "if-none-match": etag }))).toBe(unchanged);
    if (get.kind !== "serve" || head.kind !== "serve" || unchanged.kind !== "serve") throw new Error("fell through");
    expect([get.note, head.note, unchanged.note]).toEqual([1, 2, 3]);
    expect(notes).toEqual([
      { route: "cached", shopId: "shop_1", method: "GET", status: 200, path: "/products/honey" },
      { route: "cached", shopId: "shop_1", method: "HEAD", status: 200, path: "/products/honey" },
      { route: "cached", shopId: "shop_1", method: "GET", status: 304, path: "/products/honey" },
    ]);
    // HEAD has the GET's headers, and no body; an answer cannot be changed by whoever writes it.
    expect(head.response.headers).toBe(get.response.headers);
    expect(head.response.body).toBeUndefined();
    expect(Object.isFrozen(get) && Object.isFrozen(get.response) && Object.isFrozen(get.response.headers)).toBe(true);

    // The shop publishes version 4: the remembered target finds the new key, not the old page.
    snapshot = { ...shop(), version: 4 } as unknown as Snapshot;
    expect(decide("GET", "/products/honey", headers())).toEqual({ kind: "fall-through", reason: "not-cached" });
    pages[pageKey({ shopId: "shop_1", version: 4, locale: "en", url: new URL(`http://${HOST}/products/honey`) })] = v4;
    const next = decide("GET", "/products/honey", headers());
    expect(next.kind === "serve" && next.route).toBe("/products/[slug]");
    expect(next.kind === "serve" && next.response.body).toBe(v4.bodies.br);
  });

  it("a page with a cart cookie but no preview cookie", async () => {
    const decide = await setup();
    expect(decide("GET", "/products/honey", headers({ cookie: "stall_cart=c1; stall_cart_count=2" })).kind).toBe(
      "serve",
    );
  });
});
