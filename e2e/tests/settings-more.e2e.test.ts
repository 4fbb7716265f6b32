// The settings pages beyond the shop's details, in real Chromium at 360 px with the page's own
// Content-Security-Policy: the look (previews, the colour boxes that follow the # fields, the
// readability check), delivery areas and posting prices, tax, discount codes; in English and Chinese.
// Each page passes the dashboard's screen checks (axe WCAG 2.2 AA, no sideways scrolling, 44 px
// targets, 16 px text) and its first load stays small.
import { gzipSync } from "node:zlib";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, expect, inject, it } from "vitest";
import { launchBrowser, viewport } from "../src/browser.ts";
import { checkScreen } from "../src/screens.ts";

const { apiPort, dashboardPort } = inject("stack");
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

/**
 * A page, and what its Content-Security-Policy refused. axe is injected as an inline script, which the page's own
 * policy refuses, so pages that run axe bypass it; `withPolicy` keeps it, to show the page's inline
 * style and script are allowed by it.
 */
async function newPage(
  locale: string,
  options: { withPolicy?: boolean; storageState?: Awaited<ReturnType<BrowserContext["storageState"]>> } = {},
): Promise<{ page: Page; refused: string[] }> {
  const context = await browser.newContext({
    viewport,
    locale,
    bypassCSP: !options.withPolicy,
    ...(options.storageState ? { storageState: options.storageState } : {}),
  });
  contexts.push(context);
  const page = await context.newPage();
  const refused: string[] = [];
  page.on("console", (message) => {
    // A form sent back for a fix answers 422, which the console reports too; only refusals count here.
    if (message.type() === "error" && /Content Security Policy/i.test(message.text())) refused.push(message.text());
  });
  return { page, refused };
}

/** An owner and a shop with one product, made through the API (the onboarding has its own tests). */
async function shopWithProduct(page: Page, name: string): Promise<string> {
  const email = `mei-settings-more-${Date.now()}-${Math.random().toString(36).slice(2, 8)}@example.test`;
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
  const created = await fetch(`${api}/v1/shops/${shopId}/products`, {
    method: "POST",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: JSON.stringify({ title: "Hand-made noodles", variants: [{ price: 1250 }], status: "active" }),
  });
  expect(created.status, await created.clone().text()).toBe(201);
  return shopId;
}

async function checkPage(page: Page, refused: string[], name: string) {
  // The page's first load, fetched again as the browser would: its HTML carries its CSS and script.
  const html = await (await page.context().request.get(page.url())).body();
  const compressed = gzipSync(html).length;
  expect(compressed, `${name}: ${compressed} bytes compressed`).toBeLessThan(12_000);
  await checkScreen(page, name);
  expect(refused, `${name}: nothing refused by the page's policy`).toEqual([]);
  return compressed;
}

