import { describe, expect, it } from "vitest";
import { co2GramsPerView, greenFigure, WEB_MEDIAN_PAGE_BYTES } from "./co2.ts";

describe("co2GramsPerView", () => {
  it("grows in proportion to the bytes (the Sustainable Web Design model is linear in data)", () => {
    const one = co2GramsPerView(100_000);
    expect(one).toBeGreaterThan(0);
    expect(co2GramsPerView(200_000)).toBeCloseTo(one * 2, 10);
  });

  it("gives about 0.35 g for the web's median mobile page (SWD v4, grid average)", () => {
    expect(co2GramsPerView(WEB_MEDIAN_PAGE_BYTES)).toBeCloseTo(0.3507, 3);
  });

  it.each([0, -5, Number.NaN])("answers 0 for %s bytes", (bytes) => {
    expect(co2GramsPerView(bytes)).toBe(0);
  });
});

describe("greenFigure", () => {
  it("compares a page with the web's median page", () => {
    const figure = greenFigure(WEB_MEDIAN_PAGE_BYTES / 40);
    expect(figure.webMedianBytes).toBe(2311 * 1024);
    expect(figure.timesLighterThanMedian).toBeCloseTo(40, 6);
    expect(figure.gramsPerView).toBeCloseTo(figure.webMedianGramsPerView / 40, 10);
  });
});
