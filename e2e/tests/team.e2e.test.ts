// The owner asks someone to help with orders: invites a helper with only "orders" from the team page,
// the helper follows the emailed link on their own phone, accepts, marks an order ready to collect and
// cannot open settings; the owner then sees on the team page what the helper did. 360 px, real Chromium.
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, expect, inject, it } from "vitest";
import { axeViolations, launchBrowser, saveScreenshot, scrollWidth, viewport, WCAG22_AA } from "../src/browser.ts";
import { newestLinkTo } from "../src/mail.ts";
import { placeOrder } from "../src/orders.ts";
import { openShop, sessionTokenOf, signUp } from "../src/owner.ts";

const { apiPort, dashboardPort, dataDir } = inject("stack");
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

async function newPage(): Promise<Page> {
  const context = await browser.newContext({ viewport, locale: "en-US", bypassCSP: true });
  contexts.push(context);
  return context.newPage();
}

it("invites a helper with orders; the helper marks an order ready, cannot open settings; the owner sees it", async () => {
  const stamp = Date.now();
  const owner = await newPage();
  const shopId = await openShop(owner, dashboardUrl, `mei-team-${stamp}@example.test`);
  const orderId = await placeOrder({ api, token: await sessionTokenOf(owner), shopId });

  // The owner invites a helper for orders only.
  const helperEmail = `grandson-${stamp}@example.test`;
  await owner.goto(`${dashboardUrl}/shops/${shopId}/team`);
  await owner.check('input[name="rights"][value="orders"]');
  await owner.fill("#email", helperEmail);
  await saveScreenshot(owner, "team-en-invite");
  expect(await axeViolations(owner, WCAG22_AA)).toEqual([]);
  expect(await scrollWidth(owner), "team-en-invite: no sideways scrolling at 360 px").toBeLessThanOrEqual(
    viewport.width,
  );
  await owner.click("main form:has(#email) button[type=submit]");
  await expect.poll(() => owner.textContent("main")).toContain("The link works until");

  // The helper, on their own phone, follows the emailed link, makes an account and accepts.
  const helper = await newPage();
  await helper.goto(await newestLinkTo(dataDir, helperEmail, "/invites/accept?token="));
  await helper.click('a[href^="/sign-up"]');
  await signUp(helper, "Grandson", helperEmail);
  await helper.waitForURL("**/invites/accept**");
  await helper.click("main button[type=submit]");
  await helper.waitForURL(`**/shops/${shopId}?joined=1`);

  // The helper takes the order's next steps with one big button each.
  await helper.goto(`${dashboardUrl}/shops/${shopId}/orders/${orderId}`);
  await helper.click('button[value="mark_paid"]');
  await helper.waitForURL("**?done=1");
  await helper.click('button[value="mark_ready"]');
  await expect.poll(() => helper.textContent("main")).toContain("Ready to collect");

  // Settings are not theirs to open.
  const settings = await helper.goto(`${dashboardUrl}/shops/${shopId}/settings`);
  expect(settings?.status()).toBe(403);
  expect(await helper.textContent("main")).toContain("Your helper access does not include settings.");
  expect(await helper.$(`nav a[href="/shops/${shopId}/settings"]`)).toBeNull();

  // The owner sees what the helper did.
  await owner.goto(`${dashboardUrl}/shops/${shopId}/team`);
  const changes = await owner.textContent("[data-audit]");
  expect(changes).toContain("Grandson: Order: Ready to collect");
  expect(changes).toContain("Grandson: Order: Mark paid");
  await saveScreenshot(owner, "team-en-changes");
  expect(await axeViolations(owner, WCAG22_AA)).toEqual([]);
  expect(await scrollWidth(owner), "team-en-changes: no sideways scrolling at 360 px").toBeLessThanOrEqual(
    viewport.width,
  );
});
