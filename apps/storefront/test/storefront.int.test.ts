// The built storefront against the real API: the seeded demo shop (English with Chinese, "market")
// and a second shop made through the API (Chinese, "studio"), every page type, caching, compression,
// the no-JavaScript cart, previews, and edits showing up.
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import { type BuiltServer, freePort, get, type Reply, request, startBuiltServer } from "@stall/http-edge/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decode, h1Of, jsonLdOf, landmarksOf, langOf, linkHref, metaOf, textOf } from "./html.ts";
import { logInDemoOwner, type OwnerSession, type RealApi, signUp, startRealApi } from "./real-api.ts";

const appDir = new URL("../", import.meta.url);
let api: RealApi;
let server: BuiltServer;
let tea: OwnerSession;
let teaShopId: string;
let demoHost: string;
let teaHost: string;
const teaProductIds: Record<string, string> = {};

const FILLER_PRODUCTS = 25;

beforeAll(async () => {
  const port = await freePort();
  api = await startRealApi({ storefrontPort: port });
  server = await startBuiltServer(
    appDir,
    "STOREFRONT_PORT",
    { API_URL: api.url, PUBLIC_API_URL: api.publicUrl, STOREFRONT_ROOT_DOMAIN: "localhost" },
    { port },
  );
  demoHost = `demo.localhost:${port}`;
  teaHost = `tea-hill.localhost:${port}`;

  tea = await signUp(api.url, "lin@tea-hill.test");
  const shop = await tea.call<{ id: string }>("POST", "/v1/shops", {
    name: "茶山小铺",
    slug: "tea-hill",
    currency: "CNY",
    locale: "zh-CN",
  });
  teaShopId = shop.id;
  await tea.call("PATCH", `/v1/shops/${shop.id}`, {
    themePreset: "studio",
    tagline: "自家茶园的春茶与手工茶具",
    contactPhone: "+86 571 8888 0000",
  });
  const products = `/v1/shops/${shop.id}/products`;
  const create = async (key: string, body: Record<string, unknown>) => {
    teaProductIds[key] = (await tea.call<{ id: string }>("POST", products, { status: "active", ...body })).id;
  };
  await create("longjing", {
    title: "龙井春茶",
    slug: "longjing",
    description: "明前采摘，**手工**炒制。",
    options: [{ name: "规格", values: ["50克", "100克"] }],
    variants: [
      { optionValues: ["50克"], price: 6800, stock: 20 },
      { optionValues: ["100克"], price: 12800, compareAtPrice: 14800, stock: 2 },
    ],
  });
  await create("cup", { title: "青瓷茶杯", slug: "青瓷茶杯", variants: [{ price: 4500, stock: 0 }] });
  await create("tray", { title: "竹编茶盘", slug: "bamboo-tray", variants: [{ price: 9900, stock: 8 }] });
  for (let index = 1; index <= FILLER_PRODUCTS; index += 1) {
    await create(`bag${index}`, {
      title: `茶包 ${index} 号`,
      slug: `tea-bag-${index}`,
      variants: [{ price: 100 * index }],
    });
  }
  await tea.call("POST", `/v1/shops/${shop.id}/collections`, {
    title: "全部茶品",
    slug: "all-tea",
    description: "茶园里的一切。",
    isFeatured: true,
    productIds: Object.values(teaProductIds),
  });
  await tea.call("POST", `/v1/shops/${shop.id}/pages`, {
    title: "关于我们",
    slug: "about",
    body: "我们是一家小茶园。",
    isPublished: true,
  });
  await tea.call("POST", `/v1/shops/${shop.id}/publish`);
}, 120_000);

afterAll(async () => {
  await server?.stop();
  await api?.stop();
});

const page = (host: string, path: string, headers: Record<string, string> = {}) =>
  get(server.port, path, { Host: host, ...headers });

/**
 * Asks for the page until `check` passes on it (an edit shows once the shop's snapshot is checked again,
 * within a second: proven on a fake clock in snapshot-store.test.ts); fails after `attempts` tries.
 */
async function pollPage(host: string, path: string, check: (reply: Reply) => boolean, attempts = 200) {
  for (let attempt = 0; attempt < attempts; attempt += 1) {
    const reply = await page(host, path);
    if (check(reply)) return { reply };
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`${path} on ${host} never passed the check`);
}

/** A browser's same-origin form post. */
function post(host: string, path: string, form: Record<string, string>, headers: Record<string, string> = {}) {
  return request(server.port, {
    method: "POST",
    path,
    headers: {
      Host: host,
      Origin: `http://${host}`,
      "Content-Type": "application/x-www-form-urlencoded",
      ...headers,
    },
    body: new URLSearchParams(form).toString(),
  });
}

