import { describe, expect, it } from "vitest";
import { fitsLimit, methodsOutsidePlan, type PlanLimits, planLimitError, platformFee } from "./plan-limits.ts";
import { PlanInput } from "./schemas/plans.ts";

const FREE: PlanLimits = {
  name: "Free",
  maxProducts: 500,
  storageQuotaBytes: 1024 ** 3,
  maxMembers: 2,
  maxCustomDomains: 0,
  paymentMethods: ["pay_at_pickup", "bank_transfer"],
  applicationFeeBasisPoints: 0,
};

describe("platformFee", () => {
  it.each([
    { amount: 0, bps: 150, fee: 0 },
    { amount: 1000, bps: 0, fee: 0 },
    { amount: 1000, bps: 150, fee: 15 },
    { amount: 999, bps: 1000, fee: 100 }, // 99.9 rounds up
    { amount: 33, bps: 150, fee: 0 }, // 0.495 rounds down
    { amount: 34, bps: 150, fee: 1 }, // 0.51 rounds up
    { amount: 100, bps: 50, fee: 1 }, // exactly half: away from zero
    { amount: 1, bps: 10_000, fee: 1 },
    { amount: 9_007_199_254_740_991, bps: 1000, fee: 900_719_925_474_099 },
  ])("$bps bps of $amount is $fee", ({ amount, bps, fee }) => {
    expect(platformFee(amount, bps)).toBe(fee);
  });

  it.each([
    [-1, 100],
    [1.5, 100],
    [100, -1],
    [100, 10_001],
    [100, 1.5],
  ])("refuses amount %s with %s bps", (amount, bps) => {
    expect(() => platformFee(amount, bps)).toThrow(RangeError);
  });
});

describe("fitsLimit", () => {
  it.each([
    { allowed: 2, used: 0, adding: 1, fits: true },
    { allowed: 2, used: 1, adding: 1, fits: true },
    { allowed: 2, used: 2, adding: 1, fits: false },
    { allowed: 0, used: 0, adding: 1, fits: false },
    { allowed: 10, used: 8, adding: 2, fits: true },
    { allowed: 10, used: 8, adding: 3, fits: false },
    { allowed: 2, used: 5, adding: 0, fits: true }, // over after a move to a smaller plan: adding nothing is fine
    { allowed: 2, used: 5, adding: 1, fits: false },
  ])("$used used of $allowed, adding $adding: $fits", ({ allowed, used, adding, fits }) => {
    expect(fitsLimit(allowed, used, adding)).toBe(fits);
  });
});

describe("methodsOutsidePlan", () => {
  it("lists the methods the plan does not include, in order", () => {
    expect(methodsOutsidePlan(FREE, ["stripe", "pay_at_pickup", "cash_on_delivery"])).toEqual([
      "stripe",
      "cash_on_delivery",
    ]);
    expect(methodsOutsidePlan(FREE, ["bank_transfer"])).toEqual([]);
  });
});

describe("planLimitError", () => {
  it("names the limit, the plan and what to do, with the figures", () => {
    const error = planLimitError({ limit: "members", plan: FREE, allowed: 2, used: 2 });
    expect(error.code).toBe("plan_limit_reached");
    expect(error.status).toBe(409);
    expect(error.message).toBe(
      "Your plan, Free, allows 2 people besides you. Remove someone or withdraw an invitation, or ask the people who run this platform to move you to a bigger plan.",
    );
    expect(error.details).toEqual({ limit: "members", plan: "Free", allowed: 2, used: 2 });
  });

  it("gives the platform's address when there is one", () => {
    const error = planLimitError({ limit: "custom_domains", plan: FREE, allowed: 0, used: 0, contact: "help@x.test" });
    expect(error.message).toContain("allows no own web address");
    expect(error.message).toContain("write to help@x.test");
    expect(error.details?.contact).toBe("help@x.test");
  });

  it("keeps the shipped quota_exceeded code for products and photo storage", () => {
    expect(planLimitError({ limit: "products", plan: FREE, allowed: 500, used: 500 }).code).toBe("quota_exceeded");
    const error = planLimitError({ limit: "photo_storage", plan: FREE, allowed: 1024 ** 3, used: 1024 ** 3 });
    expect(error.code).toBe("quota_exceeded");
    expect(error.message).toContain("1 GB of photos");
    expect(error.details?.limit).toBe("photo_storage");
  });

  it("lists the plan's ways of paying", () => {
    const error = planLimitError({
      limit: "payment_methods",
      plan: FREE,
      allowed: ["pay_at_pickup"],
      used: ["stripe"],
    });
    expect(error.message).toContain("allows these ways of paying: pay at pickup, bank transfer");
  });
});

describe("PlanInput", () => {
  const valid = {
    name: "Market stall",
    maxProducts: 500,
    storageQuotaBytes: 1024 ** 3,
    maxMembers: 2,
    maxCustomDomains: 0,
    paymentMethods: ["pay_at_pickup"],
    applicationFeeBasisPoints: 0,
  };
  it("takes a whole plan and refuses unknown fields, fractions, repeats and fees over 20%", () => {
    expect(PlanInput.safeParse(valid).success).toBe(true);
    expect(PlanInput.safeParse({ ...valid, extra: 1 }).success).toBe(false);
    expect(PlanInput.safeParse({ ...valid, maxMembers: 1.5 }).success).toBe(false);
    expect(PlanInput.safeParse({ ...valid, paymentMethods: ["stripe", "stripe"] }).success).toBe(false);
    expect(PlanInput.safeParse({ ...valid, applicationFeeBasisPoints: 2001 }).success).toBe(false);
  });
});
