// A shopper on a 360 px phone: home -> collection -> product -> add to cart -> cart, with JavaScript
// on and off, screenshots of every page, axe on every page.
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from "vitest";
import { axeViolations, launchBrowser, saveScreenshot, scrollWidth, viewport } from "../src/browser.ts";

const { storefrontPort } = inject("stack");
const shopUrl = `http://demo.localhost:${storefrontPort}`;

let browser: Browser;
let context: BrowserContext | undefined;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterEach(async () => {
  await context?.close();
  context = undefined;
});
afterAll(async () => {
  await browser?.close();
});

async function check(page: Page, name: string, withAxe: boolean) {
  await saveScreenshot(page, name);
  expect.soft(await scrollWidth(page), `${name}: no horizontal scroll`).toBeLessThanOrEqual(viewport.width);
  // axe runs in the page, so only where scripts run; the no-script pages are the same HTML.
  if (withAxe) expect.soft(await axeViolations(page), `${name}: axe violations`).toEqual([]);
  expect.soft(await page.locator("h1").first().isVisible(), `${name}: h1 visible`).toBe(true);
}

/** Follows the first link matching `selector` whose target page has an enabled add-to-cart button. */
async function openBuyableProduct(page: Page): Promise<string> {
  const hrefs = await page
    .locator('main a[href^="/products/"]')
    .evaluateAll((links) => [...new Set(links.map((link) => link.getAttribute("href") ?? ""))].filter(Boolean));
  for (const href of hrefs) {
    await page.goto(`${shopUrl}${href}`);
    if ((await page.locator("form[data-cart-form] button[type=submit]:not([disabled])").count()) > 0) return href;
  }
  throw new Error("No product on this page can be added to the cart");
}

describe.each([
  ["js", true],
  ["nojs", false],
] as const)("shopping with JavaScript %s", (mode, javaScriptEnabled) => {
  it("browses home -> collection -> product, adds to the cart and sees it in the cart", async () => {
    context = await browser.newContext({ viewport, javaScriptEnabled, locale: "en-US", bypassCSP: true });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (error) => errors.push(error.message));

    const home = await page.goto(`${shopUrl}/`);
    expect(home?.status()).toBe(200);
    expect(await page.locator("h1").first().textContent()).toBe("Fern Hill Market Stall");
    await check(page, `shop-${mode}-home`, javaScriptEnabled);

    const collectionHref = await page.locator('a[href^="/collections/"]').first().getAttribute("href");
    expect(collectionHref).toBeTruthy();
    await page.goto(`${shopUrl}${collectionHref}`);
    await check(page, `shop-${mode}-collection`, javaScriptEnabled);

    const productHref = await openBuyableProduct(page);
    const title = (await page.locator("h1").first().textContent())?.trim() ?? "";
    await check(page, `shop-${mode}-product`, javaScriptEnabled);

    const submit = page.locator("form[data-cart-form] button[type=submit]:not([disabled])").first();
    if (javaScriptEnabled) {
      await submit.click();
      // The island adds without leaving the page and says so.
      await expect
        .poll(() => page.locator("[data-cart-count]").first().textContent(), { timeout: 10_000 })
        .toMatch(/[1-9]/);
      expect(page.url()).toContain(productHref);
      expect(await page.locator("[data-cart-status]").first().textContent()).not.toBe("");
      await page.goto(`${shopUrl}/cart`);
    } else {
      await Promise.all([page.waitForURL(/\/cart/), submit.click()]);
    }
    expect(await page.locator("main").textContent()).toContain(title);
    await check(page, `shop-${mode}-cart`, javaScriptEnabled);
    expect(errors).toEqual([]);
  });
});
