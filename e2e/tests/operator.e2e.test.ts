// An operator at work, in real Chromium at 360 px: made with `npm run stall -- operator:create`, signs in
// through the printed link, finds a shop, suspends it with a reason (the storefront shows its "closed for
// now" page), opens it again, and opens a programme's figures. Every console screen is checked (axe, no sideways scroll, 44 px targets,
// 16 px text) and photographed, in English and Chinese.
import { spawn } from "node:child_process";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, expect, inject, it } from "vitest";
import { launchBrowser, viewport } from "../src/browser.ts";
import { openShop } from "../src/owner.ts";
import { checkScreen } from "../src/screens.ts";

const { dashboardPort, storefrontPort, dataDir } = inject("stack");
const dashboardUrl = `http://localhost:${dashboardPort}`;
const root = fileURLToPath(new URL("../../", import.meta.url));
const operatorPassword = "operators keep the lights on";

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

async function newPage(): Promise<Page> {
  const context = await browser.newContext({ viewport, locale: "en-US", bypassCSP: true });
  contexts.push(context);
  return context.newPage();
}

/** `npm run stall -- operator:create <email>` on the running stack's database; answers the printed link. */
function createOperator(email: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn("npm", ["run", "--silent", "stall", "--", "operator:create", email], {
      cwd: root,
      env: {
        ...process.env,
        DATABASE_URL: `file:${join(dataDir, "stall.db")}`,
        PUBLIC_DASHBOARD_URL: dashboardUrl,
        LOG_LEVEL: "silent",
      },
    });
    let stdout = "";
    child.stdout.on("data", (chunk) => {
      stdout += chunk;
    });
    child.on("error", reject);
    child.on("close", (code) => {
      const link = /https?:\/\/\S+\/reset-password\?token=\S+/.exec(stdout)?.[0];
      if (code === 0 && link) resolve(link);
      else reject(new Error(`operator:create exited ${code}: ${stdout}`));
    });
  });
}

/** The console screen in English and in Chinese (the language switch at the bottom of every page). */
async function checkBothLanguages(page: Page, name: string): Promise<void> {
  await checkScreen(page, `operator-${name}-en`);
  const here = new URL(page.url());
  await page.goto(`${dashboardUrl}/language?to=zh-CN&next=${encodeURIComponent(`${here.pathname}${here.search}`)}`);
  await checkScreen(page, `operator-${name}-zh-CN`);
  await page.goto(`${dashboardUrl}/language?to=en&next=${encodeURIComponent(`${here.pathname}${here.search}`)}`);
}

