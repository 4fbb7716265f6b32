import { describe, expect, it } from "vitest";
import { ACTIVE_WINDOW_MS, type CohortShopFacts, cohortFigures, weekStart } from "./figures.ts";

const at = (iso: string) => Date.parse(iso);
const shop = (overrides: Partial<CohortShopFacts> = {}): CohortShopFacts => ({
  createdAt: at("2026-11-02T10:00:00Z"),
  publishedAt: null,
  firstOrderAt: null,
  lastOrderAt: null,
  sales: [],
  ...overrides,
});

describe("weekStart", () => {
  it.each([
    ["2026-11-30T00:00:00Z", "2026-11-30"], // a Monday
    ["2026-12-03T18:00:00Z", "2026-11-30"], // Thursday
    ["2026-12-06T23:59:59Z", "2026-11-30"], // Sunday night still belongs to that week
    ["2026-12-07T00:00:00Z", "2026-12-07"],
    ["1970-01-01T12:00:00Z", "1969-12-29"],
  ])("puts %s in the week of %s", (when, monday) => {
    expect(new Date(weekStart(at(when))).toISOString().slice(0, 10)).toBe(monday);
  });
});

describe("cohortFigures", () => {
  const now = at("2026-12-03T12:00:00Z");

  it("answers zeros and no weeks for an empty cohort", () => {
    expect(cohortFigures([], now)).toEqual({
      shops: 0,
      published: 0,
      withFirstOrder: 0,
      activeLast30Days: 0,
      orders: 0,
      byCurrency: [],
      weeks: [],
    });
  });

  it("counts shops created, published, with a first order and active, week by week with no gaps", () => {
    const figures = cohortFigures(
      [
        shop({
          publishedAt: at("2026-11-03T09:00:00Z"),
          firstOrderAt: at("2026-11-18T09:00:00Z"),
          lastOrderAt: at("2026-12-01T09:00:00Z"),
          sales: [
            { weekStart: weekStart(at("2026-11-18T09:00:00Z")), currency: "GBP", orders: 2, salesAmount: 1500 },
            { weekStart: weekStart(at("2026-12-01T09:00:00Z")), currency: "GBP", orders: 1, salesAmount: 250 },
          ],
        }),
        shop({
          createdAt: at("2026-11-17T10:00:00Z"),
          publishedAt: at("2026-11-18T10:00:00Z"),
          firstOrderAt: at("2026-11-19T10:00:00Z"),
          // Its last order was longer ago than the active window.
          lastOrderAt: now - ACTIVE_WINDOW_MS - 1,
          sales: [{ weekStart: weekStart(at("2026-11-19T10:00:00Z")), currency: "CNY", orders: 4, salesAmount: 8800 }],
        }),
        shop({ createdAt: at("2026-11-04T10:00:00Z") }),
      ],
      now,
    );
    expect(figures).toMatchObject({ shops: 3, published: 2, withFirstOrder: 2, activeLast30Days: 1, orders: 7 });
    // Money is kept apart by currency, never added across.
    expect(figures.byCurrency).toEqual([
      { currency: "CNY", orders: 4, salesAmount: 8800 },
      { currency: "GBP", orders: 3, salesAmount: 1750 },
    ]);
    expect(figures.weeks.map((week) => week.week)).toEqual([
      "2026-11-02",
      "2026-11-09",
      "2026-11-16",
      "2026-11-23",
      "2026-11-30",
    ]);
    expect(figures.weeks[0]).toMatchObject({ shopsCreated: 2, shopsPublished: 1, shopsWithFirstOrder: 0, orders: 0 });
    expect(figures.weeks[1]).toMatchObject({ shopsCreated: 0, orders: 0, byCurrency: [] });
    expect(figures.weeks[2]).toMatchObject({
      shopsCreated: 1,
      shopsPublished: 1,
      shopsWithFirstOrder: 2,
      orders: 6,
      byCurrency: [
        { currency: "CNY", orders: 4, salesAmount: 8800 },
        { currency: "GBP", orders: 2, salesAmount: 1500 },
      ],
    });
    expect(figures.weeks[4]).toMatchObject({
      orders: 1,
      byCurrency: [{ currency: "GBP", orders: 1, salesAmount: 250 }],
    });
  });

  it("counts a shop whose last order is exactly 30 days old as active", () => {
    expect(cohortFigures([shop({ lastOrderAt: now - ACTIVE_WINDOW_MS })], now).activeLast30Days).toBe(1);
  });
});
