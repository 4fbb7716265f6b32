// A shop in two languages on the built storefront against the real API (decision 031): the owner's
// Chinese words on `?lang=zh-CN` in the page, its title and description, Open Graph, JSON-LD and
// hreflang pairs, the main language where there is no translation, and the cart in the buyer's language.
import { type BuiltServer, freePort, get, request, startBuiltServer } from "@stall/http-edge/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decode, h1Of, jsonLdOf, langOf, metaOf, textOf } from "./html.ts";
import { type OwnerSession, type RealApi, signUp, startRealApi } from "./real-api.ts";

const appDir = new URL("../", import.meta.url);
let api: RealApi;
let server: BuiltServer;
let owner: OwnerSession;
let host: string;

beforeAll(async () => {
  const port = await freePort();
  api = await startRealApi({ storefrontPort: port, seedDemo: false });
  server = await startBuiltServer(
    appDir,
    "STOREFRONT_PORT",
    { API_URL: api.url, PUBLIC_API_URL: api.publicUrl, STOREFRONT_ROOT_DOMAIN: "localhost" },
    { port },
  );
  owner = await signUp(api.url, "tea@languages.test");
  const shop = await owner.call<{ id: string }>("POST", "/v1/shops", {
    name: "Hill Tea",
    slug: "hill-tea",
    currency: "USD",
    locale: "en",
  });
  const base = `/v1/shops/${shop.id}`;
  await owner.call("PATCH", base, { extraLocales: ["zh-CN"] });
  const tea = await owner.call<{ id: string }>("POST", `${base}/products`, {
    title: "Green tea",
    slug: "green-tea",
    description: "Picked in **spring** on our hill.",
    options: [
      { name: "Size", values: ["Small", "Large"], translations: { "zh-CN": { name: "规格", values: ["小包"] } } },
    ],
    variants: [
      { optionValues: ["Small"], price: 900 },
      { optionValues: ["Large"], price: 1600 },
    ],
    translations: { "zh-CN": { title: "山上绿茶", description: "春天在我们的山上**采摘**。" } },
  });
  await owner.call("POST", `${base}/products`, { title: "Bamboo tray", slug: "tray", variants: [{ price: 2500 }] });
  await owner.call("POST", `${base}/collections`, {
    title: "Teas",
    slug: "teas",
    productIds: [tea.id],
    translations: { "zh-CN": { title: "茶叶" } },
  });
  await owner.call("POST", `${base}/pages`, {
    title: "About us",
    slug: "about",
    body: "We grow tea.",
    translations: { "zh-CN": { title: "关于我们", body: "我们种茶。" } },
  });
  await owner.call("POST", `${base}/pickup-points`, { name: "Market", address: "East gate" });
  await owner.call("POST", `${base}/publish`);
  host = `hill-tea.localhost:${port}`;
}, 120_000);

afterAll(async () => {
  await server?.stop();
  await api?.stop();
});

const page = (path: string, headers: Record<string, string> = {}) => get(server.port, path, { Host: host, ...headers });
const titleOf = (html: string) => textOf(html, "title");
const alternatesOf = (html: string) =>
  [...html.matchAll(/<link rel="alternate" hreflang="([^"]+)" href="([^"]+)"/g)].map((match) => [
    match[1],
    decode(match[2] ?? ""),
  ]);
const productLd = (html: string) =>
  // A product with sizes and colours is a ProductGroup (Google's variants), one without a Product.
  jsonLdOf(html).find((block) =>
    ["Product", "ProductGroup"].includes(String((block as { "@type"?: string })["@type"])),
  ) as Record<string, unknown>;