/** The Cookie header a browser would send back, from a reply's Set-Cookie lines merged into a jar. */
function remember(jar: Map<string, string>, setCookies: string[] | undefined): string {
  for (const line of setCookies ?? []) {
    const [pair = ""] = line.split(";");
    const [name = "", value = ""] = pair.split("=");
    if (/max-age=0/i.test(line) || /expires=Thu, 01 Jan 1970/i.test(line)) jar.delete(name);
    else jar.set(name, value);
  }
  return [...jar].map(([name, value]) => `${name}=${value}`).join("; ");
}

describe("every page type, for two shops", () => {
  const pages = [
    ["demo", "/", "Fern Hill Market Stall", 200],
    ["demo", "/products/wildflower-honey", "Wildflower Honey", 200],
    ["demo", "/collections/pottery-and-home", "Pottery and home", 200],
    ["demo", "/pages/about", "About us", 200],
    ["demo", "/cart", "Your cart", 200],
    ["demo", "/checkout", "Checkout", 200],
    ["demo", "/orders/ord_01abc?token=secret", "Page not found", 404],
    ["demo", "/no-such-page", "Page not found", 404],
    ["tea", "/", "茶山小铺", 200],
    ["tea", "/products/longjing", "龙井春茶", 200],
    ["tea", `/products/${encodeURIComponent("青瓷茶杯")}`, "青瓷茶杯", 200],
    ["tea", "/collections/all-tea", "全部茶品", 200],
    ["tea", "/pages/about", "关于我们", 200],
    ["tea", "/cart", "你的购物车", 200],
    ["tea", "/checkout", "结账", 200],
    ["tea", "/orders/ord_01abc?token=secret", "找不到这个页面", 404],
    ["tea", "/products/no-such-thing", "找不到这个页面", 404],
  ] as const;

  it.each(pages)("%s %s: %s", async (shop, path, heading, status) => {
    const reply = await page(shop === "demo" ? demoHost : teaHost, path);
    expect(reply.status).toBe(status);
    expect(reply.headers["content-type"]).toBe("text/html; charset=utf-8");
    expect(reply.headers["x-content-type-options"]).toBe("nosniff");
    expect(reply.headers["content-security-policy"]).toContain("default-src 'none'");
    expect(langOf(reply.body)).toBe(shop === "demo" ? "en" : "zh-CN");
    expect(h1Of(reply.body)).toBe(heading);
    expect(landmarksOf(reply.body)).toEqual(["header", "nav", "main", "footer"]);
    expect(reply.body).toContain('<a class="skip" href="#main">');
    // The only script is the cart island, loaded as a module (never render-blocking).
    const scripts = [...reply.body.matchAll(/<script(?![^>]*application\/(?:ld\+)?json)[^>]*>/g)].map((m) => m[0]);
    expect(scripts).toHaveLength(1);
    expect(scripts[0]).toMatch(/^<script type="module" src="\/_astro\/[^"]+\.js">$/);
  });

  it("has no order page without the order's token", async () => {
    expect((await page(demoHost, "/orders/ord_01abc")).status).toBe(404);
  });

  it("serves the island script with nosniff and long caching", async () => {
    const home = await page(demoHost, "/");
    const src = /<script type="module" src="([^"]+)"/.exec(home.body)?.[1] ?? "";
    const script = await page(demoHost, src);
    expect(script.status).toBe(200);
    expect(script.headers["content-type"]).toContain("javascript");
    expect(script.headers["x-content-type-options"]).toBe("nosniff");
    expect(script.headers["cache-control"]).toContain("immutable");
    expect(script.body.length).toBeLessThan(3000);
  });
});

describe("each shop shows only its own things", () => {
  it("keeps the demo's products off the tea shop and the other way round", async () => {
    const demoPages = await Promise.all(
      ["/", "/collections/pottery-and-home", "/sitemap.xml"].map((p) => page(demoHost, p)),
    );
    const teaPages = await Promise.all(["/", "/collections/all-tea", "/sitemap.xml"].map((p) => page(teaHost, p)));
    for (const reply of demoPages) {
      expect(reply.body).not.toMatch(/龙井|茶包|tea-hill/);
    }
    for (const reply of teaPages) {
      expect(reply.body).not.toMatch(/Wildflower|Honey|Fern Hill|demo\.localhost/);
    }
  });

  it("does not find one shop's product under the other's address", async () => {
    expect((await page(demoHost, "/products/longjing")).status).toBe(404);
    expect((await page(teaHost, "/products/wildflower-honey")).status).toBe(404);
    expect((await page(teaHost, "/collections/pottery-and-home")).status).toBe(404);
  });

  it("answers an unknown host with the branded 404", async () => {
    const reply = await page(`nobody.localhost:${server.port}`, "/");
    expect(reply.status).toBe(404);
    expect(h1Of(reply.body)).toBe("No shop lives at this address");
  });
});

