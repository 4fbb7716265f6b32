import type { Browser, BrowserContext } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from "vitest";
import { axeViolations, focusedElement, launchBrowser, saveScreenshot, scrollWidth, viewport } from "../src/browser.ts";

const { apiPort, storefrontPort, dashboardPort } = inject("stack");

type PageCase = { name: string; url: string; h1?: string; locale?: string; status?: number };

const pages: PageCase[] = [
  { name: "storefront", url: `http://demo.localhost:${storefrontPort}/`, h1: "Fern Hill Market Stall" },
  {
    name: "storefront-zh-CN",
    url: `http://demo.localhost:${storefrontPort}/?lang=zh-CN`,
    h1: "Fern Hill Market Stall",
    locale: "zh-CN",
  },
  {
    name: "storefront-unknown-shop",
    url: `http://${"long-shop-name-".repeat(4)}x.localhost:${storefrontPort}/`,
    status: 404,
  },
  { name: "storefront-no-shop", url: `http://localhost:${storefrontPort}/`, status: 404 },
  { name: "dashboard", url: `http://localhost:${dashboardPort}/`, h1: "Sign in" },
  { name: "dashboard-zh-CN", url: `http://localhost:${dashboardPort}/`, h1: "登录", locale: "zh-CN" },
  { name: "api-docs", url: `http://localhost:${apiPort}/docs` },
];

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

describe.each(pages)("$name at 360 px", ({ name, url, h1, locale, status }) => {
  it("loads, fits, passes axe and can be used by keyboard", async () => {
    context = await browser.newContext({ viewport, locale: locale ?? "en-US", bypassCSP: true });
    const page = await context.newPage();
    const consoleErrors: string[] = [];
    page.on("console", (message) => {
      // A deliberate 404 page logs its own status as a console error in Chromium.
      if (message.type() === "error" && !(status === 404 && message.text().includes("404"))) {
        consoleErrors.push(`${message.text()} (${message.location().url})`);
      }
    });
    page.on("pageerror", (error) => consoleErrors.push(error.message));

    const response = await page.goto(url);
    expect(response?.status(), `status of ${url}`).toBe(status ?? 200);
    await saveScreenshot(page, name);

    // Soft from here on, so one run reports every problem on the page.
    const heading = page.locator("h1").first();
    expect.soft(await heading.isVisible(), "h1 is visible").toBe(true);
    if (h1) expect.soft(await heading.textContent(), "h1 text").toBe(h1);

    expect.soft(await scrollWidth(page), "no horizontal scroll").toBeLessThanOrEqual(viewport.width);

    expect.soft(await axeViolations(page), "axe WCAG 2 A/AA violations").toEqual([]);

    if ((await page.locator("a[href]").count()) > 0) {
      await page.keyboard.press("Tab");
      const focus = await focusedElement(page);
      expect.soft(focus, "Tab focuses an element").toBeDefined();
      expect.soft(focus?.isVisible, `the focused ${focus?.tag} is visible`).toBe(true);
      expect.soft(focus?.hasIndicator, `the focused ${focus?.tag} shows a focus indicator`).toBe(true);
    }

    expect.soft(consoleErrors, "browser console errors").toEqual([]);
  });
});
