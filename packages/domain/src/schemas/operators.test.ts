import { describe, expect, it } from "vitest";
import { daySpan, nextShopStatus, ShopStatusChangeInput } from "./operators.ts";

describe("nextShopStatus", () => {
  it("suspends an open shop, restores a suspended or closed one, closes any not closed", () => {
    expect(nextShopStatus("active", "suspend")).toEqual({ status: "suspended" });
    expect(nextShopStatus("suspended", "restore")).toEqual({ status: "active" });
    expect(nextShopStatus("closed", "restore")).toEqual({ status: "active" });
    expect(nextShopStatus("active", "close")).toEqual({ status: "closed" });
    expect(nextShopStatus("suspended", "close")).toEqual({ status: "closed" });
  });

  it("refuses what would change nothing", () => {
    expect(nextShopStatus("suspended", "suspend")).toHaveProperty("refusal");
    expect(nextShopStatus("closed", "suspend")).toHaveProperty("refusal");
    expect(nextShopStatus("active", "restore")).toHaveProperty("refusal");
    expect(nextShopStatus("closed", "close")).toHaveProperty("refusal");
  });
});

describe("ShopStatusChangeInput", () => {
  it("needs a reason with words in it, at most 1000 characters", () => {
    expect(ShopStatusChangeInput.safeParse({ reason: "  " }).success).toBe(false);
    expect(ShopStatusChangeInput.safeParse({ reason: "x".repeat(1001) }).success).toBe(false);
    expect(ShopStatusChangeInput.parse({ reason: "  Selling medicines  " }).reason).toBe("Selling medicines");
  });
});

describe("daySpan", () => {
  it("covers whole UTC days, the last one included", () => {
    expect(daySpan("2026-12-01", "2026-12-02")).toEqual({
      from: Date.UTC(2026, 11, 1),
      before: Date.UTC(2026, 11, 3),
    });
    expect(daySpan(undefined, undefined)).toEqual({});
  });
});