describe("caching", () => {
  it("answers 304 to a matching If-None-Match, for a CDN and for a browser", async () => {
    const first = await page(demoHost, "/products/beeswax-soy-candle");
    const etag = first.headers.etag ?? "";
    expect(etag).toMatch(/^W\/"[\w-]+"$/);
    expect(first.headers["cache-control"]).toBe("public, max-age=0, s-maxage=60, stale-while-revalidate=60");
    const again = await page(demoHost, "/products/beeswax-soy-candle", { "If-None-Match": etag });
    expect(again.status).toBe(304);
    expect(again.body).toBe("");
    expect(again.headers.etag).toBe(etag);
    expect(again.headers["x-content-type-options"]).toBe("nosniff");
    const other = await page(demoHost, "/products/goat-milk-soap", { "If-None-Match": etag });
    expect(other.status).toBe(200);
  });

  it("renders a page once for a burst of first visitors, all of whom get it whole", async () => {
    const replies = await Promise.all(
      Array.from({ length: 12 }, () => page(demoHost, "/products/linen-kitchen-apron")),
    );
    expect(new Set(replies.map((reply) => reply.status))).toEqual(new Set([200]));
    expect(new Set(replies.map((reply) => reply.body)).size).toBe(1);
    expect(new Set(replies.map((reply) => reply.headers.etag)).size).toBe(1);
  });

  it("answers HEAD with headers only, without keeping an empty page", async () => {
    const head = await request(server.port, {
      method: "HEAD",
      path: "/products/cherry-wood-cutting-board",
      headers: { Host: demoHost },
    });
    expect(head.status).toBe(200);
    expect(head.bytes.byteLength).toBe(0);
    const full = await page(demoHost, "/products/cherry-wood-cutting-board");
    expect(h1Of(full.body)).toBe("Cherry Wood Cutting Board");
  });

  it("gives each language its own ETag", async () => {
    const english = await page(demoHost, "/collections/pantry");
    const chinese = await page(demoHost, "/collections/pantry?lang=zh-CN");
    expect(english.headers.etag).not.toBe(chinese.headers.etag);
  });

  it.each([
    ["/", "public, max-age=0, s-maxage=60, stale-while-revalidate=60"],
    ["/collections/pantry", "public, max-age=0, s-maxage=60, stale-while-revalidate=60"],
    ["/pages/returns", "public, max-age=0, s-maxage=60, stale-while-revalidate=60"],
    ["/cart", "private, no-store"],
    ["/checkout", "private, no-store"],
    ["/products/wildflower-honey?notice=sold-out", "private, no-store"],
  ])("%s is sent with Cache-Control %s", async (path, cacheControl) => {
    const reply = await page(demoHost, path);
    expect(reply.headers["cache-control"]).toBe(cacheControl);
    if (cacheControl.startsWith("private")) expect(reply.headers.etag).toBeUndefined();
  });

  it.each([
    ["br", brotliDecompressSync],
    ["gzip", gunzipSync],
  ] as const)("compresses with %s when asked, caching the same page", async (encoding, decompress) => {
    const plain = await request(server.port, { path: "/products/hand-knit-wool-scarf", headers: { Host: demoHost } });
    const packed = await request(server.port, {
      path: "/products/hand-knit-wool-scarf",
      headers: { Host: demoHost, "Accept-Encoding": `${encoding}` },
    });
    expect(plain.headers["content-encoding"]).toBeUndefined();
    expect(packed.headers["content-encoding"]).toBe(encoding);
    expect(packed.headers.vary).toContain("Accept-Encoding");
    expect(Number(packed.headers["content-length"])).toBe(packed.bytes.byteLength);
    expect(packed.bytes.byteLength).toBeLessThan(plain.bytes.byteLength / 2);
    expect(decompress(packed.bytes).toString("utf8")).toBe(plain.bytes.toString("utf8"));
    expect(packed.headers.etag).toBe(plain.headers.etag);
  });
});

