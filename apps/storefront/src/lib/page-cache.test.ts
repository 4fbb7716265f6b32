import { brotliDecompressSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { type CachedPage, createPageCache, etagFor, matchesEtag, pageKey } from "./page-cache.ts";

const key = (url: string, version = 1, locale = "en") =>
  pageKey({ shopId: "shop_1", version, locale, url: new URL(url, "http://demo.localhost") });

describe("pageKey", () => {
  it("separates shop versions, languages and paths", () => {
    const keys = new Set([
      key("/"),
      key("/", 2),
      key("/", 1, "zh-CN"),
      key("/products/honey"),
      key("/collections/tea?page=2"),
      pageKey({ shopId: "shop_2", version: 1, locale: "en", url: new URL("http://x/") }),
    ]);
    expect(keys.size).toBe(6);
  });

  it("keeps only the query parameters pages read, in a fixed order", () => {
    expect(key("/collections/tea?utm_source=chat&page=2")).toBe(key("/collections/tea?page=2"));
    expect(key("/products/mug?variant=v1&page=1")).toBe(key("/products/mug?page=1&variant=v1"));
    expect(key("/products/mug?fbclid=abc")).toBe(key("/products/mug"));
    expect(key("/collections/tea?page=%3Cb%3E")).toContain("page=%3Cb%3E");
  });

  it("keeps a tag filter apart from the unfiltered list and from another tag", () => {
    const keys = new Set([key("/"), key("/?tag=Tea"), key("/?tag=Gift"), key("/collections/tea?tag=Tea&page=2")]);
    expect(keys.size).toBe(4);
    expect(key("/?tag=Tea&utm_source=chat")).toBe(key("/?tag=Tea"));
  });
});

describe("etagFor / matchesEtag", () => {
  const etag = etagFor(key("/"), "build-1");

  it("is a weak, quoted tag that changes with the key and the build", () => {
    expect(etag).toMatch(/^W\/"[A-Za-z0-9_-]{27}"$/);
    expect(etagFor(key("/"), "build-1")).toBe(etag);
    expect(etagFor(key("/"), "build-2")).not.toBe(etag);
    expect(etagFor(key("/", 2), "build-1")).not.toBe(etag);
  });

  it.each([
    [etag, true],
    [etag.slice(2), true],
    [`"other", ${etag}`, true],
    ["*", true],
    ['W/"other"', false],
    ["", false],
    [null, false],
  ])("If-None-Match %s matches: %s", (header, expected) => {
    expect(matchesEtag(header, etag)).toBe(expected);
  });
});

describe("createPageCache", () => {
  const page = (text: string): CachedPage => {
    const identity = new TextEncoder().encode(text);
    return {
      status: 200,
      headers: [["content-type", "text/html; charset=utf-8"]],
      size: identity.byteLength,
      bodies: { identity },
    };
  };

  it("keeps each encoding once it has been asked for", async () => {
    const cache = createPageCache();
    const stored = page("<p>Honey</p>".repeat(200));
    cache.set("k", stored);
    const before = cache.heldBytes;
    const br = await cache.body("k", stored, "br");
    expect(new TextDecoder().decode(brotliDecompressSync(br))).toBe("<p>Honey</p>".repeat(200));
    expect(await cache.body("k", stored, "br")).toBe(br);
    expect(cache.heldBytes).toBe(before + br.byteLength);
  });

  it("renders a page once for callers arriving together", async () => {
    const cache = createPageCache();
    let renders = 0;
    let finish: (page: CachedPage) => void = () => {};
    const render = () => {
      renders += 1;
      return new Promise<CachedPage>((resolve) => {
        finish = resolve;
      });
    };
    const waiting = Promise.all([cache.fill("k", render), cache.fill("k", render), cache.fill("k", render)]);
    finish(page("<p>once</p>"));
    const results = await waiting;
    expect(renders).toBe(1);
    expect(new Set(results).size).toBe(1);
    expect(cache.get("k")).toBe(results[0]);
  });

  it("gives waiters nothing when the page may not be shared or the render failed", async () => {
    const cache = createPageCache();
    const [owner, waiter] = await Promise.all([
      cache.fill("k", async () => undefined),
      cache.fill("k", async () => page("never runs")),
    ]);
    expect(owner).toBeUndefined();
    expect(waiter).toBeUndefined();
    expect(cache.get("k")).toBeUndefined();
    const failed = cache.fill("f", async () => {
      throw new Error("render failed");
    });
    const failedWaiter = cache.fill("f", async () => page("never runs"));
    await expect(failed).rejects.toThrow("render failed");
    expect(await failedWaiter).toBeUndefined();
  });

  it("drops the least recently used pages past its byte budget", () => {
    const cache = createPageCache({ maxBytes: 10_000 });
    for (let index = 0; index < 10; index += 1) cache.set(`k${index}`, page("x".repeat(3000)));
    expect(cache.heldBytes).toBeLessThanOrEqual(10_000);
    expect(cache.get("k9")).toBeDefined();
    expect(cache.get("k0")).toBeUndefined();
  });
});
