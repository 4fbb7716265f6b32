import { describe, expect, it } from "vitest";
import { variantCombinations, variantCount } from "./variants.ts";

describe("variantCombinations", () => {
  it.each([
    [[], [[]]],
    [[["S", "M", "L"]], [["S"], ["M"], ["L"]]],
    [
      [
        ["S", "M"],
        ["red", "blue"],
      ],
      [
        ["S", "red"],
        ["S", "blue"],
        ["M", "red"],
        ["M", "blue"],
      ],
    ],
    [[["S"], [], ["x"]], []],
  ])("%j makes %j", (options, expected) => {
    expect(variantCombinations(options)).toEqual(expected);
    expect(variantCount(options)).toBe(expected.length);
  });

  it("makes the cross product of three options", () => {
    const made = variantCombinations([
      ["S", "M", "L"],
      ["red", "blue"],
      ["cotton", "linen"],
    ]);
    expect(made).toHaveLength(12);
    expect(new Set(made.map((values) => values.join("/"))).size).toBe(12);
    expect(made[0]).toEqual(["S", "red", "cotton"]);
    expect(made[11]).toEqual(["L", "blue", "linen"]);
  });
});