describe("product pages", () => {
  it("describe the product for search engines and chat apps", async () => {
    const reply = await page(demoHost, "/products/wildflower-honey");
    const canonical = `http://${demoHost}/products/wildflower-honey`;
    expect(linkHref(reply.body, "canonical")).toBe(canonical);
    expect(reply.body).toContain(`<link rel="alternate" hreflang="zh-CN" href="${canonical}?lang=zh-CN">`);
    expect(reply.body).toContain(`<link rel="alternate" hreflang="x-default" href="${canonical}">`);
    expect(metaOf(reply.body, "og:title")).toBe("Wildflower Honey");
    expect(metaOf(reply.body, "og:url")).toBe(canonical);
    expect(metaOf(reply.body, "og:type")).toBe("product");
    expect(metaOf(reply.body, "og:description")).toMatch(/^Raw, unfiltered honey/);
    expect(metaOf(reply.body, "product:price:amount")).toBe("9.50");
    expect(metaOf(reply.body, "product:price:currency")).toBe("USD");
    expect(metaOf(reply.body, "twitter:card")).toBe("summary_large_image");
    const image = metaOf(reply.body, "og:image") ?? "";
    // The product's last change is in the address, so chat apps fetch a new card after an edit.
    expect(image).toMatch(
      new RegExp(
        `^${api.publicUrl}/v1/storefront/${encodeURIComponent(demoHost)}/products/wildflower-honey/share\\.jpg\\?v=\\d{13}$`,
      ),
    );
    expect(metaOf(reply.body, "twitter:image")).toBe(image);
    const share = await fetch(image.replace(api.publicUrl, api.url));
    expect(share.status).toBe(200);
    expect(share.headers.get("content-type")).toBe("image/jpeg");
  });

  it("carry JSON-LD: a ProductGroup with a Product and Offer per variant, a Product for one without options", async () => {
    const reply = await page(demoHost, "/products/wildflower-honey");
    const [group] = jsonLdOf(reply.body) as {
      "@type": string;
      name: string;
      image: string[];
      hasVariant: { offers: { price: string; priceCurrency: string; availability: string } }[];
    }[];
    expect(group?.["@type"]).toBe("ProductGroup");
    expect(group?.name).toBe("Wildflower Honey");
    expect(group?.image[0]).toMatch(new RegExp(`^http://${demoHost}/media/[0-9a-f/]+\\.jpg$`));
    expect(group?.hasVariant.map(({ offers }) => [offers.price, offers.priceCurrency, offers.availability])).toEqual([
      ["9.50", "USD", "https://schema.org/InStock"],
      ["16.50", "USD", "https://schema.org/LimitedAvailability"],
    ]);
    const cup = await page(teaHost, `/products/${encodeURIComponent("青瓷茶杯")}`);
    const [sold] = jsonLdOf(cup.body) as { "@type": string; offers: Record<string, string> }[];
    expect(sold?.["@type"]).toBe("Product");
    expect(sold?.offers).toMatchObject({
      price: "45.00",
      priceCurrency: "CNY",
      availability: "https://schema.org/OutOfStock",
    });
  });

  it("show photos as responsive pictures from the shop's own origin, the first one eagerly", async () => {
    const reply = await page(demoHost, "/products/speckled-stoneware-mug");
    const pictures = [...reply.body.matchAll(/<picture>(.*?)<\/picture>/gs)].map((match) => match[1] ?? "");
    expect(pictures.length).toBeGreaterThan(1);
    const [first = "", second = ""] = pictures;
    expect(first).toMatch(/<source type="image\/avif" srcset="\/media\/[^"]+ 360w, [^"]+ 720w, [^"]+ 1200w"/);
    expect(first).toMatch(/<source type="image\/webp" srcset="\/media\//);
    expect(first).toMatch(
      /<img src="\/media\/[^"]+\.jpg" srcset="[^"]+" sizes="[^"]+" width="\d+" height="\d+" alt="[^"]+"/,
    );
    expect(first).toContain('loading="eager"');
    expect(first).toContain('fetchpriority="high"');
    expect(second).toContain('loading="lazy"');
    expect(second).toContain('decoding="async"');
    expect(reply.body).not.toContain(`${api.publicUrl}/media`);

    const src = /<img src="(\/media\/[^"]+)"/.exec(first)?.[1] ?? "";
    const photo = await request(server.port, { path: src, headers: { Host: demoHost } });
    expect(photo.status).toBe(200);
    expect(photo.headers["content-type"]).toBe("image/jpeg");
    expect(photo.headers["cache-control"]).toBe("public, max-age=31536000, immutable");
    expect(photo.headers["x-content-type-options"]).toBe("nosniff");
    expect(photo.bytes.subarray(0, 2).toString("hex")).toBe("ffd8");
    const missing = await request(server.port, { path: "/media/ab/cd/nope.jpg", headers: { Host: demoHost } });
    expect(missing.status).toBe(404);
  });

  it("show price, was-price, stock and options as plain choices", async () => {
    const reply = await page(teaHost, `/products/longjing?variant=${teaProductIds.longjing}`);
    expect(textOf(reply.body, "legend")).toBe("规格");
    expect(reply.body).toMatch(/<input type="radio" name="option1" value="50克" checked required>/);
    expect(reply.body).toContain('<form class="buy" method="post" action="/cart/add" data-cart-form>');
    expect(textOf(reply.body, "button")).toBe("加入购物车");
    expect(decode(reply.body)).toContain("¥68.00");
    const hundred = await page(teaHost, "/products/longjing");
    const variantData = JSON.parse(
      /<script type="application\/json" id="variant-data">(.*?)<\/script>/s.exec(hundred.body)?.[1] ?? "[]",
    );
    expect(variantData[1]).toMatchObject({ values: ["100克"], price: "¥128.00", was: "¥148.00", stock: "仅剩 2 件" });
    const sold = await page(teaHost, `/products/${encodeURIComponent("青瓷茶杯")}`);
    expect(/class="badge sold"[^>]*>([^<]*)/.exec(sold.body)?.[1]).toBe("已售完");
    expect(sold.body).toMatch(/<button class="button" type="submit" disabled>/);
  });

  it("show the compare-at price struck through, with words for screen readers", async () => {
    const reply = await page(demoHost, "/products/canvas-market-tote");
    expect(reply.body).toMatch(/<span class="was" data-was><span class="sr-only">was <\/span><s>\$26\.00<\/s><\/span>/);
  });

  it("speak Chinese with ?lang=zh-CN on a shop that offers it", async () => {
    const reply = await page(demoHost, "/products/wildflower-honey?lang=zh-CN");
    expect(langOf(reply.body)).toBe("zh-CN");
    expect(reply.headers["content-language"]).toBe("zh-CN");
    expect(textOf(reply.body, "button")).toBe("加入购物车");
    expect(linkHref(reply.body, "canonical")).toBe(`http://${demoHost}/products/wildflower-honey?lang=zh-CN`);
    expect(reply.body).toContain('action="/cart/add?lang=zh-CN"');
    expect(reply.body).toContain('<a href="/products/wildflower-honey" hreflang="en" lang="en">English</a>');
    // A shop in one language ignores the switch and has no alternates.
    const teaReply = await page(teaHost, "/?lang=en");
    expect(langOf(teaReply.body)).toBe("zh-CN");
    expect(teaReply.body).not.toContain('hreflang="');
  });

  it("move an old address to the new one with 301", async () => {
    await tea.call("PATCH", `/v1/shops/${teaShopId}/products/${teaProductIds.tray}`, { slug: "bamboo-tea-tray" });
    const { reply } = await pollPage(teaHost, "/products/bamboo-tray", (r) => r.status === 301);
    expect(reply.headers.location).toBe("/products/bamboo-tea-tray");
    expect((await page(teaHost, "/products/bamboo-tea-tray")).status).toBe(200);
  });

  it("show an owner's edit once the snapshot is checked again", async () => {
    const before = await page(teaHost, "/products/longjing");
    expect(h1Of(before.body)).toBe("龙井春茶");
    await tea.call("PATCH", `/v1/shops/${teaShopId}/products/${teaProductIds.longjing}`, { title: "明前龙井" });
    const { reply } = await pollPage(teaHost, "/products/longjing", (r) => h1Of(r.body) === "明前龙井");
    expect(reply.headers.etag).not.toBe(before.headers.etag);
  });
});

