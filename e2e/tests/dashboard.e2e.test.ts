// A new owner on a 360 px phone, from nothing to a first order handed over: signs up, names the shop,
// adds a product from a photo, says where buyers collect, opens the shop and sees it live at its own
// address. A shopper buys with pay-at-pickup; the owner follows the new-order email's link, marks the
// order paid and handed over; the buyer gets an email at each step. Screens and fields to fill are
// counted against the promise (5 screens, 8 fields); every screen is checked with axe (WCAG 2.2 AA) and
// photographed. The run is made in English, in Chinese, and with JavaScript off.
// Then a forgotten password is reset from the emailed link.
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { dashboardMessages } from "@stall/i18n/dashboard";
import type { Browser, BrowserContext, Page } from "playwright-core";
import sharp from "sharp";
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from "vitest";
import { launchBrowser, saveScreenshot, viewport } from "../src/browser.ts";
import { emailsTo, newestLinkTo, subjectOf } from "../src/mail.ts";
import { checkScreen, fieldsToFill } from "../src/screens.ts";

const { dashboardPort, storefrontPort, dataDir } = inject("stack");
const dashboardUrl = `http://localhost:${dashboardPort}`;
const password = "noodles every saturday";

type Run = { locale: "en" | "zh-CN"; javaScript: boolean; tag: string };
const runs: Run[] = [
  { locale: "en", javaScript: true, tag: "en" },
  { locale: "zh-CN", javaScript: true, tag: "zh" },
  { locale: "en", javaScript: false, tag: "nojs" },
];

const contexts: BrowserContext[] = [];
let browser: Browser;
let photoPath: string;
beforeAll(async () => {
  browser = await launchBrowser();
  // A phone photo stand-in: 1600x1200 JPEG with some detail, made with sharp.
  const dir = await mkdtemp(join(tmpdir(), "stall-photo-"));
  photoPath = join(dir, "noodles.jpg");
  const stripes = Buffer.from(
    `<svg xmlns="http://www.w3.org/2000/svg" width="1600" height="1200"><rect width="1600" height="1200" fill="#e9c46a"/>${Array.from(
      { length: 12 },
      (_, i) => `<rect x="0" y="${i * 100}" width="1600" height="40" fill="#f4a261"/>`,
    ).join("")}</svg>`,
  );
  await writeFile(photoPath, await sharp(stripes).jpeg({ quality: 80 }).toBuffer());
});
afterEach(async () => {
  await Promise.all(contexts.splice(0).map((context) => context.close()));
});
afterAll(async () => {
  await browser?.close();
});

/** A phone of its own (cookies, language, JavaScript on or off), collecting script errors. */
async function phone(run: Run, errors: string[]): Promise<Page> {
  const context = await browser.newContext({
    viewport,
    locale: run.locale,
    javaScriptEnabled: run.javaScript,
    bypassCSP: true,
  });
  contexts.push(context);
  const page = await context.newPage();
  page.on("pageerror", (error) => errors.push(error.message));
  return page;
}

/** Photographs a screen; with JavaScript on, also checks it (axe and the rest run as scripts in the page). */
async function look(page: Page, run: Run, name: string) {
  if (run.javaScript) await checkScreen(page, `dashboard-${run.tag}-${name}`);
  else await saveScreenshot(page, `dashboard-${run.tag}-${name}`);
}

/** Submits the page's main form with its primary button and waits for the next page. */
async function submit(page: Page, url: string | RegExp, button = "main button[type=submit]") {
  await Promise.all([page.waitForURL(url), page.click(button)]);
}

type OpenedShop = { page: Page; shopUrl: string; ownerEmail: string; productTitle: string };

