// Taking everything out, in real Chromium at 360 px: the owner downloads the zip from the dashboard,
// the test unzips it to a folder and opens the saved storefront from disk (file://, no server): the
// shop's name is there, a product link opens the product's page, its photo loads. Then the owner closes
// the shop (name typed) and keeps it again. The export and delete pages pass the screen checks in
// English and Chinese.
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { unzipSync } from "fflate";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, expect, inject, it } from "vitest";
import { launchBrowser, saveScreenshot, viewport } from "../src/browser.ts";
import { openShop } from "../src/owner.ts";
import { checkScreen } from "../src/screens.ts";

const { dashboardPort } = inject("stack");
const dashboardUrl = `http://localhost:${dashboardPort}`;

let browser: Browser;
let folder: string;
const contexts: BrowserContext[] = [];
beforeAll(async () => {
  browser = await launchBrowser();
  folder = await mkdtemp(join(tmpdir(), "stall-export-e2e-"));
});
afterEach(async () => {
  for (const context of contexts.splice(0)) await context.close();
});
afterAll(async () => {
  await browser?.close();
  await rm(folder, { recursive: true, force: true });
});

async function newPage(
  locale = "en-US",
  storageState?: Awaited<ReturnType<BrowserContext["storageState"]>>,
): Promise<Page> {
  const context = await browser.newContext({
    viewport,
    locale,
    bypassCSP: true,
    acceptDownloads: true,
    ...(storageState ? { storageState } : {}),
  });
  contexts.push(context);
  return context.newPage();
}

it("the owner downloads the zip and opens the saved storefront from disk", async () => {
  const page = await newPage();
  const shopId = await openShop(page, dashboardUrl, `mei-export-${Date.now()}@example.test`);
  await page.goto(`${dashboardUrl}/shops/${shopId}/settings`);
  await page.click(`a[href="/shops/${shopId}/settings/export"]`);
  await page.waitForURL(`**/shops/${shopId}/settings/export`);
  await checkScreen(page, "export-page-en");
  const [download] = await Promise.all([page.waitForEvent("download"), page.click("main a[download]")]);
  expect(download.suggestedFilename()).toMatch(/^stall-[a-z0-9-]+-\d{4}-\d\d-\d\d\.zip$/);
  const zipPath = join(folder, download.suggestedFilename());
  await download.saveAs(zipPath);

  // Unzipped as an owner would, into a folder of their own.
  const files = unzipSync(new Uint8Array(await readFile(zipPath)));
  for (const [name, bytes] of Object.entries(files)) {
    if (name.endsWith("/")) continue;
    const target = join(folder, name);
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, bytes);
  }
  const root = Object.keys(files)[0]?.split("/")[0] ?? "";
  const shopJson = JSON.parse(new TextDecoder().decode(files[`${root}/shop.json`]));
  const name = shopJson.shop.name as string;
  expect(name).toMatch(/^Mei's Noodles/);

  // Opened from disk: no server, and nothing it asks for may leave the folder.
  const copy = await newPage();
  const outside: string[] = [];
  copy.on("request", (request) => {
    if (!request.url().startsWith("file://")) outside.push(request.url());
  });
  await copy.goto(pathToFileURL(join(folder, root, "storefront", "index.html")).href);
  await expect.poll(() => copy.locator("h1").textContent()).toBe(name);
  await saveScreenshot(copy, "export-saved-storefront-home");
  await copy.click('a[href^="product-"]');
  await copy.waitForURL(/\/product-[^/]+\.html$/);
  await expect.poll(() => copy.locator("h1").textContent()).toBe("Hand-made noodles");
  const photo = copy.locator("main picture img").first();
  await photo.scrollIntoViewIfNeeded();
  await expect
    .poll(() => photo.evaluate((image: HTMLImageElement) => image.complete && image.naturalWidth))
    .toBeGreaterThan(0);
  await saveScreenshot(copy, "export-saved-storefront-product");
  expect(outside).toEqual([]);
});

it("the owner closes the shop with its name typed, then keeps it; the pages read well in both languages", async () => {
  const page = await newPage();
  const shopId = await openShop(page, dashboardUrl, `mei-delete-${Date.now()}@example.test`);
  const here = `${dashboardUrl}/shops/${shopId}/settings/delete`;
  await page.goto(`${dashboardUrl}/shops/${shopId}/settings`);
  await page.click(`a[href="/shops/${shopId}/settings/delete"]`);
  await page.waitForURL(here);
  await checkScreen(page, "delete-shop-en");

  // A wrong name: the error summary takes focus and links to the field.
  await page.fill("#confirmName", "Not my shop");
  await page.click("main button[type=submit]");
  await expect.poll(() => page.locator(".error-summary a[href='#confirmName']").count()).toBe(1);
  await checkScreen(page, "delete-shop-error-en");

  const label = (await page.locator("label[for=confirmName]").textContent()) ?? "";
  const name = label.slice(label.indexOf(":") + 1).trim();
  await page.fill("#confirmName", name);
  await page.click("main button[type=submit]");
  await expect.poll(() => page.locator("[data-deletion-due]").count()).toBe(1);
  await checkScreen(page, "delete-shop-scheduled-en");

  const zh = await newPage("zh-CN", await page.context().storageState());
  await zh.goto(here);
  await checkScreen(zh, "delete-shop-scheduled-zh");
  await zh.goto(`${dashboardUrl}/shops/${shopId}/settings/export`);
  await checkScreen(zh, "export-page-zh");

  await page.click("main button[type=submit]");
  await expect.poll(() => page.locator("main .notice.success").count()).toBe(1);
  await checkScreen(page, "delete-shop-undone-en");
  await zh.goto(here);
  await checkScreen(zh, "delete-shop-zh");
});