describe("collections", () => {
  it("page through 24 products at a time with rel prev/next", async () => {
    const total = 3 + FILLER_PRODUCTS;
    const first = await page(teaHost, "/collections/all-tea");
    expect(first.body.match(/<li class="card">/g)).toHaveLength(24);
    expect(decode(first.body)).toContain(`${total} 件商品`);
    expect(linkHref(first.body, "next")).toBe(`http://${teaHost}/collections/all-tea?page=2`);
    expect(linkHref(first.body, "prev")).toBeUndefined();
    const second = await page(teaHost, "/collections/all-tea?page=2");
    expect(second.status).toBe(200);
    expect(second.body.match(/<li class="card">/g)).toHaveLength(total - 24);
    expect(linkHref(second.body, "prev")).toBe(`http://${teaHost}/collections/all-tea`);
    expect(linkHref(second.body, "canonical")).toBe(`http://${teaHost}/collections/all-tea?page=2`);
    for (const bad of ["?page=3", "?page=0", "?page=abc"]) {
      expect((await page(teaHost, `/collections/all-tea${bad}`)).status).toBe(404);
    }
  });

  it("lazy-load all but the first row of photos", async () => {
    const reply = await page(demoHost, "/collections/handmade-gifts");
    const loading = [...reply.body.matchAll(/loading="(\w+)"/g)].map((match) => match[1]);
    expect(loading.slice(0, 2)).toEqual(["eager", "eager"]);
    expect(new Set(loading.slice(2))).toEqual(new Set(["lazy"]));
  });
});

