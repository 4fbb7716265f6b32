// The products pages on the built dashboard against the real API: the list, the editor, the quick
// count edit, sizes and colours, copies, rights, tenant isolation, CSRF and the photo's body limit.

import { createApiClient } from "@stall/api-client";
import sharp from "sharp";
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
const uniqueEmail = (name: string) => `${name}-products-${++counter}@example.test`;
const password = "noodles every saturday";
const photo = () =>
  sharp({ create: { width: 640, height: 480, channels: 3, background: "#d08c3a" } })
    .jpeg()
    .toBuffer()
    .then((bytes) => new Blob([new Uint8Array(bytes)], { type: "image/jpeg" }));
const pathOf = (link: string) => {
  const url = new URL(link);
  return `${url.pathname}${url.search}`;
};
const idFrom = (location: string | null) => /\/products\/([^/?#]+)/.exec(location ?? "")?.[1] ?? "";

/** A new owner with a shop (no products yet), signed up through the dashboard. */
async function newOwner() {
  const browser = new Browser(stack.dashboardUrl);
  const email = uniqueEmail("owner");
  expect((await browser.post("/sign-up", { name: "Mei", email, password })).status).toBe(303);
  const created = await browser.post("/new-shop", { name: "Mei's Noodles", slug: "", currency: "CNY" });
  const shopId = /\/shops\/([^/]+)\//.exec(created.location ?? "")?.[1] ?? "";
  const api = createApiClient({ baseUrl: stack.apiUrl, token: browser.cookies.get("stall_session") ?? "" });
  const product = async (productId: string) =>
    (await api.GET("/v1/shops/{shopId}/products/{productId}", { params: { path: { shopId, productId } } })).data;
  const all = async () =>
    (await api.GET("/v1/shops/{shopId}/products", { params: { path: { shopId } } })).data?.items ?? [];
  return { browser, email, shopId, api, product, all };
}

describe("the products pages, without JavaScript", () => {
  it("add a product with a photo, list it, change it, and change its count from the list", async () => {
    const owner = await newOwner();
    const base = `/shops/${owner.shopId}/products`;
    const empty = await owner.browser.get(base);
    expect(empty.status).toBe(200);
    expect(empty.body).toContain("No products here yet.");
    expect(empty.body).toContain(`href="${base}/new"`);
    expect(empty.body).toContain(`href="${base}" aria-current="page"`);

    const added = await owner.browser.post(`${base}/new`, {
      photo: await photo(),
      title: "Hand-pulled noodles",
      description: "Made **every** morning.",
      price: "12.50",
      stock: "20",
      status: "active",
      action: "save",
    });
    expect(added.status).toBe(303);
    const productId = idFrom(added.location);
    expect(added.location).toBe(`${base}/${productId}?saved=1`);
    const saved = await owner.product(productId);
    expect(saved?.title).toBe("Hand-pulled noodles");
    expect(saved?.description).toBe("Made **every** morning.");
    expect(saved?.status).toBe("active");
    expect(saved?.variants.map((variant) => [variant.price, variant.stock])).toEqual([[1250, 20]]);
    expect(saved?.photos).toHaveLength(1);

    const list = await owner.browser.get(base);
    expect(list.body).toContain("Hand-pulled noodles");
    expect(list.body).toContain("20 left");
    expect(list.body).toContain("On sale");
    expect(list.body).toMatch(/<img src="[^"]+" width="64" height="64"/);

    // The editor shows what is saved, and saves a change (keeping the photo without sending it again).
    const editor = await owner.browser.get(`${base}/${productId}`);
    expect(editor.body).toContain('value="Hand-pulled noodles"');
    expect(editor.body).toContain('value="12.50"');
    // The saved photo shows, and is kept without being sent again.
    const mediaId = saved?.photos[0]?.id ?? "";
    expect(editor.body).toContain(saved?.photos[0]?.renditions.find((item) => item.format === "jpeg")?.url);
    const changed = await owner.browser.post(`${base}/${productId}`, {
      title: "Noodles",
      description: "",
      price: "13",
      stock: "20",
      status: "draft",
      action: "save",
    });
    expect(changed.location).toBe(`${base}/${productId}?saved=1`);
    const after = await owner.product(productId);
    expect(after?.title).toBe("Noodles");
    expect(after?.status).toBe("draft");
    expect(after?.variants[0]?.id).toBe(saved?.variants[0]?.id);
    expect(after?.variants[0]?.price).toBe(1300);
    expect(after?.photos.map((item) => item.id)).toEqual([mediaId]);

    // Filters: the draft shows under "Draft", not under "On sale".
    expect((await owner.browser.get(`${base}?status=draft`)).body).toContain("Noodles");
    expect((await owner.browser.get(`${base}?status=active`)).body).toContain("No products here yet.");

    // Quick count edit from the list.
    const variantId = after?.variants[0]?.id ?? "";
    const counted = await owner.browser.post(`${base}?status=draft`, { productId, variantId, stock: "7" });
    expect(counted.status).toBe(303);
    expect(counted.location).toBe(`${base}?status=draft&saved=${productId}#product-${productId}`);
    expect((await owner.product(productId))?.variants[0]?.stock).toBe(7);
    expect((await owner.browser.follow(counted)).body).toContain("Saved.");
    const bad = await owner.browser.post(base, { productId, variantId, stock: "lots" });
    expect(bad.status).toBe(422);
    expect(bad.body).toContain(`href="#stock-${productId}"`);
    expect((await owner.product(productId))?.variants[0]?.stock).toBe(7);
    // Empty means "not counted".
    await owner.browser.post(base, { productId, variantId, stock: "" });
    expect((await owner.product(productId))?.variants[0]?.stock).toBeNull();
  });

  it("sends the form back with what to fix, writing nothing", async () => {
    const owner = await newOwner();
    const reply = await owner.browser.post(`/shops/${owner.shopId}/products/new`, {
      title: "",
      price: "twelve",
      stock: "-1",
      status: "active",
      "optionName-0": "",
      "optionValues-0": "Small, Large",
      action: "save",
    });
    expect(reply.status).toBe(422);
    expect(reply.body).toContain("<title>Error: Add a product – Stall</title>");
    for (const field of ["title", "price", "stock", "optionName-0"]) expect(reply.body).toContain(`href="#${field}"`);
    expect(reply.body).toContain('aria-describedby="price-hint price-error"');
    expect(await owner.all()).toEqual([]);
  });

  it("makes a variant for each of the sizes and colours, each with its own price and count", async () => {
    const owner = await newOwner();
    const base = `/shops/${owner.shopId}/products`;
    const added = await owner.browser.post(`${base}/new`, {
      title: "T-shirt",
      price: "80",
      stock: "5",
      status: "active",
      "optionName-0": "Size",
      "optionValues-0": "Small, Large，特大",
      action: "save",
    });
    expect(added.status).toBe(303);
    const productId = idFrom(added.location);
    const first = await owner.product(productId);
    expect(first?.options.map((option) => [option.name, option.values])).toEqual([
      ["Size", ["Small", "Large", "特大"]],
    ]);
    expect(first?.variants.map((variant) => [variant.optionValues, variant.price, variant.stock])).toEqual([
      [["Small"], 8000, 5],
      [["Large"], 8000, 5],
      [["特大"], 8000, 5],
    ]);
    const editor = await owner.browser.get(`${base}/${productId}`);
    expect(editor.body).toContain('<th scope="row" id="row-1">Large');
    // Large costs more; Small is dropped and Medium added; 特大 keeps its saved variant.
    const changed = await owner.browser.post(`${base}/${productId}`, {
      title: "T-shirt",
      price: "80",
      stock: "",
      status: "active",
      "optionName-0": "Size",
      "optionValues-0": "Medium, Large, 特大",
      variantKey: '["Large"]',
      priceBefore: "80",
      "variantPrice-0": "95",
      "variantStock-0": "2",
      action: "save",
    });
    expect(changed.status).toBe(303);
    const after = await owner.product(productId);
    expect(after?.variants.map((variant) => [variant.optionValues[0], variant.price, variant.stock])).toEqual([
      ["Medium", 8000, null],
      ["Large", 9500, 2],
      ["特大", 8000, 5],
    ]);
    expect(after?.variants.find((variant) => variant.optionValues[0] === "特大")?.id).toBe(
      first?.variants.find((variant) => variant.optionValues[0] === "特大")?.id,
    );
    const list = await owner.browser.get(base);
    expect(list.body).toContain("3 sizes and colours");
  });

  it("makes a copy as a draft", async () => {
    const owner = await newOwner();
    const base = `/shops/${owner.shopId}/products`;
    const added = await owner.browser.post(`${base}/new`, {
      photo: await photo(),
      title: "Dumplings",
      price: "30",
      status: "active",
      action: "save",
    });
    const productId = idFrom(added.location);
    const copied = await owner.browser.post(`${base}/${productId}`, { action: "duplicate" });
    expect(copied.status).toBe(303);
    const copyId = idFrom(copied.location);
    expect(copyId).not.toBe(productId);
    expect(copied.location).toBe(`${base}/${copyId}?copied=1`);
    const copy = await owner.product(copyId);
    const original = await owner.product(productId);
    expect(copy?.title).toBe("Copy of Dumplings");
    expect(copy?.status).toBe("draft");
    expect(copy?.variants[0]?.price).toBe(3000);
    expect(copy?.photos.map((item) => item.id)).toEqual(original?.photos.map((item) => item.id));
    expect((await owner.browser.follow(copied)).body).toContain("This is the copy, saved as a draft.");
  });

  it("speaks Chinese to an owner who reads it", async () => {
    const owner = await newOwner();
    const zh = new Browser(stack.dashboardUrl, { acceptLanguage: "zh-CN" });
    for (const [name, value] of owner.browser.cookies) zh.cookies.set(name, value);
    const list = await zh.get(`/shops/${owner.shopId}/products`);
    expect(list.body).toContain("你的商品");
    expect(list.body).toContain("添加商品");
    expect(list.body).toContain("在售");
    const editor = await zh.get(`/shops/${owner.shopId}/products/new`);
    expect(editor.body).toContain("尺码和颜色");
    expect(editor.body).toContain("库存数量");
  });

  it("takes a phone-sized photo (far over the 256 KB form limit) in the editor", async () => {
    const owner = await newOwner();
    const big = await sharp({
      create: {
        width: 1200,
        height: 900,
        channels: 3,
        background: "#888",
        noise: { type: "gaussian", mean: 128, sigma: 40 },
      },
    })
      .jpeg({ quality: 92 })
      .toBuffer();
    expect(big.length).toBeGreaterThan(300 * 1024);
    const reply = await owner.browser.post(`/shops/${owner.shopId}/products/new`, {
      photo: new Blob([new Uint8Array(big)], { type: "image/jpeg" }),
      title: "Noodles",
      price: "12",
      status: "active",
      action: "save",
    });
    expect(reply.status).toBe(303);
    expect((await owner.product(idFrom(reply.location)))?.photos).toHaveLength(1);
    // The list's quick count form keeps the small limit.
    const tooMuch = await owner.browser.post(`/shops/${owner.shopId}/products`, {
      productId: "x",
      variantId: "y",
      stock: "1".repeat(300 * 1024),
    });
    expect(tooMuch.status).toBe(413);
  }, 120_000);
});

describe("who may open the products pages", () => {
  it("answers 404 for another owner's product, and changes nothing of it", async () => {
    const mine = await newOwner();
    const theirs = await newOwner();
    const added = await theirs.browser.post(`/shops/${theirs.shopId}/products/new`, {
      title: "Their noodles",
      price: "9",
      stock: "3",
      status: "active",
      action: "save",
    });
    const theirId = idFrom(added.location);
    const theirVariant = (await theirs.product(theirId))?.variants[0]?.id ?? "";
    // Their product's id under my shop, and their shop's pages.
    for (const path of [`/shops/${mine.shopId}/products/${theirId}`, `/shops/${theirs.shopId}/products/${theirId}`]) {
      const page = await mine.browser.get(path);
      expect(page.status, path).toBe(404);
      expect(page.body).not.toContain("Their noodles");
      const posted = await mine.browser.post(path, { title: "Mine now", price: "1", status: "active", action: "save" });
      expect(posted.status, path).toBe(404);
      expect((await mine.browser.post(path, { action: "duplicate" })).status, path).toBe(404);
    }
    expect((await mine.browser.get(`/shops/${theirs.shopId}/products`)).status).toBe(404);
    expect((await mine.browser.get(`/shops/${theirs.shopId}/products/new`)).status).toBe(404);
    const stock = await mine.browser.post(`/shops/${mine.shopId}/products`, {
      productId: theirId,
      variantId: theirVariant,
      stock: "0",
    });
    expect(stock.status).toBe(404);
    const after = await theirs.product(theirId);
    expect(after?.title).toBe("Their noodles");
    expect(after?.variants[0]?.stock).toBe(3);
    expect(await mine.all()).toEqual([]);
  });

  it("tells a helper without the products right plainly, and hides the link", async () => {
    const owner = await newOwner();
    const helperEmail = uniqueEmail("helper");
    const invite = await owner.api.POST("/v1/shops/{shopId}/invites", {
      params: { path: { shopId: owner.shopId } },
      body: { email: helperEmail, role: "helper", permissions: ["orders"] },
    });
    expect(invite.response.status).toBe(201);
    const link = await linkFromMail(stack.mailDir, helperEmail, "/invites/accept?token=");
    const helper = new Browser(stack.dashboardUrl);
    const landing = await helper.get(pathOf(link));
    const signUpHref = /href="(\/sign-up\?next=[^"]+)"/.exec(landing.body)?.[1]?.replace(/&amp;/g, "&") ?? "";
    await helper.post(signUpHref, { name: "Grandson", email: helperEmail, password });
    const accept = await helper.get(pathOf(link));
    const token = /name="token" value="([^"]+)"/.exec(accept.body)?.[1] ?? "";
    expect((await helper.post("/invites/accept", { token })).location).toBe(`/shops/${owner.shopId}?joined=1`);

    const base = `/shops/${owner.shopId}/products`;
    for (const path of [base, `${base}/new`]) {
      const page = await helper.get(path);
      expect(page.status, path).toBe(403);
      expect(page.body).toContain(
        "Your helper access does not include products. The shop&#39;s owner can add it for you.",
      );
      const posted = await helper.post(path, { title: "Sneaky", price: "1", status: "active", action: "save" });
      expect(posted.status, path).toBe(403);
    }
    expect(await owner.all()).toEqual([]);
    expect((await helper.get(`/shops/${owner.shopId}`)).body).not.toContain(`href="${base}"`);
    expect((await owner.browser.get(`/shops/${owner.shopId}`)).body).toContain(`href="${base}"`);
  });
});

