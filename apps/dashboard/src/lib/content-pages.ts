// Pages about the shop (about, delivery, returns): the examples offered as starting points, and the
// preview, drawn by the same Markdown renderer the API stores the buyers' HTML with.
import type { components } from "@stall/api-client";
import { renderMarkdown } from "@stall/domain";
import type { DashboardMessages } from "@stall/i18n/dashboard";

export type ContentPage = components["schemas"]["ContentPage"];

export const STARTERS = ["about", "delivery", "returns"] as const;
export type Starter = (typeof STARTERS)[number];

export function isStarter(value: string | null | undefined): value is Starter {
  return STARTERS.includes(value as Starter);
}

/** The example page a starting point fills the editor with, in the owner's language. */
export function starterPage(t: DashboardMessages, starter: Starter): { title: string; body: string } {
  if (starter === "about") return { title: t.starterAboutTitle, body: t.starterAboutBody };
  if (starter === "delivery") return { title: t.starterDeliveryTitle, body: t.starterDeliveryBody };
  return { title: t.starterReturnsTitle, body: t.starterReturnsBody };
}

/**
 * The page's text as buyers will see it: the API stores `renderMarkdown(body)` and the storefront shows
 * that HTML, so the preview runs the very same function (raw HTML shown as text, no pictures).
 */
export function previewHtml(body: string): string {
  return renderMarkdown(body);
}
