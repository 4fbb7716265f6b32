import { describe, expect, it } from "vitest";
import {
  allocate,
  divideRounded,
  formatMoney,
  isCurrency,
  minorDigits,
  money,
  multiplyDivideRounded,
  parseDecimal,
  percentage,
  subtract,
  sum,
  times,
  toDecimalString,
} from "./money.ts";

describe("minorDigits", () => {
  it.each([
    ["USD", 2],
    ["CNY", 2],
    ["JPY", 0],
    ["KRW", 0],
    ["KWD", 3],
    ["BHD", 3],
    ["eur", 2],
  ])("%s has %i minor digits", (currency, digits) => {
    expect(minorDigits(currency)).toBe(digits);
  });
});

describe("money", () => {
  it.each([1.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 53])("refuses %s", (amount) => {
    expect(() => money(amount, "USD")).toThrow(RangeError);
  });

  it("upper-cases the currency", () => {
    expect(money(5, "usd")).toEqual({ amount: 5, currency: "USD" });
  });
});

describe("arithmetic", () => {
  it("sums in one currency", () => {
    expect(sum([money(199, "USD"), money(1, "USD"), money(-50, "USD")])).toEqual(money(150, "USD"));
  });
  it("needs a currency for an empty sum", () => {
    expect(sum([], "JPY")).toEqual(money(0, "JPY"));
    expect(() => sum([])).toThrow(/currency/);
  });
  it("refuses to mix currencies", () => {
    expect(() => sum([money(1, "USD"), money(1, "EUR")])).toThrow(/mix USD and EUR/);
    expect(() => subtract(money(1, "USD"), money(1, "CNY"))).toThrow(/mix/);
  });
  it("multiplies by whole quantities only", () => {
    expect(times(money(333, "USD"), 3)).toEqual(money(999, "USD"));
    expect(() => times(money(1, "USD"), 1.5)).toThrow(RangeError);
  });
});

describe("divideRounded (half away from zero)", () => {
  it.each([
    [5, 2, 3],
    [-5, 2, -3],
    [4, 3, 1],
    [5, 3, 2],
    [-4, 3, -1],
    [0, 7, 0],
    [1, 3, 0],
    [2, 3, 1],
    [Number.MAX_SAFE_INTEGER, 1, Number.MAX_SAFE_INTEGER],
  ])("%i / %i = %i", (n, d, expected) => {
    expect(divideRounded(n, d)).toBe(expected);
  });
  it("refuses a zero denominator", () => {
    expect(() => divideRounded(1, 0)).toThrow(RangeError);
  });
});

describe("percentage", () => {
  it.each([
    [999, 1000, 100], // 10% of 9.99 = 0.999 -> 1.00
    [995, 500, 50], // 5% of 9.95 = 0.4975 -> 0.50
    [1, 5000, 1], // 50% of 1 cent = 0.5 -> 1
    [3, 3333, 1],
    [100_00, 1250, 12_50],
    [-999, 1000, -100],
  ])("%i at %i bp is %i", (amount, bp, expected) => {
    expect(percentage(money(amount, "USD"), bp).amount).toBe(expected);
  });
});

describe("multiplyDivideRounded", () => {
  it.each([
    [9_007_199_254_740_991, 1000, 10_000, 900_719_925_474_099],
    [9_007_199_254_740_991, 10_000, 11_300, 7_970_972_791_806_187],
    [-5, 1, 2, -3],
    [5, 1, 2, 3],
    [1, 1, 3, 0],
  ])("%i x %i / %i = %i", (a, b, d, expected) => {
    expect(multiplyDivideRounded(a, b, d)).toBe(expected);
  });
  it("percentage no longer overflows on large amounts", () => {
    expect(percentage(money(9_000_000_000_000, "USD"), 1250).amount).toBe(1_125_000_000_000);
  });
});

describe("allocate", () => {
  it.each([
    [100, [1, 1, 1], [34, 33, 33]],
    [5, [1, 1, 1, 1, 1, 1], [1, 1, 1, 1, 1, 0]],
    [1000, [1, 2, 7], [100, 200, 700]],
    [1001, [1, 2, 7], [100, 200, 701]],
    [7, [0, 0], [4, 3]],
    [10, [0, 5], [0, 10]],
    [-100, [1, 1, 1], [-34, -33, -33]],
    [0, [3, 4], [0, 0]],
    [Number.MAX_SAFE_INTEGER, [1, 1], [4503599627370496, 4503599627370495]],
  ])("%i over %j is %j", (amount, weights, expected) => {
    const parts = allocate(money(amount, "USD"), weights).map((part) => part.amount);
    expect(parts).toEqual(expected);
    expect(parts.reduce((a, b) => a + b, 0)).toBe(amount);
  });

  it("never loses a minor unit over many random splits", () => {
    let seed = 42;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed;
    };
    for (let round = 0; round < 500; round++) {
      const amount = random() % 1_000_000;
      const weights = Array.from({ length: 1 + (random() % 9) }, () => random() % 1000);
      const parts = allocate(money(amount, "JPY"), weights);
      expect(parts.reduce((total, part) => total + part.amount, 0)).toBe(amount);
    }
  });

  it("refuses bad weights", () => {
    expect(() => allocate(money(1, "USD"), [])).toThrow();
    expect(() => allocate(money(1, "USD"), [-1, 2])).toThrow();
    expect(() => allocate(money(1, "USD"), [0.5])).toThrow();
  });
});

describe("decimal strings", () => {
  it.each([
    [1250, "USD", "12.50"],
    [5, "USD", "0.05"],
    [-5, "USD", "-0.05"],
    [1250, "JPY", "1250"],
    [1250, "KWD", "1.250"],
    [7, "KWD", "0.007"],
    [0, "CNY", "0.00"],
  ])("%i %s is %s", (amount, currency, text) => {
    expect(toDecimalString(money(amount, currency))).toBe(text);
  });

  it.each([
    ["12.50", "USD", 1250],
    ["12.5", "USD", 1250],
    ["12,50", "EUR", 1250],
    ["1,200", "USD", 120000],
    [" 3 ", "USD", 300],
    ["1200", "JPY", 1200],
    ["1.250", "KWD", 1250],
    ["12.505", "USD", undefined],
    ["12.5", "JPY", undefined],
    ["abc", "USD", undefined],
    ["", "USD", undefined],
    ["1e3", "USD", undefined],
  ])("parses %j in %s as %s", (input, currency, expected) => {
    expect(parseDecimal(input, currency)).toBe(expected);
  });
});

describe("formatMoney", () => {
  it.each([
    [1250, "USD", "en", "$12.50"],
    [1250, "CNY", "zh-CN", "¥12.50"],
    [1250, "JPY", "en", "¥1,250"],
    [1250, "KWD", "en", "KWD 1.250"],
    [-500, "USD", "en", "-$5.00"],
    [123456789, "EUR", "en", "€1,234,567.89"],
  ])("%i %s in %s is %s", (amount, currency, locale, expected) => {
    expect(formatMoney(money(amount, currency), locale).replace(/\u00a0/g, " ")).toBe(expected);
  });

  it("formats amounts beyond float precision exactly", () => {
    expect(formatMoney(money(9_007_199_254_740_991, "USD"), "en")).toBe("$90,071,992,547,409.91");
  });
});

describe("isCurrency", () => {
  it.each([
    ["USD", true],
    ["CNY", true],
    ["usd", false],
    ["XXXX", false],
    ["ABC", false],
  ])("%s -> %s", (code, expected) => {
    expect(isCurrency(code)).toBe(expected);
  });
});
