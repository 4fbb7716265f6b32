import { describe, expect, it } from "vitest";
import { contrastRatio, ensureContrast, isHexColour, mix, readableOn, relativeLuminance } from "./contrast.ts";

describe("contrastRatio", () => {
  it.each([
    ["#000000", "#ffffff", 21],
    ["#ffffff", "#000000", 21],
    ["#777777", "#ffffff", 4.48],
    ["#767676", "#ffffff", 4.54],
    ["#0b5cad", "#fbfaf7", 6.39],
    ["#ff0000", "#ffffff", 4],
    ["#123456", "#123456", 1],
  ])("%s on %s is %d:1", (a, b, ratio) => {
    expect(contrastRatio(a, b)).toBeCloseTo(ratio, 1);
  });

  it("refuses what is not #rrggbb", () => {
    expect(() => relativeLuminance("red")).toThrow("#rrggbb");
  });
});

describe("isHexColour", () => {
  it.each([
    ["#1f7a3a", true],
    ["#FFFFFF", true],
    ["#fff", false],
    ["red", false],
    ["", false],
    [undefined, false],
  ])("%s is %s", (value, expected) => {
    expect(isHexColour(value)).toBe(expected);
  });
});

describe("mix", () => {
  it.each([
    ["#000000", "#ffffff", 0, "#000000"],
    ["#000000", "#ffffff", 1, "#ffffff"],
    ["#000000", "#ffffff", 0.5, "#808080"],
    ["#ff0000", "#0000ff", 0.25, "#bf0040"],
  ])("%s to %s by %d is %s", (a, b, amount, expected) => {
    expect(mix(a, b, amount)).toBe(expected);
  });
});

describe("readableOn", () => {
  it.each([
    ["#ffffff", "#000000"],
    ["#fff6dc", "#000000"],
    ["#111111", "#ffffff"],
    ["#1d5b38", "#ffffff"],
    ["#777777", "#000000"],
  ])("on %s: %s", (background, expected) => {
    expect(readableOn(background)).toBe(expected);
    expect(contrastRatio(expected, background)).toBeGreaterThanOrEqual(4.58);
  });
});

describe("ensureContrast", () => {
  it("keeps a colour that already reads", () => {
    expect(ensureContrast("#1d5b38", "#ffffff")).toBe("#1d5b38");
  });

  it.each([
    ["#f5c400", "#ffffff", 4.5],
    ["#8cc4ff", "#fbfaf7", 4.5],
    ["#333333", "#111111", 4.5],
    ["#777777", "#ffffff", 4.5],
    ["#dddddd", "#ffffff", 3],
    ["#ffffff", "#ffffff", 4.5],
  ])("moves %s on %s to at least %d:1", (colour, background, minimum) => {
    const adjusted = ensureContrast(colour, background, minimum);
    expect(adjusted).not.toBe(colour);
    expect(contrastRatio(adjusted, background)).toBeGreaterThanOrEqual(minimum);
  });
});
