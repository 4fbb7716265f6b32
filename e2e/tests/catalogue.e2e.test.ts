// The catalogue pages in real Chromium at 360 px, in English and Chinese: groups of products (with the
// product picker and its Move buttons), pages about the shop (with the preview), the CSV import with a
// bad row, and the delete question. Each screen: its first load's weight (HTML with its inlined CSS and
// scripts, compressed), then the checks every dashboard screen is held to (e2e/src/screens.ts).
import { gzipSync } from "node:zlib";
import type { Browser, BrowserContext, Page } from "playwright-core";
import sharp from "sharp";
import { afterAll, beforeAll, expect, inject, it } from "vitest";
import { launchBrowser, viewport } from "../src/browser.ts";
import { checkScreen } from "../src/screens.ts";

const { apiPort, dashboardPort } = inject("stack");
const dashboardUrl = `http://localhost:${dashboardPort}`;
const api = `http://127.0.0.1:${apiPort}`;

let browser: Browser;
const contexts: BrowserContext[] = [];
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  for (const context of contexts.splice(0)) await context.close();
  await browser?.close();
});

async function newPage(locale: string): Promise<Page> {
  const context = await browser.newContext({ viewport, locale, bypassCSP: true });
  contexts.push(context);
  return context.newPage();
}

/** A new owner and shop through the first two onboarding screens; products added through the API. */
async function ownerWithProducts(page: Page, stamp: string) {
  await page.goto(`${dashboardUrl}/sign-up`);
  await page.fill("#name", "Mei Chen");
  await page.fill("#email", `mei-catalogue-${stamp}@example.test`);
  await page.fill("#password", "noodles every saturday");
  await page.click("main button[type=submit]");
  await page.waitForURL("**/new-shop");
  await page.fill("#name", `Mei's Noodles ${stamp}`);
  await page.click("main button[type=submit]");
  await page.waitForURL("**/setup/product");
  const shopId = /\/shops\/([^/]+)\//.exec(page.url())?.[1] ?? "";
  // The first product with a photo, through the onboarding screen.
  const photo = await sharp({ create: { width: 640, height: 480, channels: 3, background: "#e9c46a" } })
    .jpeg()
    .toBuffer();
  await page.setInputFiles("#photo", { name: "noodles.jpg", mimeType: "image/jpeg", buffer: photo });
  await page.fill("#title", "Hand-pulled noodles with a very long name that has to wrap on a small phone");
  await page.fill("#price", "12.50");
  await page.click("main button[type=submit]");
  await page.waitForURL("**/setup/collect");
  const token = (await page.context().cookies()).find((cookie) => cookie.name === "stall_session")?.value ?? "";
  for (const title of ["Beef broth", "Chili oil"]) {
    const added = await fetch(`${api}/v1/shops/${shopId}/products`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: JSON.stringify({ title, status: "active", variants: [{ price: 800, stock: 4 }] }),
    });
    expect(added.status).toBe(201);
  }
  return shopId;
}

/** Screenshot, axe, width and weight of the page as it is now. */
async function check(page: Page, name: string) {
  // Weighed first: axe adds its own script to the page.
  const compressed = gzipSync(await page.content()).length;
  expect(compressed, `${name}: ${compressed} bytes compressed`).toBeLessThan(15 * 1024);
  // The checks every dashboard screen is held to: axe, no sideways scrolling, 44 px targets, 16 px text.
  await checkScreen(page, name);
}

it.each([
  ["en", "en-US"],
  ["zh", "zh-CN"],
])("the catalogue pages work at 360 px in %s", async (name, locale) => {
  const page = await newPage(locale);
  const stamp = `${name}-${Date.now()}`;
  const shopId = await ownerWithProducts(page, stamp);
  const base = `${dashboardUrl}/shops/${shopId}`;

  // A group with two products ticked: the picker shows photos, names and Move buttons.
  await page.goto(`${base}/collections/new`);
  await page.fill("#title", name === "zh" ? "面条" : "Noodles");
  const boxes = page.locator('input[name="productIds"]');
  await boxes.nth(0).check();
  await boxes.nth(2).check();
  await page.click("main form button.button:not(.secondary):not(.default-submit)");
  await page.waitForURL("**?saved=1");
  await check(page, `catalogue-${name}-collection-editor`);
  // Enter in the name box saves; it does not press a Move button.
  const before = await page
    .locator('input[name="productIds"]:checked')
    .evaluateAll((items) => items.map((item) => (item as HTMLInputElement).value));
  await Promise.all([page.waitForEvent("framenavigated"), page.press("#title", "Enter")]);
  await page.waitForLoadState("load");
  const after = await page
    .locator('input[name="productIds"]:checked')
    .evaluateAll((items) => items.map((item) => (item as HTMLInputElement).value));
  expect(after).toEqual(before);
  await page.click('main button[value^="down:"]');
  await page.waitForURL("**?saved=1#product-*");
  const moved = await page
    .locator('input[name="productIds"]:checked')
    .evaluateAll((items) => items.map((item) => (item as HTMLInputElement).value));
  expect(moved).toEqual([before[1], before[0]]);

  await page.goto(`${base}/collections/new`);
  await page.fill("#title", name === "zh" ? "礼品" : "Gifts");
  await page.click("main form button.button:not(.secondary):not(.default-submit)");
  await page.waitForURL("**?saved=1");
  await page.goto(`${base}/collections`);
  await check(page, `catalogue-${name}-collections`);
  await page.click('main button[value^="up:"]');
  await page.waitForURL("**?moved=*");
  await expect
    .poll(() => page.textContent("main"))
    .toContain(name === "zh" ? "新的顺序已保存" : "The new order is saved");

  // The delete question.
  await page.goto(`${base}/collections`);
  await page.click("main .order-list-plain a >> nth=0");
  await page.click('main a[href$="/delete"]');
  await check(page, `catalogue-${name}-collection-delete`);

  // Pages about the shop: the list with its examples, and the editor with a preview.
  await page.goto(`${base}/shop-pages`);
  await check(page, `catalogue-${name}-pages`);
  await page.click('main a[href*="start=about"]');
  await page.click('main button[value="preview"]');
  await expect.poll(() => page.locator("#preview").count()).toBe(1);
  await check(page, `catalogue-${name}-page-preview`);
  await page.click('main button[value="save"]');
  await page.waitForURL("**?saved=1");

  // The CSV import with a bad row: the row's problem, in the page's language.
  await page.goto(`${base}/products/import`);
  const csv = [
    "Handle,Title,Option1 Name,Option1 Value,Variant Price",
    "tea,Jasmine tea,,,6",
    "cups,Tea cups,,,twelve",
  ].join("\n");
  await page.setInputFiles("#file", { name: "products.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
  await page.click("main form button[type=submit]");
  await expect.poll(() => page.locator(".row-problems li").count()).toBe(1);
  expect(await page.textContent(".row-problems")).toContain(
    name === "zh" ? "“twelve”不是价格" : "“twelve” is not a price",
  );
  await check(page, `catalogue-${name}-import-problems`);
});
