// A shopper buys two items with pay-at-pickup in headless Chromium and sees the order page; the owner
// marks it paid and ready through the API; the emails are written as .eml files.
import type { Browser, BrowserContext } from "playwright-core";
import { afterAll, afterEach, beforeAll, expect, inject, it } from "vitest";
import { axeViolations, launchBrowser, saveScreenshot, scrollWidth, viewport } from "../src/browser.ts";
import { emailsTo } from "../src/mail.ts";

const { apiPort, storefrontPort, dataDir } = inject("stack");
const shopUrl = `http://demo.localhost:${storefrontPort}`;
const api = `http://127.0.0.1:${apiPort}`;

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

async function ownerToken(): Promise<{ token: string; shopId: string }> {
  const login = await fetch(`${api}/v1/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email: "owner@demo.stall.test", password: "demo-owner-2026" }),
  });
  const { token } = (await login.json()) as { token: string };
  const me = (await (await fetch(`${api}/v1/me`, { headers: { authorization: `Bearer ${token}` } })).json()) as {
    memberships: { shopId: string }[];
  };
  return { token, shopId: me.memberships[0]?.shopId ?? "" };
}

it("buys two items with pay-at-pickup, sees the order page, and the owner moves it on", async () => {
  context = await browser.newContext({ viewport, locale: "en-US", bypassCSP: true });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(error.message));

  // Two different items into the cart.
  const added: string[] = [];
  await page.goto(`${shopUrl}/`);
  const hrefs = await page
    .locator('main a[href^="/products/"]')
    .evaluateAll((links) => [...new Set(links.map((link) => link.getAttribute("href") ?? ""))].filter(Boolean));
  for (const href of hrefs) {
    if (added.length === 2) break;
    await page.goto(`${shopUrl}${href}`);
    const button = page.locator("form[data-cart-form] button[type=submit]:not([disabled])");
    if ((await button.count()) === 0) continue;
    await button.first().click();
    await expect
      .poll(() => page.locator("[data-cart-count]").first().textContent(), { timeout: 10_000 })
      .toBe(String(added.length + 1));
    added.push((await page.locator("h1").first().textContent())?.trim() ?? "");
  }
  expect(added).toHaveLength(2);

  await page.goto(`${shopUrl}/checkout`);
  await saveScreenshot(page, "buy-checkout");
  expect.soft(await axeViolations(page), "checkout: axe").toEqual([]);
  expect.soft(await scrollWidth(page), "checkout: no horizontal scroll").toBeLessThanOrEqual(viewport.width);
  await page.fill('input[name="name"]', "Sam Taylor");
  const email = `sam-${Date.now()}@example.test`;
  await page.fill('input[name="email"]', email);
  await page.check('input[name="paymentMethod"][value="pay_at_pickup"]');
  await Promise.all([
    page.waitForURL(/\/orders\/ord_[^?]+\?token=.+placed=1/),
    page.locator("[data-place-order]").click(),
  ]);

  await saveScreenshot(page, "buy-order");
  expect.soft(await axeViolations(page), "order page: axe").toEqual([]);
  const heading = (await page.locator("h1[data-order-number]").textContent()) ?? "";
  const number = Number(/#(\d+)/.exec(heading)?.[1]);
  expect(number).toBeGreaterThan(1000);
  expect(await page.locator("[data-order-placed]").isVisible()).toBe(true);
  expect(await page.locator("[data-order-lines] li").count()).toBe(2);
  for (const title of added) expect(await page.locator("[data-order-lines]").textContent()).toContain(title);
  const orderId = /\/orders\/(ord_[^?]+)/.exec(page.url())?.[1] ?? "";

  // The owner taps "paid" and "ready".
  const owner = await ownerToken();
  const step = (action: string) =>
    fetch(`${api}/v1/shops/${owner.shopId}/orders/${orderId}/${action}`, {
      method: "POST",
      headers: { authorization: `Bearer ${owner.token}` },
    });
  expect((await step("mark-paid")).status).toBe(200);
  const ready = await step("mark-ready");
  expect(((await ready.json()) as { status: string }).status).toBe("ready");

  await page.reload();
  expect(await page.locator("[data-order-status]").first().getAttribute("data-order-status")).toBe("ready");
  await saveScreenshot(page, "buy-order-ready");

  // The outbox worker delivers within a few seconds: confirmation, receipt and "ready" to the buyer,
  // "new order" to the owner.
  await expect.poll(async () => (await emailsTo(dataDir, email)).length, { timeout: 30_000, interval: 500 }).toBe(3);
  const mails = await emailsTo(dataDir, email);
  for (const mail of mails) expect(mail).toMatch(new RegExp(`Subject: .*${number}`));
  expect(mails.some((mail) => /payment received/i.test(mail))).toBe(true);
  expect(mails.some((mail) => /ready/i.test(mail))).toBe(true);
  await expect
    .poll(
      async () => (await emailsTo(dataDir, "owner@demo.stall.test")).some((mail) => mail.includes(String(number))),
      {
        timeout: 30_000,
        interval: 500,
      },
    )
    .toBe(true);
  expect(errors).toEqual([]);
});
