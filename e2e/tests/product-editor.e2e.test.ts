// The product editor on a 360 px phone in real Chromium, under the pages' real Content-Security-Policy:
// photos go up with a progress bar (the network is slowed so the bar is seen moving), sizes and colours
// make a table that fits the screen, and the photos and delete pages work. Every screen is checked with
// axe (WCAG 2.2 AA), for sideways scrolling and for weight, and photographed in English and Chinese.
import { mkdir, mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import type { Browser, BrowserContext, Page } from "playwright-core";
import sharp from "sharp";
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from "vitest";
import { artifactsDir, launchBrowser, saveScreenshot, viewport } from "../src/browser.ts";
import { checkScreen } from "../src/screens.ts";

const { dashboardPort } = inject("stack");
const dashboardUrl = `http://localhost:${dashboardPort}`;
const password = "noodles every saturday";

let browser: Browser;
const contexts: BrowserContext[] = [];
const photos: string[] = [];
beforeAll(async () => {
  browser = await launchBrowser();
  const dir = await mkdtemp(join(tmpdir(), "stall-editor-"));
  // Phone-photo stand-ins with detail (noise), so each is a few hundred KB like a real one.
  for (const [index, background] of ["#d08c3a", "#3a8cd0", "#3ad08c"].entries()) {
    const path = join(dir, `photo-${index}.jpg`);
    const bytes = await sharp({
      create: { width: 800, height: 600, channels: 3, background, noise: { type: "gaussian", mean: 128, sigma: 30 } },
    })
      .jpeg({ quality: 85 })
      .toBuffer();
    await writeFile(path, bytes);
    photos.push(path);
  }
});
afterEach(async () => {
  for (const context of contexts.splice(0)) await context.close();
});
afterAll(async () => {
  await browser?.close();
});

/** A page in a new context. `bypassCSP` only where axe must be injected; uploads run under the real policy. */
async function newPage(locale: string, bypassCSP: boolean): Promise<{ page: Page; problems: string[] }> {
  const context = await browser.newContext({ viewport, locale, bypassCSP });
  contexts.push(context);
  const page = await context.newPage();
  const problems: string[] = [];
  page.on("pageerror", (error) => problems.push(error.message));
  page.on("console", (message) => {
    if (message.type() === "error") problems.push(message.text());
  });
  return { page, problems };
}

/** First load of a page as a phone gets it: the HTML with its inlined CSS and JS, gzipped. */
async function weight(page: Page, path: string, locale: string): Promise<number> {
  const cookie = (await page.context().cookies()).map((item) => `${item.name}=${item.value}`).join("; ");
  const headers = { cookie, "accept-language": locale };
  const html = await (await fetch(`${dashboardUrl}${path}`, { headers })).arrayBuffer();
  return gzipSync(Buffer.from(html)).byteLength;
}

async function signUpWithShop(page: Page, locale: string, currency: string): Promise<string> {
  await page.goto(`${dashboardUrl}/sign-up`);
  await page.fill("#name", "Mei Chen");
  await page.fill("#email", `mei-editor-${locale}-${Date.now()}@example.test`);
  await page.fill("#password", password);
  await page.click("main button[type=submit]");
  await page.waitForURL("**/new-shop");
  await page.fill("#name", locale === "en" ? "Mei's Noodles" : "陈家手工面");
  await page.selectOption("#currency", currency).catch(() => undefined);
  await page.click("main button[type=submit]");
  await page.waitForURL("**/setup/product");
  return /\/shops\/([^/]+)\//.exec(page.url())?.[1] ?? "";
}

describe.each([
  ["en", "en-US"],
  ["zh", "zh-CN"],
])("the product editor (%s)", (tag, locale) => {
  it("adds a product with photos (a progress bar while they go up), sizes and colours, then photos and delete pages", async () => {
    const { page, problems } = await newPage(locale, false);
    const shopId = await signUpWithShop(page, locale, "CNY");
    const base = `/shops/${shopId}/products`;

    // Slow the phone's upload to about 128 KB/s so the bar is seen moving (loopback would be instant).
    const cdp = await page.context().newCDPSession(page);
    await page.goto(`${dashboardUrl}${base}/new`);
    await page.setInputFiles("#photo", [photos[0] ?? "", photos[1] ?? ""]);
    await expect.poll(() => page.locator("#photo-preview img").count()).toBe(2);
    await page.fill("#title", tag === "en" ? "T-shirt" : "T恤");
    await page.fill("#price", "80");
    await page.fill("#optionName-0", tag === "en" ? "Size" : "尺码");
    await page.fill("#optionValues-0", "S, M, L");
    await cdp.send("Network.emulateNetworkConditions", {
      offline: false,
      latency: 20,
      downloadThroughput: 1_000_000,
      uploadThroughput: 128 * 1024,
    });
    const answered = page.waitForResponse((response) => response.request().method() === "POST", { timeout: 120_000 });
    await page.click('button.button[value="save"]');
    const progress = page.locator("[data-progress]");
    await progress.waitFor({ state: "visible" });
    await expect.poll(() => progress.locator("progress").getAttribute("value")).not.toBe("0");
    expect(await progress.locator("span").textContent()).toMatch(/\d+%/);
    await saveScreenshot(page, `editor-${tag}-uploading`);
    await cdp.send("Network.emulateNetworkConditions", {
      offline: false,
      latency: 0,
      downloadThroughput: -1,
      uploadThroughput: -1,
    });
    const answer = await answered;
    expect(`${answer.status()} ${answer.headers().location}`).toMatch(/^303 .*\/products\/prd_[^/?]+\?saved=1$/);
    await page.waitForURL(/\/products\/prd_[^/?]+\?saved=1$/);
    const productId = /\/products\/([^/?]+)/.exec(page.url())?.[1] ?? "";
    expect(problems, "no script or policy errors under the real CSP").toEqual([]);

    // Add a colour (the "add another" button, no JavaScript needed), then look at the table.
    await page.click('button[value="addOption"]');
    await page.fill("#optionName-1", tag === "en" ? "Colour" : "颜色");
    await page.fill("#optionValues-1", tag === "en" ? "Red, Blue" : "红，蓝");
    await page.click('button.button[value="save"]');
    await page.waitForURL(/\?saved=1$/);
    expect(await page.locator("table.variants tbody tr").count()).toBe(6);
    // Enter in a field saves: the form's first button is a hidden "Save", not "add another".
    const entered = page.waitForResponse((response) => response.request().method() === "POST");
    await page.fill("#title", tag === "en" ? "Hand-dyed T-shirt" : "手染T恤");
    await page.press("#title", "Enter");
    expect((await entered).headers().location).toMatch(/\?saved=1$/);
    await page.waitForLoadState();
    expect(await page.locator("table.variants tbody tr").count()).toBe(6);

    // Screens, with axe, in a context that may inject it.
    const { page: look } = await newPage(locale, true);
    await look.context().addCookies(await page.context().cookies());
    const weights: Record<string, number> = {};
    const screens: [string, string][] = [
      ["new", `${base}/new`],
      ["edit", `${base}/${productId}`],
      ["photos", `${base}/${productId}/photos`],
      ["delete", `${base}/${productId}/delete`],
      ["list", base],
    ];
    for (const [name, path] of screens) {
      await look.goto(`${dashboardUrl}${path}`);
      await checkScreen(look, `editor-${tag}-${name}`);
      const bytes = await weight(look, path, locale);
      weights[`${tag} ${name}`] = bytes;
      expect.soft(bytes, `${name}: first load`).toBeLessThan(50 * 1024);
    }
    await mkdir(artifactsDir, { recursive: true });
    await writeFile(new URL(`editor-${tag}-weights.json`, artifactsDir), `${JSON.stringify(weights, null, 2)}\n`);
    // Errors, as the owner sees them: a price the currency cannot have, in the table.
    await look.goto(`${dashboardUrl}${base}/${productId}`);
    await look.fill("#variantPrice-1", "9.999");
    await look.fill("#price", "twelve");
    await look.click('button.button[value="save"]');
    await look.waitForSelector(".error-summary");
    expect(await look.evaluate(() => document.activeElement?.className)).toBe("error-summary");
    await checkScreen(look, `editor-${tag}-edit-errors`);

    // Photos page: a third photo goes up with the bar, then becomes the main photo.
    await page.goto(`${dashboardUrl}${base}/${productId}/photos`);
    await page.setInputFiles("#photo", photos[2] ?? "");
    await page.click('button[value="add"]');
    await page.waitForURL(/\/photos\?added=1$/);
    expect(await page.locator(".photo-list > li").count()).toBe(3);
    const third = await page.locator(".photo-list > li").nth(2).getAttribute("id");
    await page.click(`#${third} button[value^="up:"]`);
    await page.waitForURL(/moved=/);
    await page.click(`#${third} button[value^="up:"]`);
    await page.waitForURL(/moved=/);
    expect(await page.locator(".photo-list > li").first().getAttribute("id")).toBe(third);

    // Delete, after the question.
    await page.goto(`${dashboardUrl}${base}/${productId}`);
    await page.click(`a[href$="/${productId}/delete"]`);
    await page.waitForURL(/\/delete$/);
    await page.click("main form button[type=submit]");
    await page.waitForURL(/\?deleted=1$/);
    expect(await page.locator(".notice.success").count()).toBe(1);
    expect(problems).toEqual([]);
  }, 180_000);
});
