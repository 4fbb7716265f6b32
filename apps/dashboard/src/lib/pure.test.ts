import { describe, expect, it } from "vitest";
import { safeNextPath, signInPath } from "./next-path.ts";
import { figuresSince, type OwnerOrder, periodStarts } from "./orders.ts";
import { isSafeMethod, isSameOriginRequest } from "./origin-check.ts";
import { setupStepOf } from "./setup.ts";
import { alternativeSlug, currencyFor, isShopSlug, suggestShopSlug } from "./shop-address.ts";

describe("safeNextPath", () => {
  it.each([
    ["/shops/shop_1/orders?status=new", "/shops/shop_1/orders?status=new"],
    ["/", "/"],
    [null, "/"],
    ["", "/"],
    ["https://evil.test/", "/"],
    ["//evil.test/", "/"],
    ["/\\evil.test", "/"],
    ["\\\\evil.test", "/"],
    ["/\tevil", "/"],
    ["javascript:alert(1)", "/"],
    ["/sign-in?next=/x", "/"],
    ["/sign-out", "/"],
    ["/a/../b", "/b"],
  ])("%j -> %j", (value, expected) => {
    expect(safeNextPath(value)).toBe(expected);
  });

  it("builds sign-in links that carry the page and the expiry", () => {
    expect(signInPath("/shops/s/orders?x=1", { expired: true })).toBe(
      "/sign-in?next=%2Fshops%2Fs%2Forders%3Fx%3D1&expired=1",
    );
    expect(signInPath("/")).toBe("/sign-in");
    expect(signInPath("//evil.test")).toBe("/sign-in");
  });
});

describe("isSameOriginRequest", () => {
  const host = "dash.stall.test";
  it.each([
    [{ origin: "https://dash.stall.test" }, true],
    [{ origin: "http://dash.stall.test" }, true],
    [{ origin: "https://dash.stall.test.evil.test" }, false],
    [{ origin: "https://evil.test", "sec-fetch-site": "same-origin" }, false],
    [{ origin: "null" }, false],
    [{ "sec-fetch-site": "same-origin" }, true],
    [{ "sec-fetch-site": "same-site" }, false],
    [{ "sec-fetch-site": "cross-site", referer: "https://dash.stall.test/x" }, false],
    [{ referer: "https://dash.stall.test/new-shop" }, true],
    [{ referer: "https://evil.test/" }, false],
    [{}, false],
  ])("%j -> %s", (headers, expected) => {
    expect(isSameOriginRequest(new Headers(headers as Record<string, string>), host)).toBe(expected);
  });

  it("treats only GET, HEAD and OPTIONS as safe", () => {
    expect(["GET", "head", "OPTIONS"].every(isSafeMethod)).toBe(true);
    expect(["POST", "PUT", "PATCH", "DELETE"].some(isSafeMethod)).toBe(false);
  });
});

describe("setupStepOf", () => {
  const base = { productCount: 1, pickupPointCount: 1, paymentMethods: ["pay_at_pickup"], isPublished: true };
  it.each([
    [{ productCount: 0 }, "product"],
    [{ productCount: 0, pickupPointCount: 0 }, "product"],
    [{ pickupPointCount: 0 }, "collect"],
    [{ paymentMethods: [] }, "collect"],
    [{ isPublished: false }, "publish"],
    [{}, "done"],
  ])("%j -> %s", (change, step) => {
    expect(setupStepOf({ ...base, ...change })).toBe(step);
  });
});

describe("shop web addresses", () => {
  it.each([
    ["Mei's Noodle Stall", "meis-noodle-stall"],
    ["Crème Brûlée & Co.", "creme-brulee-co"],
    ["  Dumplings!!  ", "dumplings"],
  ])("suggests %j -> %j", (name, slug) => {
    expect(suggestShopSlug(name)).toBe(slug);
  });

  it("makes a valid address from a name with no latin letters", () => {
    const slug = suggestShopSlug("手工面条", () => 0.5);
    expect(slug).toMatch(/^shop-[a-z0-9]{6}$/);
    expect(isShopSlug(slug)).toBe(true);
  });

  it("refuses reserved and malformed addresses", () => {
    expect(isShopSlug("admin")).toBe(false);
    expect(isShopSlug("ab")).toBe(false);
    expect(isShopSlug("a--b")).toBe(false);
    expect(isShopSlug("noodles-2")).toBe(true);
    expect(isShopSlug(alternativeSlug("noodles"))).toBe(true);
  });

  it("offers a four-digit alternative, cut to stay a valid address however long the name", () => {
    expect(alternativeSlug("bakery", () => 0, 4)).toBe("bakery-1000");
    expect(alternativeSlug("bakery", () => 0.9999, 4)).toBe("bakery-9999");
    expect(alternativeSlug("bakery", () => 0.5)).toBe("bakery-51");
    const long = alternativeSlug("a-very-long-shop-name-that-fills-the-address", () => 0.5, 4);
    expect(long.length).toBeLessThanOrEqual(40);
    expect(isShopSlug(long)).toBe(true);
  });

  it.each([
    ["en-GB,en;q=0.9", "GBP"],
    ["zh-CN,zh;q=0.9", "CNY"],
    ["zh-Hant-TW", "TWD"],
    ["zh", "CNY"],
    ["fr", "USD"],
    [null, "USD"],
  ])("picks a currency for %j: %s", (header, currency) => {
    expect(currencyFor(header)).toBe(currency);
  });
});

describe("order figures", () => {
  const order = (placedAt: number, total: number, status: OwnerOrder["status"]) =>
    ({ placedAt, status, totals: { total } }) as OwnerOrder;
  it("counts today's and this week's orders and sales, not cancelled or unpaid card orders", () => {
    const now = new Date(2026, 11, 3, 15, 0); // a Thursday
    const { today, week } = periodStarts(now);
    expect(new Date(week).getDay()).toBe(1);
    const orders = [
      order(today + 1000, 1250, "awaiting_payment"),
      order(today - 1000, 500, "completed"),
      order(today + 2000, 9999, "cancelled"),
      order(today + 3000, 9999, "pending_payment"),
      order(week - 1000, 700, "paid"),
    ];
    expect(figuresSince(orders, today)).toEqual({ count: 1, sales: 1250 });
    expect(figuresSince(orders, week)).toEqual({ count: 2, sales: 1750 });
  });
});