describe("sitemap, robots and QR codes", () => {
  it("list every public page in the sitemap, with language alternates", async () => {
    const reply = await page(demoHost, "/sitemap.xml");
    expect(reply.status).toBe(200);
    expect(reply.headers["content-type"]).toBe("application/xml; charset=utf-8");
    expect(reply.body).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<urlset /);
    const locs = [...reply.body.matchAll(/<loc>([^<]+)<\/loc>/g)].map((match) => match[1]);
    expect(locs).toContain(`http://${demoHost}/`);
    expect(locs).toContain(`http://${demoHost}/products/wildflower-honey`);
    expect(locs).toContain(`http://${demoHost}/collections/pantry`);
    expect(locs).toContain(`http://${demoHost}/pages/about`);
    // Each page once per language (the demo shop speaks two).
    expect(locs).toHaveLength(2 * (1 + 4 + 17 + 3));
    expect(locs).toContain(`http://${demoHost}/products/wildflower-honey?lang=zh-CN`);
    expect(reply.body).toContain(
      `<xhtml:link rel="alternate" hreflang="zh-CN" href="http://${demoHost}/products/wildflower-honey?lang=zh-CN"/>`,
    );
  });

  it("allow crawling and name the sitemap in robots.txt", async () => {
    const reply = await page(teaHost, "/robots.txt");
    expect(reply.headers["content-type"]).toBe("text/plain; charset=utf-8");
    expect(reply.body).toBe(`User-agent: *\nAllow: /\n\nSitemap: http://${teaHost}/sitemap.xml\n`);
  });

  it.each(["/qr.svg", "/products/wildflower-honey/qr.svg"])("draws %s as an SVG QR code", async (path) => {
    const reply = await page(demoHost, path);
    expect(reply.status).toBe(200);
    expect(reply.headers["content-type"]).toBe("image/svg+xml; charset=utf-8");
    expect(reply.headers["content-security-policy"]).toBe("default-src 'none'; frame-ancestors 'none'");
    expect(reply.body).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"[^>]*viewBox="0 0 \d+ \d+"/);
    expect(reply.body).toContain("<path");
    expect((await page(demoHost, "/products/nothing/qr.svg")).status).toBe(404);
  });

  it("lets the versioned QR link be cached for a year", async () => {
    const home = await page(demoHost, "/");
    const link = /<a href="(\/qr\.svg\?v=\d+)">/.exec(home.body)?.[1] ?? "";
    expect(link).not.toBe("");
    expect((await page(demoHost, link)).headers["cache-control"]).toBe("public, max-age=31536000, immutable");
    expect((await page(demoHost, "/qr.svg?v=1")).headers["cache-control"]).toBe("public, max-age=3600");
  });
});

