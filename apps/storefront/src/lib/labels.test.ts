import { describe, expect, it } from "vitest";
import { messagesFor } from "./i18n.ts";
import { dateLabel, numberLabel, priceLabel, priceSummary, stockLabel } from "./labels.ts";
import type { Variant } from "./snapshot.ts";

describe("priceLabel", () => {
  it.each([
    [950, "USD", "en", "$9.50"],
    [123456, "USD", "en", "$1,234.56"],
    [1250, "CNY", "zh-CN", "¥12.50"],
    [1250, "CNY", "en", "CN¥12.50"],
    [500, "JPY", "en", "¥500"],
    [0, "EUR", "en", "€0.00"],
  ])("%d %s in %s is %s", (amount, currency, locale, expected) => {
    expect(priceLabel(amount, currency, locale)).toBe(expected);
  });
});

describe("numberLabel and dateLabel", () => {
  it("follow the locale", () => {
    expect(numberLabel(12000, "en")).toBe("12,000");
    expect(dateLabel(Date.UTC(2026, 10, 27, 23, 0), "en")).toBe("November 27, 2026");
    expect(dateLabel(Date.UTC(2026, 10, 27, 23, 0), "zh-CN")).toBe("2026年11月27日");
  });
});

describe("stockLabel", () => {
  const en = messagesFor("en");
  it.each([
    [{ availability: "sold_out", stockLeft: 0 }, "Sold out"],
    [{ availability: "low_stock", stockLeft: 2 }, "Only 2 left"],
    [{ availability: "low_stock", stockLeft: null }, "In stock"],
    [{ availability: "in_stock", stockLeft: null }, "In stock"],
  ] as const)("%j says %s", (variant, expected) => {
    expect(stockLabel(variant, en, "en")).toBe(expected);
  });

  it("speaks Chinese", () => {
    expect(stockLabel({ availability: "low_stock", stockLeft: 1 }, messagesFor("zh-CN"), "zh-CN")).toBe("仅剩 1 件");
  });

  it("says a keep-selling variant with none on hand can still be ordered, in both languages", () => {
    const backorder = { availability: "in_stock" as const, stockLeft: null, isBackordered: true };
    expect(stockLabel(backorder, en, "en")).toBe("Available to order");
    expect(stockLabel(backorder, messagesFor("zh-CN"), "zh-CN")).toBe("可以订购");
  });
});

describe("priceSummary", () => {
  const variant = (price: number, availability: Variant["availability"], extra: Partial<Variant> = {}): Variant => ({
    id: `var_${price}`,
    optionValues: [],
    title: "",
    price,
    compareAtPrice: null,
    availability,
    stockLeft: availability === "low_stock" ? 1 : availability === "sold_out" ? 0 : null,
    sku: null,
    barcode: null,
    isBackordered: false,
    ...extra,
  });

  it("takes the cheapest variant on sale and says when prices differ", () => {
    const summary = priceSummary({
      variants: [
        variant(500, "sold_out"),
        variant(900, "in_stock", { compareAtPrice: 1200 }),
        variant(1500, "in_stock"),
      ],
    });
    expect(summary).toEqual({
      price: 900,
      compareAtPrice: 1200,
      isRange: true,
      availability: "in_stock",
      stockLeft: null,
    });
  });

  it("is sold out when every variant is", () => {
    expect(priceSummary({ variants: [variant(500, "sold_out"), variant(700, "sold_out")] })).toMatchObject({
      price: 500,
      availability: "sold_out",
    });
  });

  it("is low when every variant on sale is low, adding up what is left", () => {
    expect(priceSummary({ variants: [variant(500, "low_stock"), variant(500, "low_stock")] })).toMatchObject({
      isRange: false,
      availability: "low_stock",
      stockLeft: 2,
    });
    expect(priceSummary({ variants: [variant(500, "low_stock"), variant(500, "in_stock")] }).availability).toBe(
      "in_stock",
    );
  });
});
