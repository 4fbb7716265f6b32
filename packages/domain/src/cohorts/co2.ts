/// <reference path="./tgwf-co2.d.ts" />
// The green figure: estimated grams of CO2e per page view from a page's measured bytes, with The Green
// Web Foundation's CO2.js and the Sustainable Web Design model (version 4), beside the web's median page.
import { co2 } from "@tgwf/co2";

/**
 * The median mobile page, 2,311 KB (KB = 1,024 bytes), from the HTTP Archive Web Almanac 2024, Page Weight
 * chapter (crawl of October 2024): https://almanac.httparchive.org/en/2024/page-weight
 */
export const WEB_MEDIAN_PAGE_BYTES = 2311 * 1024;

const model = new co2({ model: "swd", version: 4 });

/** Estimated grams of CO2e for one view of a page weighing `bytes` (grid-average electricity). */
export function co2GramsPerView(bytes: number): number {
  if (!Number.isFinite(bytes) || bytes <= 0) return 0;
  return model.perVisit(bytes, false);
}

export type GreenFigure = {
  bytes: number;
  gramsPerView: number;
  webMedianBytes: number;
  webMedianGramsPerView: number;
  /** How many times lighter than the web's median page (e.g. 25 means 1/25th of its CO2). */
  timesLighterThanMedian: number;
};

/** A page's (or a cohort's average page's) estimate next to the web's median page. */
export function greenFigure(bytes: number): GreenFigure {
  const gramsPerView = co2GramsPerView(bytes);
  const webMedianGramsPerView = co2GramsPerView(WEB_MEDIAN_PAGE_BYTES);
  return {
    bytes,
    gramsPerView,
    webMedianBytes: WEB_MEDIAN_PAGE_BYTES,
    webMedianGramsPerView,
    timesLighterThanMedian: gramsPerView > 0 ? webMedianGramsPerView / gramsPerView : 0,
  };
}
