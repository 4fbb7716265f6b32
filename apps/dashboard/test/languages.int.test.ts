// The built dashboard against the real API: the languages a shop speaks (settings), and the words of a
// product, a group of products and a page in the shop's other language, each on its own page, with
// plain form posts (no JavaScript), another shop's owner kept out (404) and a helper without the right
// told so (403).
import { createApiClient } from "@stall/api-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Browser, linkFromMail, type Stack, startStack } from "./stack.ts";

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
}, 60_000);
afterAll(async () => {
  await stack?.stop();
});

let counter = 0;
const uniqueEmail = (name: string) => `${name}-languages-${++counter}@example.test`;
const password = "noodles every saturday";
const apiAs = (token: string) => createApiClient({ baseUrl: stack.apiUrl, token });

async function ownerWithShop(acceptLanguage?: string) {
  const browser = new Browser(stack.dashboardUrl, acceptLanguage ? { acceptLanguage } : {});
  const email = uniqueEmail("owner");
  expect((await browser.post("/sign-up", { name: "Mei", email, password })).status).toBe(303);
  const created = await browser.post("/new-shop", { name: "Mei's Tea", slug: "", currency: "CNY" });
  const shopId = /\/shops\/([^/]+)\//.exec(created.location ?? "")?.[1] ?? "";
  expect(shopId).not.toBe("");
  const api = apiAs(browser.cookies.get("stall_session") ?? "");
  const product = (
    await api.POST("/v1/shops/{shopId}/products", {
      params: { path: { shopId } },
      body: {
        title: "Green tea",
        description: "Picked in spring.",
        options: [{ name: "Size", values: ["Small", "Large"] }],
        variants: [
          { optionValues: ["Small"], price: 900 },
          { optionValues: ["Large"], price: 1600 },
        ],
      },
    })
  ).data;
  const collection = (
    await api.POST("/v1/shops/{shopId}/collections", { params: { path: { shopId } }, body: { title: "Teas" } })
  ).data;
  const page = (
    await api.POST("/v1/shops/{shopId}/pages", {
      params: { path: { shopId } },
      body: { title: "About us", body: "We grow tea." },
    })
  ).data;
  return {
    browser,
    shopId,
    api,
    productId: product?.id ?? "",
    collectionId: collection?.id ?? "",
    pageId: page?.id ?? "",
  };
}

const fieldValue = (html: string, name: string) =>
  new RegExp(`<input[^>]*name="${name}"[^>]*value="([^"]*)"`).exec(html)?.[1] ??
  new RegExp(`<input[^>]*value="([^"]*)"[^>]*name="${name}"`).exec(html)?.[1];
const areaText = (html: string, name: string) =>
  new RegExp(`<textarea[^>]*name="${name}"[^>]*>([^<]*)</textarea>`).exec(html)?.[1];

describe("languages your shop speaks", () => {
  it("adds Chinese from the settings, and the editors link to the words pages once it is there", async () => {
    const owner = await ownerWithShop();
    const settings = await owner.browser.get(`/shops/${owner.shopId}/settings`);
    const path = `/shops/${owner.shopId}/settings/languages`;
    expect(settings.body).toContain(`href="${path}"`);
    const editor = `/shops/${owner.shopId}/products/${owner.productId}`;
    expect((await owner.browser.get(editor)).body).not.toContain("data-words-link");

    const page = await owner.browser.get(path);
    expect(page.status).toBe(200);
    expect(page.body).toContain("Languages your shop speaks");
    expect(page.body).toContain("Main language: English");
    const saved = await owner.browser.post(path, { extraLocales: "zh-CN" });
    expect(saved.status).toBe(303);
    expect(saved.location).toBe(`${path}?saved=1`);
    expect((await owner.browser.get(saved.location ?? "")).body).toMatch(/value="zh-CN"[^>]*checked/);
    const shop = (await owner.api.GET("/v1/shops/{shopId}", { params: { path: { shopId: owner.shopId } } })).data;
    expect(shop?.extraLocales).toEqual(["zh-CN"]);

    expect((await owner.browser.get(editor)).body).toContain(`href="${editor}/languages">Chinese words</a>`);
    const collectionEditor = `/shops/${owner.shopId}/collections/${owner.collectionId}`;
    expect((await owner.browser.get(collectionEditor)).body).toContain(`href="${collectionEditor}/languages"`);
    const pageEditor = `/shops/${owner.shopId}/shop-pages/${owner.pageId}`;
    expect((await owner.browser.get(pageEditor)).body).toContain(`href="${pageEditor}/languages"`);

    // Unticking takes it away again.
    expect((await owner.browser.post(path, {})).status).toBe(303);
    const after = (await owner.api.GET("/v1/shops/{shopId}", { params: { path: { shopId: owner.shopId } } })).data;
    expect(after?.extraLocales).toEqual([]);
  });
});

