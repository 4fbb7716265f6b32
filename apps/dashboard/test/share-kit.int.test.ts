// The built dashboard against the real API: the share kit (link, QR code, the A4 poster and the A6 table
// card on screen and as PNG and SVG downloads, a QR code per product, WhatsApp and WeChat), with tenant
// isolation.
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Browser, type Stack, startStack } from "./stack.ts";

let stack: Stack;
/** One onboarded shop the tests share: signing up hashes a password, the slowest step on a busy machine. */
let mei: Awaited<ReturnType<typeof publishedShop>>;
beforeAll(async () => {
  stack = await startStack();
  mei = await publishedShop("Mei's Noodles");
}, 90_000);
afterAll(async () => {
  await stack?.stop();
});

let counter = 0;
const password = "noodles every saturday";
const decode = (html: string) =>
  html
    .replace(/&amp;/g, "&")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'");
const textOf = (html: string) => decode(html.replace(/<[^>]*>/g, " ").replace(/\s+/g, " "));
const photo = () =>
  sharp({ create: { width: 800, height: 600, channels: 3, background: "#d08c3a" } })
    .jpeg()
    .toBuffer()
    .then((bytes) => new Blob([new Uint8Array(bytes)], { type: "image/jpeg" }));

/** An owner whose shop went through onboarding: a product with a photo, a pickup place, open. */
async function publishedShop(name: string, options: { acceptLanguage?: string } = {}) {
  const browser = new Browser(stack.dashboardUrl, options);
  const email = `share-${++counter}@example.test`;
  expect((await browser.post("/sign-up", { name: "Mei", email, password })).status).toBe(303);
  const created = await browser.post("/new-shop", { name, slug: "", currency: "CNY" });
  const shopId = /\/shops\/([^/]+)\//.exec(created.location ?? "")?.[1] ?? "";
  const base = `/shops/${shopId}/setup`;
  expect(
    (await browser.post(`${base}/product`, { photo: await photo(), title: "Hand-pulled noodles", price: "12.50" }))
      .status,
  ).toBe(303);
  expect((await browser.post(`${base}/collect`, { placeName: "Stall", address: "Saturday market" })).status).toBe(303);
  expect((await browser.post(`${base}/publish`, { do: "publish" })).status).toBe(303);
  const products = await browser.get(`/shops/${shopId}/share/products`);
  const productId = /data-product="([^"]+)"/.exec(products.body)?.[1] ?? "";
  const shopUrl = decode(
    /<input id="shop-link" type="url" value="([^"]+)"/.exec((await browser.get(`/shops/${shopId}/share`)).body)?.[1] ??
      "",
  );
  return { browser, shopId, productId, shopUrl };
}

describe("the share kit page", () => {
  it("links the poster, the table card, their downloads and each product's QR code; WhatsApp and WeChat are ready", async () => {
    const owner = mei;
    const page = await owner.browser.get(`/shops/${owner.shopId}/share`);
    expect(page.status).toBe(200);
    const base = `/shops/${owner.shopId}`;
    for (const href of [
      `${base}/poster`,
      `${base}/card`,
      `${base}/print/poster.png`,
      `${base}/print/poster.svg`,
      `${base}/print/card.png`,
      `${base}/print/card.svg`,
      `${base}/share/products`,
    ]) {
      expect(page.body).toContain(`href="${href}"`);
    }
    const message = `Order from Mei's Noodles here: ${owner.shopUrl}`;
    expect(decode(page.body)).toContain(`href="https://wa.me/?text=${encodeURIComponent(message)}"`);
    expect(textOf(page.body)).toContain("WeChat has no share button on the web.");
    expect(decode(page.body)).toMatch(
      /<img class="share-picture" src="http:\/\/127\.0\.0\.1:\d+\/v1\/storefront\/[a-z0-9-]+\.localhost%3A\d+\/products\/[a-z0-9-]+\/share\.jpg\?v=\d+"/,
    );
    expect(decode(page.body)).toContain(`<textarea id="wechat-message" readonly rows="3">${message}</textarea>`);
  });
});

