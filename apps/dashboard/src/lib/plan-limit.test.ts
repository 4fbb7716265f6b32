import type { ApiProblem } from "@stall/api-client";
import { dashboardMessages } from "@stall/i18n/dashboard";
import { describe, expect, it } from "vitest";
import { planLimitMessage, sizeOf } from "./plan-limit.ts";

const en = dashboardMessages.en;
const zh = dashboardMessages["zh-CN"];
const problem = (fields: Record<string, unknown>) =>
  ({
    type: "t",
    title: "Plan limit reached",
    status: 409,
    detail: "English",
    code: "plan_limit_reached",
    ...fields,
  }) as ApiProblem;

describe("planLimitMessage", () => {
  it("says each limit in the owner's language, with the way to a bigger plan", () => {
    expect(planLimitMessage(en, problem({ limit: "members", plan: "Free", allowed: 2, used: 2 }))).toBe(
      "Your plan, Free, allows 2 people besides you, and open invitations count. Remove someone or withdraw an invitation to make room. To move to a bigger plan, ask the people who run this platform.",
    );
    expect(
      planLimitMessage(
        zh,
        problem({ limit: "custom_domains", plan: "Free", allowed: 0, used: 0, contact: "a@b.test" }),
      ),
    ).toBe("您的套餐（Free）不包括自己的网址。如需更大的套餐，请写信到 a@b.test。");
    expect(
      planLimitMessage(en, problem({ limit: "photo_storage", plan: "Free", allowed: 1024 ** 3, used: 0 })),
    ).toContain("allows 1 GB of photos");
    expect(
      planLimitMessage(en, problem({ limit: "payment_methods", plan: "Pickup", allowed: ["pay_at_pickup"], used: [] })),
    ).toContain("only these ways of getting paid: Pays when collecting.");
  });

  it("leaves any other problem to the page", () => {
    expect(planLimitMessage(en, problem({ code: "conflict" }))).toBeUndefined();
    expect(planLimitMessage(en, undefined)).toBeUndefined();
    expect(planLimitMessage(en, problem({ limit: "unknown_limit" }))).toBeUndefined();
  });
});

describe("sizeOf", () => {
  it.each([
    [0, "0 KB"],
    [340 * 1024, "340 KB"],
    [12.5 * 1024 * 1024, "12.5 MB"],
    [1024 ** 3, "1 GB"],
  ])("%s bytes is %s", (bytes, words) => {
    expect(sizeOf(bytes)).toBe(words);
  });
});
