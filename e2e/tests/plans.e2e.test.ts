// Plans at 360 px in real Chromium, in English and Chinese: the owner's "Your plan" page, and the
// operator console's plans (list, new with its errors, change, move a shop). Each page: no sideways
// scrolling, no axe (WCAG 2.2 AA) violations, a screenshot in e2e/artifacts.
import { join } from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, expect, inject, it } from "vitest";
import { axeViolations, launchBrowser, saveScreenshot, scrollWidth, viewport, WCAG22_AA } from "../src/browser.ts";
import { openShop, signUp } from "../src/owner.ts";

const { dashboardPort, dataDir } = inject("stack");
const dashboardUrl = `http://localhost:${dashboardPort}`;

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

async function newPage(locale: "en-US" | "zh-CN"): Promise<Page> {
  const context = await browser.newContext({ viewport, locale, bypassCSP: true });
  contexts.push(context);
  return context.newPage();
}

/** Makes the account an operator in the API's database, as `stall operator:create` would. The module is
 * named in a variable so this package's typecheck does not read the database package. */
async function makeOperator(email: string) {
  const name = "@stall/db";
  const { createDb } = (await import(name)) as {
    createDb: (url: string) => Promise<{ client: { execute: (q: unknown) => Promise<unknown>; close(): void } }>;
  };
  const database = await createDb(`file:${join(dataDir, "stall.db")}`);
  try {
    await database.client.execute({ sql: "UPDATE users SET role = 'operator' WHERE email = ?", args: [email] });
  } finally {
    database.client.close();
  }
}

async function check(page: Page, name: string) {
  await saveScreenshot(page, name);
  expect(await axeViolations(page, WCAG22_AA), name).toEqual([]);
  expect(await scrollWidth(page), `${name}: no sideways scrolling at 360 px`).toBeLessThanOrEqual(viewport.width);
}

let shopId = "";
let ownerCookies: Awaited<ReturnType<BrowserContext["cookies"]>> = [];
let operatorCookies: Awaited<ReturnType<BrowserContext["cookies"]>> = [];

beforeAll(async () => {
  const stamp = Date.now();
  const owner = await newPage("en-US");
  shopId = await openShop(owner, dashboardUrl, `mei-plan-${stamp}@example.test`);
  ownerCookies = await owner.context().cookies();
  const operatorEmail = `operator-${stamp}@example.test`;
  const signing = await newPage("en-US");
  await signing.goto(`${dashboardUrl}/sign-up`);
  await signUp(signing, "Operator", operatorEmail);
  await signing.waitForURL("**/new-shop");
  await makeOperator(operatorEmail);
  operatorCookies = await signing.context().cookies();
  for (const context of contexts.splice(0)) await context.close();
});

for (const locale of ["en-US", "zh-CN"] as const) {
  const lang = locale === "en-US" ? "en" : "zh";

  it(`the owner's plan page fits a phone and passes axe (${lang})`, async () => {
    const page = await newPage(locale);
    await page.context().addCookies(ownerCookies);
    await page.goto(`${dashboardUrl}/shops/${shopId}/plan`);
    await expect.poll(() => page.textContent("h1")).toContain(locale === "en-US" ? "Your plan: Free" : "您的套餐");
    await check(page, `plan-${lang}-owner`);
  });

  it(`the console's plan pages fit a phone and pass axe (${lang})`, async () => {
    const staff = await newPage(locale);
    await staff.context().addCookies(operatorCookies);
    await staff.goto(`${dashboardUrl}/operator/plans`);
    await check(staff, `plan-${lang}-operator-list`);
    await staff.goto(`${dashboardUrl}/operator/plans/new`);
    await staff.fill("#name", "");
    await staff.fill("#maxProducts", "many");
    await staff.click("main form button[type=submit]");
    await expect.poll(() => staff.locator(".error-summary").count()).toBe(1);
    await check(staff, `plan-${lang}-operator-new-errors`);
    await staff.goto(`${dashboardUrl}/operator/plans/plan_free`);
    await check(staff, `plan-${lang}-operator-edit`);
    await staff.goto(`${dashboardUrl}/operator/plans/assign?shop=${shopId}`);
    await check(staff, `plan-${lang}-operator-assign`);
  });
}