describe("a product in the shop's other language", () => {
  it("shows the Chinese title and description on ?lang=zh-CN: page, head, Open Graph, JSON-LD", async () => {
    const reply = await page("/products/green-tea?lang=zh-CN");
    expect(reply.status).toBe(200);
    expect(langOf(reply.body)).toBe("zh-CN");
    expect(h1Of(reply.body)).toBe("山上绿茶");
    expect(titleOf(reply.body)).toBe("山上绿茶 · Hill Tea");
    expect(metaOf(reply.body, "description")).toBe("春天在我们的山上采摘。");
    expect(decode(reply.body)).toContain("<strong>采摘</strong>");
    expect(metaOf(reply.body, "og:title")).toBe("山上绿茶");
    expect(metaOf(reply.body, "og:description")).toBe("春天在我们的山上采摘。");
    expect(metaOf(reply.body, "og:locale")).toBe("zh_CN");
    expect(metaOf(reply.body, "og:locale:alternate")).toBe("en");
    expect(productLd(reply.body)).toMatchObject({
      name: "山上绿茶",
      description: "春天在我们的山上采摘。",
      inLanguage: "zh-CN",
    });
    // The option in Chinese where it has words, the value itself where not; the form still posts the values.
    expect(textOf(reply.body, "legend")).toBe("规格");
    expect(reply.body).toMatch(/<input type="radio" name="option1" value="Small"[^>]*>\s*<span[^>]*>小包/);
    expect(reply.body).toMatch(/<input type="radio" name="option1" value="Large"[^>]*>\s*<span[^>]*>Large/);
    expect(alternatesOf(reply.body)).toEqual([
      ["en", `http://${host}/products/green-tea`],
      ["zh-CN", `http://${host}/products/green-tea?lang=zh-CN`],
      ["x-default", `http://${host}/products/green-tea`],
    ]);
  });

  it("shows the main language on the main address, with the same hreflang pairs", async () => {
    const reply = await page("/products/green-tea");
    expect(langOf(reply.body)).toBe("en");
    expect(h1Of(reply.body)).toBe("Green tea");
    expect(metaOf(reply.body, "og:title")).toBe("Green tea");
    expect(metaOf(reply.body, "og:locale")).toBe("en");
    expect(metaOf(reply.body, "og:locale:alternate")).toBe("zh_CN");
    expect(productLd(reply.body)).toMatchObject({ name: "Green tea", inLanguage: "en" });
    expect(textOf(reply.body, "legend")).toBe("Size");
    expect(alternatesOf(reply.body)).toEqual(alternatesOf((await page("/products/green-tea?lang=zh-CN")).body));
  });

  it("falls back to the main language where there is no translation, in a Chinese page", async () => {
    const reply = await page("/products/tray?lang=zh-CN");
    expect(langOf(reply.body)).toBe("zh-CN");
    expect(h1Of(reply.body)).toBe("Bamboo tray");
    expect(textOf(reply.body, "button")).toBe("加入购物车");
    expect(productLd(reply.body)).toMatchObject({ name: "Bamboo tray", inLanguage: "zh-CN" });
  });
});

describe("collections, pages, home and sitemap in the shop's other language", () => {
  it("shows the collection's and page's Chinese words, in the navigation too", async () => {
    const collection = await page("/collections/teas?lang=zh-CN");
    expect(h1Of(collection.body)).toBe("茶叶");
    expect(titleOf(collection.body)).toBe("茶叶 · Hill Tea");
    expect(collection.body).toContain("山上绿茶");
    expect(alternatesOf(collection.body).map(([language]) => language)).toEqual(["en", "zh-CN", "x-default"]);

    const about = await page("/pages/about?lang=zh-CN");
    expect(h1Of(about.body)).toBe("关于我们");
    expect(about.body).toContain("<p>我们种茶。</p>");
    expect(metaOf(about.body, "og:title")).toBe("关于我们");

    const home = await page("/?lang=zh-CN");
    expect(decode(home.body)).toMatch(/<a href="\/collections\/teas\?lang=zh-CN"[^>]*>茶叶<\/a>/);
    expect(decode(home.body)).toMatch(/<a href="\/pages\/about\?lang=zh-CN">关于我们<\/a>/);
    expect(alternatesOf(home.body)).toEqual([
      ["en", `http://${host}/`],
      ["zh-CN", `http://${host}/?lang=zh-CN`],
      ["x-default", `http://${host}/`],
    ]);
    expect(h1Of((await page("/pages/about")).body)).toBe("About us");
  });

  it("lists each page in each language in the sitemap, each with both alternates", async () => {
    const reply = await page("/sitemap.xml");
    const locs = [...reply.body.matchAll(/<loc>([^<]+)<\/loc>/g)].map((match) => decode(match[1] ?? ""));
    expect(locs).toContain(`http://${host}/products/green-tea`);
    expect(locs).toContain(`http://${host}/products/green-tea?lang=zh-CN`);
    const chineseEntry = /<url><loc>[^<]*green-tea\?lang=zh-CN<\/loc>.*?<\/url>/.exec(reply.body)?.[0] ?? "";
    expect(chineseEntry).toContain('hreflang="en"');
    expect(chineseEntry).toContain('hreflang="zh-CN"');
  });
});

describe("the cart in the language the buyer shops in", () => {
  it("names the product and its size in Chinese", async () => {
    const added = await request(server.port, {
      method: "POST",
      path: "/cart/add?lang=zh-CN",
      headers: { Host: host, Origin: `http://${host}`, "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ product: "green-tea", option1: "Small", quantity: "1" }).toString(),
    });
    expect(added.status).toBe(303);
    const cookie = (added.headers["set-cookie"] ?? [])
      .map((line) => line.split(";")[0])
      .filter(Boolean)
      .join("; ");
    const cart = await page("/cart?lang=zh-CN", { Cookie: cookie });
    expect(textOf(cart.body, "h2")).toBe("山上绿茶");
    expect(decode(cart.body)).toContain("小包");
    const english = await page("/cart", { Cookie: cookie });
    expect(textOf(english.body, "h2")).toBe("Green tea");
  });
});
