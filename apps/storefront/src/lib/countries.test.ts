import { describe, expect, it } from "vitest";
import { COUNTRY_CODES, countryName, shippingCountries } from "./countries.ts";

describe("countries", () => {
  it("lists every ISO code once", () => {
    expect(COUNTRY_CODES).toHaveLength(249);
    expect(new Set(COUNTRY_CODES).size).toBe(249);
  });

  it("names countries in the page language", () => {
    expect(countryName("CN", "en")).toBe("China");
    expect(countryName("CN", "zh-CN")).toBe("中国");
  });

  it("offers the shop's countries sorted by name, or all of them for *", () => {
    expect(shippingCountries([{ countries: ["NZ", "AU"] }, { countries: ["AU", "bad"] }], "en")).toEqual([
      { code: "AU", name: "Australia" },
      { code: "NZ", name: "New Zealand" },
    ]);
    expect(shippingCountries([{ countries: ["*"] }], "en")).toHaveLength(249);
  });
});
