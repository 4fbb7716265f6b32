import { describe, expect, it } from "vitest";
import { detailsFieldOf, kilogramsText, parseKilograms, parseTags, parseWeight } from "./product-details.ts";

describe("the product details form", () => {
  it("splits tags at English and Chinese commas and keeps each once", () => {
    expect(parseTags("green tea, Gift，绿茶、 gift, ")).toEqual(["green tea", "Gift", "绿茶"]);
    expect(parseTags("")).toEqual([]);
  });

  it.each([
    ["", undefined],
    ["250", 250],
    ["1.5", 1.5],
    ["1,5", 1.5],
    ["0.125", 0.125],
    ["1.2345", "invalid"],
    ["-1", "invalid"],
    ["heavy", "invalid"],
    ["2000000", "invalid"],
  ])("reads the weight %j as %j", (input, expected) => {
    expect(parseWeight(input)).toBe(expected);
  });

  it("reads kilograms for a shipping rate into grams and back", () => {
    expect(parseKilograms("0,5")).toBe(500);
    expect(parseKilograms("")).toBeUndefined();
    expect(parseKilograms("x")).toBe("invalid");
    expect(kilogramsText(2500)).toBe("2.5");
    expect(kilogramsText(null)).toBe("");
  });

  it("finds the field for an API error path", () => {
    expect(detailsFieldOf("variants.1.barcode")).toBe("barcode-1");
    expect(detailsFieldOf("variants.0.weightUnit")).toBe("weight-0");
    expect(detailsFieldOf("tags.4")).toBe("tags");
    expect(detailsFieldOf("seoTitle")).toBe("seoTitle");
  });
});
