import { describe, expect, it } from "vitest";
import { cartNoticeFrom, cartNoticeText, productNoticeText } from "./cart-notices.ts";
import { messagesFor } from "./i18n.ts";

describe("cart notices", () => {
  it.each([
    ["?notice=added", { notice: "added", left: 0 }],
    ["?notice=limited&left=3", { notice: "limited", left: 3 }],
    ["?notice=limited&left=-3", { notice: "limited", left: 0 }],
    ["?notice=hacked", undefined],
    ["", undefined],
  ])("%s -> %j", (search, expected) => {
    expect(cartNoticeFrom(new URL(`http://x/cart${search}`))).toEqual(expected);
  });

  it("speaks the page language", () => {
    expect(cartNoticeText("limited", 2, messagesFor("en"), "en")).toBe("Only 2 left — your cart now has 2");
    expect(productNoticeText("limited", 2, messagesFor("en"), "en")).toBe("Only 2 left — we put 2 in your cart");
    expect(productNoticeText("sold-out", 0, messagesFor("zh-CN"), "zh-CN")).toBe("抱歉，这件已售完");
    expect(productNoticeText("too-many", 0, messagesFor("en"), "en")).toBe("You can buy at most 99 of one item");
  });
});