describe("the cart without JavaScript", () => {
  it("adds, updates and removes with form posts and a cookie", async () => {
    const jar = new Map<string, string>();
    const added = await post(demoHost, "/cart/add", { product: "wildflower-honey", option1: "16 oz", quantity: "1" });
    expect(added.status).toBe(303);
    expect(added.headers.location).toBe("/cart?notice=added");
    const setCookies = added.headers["set-cookie"] ?? [];
    const cartCookie = setCookies.find((line) => line.startsWith("stall_cart="));
    expect(cartCookie).toMatch(/^stall_cart=crt_\w+; Max-Age=2592000; Path=\/; HttpOnly; SameSite=Lax$/);
    expect(setCookies.find((line) => line.startsWith("stall_cart_count="))).toMatch(/^stall_cart_count=1;/);
    let cookie = remember(jar, setCookies);

    let cart = await page(demoHost, added.headers.location ?? "", { Cookie: cookie });
    expect(cart.headers["cache-control"]).toBe("private, no-store");
    expect(cart.body).toContain('<meta name="robots" content="noindex">');
    expect(textOf(cart.body, "h2")).toBe("Wildflower Honey");
    expect(decode(cart.body)).toContain("16 oz");
    expect(/class="totals"><span>Subtotal<\/span><span>([^<]+)</.exec(cart.body)?.[1]).toBe("$16.50");
    expect(/role="status">([^<]*)</.exec(cart.body)?.[1]).toBe("Added to cart");

    // Only 2 of the 16 oz jar are left: asking for 5 more puts in what there is and says so.
    const tooMany = await post(
      demoHost,
      "/cart/add",
      { product: "wildflower-honey", option1: "16 oz", quantity: "5" },
      { Cookie: cookie },
    );
    expect(tooMany.status).toBe(303);
    expect(tooMany.headers.location).toBe("/products/wildflower-honey?notice=limited&left=2");
    cookie = remember(jar, tooMany.headers["set-cookie"]);
    const notice = await page(demoHost, tooMany.headers.location ?? "", { Cookie: cookie });
    expect(notice.headers["cache-control"]).toBe("private, no-store");
    expect(decode(/data-cart-status>([^<]*)</.exec(notice.body)?.[1] ?? "")).toBe(
      "Only 2 left — we put 2 in your cart",
    );

    cart = await page(demoHost, "/cart", { Cookie: cookie });
    const line = /name="line" value="([^"]+)"/.exec(cart.body)?.[1] ?? "";
    expect(/name="quantity"[^>]*value="(\d+)"/.exec(cart.body)?.[1]).toBe("2");

    const updated = await post(demoHost, "/cart/update", { line, quantity: "1" }, { Cookie: cookie });
    expect(updated.headers.location).toBe("/cart?notice=updated");
    cookie = remember(jar, updated.headers["set-cookie"]);
    cart = await page(demoHost, "/cart", { Cookie: cookie });
    expect(/name="quantity"[^>]*value="(\d+)"/.exec(cart.body)?.[1]).toBe("1");
    expect(/class="totals"><span>Subtotal<\/span><span>([^<]+)</.exec(cart.body)?.[1]).toBe("$16.50");

    const capped = await post(demoHost, "/cart/update", { line, quantity: "9" }, { Cookie: cookie });
    expect(capped.headers.location).toBe("/cart?notice=limited&left=2");
    cookie = remember(jar, capped.headers["set-cookie"]);
    cart = await page(demoHost, capped.headers.location ?? "", { Cookie: cookie });
    expect(decode(/role="status">([^<]*)</.exec(cart.body)?.[1] ?? "")).toBe("Only 2 left — your cart now has 2");

    const removed = await post(demoHost, "/cart/remove", { line }, { Cookie: cookie });
    expect(removed.headers.location).toBe("/cart?notice=removed");
    cookie = remember(jar, removed.headers["set-cookie"]);
    expect(jar.get("stall_cart_count")).toBe("0");
    cart = await page(demoHost, "/cart", { Cookie: cookie });
    expect(cart.body).toContain("Your cart is empty.");
  });

  it("says when something is sold out, in the shop's language", async () => {
    const reply = await post(teaHost, "/cart/add", { product: "青瓷茶杯", quantity: "1" });
    expect(reply.status).toBe(303);
    expect(reply.headers.location).toBe(`/products/${encodeURIComponent("青瓷茶杯")}?notice=sold-out`);
    const notice = await page(teaHost, reply.headers.location ?? "");
    expect(/data-cart-status>([^<]*)</.exec(notice.body)?.[1]).toBe("抱歉，这件已售完");
  });

  it("keeps the page language through the post", async () => {
    const reply = await post(demoHost, "/cart/add?lang=zh-CN", { product: "canvas-market-tote", quantity: "1" });
    expect(reply.headers.location).toBe("/cart?notice=added&lang=zh-CN");
    const cookie = remember(new Map(), reply.headers["set-cookie"]);
    const cart = await page(demoHost, reply.headers.location ?? "", { Cookie: cookie });
    expect(langOf(cart.body)).toBe("zh-CN");
    expect(/role="status">([^<]*)</.exec(cart.body)?.[1]).toBe("已加入购物车");
  });

  it("sends a visit to a form's address to the cart", async () => {
    const reply = await page(demoHost, "/cart/add");
    expect(reply.status).toBe(303);
    expect(reply.headers.location).toBe("/cart");
  });

  it("answers the island's fetch with JSON", async () => {
    const reply = await post(
      demoHost,
      "/cart/add",
      { product: "goat-milk-soap", option1: "Lavender", quantity: "2" },
      { Accept: "application/json", "Sec-Fetch-Site": "same-origin" },
    );
    expect(reply.status).toBe(200);
    expect(reply.headers["content-type"]).toBe("application/json; charset=utf-8");
    expect(JSON.parse(reply.bytes.toString())).toEqual({
      ok: true,
      message: "Added to cart",
      itemCount: 2,
      cartUrl: "/cart",
      cartLabel: "View cart",
    });
  });

  it.each([
    [{ Origin: "http://evil.example" }],
    [{ Origin: "http://evil.example", "Sec-Fetch-Site": "cross-site" }],
    [{ Origin: "", "Sec-Fetch-Site": "same-site" }],
  ])("refuses a post from another site (%j) with 403", async (headers) => {
    const reply = await post(demoHost, "/cart/add", { product: "goat-milk-soap", quantity: "1" }, headers);
    expect(reply.status).toBe(403);
    expect(reply.headers["set-cookie"]).toBeUndefined();
    expect(h1Of(reply.bytes.toString())).toBe("That form came from another website");
  });
});

