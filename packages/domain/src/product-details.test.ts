import { describe, expect, it } from "vitest";
import { fromGrams, normaliseTags, orderWeightGrams, rateFitsWeight, toGrams } from "./product-details.ts";

describe("normaliseTags", () => {
  it("trims, drops empty ones and keeps the first spelling of a tag in any case", () => {
    expect(normaliseTags(["  Green tea ", "green TEA", "", "Gift", "GIFT", "  "])).toEqual(["Green tea", "Gift"]);
  });
  it("folds runs of spaces and compares across scripts", () => {
    expect(normaliseTags(["Green   tea", "green tea", "茶", "茶 "])).toEqual(["Green tea", "茶"]);
  });
});

describe("weights", () => {
  it.each([
    [1.5, "kg", 1500],
    [1, "lb", 454],
    [16, "oz", 454],
    [250, "g", 250],
    [0.0004, "kg", 0],
  ] as const)("%d %s is %d g", (value, unit, grams) => {
    expect(toGrams(value, unit)).toBe(grams);
  });
  it("shows grams in the owner's unit to 3 decimals", () => {
    expect(fromGrams(1500, "kg")).toBe(1.5);
    expect(fromGrams(907, "lb")).toBe(2);
    expect(fromGrams(250, "g")).toBe(250);
  });
});

describe("orderWeightGrams", () => {
  it("adds weight × quantity of posted lines; unposted lines and lines without weight count 0", () => {
    expect(
      orderWeightGrams([
        { quantity: 2, weightGrams: 500, requiresShipping: true },
        { quantity: 3, weightGrams: 5000, requiresShipping: false },
        { quantity: 9, weightGrams: null, requiresShipping: true },
      ]),
    ).toBe(1000);
  });
});

describe("rateFitsWeight", () => {
  const rate = (minWeightGrams: number | null, maxWeightGrams: number | null) => ({ minWeightGrams, maxWeightGrams });
  it.each([
    [rate(null, null), 0, true],
    [rate(null, 2000), 2000, true],
    [rate(null, 2000), 2001, false],
    [rate(2001, null), 2000, false],
    [rate(2001, null), 2001, true],
    [rate(1000, 5000), 0, false],
  ])("%j lets %d g through: %s", (bounds, grams, fits) => {
    expect(rateFitsWeight(bounds, grams)).toBe(fits);
  });
});