describe("words in the shop's other language", () => {
  it("saves a product's Chinese name, description and choices, and shows them again", async () => {
    const owner = await ownerWithShop();
    await owner.browser.post(`/shops/${owner.shopId}/settings/languages`, { extraLocales: "zh-CN" });
    const path = `/shops/${owner.shopId}/products/${owner.productId}/languages`;
    const page = await owner.browser.get(path);
    expect(page.status).toBe(200);
    expect(page.body).toContain("<h1>Chinese words for this product</h1>");
    expect(page.body).toContain("In English: Green tea");
    expect(page.body).toMatch(/<input id="title" name="title" lang="zh-CN"/);

    const saved = await owner.browser.post(path, {
      title: "绿茶",
      description: "春天采摘。",
      "optionName-0": "规格",
      "optionValue-0-0": "小包",
      "optionValue-0-1": "",
      seoTitle: "",
      seoDescription: "",
    });
    expect(saved.status).toBe(303);
    expect(saved.location).toBe(`${path}?saved=1`);
    const again = await owner.browser.get(saved.location ?? "");
    expect(again.body).toContain("Saved. Buyers see them within a minute.");
    expect(fieldValue(again.body, "title")).toBe("绿茶");
    expect(areaText(again.body, "description")).toBe("春天采摘。");
    expect(fieldValue(again.body, "optionValue-0-0")).toBe("小包");
    const product = (
      await owner.api.GET("/v1/shops/{shopId}/products/{productId}", {
        params: { path: { shopId: owner.shopId, productId: owner.productId } },
      })
    ).data;
    expect(product?.translations).toEqual({ "zh-CN": { title: "绿茶", description: "春天采摘。" } });
    expect(product?.options[0]?.translations).toEqual({ "zh-CN": { name: "规格", values: ["小包"] } });
    expect(product?.title).toBe("Green tea");
  });

  it("shows a too-long word back with the error tied to its box and everything typed kept", async () => {
    const owner = await ownerWithShop();
    await owner.browser.post(`/shops/${owner.shopId}/settings/languages`, { extraLocales: "zh-CN" });
    const path = `/shops/${owner.shopId}/products/${owner.productId}/languages`;
    const reply = await owner.browser.post(path, { title: "茶".repeat(201), description: "好茶" });
    expect(reply.status).toBe(422);
    expect(reply.body).toContain('href="#title"');
    expect(reply.body).toMatch(/<input id="title"[^>]*aria-invalid="true"/);
    expect(reply.body).toContain("Shorten these words");
    expect(areaText(reply.body, "description")).toBe("好茶");
  });

  it("for a shop whose main language is Chinese, saves a group's and a page's English words, in Chinese", async () => {
    const owner = await ownerWithShop("zh-CN");
    const languages = await owner.browser.get(`/shops/${owner.shopId}/settings/languages`);
    expect(languages.body).toContain("主要语言：中文");
    expect(languages.body).toMatch(/value="en"/);
    expect(languages.body).not.toMatch(/value="zh-CN"/);
    await owner.browser.post(`/shops/${owner.shopId}/settings/languages`, { extraLocales: "en" });
    const collectionPath = `/shops/${owner.shopId}/collections/${owner.collectionId}/languages`;
    const collectionPage = await owner.browser.get(collectionPath);
    expect(collectionPage.body).toContain("<h1>这个分组的英文</h1>");
    expect(collectionPage.body).toMatch(/<input id="title" name="title" lang="en"/);
    expect((await owner.browser.post(collectionPath, { title: "Teas", description: "From the hill" })).location).toBe(
      `${collectionPath}?saved=1`,
    );
    const pagePath = `/shops/${owner.shopId}/shop-pages/${owner.pageId}/languages`;
    const contentPage = await owner.browser.get(pagePath);
    expect(contentPage.body).toContain("<h1>这个页面的英文</h1>");
    expect(contentPage.body).toContain("中文：About us");
    expect((await owner.browser.post(pagePath, { title: "About", body: "We **grow** tea." })).location).toBe(
      `${pagePath}?saved=1`,
    );
    const shopId = owner.shopId;
    const collection = (
      await owner.api.GET("/v1/shops/{shopId}/collections/{id}", {
        params: { path: { shopId, id: owner.collectionId } },
      })
    ).data;
    expect(collection?.translations).toEqual({ en: { title: "Teas", description: "From the hill" } });
    const page = (
      await owner.api.GET("/v1/shops/{shopId}/pages/{id}", { params: { path: { shopId, id: owner.pageId } } })
    ).data;
    expect(page?.translations.en).toMatchObject({ title: "About", html: "<p>We <strong>grow</strong> tea.</p>" });
  });

  it("says the shop speaks one language, with the way to add one, when it does", async () => {
    const owner = await ownerWithShop();
    const reply = await owner.browser.get(`/shops/${owner.shopId}/products/${owner.productId}/languages`);
    expect(reply.status).toBe(200);
    expect(reply.body).toContain("Your shop speaks one language.");
    expect(reply.body).toContain(`href="/shops/${owner.shopId}/settings/languages"`);
  });

  it("gives another shop's owner 404 for this shop's words pages, and changes nothing", async () => {
    const a = await ownerWithShop();
    const b = await ownerWithShop();
    await a.browser.post(`/shops/${a.shopId}/settings/languages`, { extraLocales: "zh-CN" });
    await b.browser.post(`/shops/${b.shopId}/settings/languages`, { extraLocales: "zh-CN" });
    const paths = [
      `/shops/${a.shopId}/products/${a.productId}/languages`,
      `/shops/${a.shopId}/collections/${a.collectionId}/languages`,
      `/shops/${a.shopId}/shop-pages/${a.pageId}/languages`,
      `/shops/${a.shopId}/settings/languages`,
      // A's ids under B's shop.
      `/shops/${b.shopId}/products/${a.productId}/languages`,
      `/shops/${b.shopId}/collections/${a.collectionId}/languages`,
      `/shops/${b.shopId}/shop-pages/${a.pageId}/languages`,
    ];
    for (const path of paths) {
      const shown = await b.browser.get(path);
      expect(shown.status, path).toBe(404);
      expect(shown.body, path).not.toContain("Green tea");
      expect((await b.browser.post(path, { title: "偷", extraLocales: "zh-CN" })).status, path).toBe(404);
    }
    const product = (
      await a.api.GET("/v1/shops/{shopId}/products/{productId}", {
        params: { path: { shopId: a.shopId, productId: a.productId } },
      })
    ).data;
    expect(product?.translations).toEqual({});
  });

  it("tells a helper without the rights that their access does not include these pages", async () => {
    const owner = await ownerWithShop();
    await owner.browser.post(`/shops/${owner.shopId}/settings/languages`, { extraLocales: "zh-CN" });
    const helperEmail = uniqueEmail("helper");
    const invited = await owner.browser.post(`/shops/${owner.shopId}/team`, {
      do: "invite",
      rights: "orders",
      email: helperEmail,
    });
    expect(invited.status).toBe(200);
    const link = new URL(await linkFromMail(stack.mailDir, helperEmail, "/invites/accept?token="));
    const helper = new Browser(stack.dashboardUrl);
    const landing = await helper.get(`${link.pathname}${link.search}`);
    const signUpHref = /href="(\/sign-up\?next=[^"]+)"/.exec(landing.body)?.[1]?.replace(/&amp;/g, "&") ?? "";
    await helper.post(signUpHref, { name: "Grandson", email: helperEmail, password });
    const accept = await helper.get(`${link.pathname}${link.search}`);
    const token = /name="token" value="([^"]+)"/.exec(accept.body)?.[1] ?? "";
    expect((await helper.post("/invites/accept", { token })).status).toBe(303);

    for (const [path, right] of [
      [`/shops/${owner.shopId}/products/${owner.productId}/languages`, "products"],
      [`/shops/${owner.shopId}/collections/${owner.collectionId}/languages`, "products"],
      [`/shops/${owner.shopId}/shop-pages/${owner.pageId}/languages`, ""],
      [`/shops/${owner.shopId}/settings/languages`, "settings"],
    ] as const) {
      const shown = await helper.get(path);
      expect(shown.status, path).toBe(403);
      expect(shown.body, path).toContain("Your helper access does not include");
      if (right) expect(shown.body, path).toContain(right);
      expect((await helper.post(path, { title: "x", extraLocales: "" })).status, path).toBe(403);
    }
    const product = (
      await owner.api.GET("/v1/shops/{shopId}/products/{productId}", {
        params: { path: { shopId: owner.shopId, productId: owner.productId } },
      })
    ).data;
    expect(product?.translations).toEqual({});
  });
});