describe("an unpublished shop", () => {
  it("is not found, except through its owner's preview link", async () => {
    const owner = await signUp(api.url, "draft@example.test");
    const shop = await owner.call<{ id: string }>("POST", "/v1/shops", {
      name: "Draft Pickles",
      slug: "draft-pickles",
      currency: "EUR",
      locale: "en",
    });
    await owner.call("PATCH", `/v1/shops/${shop.id}`, { themePreset: "kitchen" });
    await owner.call("POST", `/v1/shops/${shop.id}/products`, {
      title: "Green Tomato Chutney",
      slug: "chutney",
      status: "active",
      variants: [{ price: 650, stock: 3 }],
    });
    const host = `draft-pickles.localhost:${server.port}`;
    const hidden = await page(host, "/");
    expect(hidden.status).toBe(404);
    expect(h1Of(hidden.body)).toBe("No shop lives at this address");

    // PREVIEW (lands with the API's preview tokens): the owner's link opens the shop, marked as a preview.
    const link = await owner.call<{ url: string }>("POST", `/v1/shops/${shop.id}/preview-link`);
    const url = new URL(link.url);
    expect(url.host).toBe(host);
    const preview = await page(host, `${url.pathname}${url.search}`);
    expect(preview.status).toBe(200);
    expect(h1Of(preview.body)).toBe("Draft Pickles");
    expect(preview.body).toContain('<p class="preview-banner">Preview: shoppers can&#39;t see this yet</p>');
    expect(preview.body).toContain('<meta name="robots" content="noindex">');
    expect(preview.headers["cache-control"]).toBe("private, no-store");
    expect(preview.headers.etag).toBeUndefined();
    const cookie = (preview.headers["set-cookie"] ?? []).find((line) => line.startsWith("stall_preview="));
    expect(cookie).toMatch(/^stall_preview=[^;]+; Max-Age=604800; Path=\/; HttpOnly; SameSite=Lax$/);

    // The cookie opens the rest of the shop; without it, still nothing.
    const product = await page(host, "/products/chutney", { Cookie: remember(new Map(), [cookie ?? ""]) });
    expect(product.status).toBe(200);
    expect(h1Of(product.body)).toBe("Green Tomato Chutney");
    expect(product.headers["cache-control"]).toBe("private, no-store");
    // The API refuses carts for an unpublished shop: no add-to-cart form, a word on when ordering opens.
    expect(product.body).not.toContain("data-cart-form");
    expect(product.body).toContain("Ordering opens when the shop is published");
    expect((await page(host, "/products/chutney")).status).toBe(404);
    expect((await page(host, "/?preview=not-a-real-token")).status).toBe(404);

    // Published, it is everyone's, without the banner.
    await owner.call("POST", `/v1/shops/${shop.id}/publish`);
    const { reply } = await pollPage(host, "/", (r) => r.status === 200);
    expect(reply.body).not.toContain('<p class="preview-banner">');
    expect(reply.headers["cache-control"]).toBe("public, max-age=0, s-maxage=60, stale-while-revalidate=60");
  });
});

describe("the demo owner's theme choice", () => {
  it("changes the page's design tokens once the snapshot is checked again", async () => {
    const demo = await logInDemoOwner(api.url);
    const me = await demo.call<{ memberships: { shopId: string }[] }>("GET", "/v1/me");
    const shopId = me.memberships[0]?.shopId ?? "";
    const before = await page(demoHost, "/pages/delivery");
    expect(before.body).toContain(":root{--bg:#fbf6ee;");
    await demo.call("PATCH", `/v1/shops/${shopId}`, { themePreset: "kitchen", themeTokens: { accent: "#f5c400" } });
    try {
      const { reply } = await pollPage(demoHost, "/pages/delivery", (r) => r.body.includes(":root{--bg:#fff6dc;"));
      // A yellow accent is too light for text on cream: links get a darker shade of it.
      expect(reply.body).toContain("--accent:#f5c400;");
      expect(reply.body).not.toContain("--link:#f5c400;");
    } finally {
      await demo.call("PATCH", `/v1/shops/${shopId}`, { themePreset: "market", themeTokens: {} });
    }
  });
});