async function onboard(run: Run, errors: string[]): Promise<OpenedShop> {
  const t = dashboardMessages[run.locale];
  const page = await phone(run, errors);
  const en = run.locale === "en";
  const screens: { url: string; fields: string[] }[] = [];
  const count = async (name: string) => {
    screens.push({ url: new URL(page.url()).pathname, fields: await fieldsToFill(page) });
    await look(page, run, `${screens.length}-${name}`);
  };

  await page.goto(`${dashboardUrl}/`);
  await look(page, run, "0-sign-in");
  await submit(page, "**/sign-up", 'a[href^="/sign-up"]');

  // 1. The account. Sent empty first: the error summary comes first and takes the focus.
  await count("account");
  await submit(page, "**/sign-up");
  await look(page, run, "1-account-errors");
  expect(await page.locator(".error-summary").isVisible()).toBe(true);
  if (run.javaScript) expect(await page.evaluate(() => document.activeElement?.className)).toBe("error-summary");
  const ownerEmail = `mei-${run.tag}-${Date.now()}@example.test`;
  await page.fill("#name", en ? "Mei Chen" : "陈美");
  await page.fill("#email", ownerEmail);
  await page.fill("#password", password);
  await submit(page, "**/new-shop");

  // 2. The shop's name; the web address follows it as it is typed (or is made from it on the server).
  await count("shop-name");
  const shopName = en ? `Mei's Noodles ${Date.now() % 100000}` : `陈家手工面 ${Date.now() % 100000}`;
  await page.fill("#name", shopName);
  if (run.javaScript) {
    // Checked as it is typed: the address made from the name is free.
    const slug = await page.inputValue("#slug");
    expect(slug).not.toBe("");
    await expect.poll(() => page.textContent("#slug-status")).toBe(t.webAddressFree(`${slug}.localhost`));
  }
  await submit(page, "**/setup/product");

  // 3. The first product, from a photo.
  await count("product");
  expect(await page.getAttribute("#photo", "capture")).toBe("environment");
  await page.setInputFiles("#photo", photoPath);
  if (run.javaScript) await expect.poll(() => page.isVisible("#photo-preview")).toBe(true);
  const productTitle = en ? "Hand-made noodles, 500 g" : "手工面条 500 克";
  await page.fill("#title", productTitle);
  await page.fill("#price", "12.50");
  await submit(page, "**/setup/collect");

  // 4. Where buyers collect, paying when they collect.
  await count("collect");
  const place = en ? "Saturday market, stall 12" : "周六市场 12 号摊位";
  await page.fill("#address", place);
  // A dropped connection: the page is reloaded before the form is sent; nothing before it is lost.
  await page.reload();
  await page.waitForURL("**/setup/collect");
  await page.fill("#address", place);
  await submit(page, "**/setup/publish");

  // 5. Open the shop.
  await count("publish");
  await submit(page, "**/share", 'button[value="publish"]');
  await look(page, run, "6-share");
  const shopUrl = await page.inputValue("#shop-link");
  expect(shopUrl).toMatch(new RegExp(`^http://[a-z0-9-]+\\.localhost:${storefrontPort}$`));
  // The QR code loads under the page's Content-Security-Policy.
  if (run.javaScript)
    await expect.poll(() => page.$eval("img.qr", (img) => (img as HTMLImageElement).naturalWidth)).toBeGreaterThan(0);

  const fields = screens.flatMap((screen) => screen.fields);
  process.stdout.write(
    `[${run.tag}] onboarding: ${screens.length} screens, ${fields.length} fields to fill (${fields.join(", ")})\n` +
      `${screens.map((screen, index) => `  ${index + 1}. ${screen.url}: ${screen.fields.join(", ") || "-"}`).join("\n")}\n`,
  );
  expect(screens.length).toBeLessThanOrEqual(5);
  expect(fields.length).toBeLessThanOrEqual(8);

  // The live shop, at its own address, shows the product.
  await page.goto(shopUrl);
  expect(await page.textContent("body")).toContain(productTitle);
  await saveScreenshot(page, `dashboard-${run.tag}-8-live-shop`);
  await page.goBack();
  return { page, shopUrl, ownerEmail, productTitle };
}

