// A shop in two languages, in real Chromium at 360 px, in English and Chinese: the owner adds the
// second language, gives a product, a group of products and a page their words in it, and a buyer reads
// the product in that language. Each dashboard screen passes the screen checks (axe WCAG 2.2 AA, no
// sideways scrolling, 44 px targets, 16 px text); the storefront page passes axe and fits 360 px.
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, expect, inject, it } from "vitest";
import { axeViolations, launchBrowser, saveScreenshot, scrollWidth, viewport, WCAG22_AA } from "../src/browser.ts";
import { checkScreen } from "../src/screens.ts";

const { apiPort, dashboardPort, storefrontPort } = inject("stack");
const dashboardUrl = `http://localhost:${dashboardPort}`;
const api = `http://127.0.0.1:${apiPort}`;
const password = "noodles every saturday";

let browser: Browser;
const contexts: BrowserContext[] = [];
beforeAll(async () => {
  browser = await launchBrowser();
});
afterEach(async () => {
  for (const context of contexts.splice(0)) await context.close();
});
afterAll(async () => {
  await browser?.close();
});

async function newPage(locale: string): Promise<Page> {
  const context = await browser.newContext({ viewport, locale, bypassCSP: true });
  contexts.push(context);
  // Five helpers share two cores: creating a shop has taken over 30 s on such a machine.
  context.setDefaultTimeout(60_000);
  return context.newPage();
}

/** Signs up, opens a shop (its main language follows the browser's) and adds, through the API, what gets words. */
async function shopWithCatalogue(page: Page, name: string) {
  const email = `mei-languages-${Date.now()}-${Math.random().toString(36).slice(2, 8)}@example.test`;
  await page.goto(`${dashboardUrl}/sign-up`);
  await page.fill("#name", "Mei Chen");
  await page.fill("#email", email);
  await page.fill("#password", password);
  await page.click("main button[type=submit]");
  await page.waitForURL("**/new-shop");
  await page.fill("#name", name);
  await page.click("main button[type=submit]");
  await page.waitForURL("**/setup/product");
  const shopId = /\/shops\/([^/]+)\//.exec(page.url())?.[1] ?? "";
  const token = (await page.context().cookies()).find((cookie) => cookie.name === "stall_session")?.value ?? "";
  const call = async (method: string, path: string, body?: unknown) => {
    const reply = await fetch(`${api}/v1/shops/${shopId}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    expect(reply.ok, await reply.clone().text()).toBe(true);
    return (await reply.json()) as { id: string; slug: string; url: string };
  };
  const product = await call("POST", "/products", {
    title: "Hand-made noodles",
    description: "Pulled by hand every **morning**.",
    options: [{ name: "Size", values: ["Small bowl", "Large bowl"] }],
    variants: [
      { optionValues: ["Small bowl"], price: 1250 },
      { optionValues: ["Large bowl"], price: 1800 },
    ],
  });
  const collection = await call("POST", "/collections", { title: "Noodles", productIds: [product.id] });
  const contentPage = await call("POST", "/pages", { title: "About us", body: "We make noodles." });
  await call("POST", "/pickup-points", { name: "Market", address: "Saturday market" });
  await call("POST", "/publish");
  const shop = await call("GET", "");
  return { shopId, product, collection, contentPage, shopUrl: shop.url };
}

it.each([
  ["en-US", "Mei's Noodles", "en", "zh-CN"],
  ["zh-CN", "梅记面馆", "zh", "en"],
])(
  "a second language, words for a product, a group and a page, and the shop read in it (%s)",
  async (locale, shopName, tag, other) => {
    const page = await newPage(locale);
    // Other tests open "Mei's Noodles" too, and the suggested address gives up after three taken ones.
    const shop = await shopWithCatalogue(page, `${shopName} ${Date.now() % 100000}`);
    const base = `${dashboardUrl}/shops/${shop.shopId}`;

    // The settings page lists the languages, reachable from the settings.
    await page.goto(`${base}/settings`);
    await page.click(`a[href="/shops/${shop.shopId}/settings/languages"]`);
    await page.waitForURL("**/settings/languages");
    await checkScreen(page, `languages-settings-${tag}`);
    await page.check(`input[name="extraLocales"][value="${other}"]`);
    await page.click("main form button[type=submit]");
    await page.waitForURL("**/settings/languages?saved=1");

    // The product's editor links to its words page.
    await page.goto(`${base}/products/${shop.product.id}`);
    await page.click("[data-words-link] a");
    await page.waitForURL("**/languages");
    await checkScreen(page, `languages-product-${tag}`);
    const words =
      tag === "en"
        ? ["手工面条", "每天早上手工拉制。", "碗的大小", "小碗"]
        : ["Hand-pulled noodles", "Pulled by hand.", "Bowl", "Small"];
    // A name too long for a product (a browser that ignores maxlength) comes back with the error tied to its box.
    await page.locator("#title").evaluate((element) => element.removeAttribute("maxlength"));
    await page.fill("#title", "x".repeat(201));
    await page.click("main form button[type=submit]");
    await expect.poll(() => page.title()).toMatch(/^(Error: |错误：)/);
    await checkScreen(page, `languages-product-${tag}-refused`);
    await page.fill("#title", words[0] ?? "");
    await page.fill("#description", words[1] ?? "");
    await page.fill("#optionName-0", words[2] ?? "");
    await page.fill("#optionValue-0-0", words[3] ?? "");
    await page.click("main form button[type=submit]");
    await page.waitForURL("**/languages?saved=1");
    expect(await page.inputValue("#title")).toBe(words[0]);

    await page.goto(`${base}/collections/${shop.collection.id}`);
    await page.click("[data-words-link] a");
    await page.waitForURL("**/languages");
    await checkScreen(page, `languages-collection-${tag}`);
    await page.goto(`${base}/shop-pages/${shop.contentPage.id}`);
    await page.click("[data-words-link] a");
    await page.waitForURL("**/languages");
    await checkScreen(page, `languages-page-${tag}`);

    // A buyer reads the product in the shop's other language.
    const productUrl = new URL(`/products/${shop.product.slug}?lang=${other}`, shop.shopUrl);
    productUrl.port = String(storefrontPort);
    await expect
      .poll(
        async () => {
          await page.goto(productUrl.href);
          return page.locator("h1").textContent();
        },
        { timeout: 15_000 },
      )
      .toBe(words[0]);
    expect(await page.locator("html").getAttribute("lang")).toBe(other);
    expect(await page.locator("legend").first().textContent()).toBe(words[2]);
    await saveScreenshot(page, `languages-storefront-product-${tag}`);
    expect.soft(await axeViolations(page, WCAG22_AA), "storefront product: axe").toEqual([]);
    expect.soft(await scrollWidth(page), "storefront product: no sideways scrolling").toBeLessThanOrEqual(360);
  },
  180_000,
);
