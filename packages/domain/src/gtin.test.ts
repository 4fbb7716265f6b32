import { describe, expect, it } from "vitest";
import { parseGtin } from "./gtin.ts";

describe("parseGtin", () => {
  it.each([
    ["96385074", "gtin8"],
    ["036000291452", "gtin12"],
    ["4006381333931", "gtin13"],
    ["9780306406157", "gtin13"],
    ["10012345678902", "gtin14"],
  ])("accepts %s as %s", (barcode, kind) => {
    expect(parseGtin(barcode)).toEqual({ kind, value: barcode });
  });

  it("takes barcodes with spaces and hyphens as owners type them", () => {
    expect(parseGtin(" 4006381-333931 ")).toEqual({ kind: "gtin13", value: "4006381333931" });
    expect(parseGtin("0 36000 29145 2")).toEqual({ kind: "gtin12", value: "036000291452" });
  });

  it.each([
    ["a wrong check digit", "4006381333932"],
    ["an ISBN-10", "0306406152"],
    ["letters", "40063813339A1"],
    ["a length GS1 has not got", "12345678901"],
    ["all zeros", "00000000"],
    ["empty", ""],
    ["nothing", null],
  ])("refuses %s", (_, barcode) => {
    expect(parseGtin(barcode)).toBeUndefined();
  });
});
