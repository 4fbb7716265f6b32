import { describe, expect, it } from "vitest";
import { ReturnPolicyInput, toReturnPolicy } from "./returns.ts";

describe("ReturnPolicyInput", () => {
  it("needs the way back and who pays when the shop takes things back", () => {
    const result = ReturnPolicyInput.safeParse({ isAccepted: true, days: 14 });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => [issue.path.join("."), issue.message])).toEqual([
      ["method", "Say how buyers return things"],
      ["fees", "Say who pays for sending it back"],
    ]);
  });

  it.each([
    [{ isAccepted: true, days: 0, method: "by_mail", fees: "free" }, "days"],
    [{ isAccepted: true, days: 2.5, method: "by_mail", fees: "free" }, "days"],
    [{ isAccepted: true, days: 400, method: "by_mail", fees: "free" }, "days"],
    [{ isAccepted: true, method: "by_pigeon", fees: "free" }, "method"],
    [{ isAccepted: false, countries: ["cn"] }, "countries.0"],
    [{ isAccepted: false, extra: 1 }, ""],
  ])("refuses %j at %s", (input, path) => {
    const result = ReturnPolicyInput.safeParse(input);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path.join(".")).toBe(path);
  });

  it("stores a shop that takes nothing back without days, and countries once each", () => {
    const input = ReturnPolicyInput.parse({ isAccepted: false, days: 30, countries: ["CN", "CN", "HK"] });
    expect(toReturnPolicy(input)).toEqual({
      isAccepted: false,
      days: null,
      method: "by_mail",
      fees: "free",
      countries: ["CN", "HK"],
    });
  });

  it("keeps no limit as null days", () => {
    const input = ReturnPolicyInput.parse({ isAccepted: true, days: null, method: "in_store", fees: "free" });
    expect(toReturnPolicy(input)).toEqual({
      isAccepted: true,
      days: null,
      method: "in_store",
      fees: "free",
      countries: [],
    });
  });
});