/** A shopper on their own phone buys the product with pay-at-pickup; answers the order's number. */
async function buy(run: Run, shop: OpenedShop, buyerEmail: string, errors: string[]): Promise<number> {
  const page = await phone(run, errors);
  await page.goto(shop.shopUrl);
  await page.click(`main a[href^="/products/"]:has-text("${shop.productTitle}")`);
  const add = page.locator("form[data-cart-form] button[type=submit]:not([disabled])").first();
  if (run.javaScript) {
    await add.click();
    await expect.poll(() => page.locator("[data-cart-count]").first().textContent()).toBe("1");
    await page.goto(`${shop.shopUrl}/checkout`);
  } else {
    await Promise.all([page.waitForURL(/\/cart/), add.click()]);
    await page.goto(`${shop.shopUrl}/checkout`);
  }
  await page.fill('input[name="name"]', run.locale === "en" ? "Sam Taylor" : "王小明");
  await page.fill('input[name="email"]', buyerEmail);
  await page.check('input[name="fulfilment"]');
  await page.check('input[name="paymentMethod"][value="pay_at_pickup"]');
  await submit(page, /\/orders\/ord_[^?]+\?token=.+placed=1/, "[data-place-order]");
  await saveScreenshot(page, `dashboard-${run.tag}-buyer-order`);
  const heading = (await page.locator("h1[data-order-number]").textContent()) ?? "";
  return Number(/#(\d+)/.exec(heading)?.[1]);
}

/** The order's status as the owner's page shows it. */
function statusShown(page: Page): Promise<string | null> {
  return page.locator("main .lead .tag").first().textContent();
}

async function waitForMails(recipient: string, count: number): Promise<string[]> {
  await expect.poll(async () => (await emailsTo(dataDir, recipient)).length, { timeout: 30_000 }).toBe(count);
  return emailsTo(dataDir, recipient);
}

describe.each(runs)("a new owner's first shop and first order ($tag)", (run) => {
  it("opens in 5 screens and 8 fields, sells, and hands the first order over", async () => {
    const errors: string[] = [];
    const t = dashboardMessages[run.locale];
    const shop = await onboard(run, errors);

    // The shopper buys; the owner hears of it by email, in the shop's language, with a link to the order.
    const buyerEmail = `sam-${run.tag}-${Date.now()}@example.test`;
    const number = await buy(run, shop, buyerEmail, errors);
    expect(number).toBeGreaterThan(0);
    const link = await newestLinkTo(dataDir, shop.ownerEmail, "/orders/");
    expect(link.startsWith(`${dashboardUrl}/shops/`)).toBe(true);

    const { page } = shop;
    await page.goto(link);
    await look(page, run, "order-new");
    expect(await page.textContent("main h1")).toContain(String(number));
    expect(await statusShown(page)).toBe(t.status_awaiting_payment);

    // One tap each: paid, then handed over.
    await page.click('main button[value="mark_paid"]');
    await expect.poll(() => statusShown(page)).toBe(t.status_paid);
    await look(page, run, "order-paid");
    await page.click('main button[value="fulfil"]');
    await expect.poll(() => statusShown(page)).toBe(t.status_fulfilled);
    await look(page, run, "order-handed-over");

    // The buyer heard at each step, in their language: placed, paid, handed over.
    const mails = await waitForMails(buyerEmail, 3);
    const subjects = mails.map(subjectOf);
    process.stdout.write(`[${run.tag}] buyer's emails:\n${subjects.map((subject) => `  ${subject}`).join("\n")}\n`);
    for (const subject of subjects) expect(subject).toContain(String(number));
    if (run.locale === "zh-CN") for (const subject of subjects) expect(subject).toMatch(/[\u4e00-\u9fff]/);
    expect(errors).toEqual([]);
  });
});

it("resets a forgotten password from the emailed link, signs the owner in and ends the old session", async () => {
  const run: Run = { locale: "en", javaScript: true, tag: "en" };
  // Signed in on one phone...
  const before = await phone(run, []);
  const email = `forgetful-${Date.now()}@example.test`;
  await before.goto(`${dashboardUrl}/sign-up`);
  await before.fill("#name", "Lin");
  await before.fill("#email", email);
  await before.fill("#password", password);
  await submit(before, "**/new-shop");

  // ...the password is forgotten on another.
  const page = await phone(run, []);
  await page.goto(`${dashboardUrl}/sign-in`);
  await page.click('a[href="/forgot-password"]');
  await look(page, run, "forgot");
  await page.fill("#email", email);
  await page.click("main button[type=submit]");
  await expect.poll(() => page.textContent("h1")).toBe("Check your email");

  const link = await newestLinkTo(dataDir, email, "/reset-password?token=");
  await page.goto(link);
  await look(page, run, "reset");
  await page.fill("#password", "a brand new passphrase");
  await page.click("main button[type=submit]");
  // Signed in: the owner lands on their next step, not on the sign-in page.
  await page.waitForURL("**/new-shop");
  expect(await page.textContent("h1")).toContain("What is your shop called?");

  // The session from before the reset is over: that phone is asked to sign in again, and comes back after.
  await before.reload();
  await before.waitForURL(/\/sign-in\?/);
  expect(new URL(before.url()).searchParams.get("next")).toBe("/new-shop");
});
