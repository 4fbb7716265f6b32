// What every dashboard screen is held to: axe (WCAG 2.2 AA) finds nothing, no sideways scrolling,
// targets at least 44 px high, text at least 16 px. Each screen is photographed as an artefact.
import type { Page } from "playwright-core";
import { expect } from "vitest";
import { axeViolations, saveScreenshot, scrollWidth, WCAG22_AA } from "./browser.ts";

/**
 * Photographs the screen and checks it, softly, so one run reports every screen's problems. The checks always
 * cover the whole page; `wholePage: false` photographs only its first screenful.
 */
export async function checkScreen(
  page: Page,
  name: string,
  options: { width?: number; wholePage?: boolean } = {},
): Promise<void> {
  const width = options.width ?? page.viewportSize()?.width ?? 360;
  await saveScreenshot(page, name, { wholePage: options.wholePage });
  expect.soft(await axeViolations(page, WCAG22_AA), `${name}: axe`).toEqual([]);
  expect.soft(await scrollWidth(page), `${name}: no sideways scrolling at ${width} px`).toBeLessThanOrEqual(width);
  expect.soft(await smallTargets(page), `${name}: targets at least 44 px high`).toEqual([]);
  expect.soft(await tinyText(page), `${name}: text at least 16 px`).toEqual([]);
}

/** Links and controls under 44 px high, except links inside running text (WCAG's inline exception). */
function smallTargets(page: Page): Promise<string[]> {
  return page.$$eval("main a, main button, main input, main select, footer a", (elements) =>
    elements
      .filter(
        (element) => (element as HTMLInputElement).type !== "hidden" && element.getBoundingClientRect().height > 0,
      )
      // A checkbox's target is its whole row: the label is clickable too.
      .map((element) => element.closest(".choice") ?? element)
      .filter((element) => element.getBoundingClientRect().height < 44 && element.closest("p, li, dd") === null)
      .map((element) => element.outerHTML.slice(0, 80)),
  );
}

function tinyText(page: Page): Promise<string[]> {
  return page.$$eval("body *", (elements) =>
    elements
      .filter(
        (element) =>
          element.childNodes.length > 0 &&
          [...element.childNodes].some((node) => node.nodeType === 3 && node.textContent?.trim()),
      )
      .filter((element) => Number.parseFloat(getComputedStyle(element).fontSize) < 16)
      .map((element) => `${element.tagName}: ${element.textContent?.trim().slice(0, 40)}`),
  );
}

/** The fields on the screen the owner must fill: required and empty on arrival (pre-filled ones are not asked). */
export function fieldsToFill(page: Page): Promise<string[]> {
  return page.$$eval("main form input[required], main form select[required], main form textarea[required]", (fields) =>
    fields
      .filter((field) => (field as HTMLInputElement).type === "file" || (field as HTMLInputElement).value === "")
      .map((field) => field.getAttribute("name") ?? "?"),
  );
}