describe("the poster and the table card", () => {
  it("show the product photo, a big QR code and 'scan to order' in the shop's language, each with its page size", async () => {
    const owner = mei;
    const poster = await owner.browser.get(`/shops/${owner.shopId}/poster`);
    expect(poster.status).toBe(200);
    expect(poster.body).toContain("@page { size: A4; margin: 15mm; }");
    expect(poster.body).toMatch(/<img class="photo" src="http:\/\/localhost:\d+\/media\/[^"]+\.jpg"[^>]*data-photo/);
    expect(poster.body).toContain(`src="${owner.shopUrl}/qr.svg"`);
    expect(textOf(poster.body)).toContain("Scan to order");
    const card = await owner.browser.get(`/shops/${owner.shopId}/card`);
    expect(card.body).toContain("@page { size: A6; margin: 6mm; }");
    expect(card.body).toContain("data-photo");

    // A Chinese shop's poster speaks Chinese, whatever the owner reads.
    const chinese = await publishedShop("王记面馆", { acceptLanguage: "zh-CN" });
    const english = new Browser(stack.dashboardUrl, { acceptLanguage: "en" });
    for (const [name, value] of chinese.browser.cookies) english.cookies.set(name, value);
    await chinese.browser.get("/");
    const zhCard = await english.get(`/shops/${chinese.shopId}/card`);
    expect(zhCard.body).toContain('<html lang="zh-CN"');
    expect(textOf(zhCard.body)).toContain("扫码下单");
    expect(textOf(zhCard.body)).toContain("Download the table card (A6) as a picture (PNG)");
  });

  it("downloads as PNG (drawn by sharp at print size) and as SVG with the photo, the QR code and the words", async () => {
    const owner = mei;
    const png = await fetch(`${stack.dashboardUrl}/shops/${owner.shopId}/print/poster.png`, {
      headers: { cookie: [...owner.browser.cookies].map(([name, value]) => `${name}=${value}`).join("; ") },
    });
    expect(png.status).toBe(200);
    expect(png.headers.get("content-type")).toBe("image/png");
    expect(png.headers.get("content-disposition")).toMatch(/^attachment; filename="[a-z0-9-]+-poster\.png"$/);
    const image = sharp(Buffer.from(await png.arrayBuffer()));
    expect(await image.metadata()).toMatchObject({ format: "png", width: 1240, height: 1754 });
    // The photo's orange is in the picture, and black QR modules on white.
    const { data, info } = await image.removeAlpha().raw().toBuffer({ resolveWithObject: true });
    let orange = 0;
    let black = 0;
    for (let index = 0; index < data.length; index += info.channels) {
      const [red = 0, green = 0, blue = 0] = [data[index], data[index + 1], data[index + 2]];
      if (red > 180 && green > 110 && green < 170 && blue < 90) orange += 1;
      if (red < 40 && green < 40 && blue < 40) black += 1;
    }
    expect(orange).toBeGreaterThan(10_000);
    expect(black).toBeGreaterThan(50_000);

    const card = await owner.browser.get(`/shops/${owner.shopId}/print/card.svg?product=${owner.productId}`);
    expect(card.status).toBe(200);
    expect(card.headers.get("content-type")).toBe("image/svg+xml; charset=utf-8");
    expect(card.body).toContain('width="105mm" height="148mm"');
    expect(card.body).toContain(">Hand-pulled noodles</text>");
    expect(card.body).toContain(">Mei&apos;s Noodles</text>");
    expect(card.body).toContain(">Scan to order</text>");
    expect(card.body).toContain('xlink:href="data:image/jpeg;base64,');
    expect(card.body).toMatch(
      /<svg x="[\d.]+" y="\d+" width="\d+" height="\d+" xmlns="http:\/\/www\.w3\.org\/2000\/svg" viewBox="0 0 \d+ \d+"/,
    );
    const cardPng = await fetch(
      `${stack.dashboardUrl}/shops/${owner.shopId}/print/card.png?product=${owner.productId}`,
      {
        headers: { cookie: [...owner.browser.cookies].map(([name, value]) => `${name}=${value}`).join("; ") },
      },
    );
    expect(await sharp(Buffer.from(await cardPng.arrayBuffer())).metadata()).toMatchObject({
      width: 1240,
      height: 1748,
    });
  });
});

describe("a QR code for each product", () => {
  it("lists each product with its QR code, link, a card to print and its chat share", async () => {
    const owner = mei;
    const page = await owner.browser.get(`/shops/${owner.shopId}/share/products`);
    expect(page.status).toBe(200);
    const productUrl = decode(/id="link-[^"]+">([^<]+)<\/a>/.exec(page.body)?.[1] ?? "");
    expect(productUrl).toMatch(new RegExp(`^${owner.shopUrl.replace(/[.]/g, "\\.")}/products/[a-z0-9-]+$`));
    expect(decode(page.body)).toContain(`src="${productUrl}/qr.svg"`);
    expect(page.body).toContain(`href="/shops/${owner.shopId}/card?product=${owner.productId}"`);
    const message = `Hand-pulled noodles from Mei's Noodles: ${productUrl}`;
    expect(decode(page.body)).toContain(`href="https://wa.me/?text=${encodeURIComponent(message)}"`);
    expect(page.body).toContain("/share.jpg?v=");
    const card = await owner.browser.get(`/shops/${owner.shopId}/card?product=${owner.productId}`);
    expect(card.status).toBe(200);
    expect(decode(card.body)).toContain(`src="${productUrl}/qr.svg"`);
    expect(textOf(card.body)).toContain("Hand-pulled noodles Mei's Noodles");
  });
});

describe("tenant isolation", () => {
  it("another shop's owner gets 404 for every share page and file, and a product of another shop is 404", async () => {
    const a = await publishedShop("Shop A");
    const b = mei;
    for (const path of [
      "share",
      "share/products",
      "poster",
      "card",
      "print/poster.png",
      "print/poster.svg",
      "print/card.png",
      "print/card.svg",
      `card?product=${a.productId}`,
    ]) {
      const reply = await b.browser.get(`/shops/${a.shopId}/${path}`);
      expect(reply.status, path).toBe(404);
      expect(reply.body, path).not.toContain("Shop A");
    }
    for (const path of [
      `card?product=${a.productId}`,
      `poster?product=${a.productId}`,
      `print/card.svg?product=${a.productId}`,
    ]) {
      const reply = await b.browser.get(`/shops/${b.shopId}/${path}`);
      expect(reply.status, path).toBe(404);
      expect(reply.body, path).not.toContain("Shop A");
    }
  });
});
