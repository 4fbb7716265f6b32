// The owner's orders screens on a 360 px phone in real Chromium, in English and Chinese: the list with
// its badge, one order, the undo after a step, the cancel and money-back confirmations and the packing
// slip. Each page: no axe (WCAG 2.2 AA) violations, no sideways scrolling, a screenshot to look at.
import type { Browser, BrowserContext, Page } from "playwright-core";
import sharp from "sharp";
import { afterAll, afterEach, beforeAll, expect, inject, it } from "vitest";
import { axeViolations, launchBrowser, saveScreenshot, scrollWidth, viewport, WCAG22_AA } from "../src/browser.ts";

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

async function newPage(locale: string): Promise<Page> {
  const context = await browser.newContext({ viewport, locale, bypassCSP: true });
  contexts.push(context);
  return context.newPage();
}

/** An owner with an open shop, through the onboarding screens; returns the shop's id. */
async function openShop(page: Page, email: string): Promise<string> {
  await page.goto(`${dashboardUrl}/sign-up`);
  await page.fill("#name", "Mei Chen");
  await page.fill("#email", email);
  await page.fill("#password", password);
  await page.click("main button[type=submit]");
  await page.waitForURL("**/new-shop");
  await page.fill("#name", `Mei's Noodles ${Date.now() % 100000}`);
  await page.click("main button[type=submit]");
  await page.waitForURL("**/setup/product");
  const photo = await sharp({ create: { width: 640, height: 480, channels: 3, background: "#e9c46a" } })
    .jpeg()
    .toBuffer();
  await page.setInputFiles("#photo", { name: "noodles.jpg", mimeType: "image/jpeg", buffer: photo });
  await page.fill("#title", "Hand-made noodles");
  await page.fill("#price", "12.50");
  await page.click("main button[type=submit]");
  await page.waitForURL("**/setup/collect");
  await page.fill("#address", "Saturday market, stall 12");
  await page.click("main button[type=submit]");
  await page.waitForURL("**/setup/publish");
  await page.click('button[value="publish"]');
  await page.waitForURL("**/share");
  return /\/shops\/([^/]+)\//.exec(page.url())?.[1] ?? "";
}

let orderCount = 0;
/** A buyer's order, placed through the API the storefront uses; returns its id. */
async function placeOrder(page: Page, shopId: string): Promise<string> {
  const token = (await page.context().cookies()).find((cookie) => cookie.name === "stall_session")?.value ?? "";
  const owner = { authorization: `Bearer ${token}` };
  const get = async (path: string) => (await fetch(`${api}${path}`, { headers: owner })).json();
  const shop = (await get(`/v1/shops/${shopId}`)) as { url: string };
  const products = (await get(`/v1/shops/${shopId}/products`)) as { items: { variants: { id: string }[] }[] };
  const points = (await get(`/v1/shops/${shopId}/pickup-points`)) as { items: { id: string }[] };
  const placed = await fetch(`${api}/v1/storefront/${new URL(shop.url).hostname}/checkouts`, {
    method: "POST",
    headers: { "content-type": "application/json", "idempotency-key": `orders-e2e-${Date.now()}-${++orderCount}` },
    body: JSON.stringify({
      lines: [{ variantId: products.items[0]?.variants[0]?.id, quantity: 2 }],
      buyer: { name: "Ana Li", email: "ana@example.test", phone: "+86 138 0000 0000" },
      fulfilment: { type: "pickup", pickupPointId: points.items[0]?.id },
      paymentMethod: "pay_at_pickup",
    }),
  });
  expect(placed.status).toBe(201);
  return ((await placed.json()) as { order: { id: string } }).order.id;
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
    const shopId = await openShop(page, `mei-orders-${lang}-${Date.now()}@example.test`);
    const first = await placeOrder(page, shopId);
    const second = await placeOrder(page, shopId);
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
