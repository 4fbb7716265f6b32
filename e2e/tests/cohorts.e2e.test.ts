// Programmes in real Chromium at 360 px, in English and Chinese: an operator starts a programme; a new
// owner opens its invitation link, signs up (the optional age question), names a shop from a trade's
// template and joins; the operator reads the figures with their charts. Every page: axe WCAG 2.2 AA clean,
// no sideways scrolling, a screenshot to look at.
import path from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, expect, inject, it } from "vitest";
import { axeViolations, launchBrowser, saveScreenshot, scrollWidth, viewport, WCAG22_AA } from "../src/browser.ts";
import { ownerPassword, signUp } from "../src/owner.ts";

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

async function newPage(locale: string): Promise<Page> {
  const context = await browser.newContext({ viewport, locale, bypassCSP: true });
  contexts.push(context);
  return context.newPage();
}

/** Makes the account an operator in the stack's database, as `npm run stall -- operator:create` does. */
async function makeOperator(email: string) {
  const { createClient } = await import("@libsql/client");
  const client = createClient({ url: `file:${path.join(dataDir, "stall.db")}` });
  try {
    await client.execute({ sql: "UPDATE users SET role = 'operator' WHERE email = ?", args: [email] });
  } finally {
    client.close();
  }
}

async function check(page: Page, name: string) {
  await saveScreenshot(page, name);
  expect(await axeViolations(page, WCAG22_AA), name).toEqual([]);
  expect(await scrollWidth(page), `${name}: no sideways scrolling at 360 px`).toBeLessThanOrEqual(viewport.width);
}

for (const [lang, locale] of [
  ["en", "en-GB"],
  ["zh", "zh-CN"],
] as const) {
  it(`runs a programme from invitation to figures (${lang})`, async () => {
    const stamp = `${lang}-${Date.now()}`;
    const staff = await newPage(locale);
    const staffEmail = `ops-${stamp}@example.test`;
    await staff.goto(`${dashboardUrl}/sign-up`);
    await signUp(staff, "Ops", staffEmail);
    await staff.waitForURL("**/new-shop");
    await makeOperator(staffEmail);

    await staff.goto(`${dashboardUrl}/operator/cohorts`);
    await check(staff, `cohorts-${lang}-list-empty`);
    await staff.click('a[href="/operator/cohorts/new"]');
    await staff.fill("#name", lang === "en" ? "Riverside market 2026" : "河畔市集 2026");
    await staff.fill(
      "#description",
      lang === "en" ? "Run by the town council.\nFree help on Tuesdays." : "由镇政府举办。\n每周二免费帮助。",
    );
    await check(staff, `cohorts-${lang}-new`);
    await staff.click("main button[type=submit]");
    await staff.waitForURL(/\/operator\/cohorts\/coh_/);
    const joinUrl = (await staff.textContent("#invite-link"))?.trim() ?? "";
    expect(joinUrl).toMatch(/\/join\/[A-Za-z0-9_-]{16}$/);

    const owner = await newPage(locale);
    await owner.goto(joinUrl);
    await check(owner, `cohorts-${lang}-join`);
    await owner.click('a[href^="/sign-up?next="]');
    await owner.fill("#name", "Ana");
    await owner.fill("#email", `farmer-${stamp}@example.test`);
    await owner.fill("#password", ownerPassword);
    await owner.check('input[name="ageBand"][value="50_64"]');
    await check(owner, `cohorts-${lang}-sign-up`);
    await owner.click("main button[type=submit]");
    await owner.waitForURL(/\/new-shop\?join=/);
    await owner.fill("#name", `Ana Farm ${stamp}`);
    await owner.check('input[name="template"][value="farm_produce"]');
    await check(owner, `cohorts-${lang}-name-your-shop`);
    await owner.click("main button[type=submit]");
    await owner.waitForURL("**/setup/product");
    await owner.goto(`${dashboardUrl}/account`);
    await check(owner, `cohorts-${lang}-account`);

    await staff.goto(`${dashboardUrl}/operator/cohorts`);
    await check(staff, `cohorts-${lang}-list`);
    await staff.click("main .order-list a");
    await expect.poll(() => staff.textContent("h1")).toContain(lang === "en" ? "Figures for" : "的数据");
    expect(await staff.getAttribute("svg[role=img] >> nth=0", "aria-labelledby")).toBe(
      "chart-shops-title chart-shops-desc",
    );
    expect(await staff.textContent("main")).toContain(`Ana Farm ${stamp}`);
    await check(staff, `cohorts-${lang}-figures`);
  });
}