it.each([
  ["en-US", "Mei's Noodles", "en"],
  ["zh-CN", "梅记面馆", "zh"],
])(
  "every new settings page reads well at 360 px (%s)",
  async (locale, shopName, tag) => {
    const { page, refused } = await newPage(locale);
    const shopId = await shopWithProduct(page, shopName);
    const base = `${dashboardUrl}/shops/${shopId}/settings`;
    const sizes: Record<string, number> = {};

    // The look: three previews with the shop's name and its product.
    await page.goto(`${base}/look`);
    expect(await page.locator(".look-preview").count()).toBe(3);
    expect(await page.locator(".look-preview").first().textContent()).toContain("Hand-made noodles");
    expect(await page.locator(".look-preview").first().textContent()).toContain(shopName);
    // With JavaScript the colour boxes show and write into the # fields (and pick "my own colours").
    const box = page.locator('input.colour-pick[data-for="accent"]');
    expect(await box.isVisible()).toBe(true);
    await box.evaluate((element: HTMLInputElement) => {
      element.value = "#1f7a3a";
      element.dispatchEvent(new Event("input", { bubbles: true }));
    });
    expect(await page.inputValue("#accent")).toBe("#1f7a3a");
    expect(await page.isChecked('input[name="colours"][value="own"]')).toBe(true);
    sizes.look = await checkPage(page, refused, `settings-look-${tag}`);

    // Writing too pale to read: refused with the reason, the summary first.
    await page.fill("#text", "#cccccc");
    await page.click('button[value="save"]');
    await expect.poll(() => page.title()).toMatch(/^(Error: |错误：)/);
    expect(await page.inputValue("#text")).toBe("#cccccc");
    await checkPage(page, refused, `settings-look-${tag}-refused`);
    await page.fill("#text", "#222222");
    await page.click('button[value="save"]');
    await page.waitForURL("**/settings/look?saved=1");

    await page.goto(`${base}/delivery/areas/new`);
    await page.fill("#name", tag === "zh" ? "老城区" : "Old Town");
    await page.fill("#fee", "5");
    await page.check('input[name="deliveryDays"][value="6"]');
    sizes.area = await checkPage(page, refused, `settings-delivery-area-${tag}`);
    await page.click("main form button[type=submit]");
    await page.waitForURL("**/settings/delivery?saved=1");

    await page.goto(`${base}/delivery/rates/new`);
    await page.fill("#name", tag === "zh" ? "普通邮寄" : "Standard post");
    await page.fill("#countries", "CN, HK");
    await page.fill("#price", "12");
    sizes.rate = await checkPage(page, refused, `settings-delivery-rate-${tag}`);
    await page.click("main form button[type=submit]");
    await page.waitForURL("**/settings/delivery?saved=1");
    sizes.delivery = await checkPage(page, refused, `settings-delivery-${tag}`);

    await page.goto(`${base}/tax`);
    await page.check('input[name="mode"][value="added"]');
    await page.fill("#rate", "10");
    await page.click('button[value="check"]');
    await expect.poll(() => page.textContent("#example-title")).toBeTruthy();
    sizes.tax = await checkPage(page, refused, `settings-tax-${tag}`);

    await page.goto(`${base}/discounts/new`);
    await page.fill("#code", "SPRING10");
    await page.fill("#value", "10");
    sizes.discount = await checkPage(page, refused, `settings-discount-${tag}`);
    await page.click("main form button[type=submit]");
    await page.waitForURL("**/settings/discounts?saved=1");
    sizes.discounts = await checkPage(page, refused, `settings-discounts-${tag}`);

    // Deleting asks first.
    await page.goto(`${base}/delivery`);
    await page.click(`a[href*="/delivery/areas/"]:not([href$="/new"])`);
    await page.click('a[href$="?delete=1"]');
    sizes.confirm = await checkPage(page, refused, `settings-delivery-delete-${tag}`);

    // The settings page links to each of them.
    await page.goto(base);
    for (const page_ of ["look", "delivery", "tax", "discounts"]) {
      expect(await page.locator(`a[href="/shops/${shopId}/settings/${page_}"]`).count(), page_).toBe(1);
    }

    // Under the page's own policy: the previews' colours and the colour boxes' script are allowed.
    const strict = await newPage(locale, { withPolicy: true, storageState: await page.context().storageState() });
    await strict.page.goto(`${base}/look`);
    expect(await strict.page.locator('input.colour-pick[data-for="accent"]').isVisible()).toBe(true);
    const previewBackground = await strict.page
      .locator(".look-kitchen")
      .evaluate((element) => getComputedStyle(element).backgroundColor);
    expect(previewBackground).not.toBe("rgba(0, 0, 0, 0)");
    for (const path of ["delivery", "tax", "discounts"]) await strict.page.goto(`${base}/${path}`);
    expect(strict.refused).toEqual([]);
    process.stdout.write(`settings pages, compressed bytes (${tag}): ${JSON.stringify(sizes)}\n`);
  },
  300_000,
);