it("an operator signs in, finds a shop, suspends it (the storefront shows the closed page), restores it and opens a programme's figures", async () => {
  const stamp = Date.now();
  const owner = await newPage();
  const ownerEmail = `lin-ops-${stamp}@example.test`;
  const shopId = await openShop(owner, dashboardUrl, ownerEmail);

  // The first operator: the printed link chooses a password and signs in; the console opens.
  const staff = await newPage();
  await staff.goto(await createOperator(`ops-${stamp}@example.test`));
  await staff.fill("#password", operatorPassword);
  await staff.click("main button[type=submit]");
  await staff.waitForURL("**/operator");
  await checkBothLanguages(staff, "overview");

  // Finds the shop by its owner's email.
  await staff.click(`nav a[href="/operator/shops"]`);
  await staff.waitForURL("**/operator/shops");
  await staff.fill("#q", ownerEmail);
  await staff.click("main form[role=search] button[type=submit]");
  await staff.waitForURL("**/operator/shops?**");
  await checkBothLanguages(staff, "shops");
  await staff.click(`a[href="/operator/shops/${shopId}"]`);
  await staff.waitForURL(`**/operator/shops/${shopId}`);
  expect(await staff.textContent("main")).toContain(ownerEmail);
  const shopUrl = await staff.getAttribute("main dl a", "href");
  expect(shopUrl).toContain(`.localhost:${storefrontPort}`);
  await checkBothLanguages(staff, "shop");

  // Suspends it: the reason, then "are you sure?".
  await staff.click(`a[href="/operator/shops/${shopId}/suspend"]`);
  await staff.waitForURL("**/suspend");
  await staff.click("main button[type=submit]");
  await expect.poll(() => staff.textContent(".error-summary")).toContain("Write the reason the owner will read");
  await checkBothLanguages(staff, "suspend-error");
  await staff.fill("#reason", "Your photos show medicines, which Stall cannot sell. Take them down and write to us.");
  await staff.click("main button[type=submit]");
  await expect.poll(() => staff.textContent("h1")).toContain("Suspend");
  await checkScreen(staff, "operator-suspend-check-en");
  await staff.click("main form button.warning");
  await staff.waitForURL(`**/operator/shops/${shopId}?saved=suspend`);
  expect(await staff.textContent("main")).toContain("The shop is suspended.");

  // The storefront shows its plain "closed for now" page.
  const buyer = await newPage();
  await expect
    .poll(async () => (await buyer.goto(shopUrl ?? ""))?.status(), { timeout: 5000, interval: 100 })
    .toBe(503);
  expect(await buyer.textContent("h1")).toContain("is closed for now");

  // The owner reads why, and where to write.
  await owner.goto(`${dashboardUrl}/shops/${shopId}`);
  expect(await owner.textContent("main")).toContain("Your photos show medicines");
  await checkBothLanguages(owner, "owner-home-suspended");

  // Restores it; buyers see the shop again.
  await staff.click(`a[href="/operator/shops/${shopId}/restore"]`);
  await staff.fill("#reason", "Photos taken down");
  await staff.click("main button[type=submit]");
  await staff.click("main form button.warning");
  await staff.waitForURL(`**/operator/shops/${shopId}?saved=restore`);
  await expect
    .poll(async () => (await buyer.goto(shopUrl ?? ""))?.status(), { timeout: 5000, interval: 100 })
    .toBe(200);

  // Support access: the owner's switch; the operator then looks, read-only, told so on the page.
  await owner.goto(`${dashboardUrl}/shops/${shopId}/settings/support`);
  await checkBothLanguages(owner, "owner-support");
  await owner.check('input[name="duration"][value="24h"]');
  await owner.click("main form button[type=submit]");
  await owner.waitForURL("**/settings/support?saved=1");
  await staff.goto(`${dashboardUrl}/shops/${shopId}`);
  expect(await staff.textContent("[data-support-visit]")).toContain("You are looking at this shop for support");
  await checkBothLanguages(staff, "support-visit");

  // The password page an action sends an operator to after 15 minutes.
  await staff.goto(`${dashboardUrl}/operator/confirm?next=${encodeURIComponent(`/operator/shops/${shopId}`)}`);
  await checkBothLanguages(staff, "confirm");

  // A programme's figures: the operator starts one, then opens its page from the list of programmes.
  const programme = `Harbour market ${stamp}`;
  await staff.goto(`${dashboardUrl}/operator/cohorts/new`);
  await staff.fill("#name", programme);
  await staff.click("main button[type=submit]");
  await staff.waitForURL(/\/operator\/cohorts\/coh_/);
  await staff.click(`nav a[href="/operator/cohorts"]`);
  await staff.waitForURL("**/operator/cohorts");
  await staff.getByRole("link", { name: programme }).click();
  await expect.poll(() => staff.textContent("h1")).toContain(`Figures for ${programme}`);
  // A new programme has no shops yet: its page gives the invitation link to share (the figures and charts
  // of a programme with shops are walked through in cohorts.e2e.test.ts).
  expect(await staff.textContent("#invite-link")).toMatch(/\/join\/[A-Za-z0-9_-]{16}/);
  await checkBothLanguages(staff, "cohort-figures");
}, 300_000);
