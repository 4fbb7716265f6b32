import { describe, expect, it } from "vitest";
import { barChart, escapeXml } from "./chart.ts";

describe("barChart", () => {
  const svg = barChart({
    id: "orders",
    title: "Orders by week",
    description: "Orders placed in the programme's shops",
    bars: [
      { label: "2026-11-16", value: 2 },
      { label: "2026-11-23", value: 0 },
      { label: "2026-11-30", value: 6 },
    ],
  });

  it("is an image with a title and a description holding every value", () => {
    expect(svg.startsWith("<svg ")).toBe(true);
    expect(svg).toContain('role="img"');
    expect(svg).toContain('aria-labelledby="orders-title orders-desc"');
    expect(svg).toContain('<title id="orders-title">Orders by week</title>');
    expect(svg).toContain(
      '<desc id="orders-desc">Orders placed in the programme&#39;s shops. 2026-11-16: 2; 2026-11-23: 0; 2026-11-30: 6.</desc>',
    );
  });

  it("has no script or event handlers and fits a 360 px screen", () => {
    expect(svg).not.toMatch(/<script|\son\w+=/i);
    expect(svg).toContain('viewBox="0 0 340 180"');
    expect(svg).toContain('width="100%"');
  });

  it("draws one bar per value, the tallest reaching the top of the plot and an empty week at zero height", () => {
    const heights = [...svg.matchAll(/<rect [^>]*height="([\d.]+)"/g)].map((match) => Number(match[1]));
    expect(heights).toHaveLength(3);
    const [first = 0, empty, tallest = 0] = heights;
    expect(empty).toBe(0);
    expect(tallest / first).toBeCloseTo(3, 1);
  });

  it("escapes labels and titles", () => {
    const hostile = barChart({ id: "x", title: "<b>&", description: "d", bars: [{ label: '"><script>', value: 1 }] });
    expect(hostile).not.toContain("<script>");
    expect(hostile).toContain("&lt;b&gt;&amp;");
    expect(escapeXml(`'"`)).toBe("&#39;&quot;");
  });

  it("draws an empty chart without bars", () => {
    const empty = barChart({ id: "e", title: "Nothing yet", description: "No orders", bars: [] });
    expect(empty).not.toContain("<rect");
    expect(empty).toContain('<desc id="e-desc">No orders.</desc>');
  });
});
