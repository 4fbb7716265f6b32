// The owner's orders screens on a 360 px phone in real Chromium, in English and Chinese: the list with
// its badge, one order, the undo after a step, the cancel and money-back confirmations and the packing
// slip. Each page: no axe (WCAG 2.2 AA) violations, no sideways scrolling, a screenshot to look at.
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, expect, inject, it } from "vitest";
import { axeViolations, launchBrowser, saveScreenshot, scrollWidth, viewport, WCAG22_AA } from "../src/browser.ts";
import { placeOrder } from "../src/orders.ts";
import { openShop, sessionTokenOf } from "../src/owner.ts";

const { apiPort, dashboardPort } = inject("stack");
const dashboardUrl = `http://localhost:${dashboardPort}`;
const api = `http://127.0.0.1:${apiPort}`;

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
  return context.newPage();
}

async function check(page: Page, name: string) {
  await saveScreenshot(page, name);
  expect(await axeViolations(page, WCAG22_AA), name).toEqual([]);
  expect(await scrollWidth(page), `${name}: no sideways scrolling at 360 px`).toBeLessThanOrEqual(viewport.width);
}

for (const [lang, locale] of [
  ["en", "en-US"],
  ["zh-CN", "zh-CN"],
] as const) {
  it(`the orders screens at 360 px in ${lang}: list, order, undo, cancel, money back, packing slip`, async () => {
    const page = await newPage(locale);
    const shopId = await openShop(page, dashboardUrl, `mei-orders-${lang}-${Date.now()}@example.test`);
    const order = { api, token: await sessionTokenOf(page), shopId, quantity: 2, buyerName: "Ana Li" };
    const first = await placeOrder(order);
    const second = await placeOrder(order);
    const base = `${dashboardUrl}/shops/${shopId}/orders`;

    await page.goto(base);
    expect(await page.textContent(".shop-nav .badge")).toContain("2");
    await check(page, `orders-${lang}-list`);

    await page.goto(`${base}/${first}`);
    // With JavaScript, the chat message has a copy button.
    expect(await page.isVisible("#copy-chat")).toBe(true);
    await check(page, `orders-${lang}-order`);

    await page.click('button[value="mark_paid"]');
    await page.waitForURL("**?done=1");
    expect(await page.isVisible('button[value="undo"]')).toBe(true);
    await check(page, `orders-${lang}-after-step`);
    await page.click('button[value="undo"]');
    await page.waitForURL("**?done=undone");
    await check(page, `orders-${lang}-undone`);

    await page.goto(`${base}/${second}/cancel`);
    await check(page, `orders-${lang}-cancel`);
    await page.click("main form button[type=submit]");
    await page.waitForURL("**?done=cancelled");

    await page.goto(`${base}/${first}`);
    await page.click('button[value="mark_paid"]');
    await page.waitForURL("**?done=1");
    await page.goto(`${base}/${first}/refund`);
    await page.fill("#amount", "5");
    await check(page, `orders-${lang}-refund`);
    await page.click("main form button[type=submit]");
    await page.waitForSelector('input[name="confirm"]', { state: "attached" });
    await check(page, `orders-${lang}-refund-check`);
    await page.click("main form button[type=submit]");
    await page.waitForURL("**?refunded=500");

    await page.goto(`${base}/${first}/slip`);
    expect(await page.isVisible("#print-slip")).toBe(true);
    await check(page, `orders-${lang}-slip`);
    await page.emulateMedia({ media: "print" });
    expect(await page.isVisible(".shop-nav")).toBe(false);
    expect(await page.isVisible("#print-slip")).toBe(false);
    await saveScreenshot(page, `orders-${lang}-slip-print`);
  });
}