describe("cross-site requests (CSRF) on the products pages", () => {
  it.each([
    ["another origin", { origin: "https://evil.test" }],
    ["no origin and a cross-site fetch", { "sec-fetch-site": "cross-site" }],
    ["no origin, no fetch metadata, no referer", {}],
  ])("refuses a form from %s and changes nothing", async (_name, headers) => {
    const owner = await newOwner();
    const base = `/shops/${owner.shopId}/products`;
    const added = await owner.browser.post(`${base}/new`, {
      title: "Noodles",
      price: "12",
      stock: "4",
      status: "active",
      action: "save",
    });
    const productId = idFrom(added.location);
    const variantId = (await owner.product(productId))?.variants[0]?.id ?? "";
    const cookie = `stall_session=${owner.browser.cookies.get("stall_session")}`;
    const attempts: [string, Record<string, string>][] = [
      [`${base}/new`, { title: "Evil", price: "1", status: "active", action: "save" }],
      [`${base}/${productId}`, { title: "Evil", price: "1", status: "active", action: "save" }],
      [`${base}/${productId}`, { action: "duplicate" }],
      [base, { productId, variantId, stock: "0" }],
    ];
    for (const [path, fields] of attempts) {
      const multipart = new FormData();
      for (const [name, value] of Object.entries(fields)) multipart.set(name, value);
      for (const body of [new URLSearchParams(fields), multipart]) {
        const reply = await fetch(`${stack.dashboardUrl}${path}`, {
          method: "POST",
          headers: { cookie, ...headers },
          body,
          redirect: "manual",
        });
        expect(reply.status, path).toBe(403);
        expect(await reply.text()).toContain("This form was not sent");
      }
    }
    const all = await owner.all();
    expect(all.map((product) => [product.title, product.variants[0]?.stock])).toEqual([["Noodles", 4]]);
  });
});
