import { mkdir, readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import type { AxeResults, Result } from "axe-core";
import { type Browser, type BrowserContext, chromium, type Page } from "playwright-core";

export const viewport = { width: 360, height: 740 };
export const artifactsDir = new URL("../artifacts/", import.meta.url);

declare global {
  var axe: typeof import("axe-core");
}

/** Headless Chromium with a fresh temporary profile. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

const axeSource = readFile(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

/** WCAG 2.0, 2.1 and 2.2 levels A and AA, as axe-core tags them. */
export const WCAG22_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

/** The contexts whose every page loads axe-core as it opens. */
const contextsWithAxe = new WeakSet<BrowserContext>();

/**
 * Makes axe-core present on the page. A context's first check adds it as an init script, so each later page
 * of that context has it from its first line: adding axe's 550 KB to each page as it was checked took longer
 * than the check itself (about 280 ms a page, decision 061).
 */
async function loadAxe(page: Page): Promise<void> {
  const context = page.context();
  if (!contextsWithAxe.has(context)) {
    contextsWithAxe.add(context);
    await context.addInitScript({ content: await axeSource });
  }
  if (!(await page.evaluate(() => "axe" in window))) await page.addScriptTag({ content: await axeSource });
}

/** axe-core's violations of the given WCAG tags (2 A and AA unless told), each described in readable text. */
export async function axeViolations(page: Page, tags: string[] = ["wcag2a", "wcag2aa"]): Promise<string[]> {
  await loadAxe(page);
  // Only the violations are read: axe then describes one passing element per rule, not every one.
  const results: AxeResults = await page.evaluate(
    (values) => axe.run(document, { runOnly: { type: "tag", values }, resultTypes: ["violations"] }),
    tags,
  );
  return results.violations.map(describeViolation);
}

function describeViolation(violation: Result): string {
  const nodes = violation.nodes.map((node) => {
    const summary = (node.failureSummary ?? "").replaceAll("\n", "\n      ");
    return `  at ${node.target.join(" ")}\n      ${summary}`;
  });
  return `${violation.impact ?? "?"} ${violation.id}: ${violation.help} (${violation.helpUrl})\n${nodes.join("\n")}`;
}

/** Width of the page's scrollable content in CSS pixels. */
export function scrollWidth(page: Page): Promise<number> {
  return page.evaluate(() => document.scrollingElement?.scrollWidth ?? 0);
}

/** The element that has keyboard focus, unless that is the body: whether it shows, and shows its focus. */
export function focusedElement(page: Page) {
  return page.evaluate(() => {
    const element = document.activeElement;
    if (!element || element === document.body) return undefined;
    const box = element.getBoundingClientRect();
    const style = getComputedStyle(element);
    return {
      tag: element.tagName.toLowerCase(),
      isVisible: box.width > 0 && box.height > 0 && style.visibility !== "hidden",
      hasIndicator: style.outlineStyle !== "none" || style.boxShadow !== "none",
    };
  });
}

/**
 * Saves a screenshot to e2e/artifacts/{name}.png: the whole page, or with `{ wholePage: false }` only what the
 * window shows first (a third of the time for a long page at 1280 px).
 */
export async function saveScreenshot(page: Page, name: string, options: { wholePage?: boolean } = {}): Promise<void> {
  await mkdir(artifactsDir, { recursive: true });
  const path = fileURLToPath(new URL(`${name}.png`, artifactsDir));
  await page.screenshot({ path, fullPage: options.wholePage ?? true });
}
