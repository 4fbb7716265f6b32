import { describe, expect, it } from "vitest";
import { cartNoticeFrom, cartNoticeText, productNoticeText } from "./cart-notices.ts";
import { messagesFor } from "./i18n.ts";

describe("cart notices", () => {
  it.each([
    ["?notice=added", { notice: "added", left: 0, short: [] }],
    ["?notice=limited&left=3", { notice: "limited", left: 3, short: [] }],
    ["?notice=limited&left=-3", { notice: "limited", left: 0, short: [] }],
    [
      "?notice=short&short=var_1*0+var_2*2+bad+%3Cb%3E*1",
      {
        notice: "short",
        left: 0,
        short: [
          { variantId: "var_1", available: 0 },
          { variantId: "var_2", available: 2 },
        ],
      },
    ],
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

  it("names what sold out, by the cart's own lines, ignoring ids it does not hold", () => {
    const names: Record<string, string> = { var_1: "Wildflower Honey (16 oz)", var_2: "Candle" };
    const short = {
      items: [
        { variantId: "var_1", available: 1 },
        { variantId: "var_2", available: 0 },
        { variantId: "var_other", available: 0 },
      ],
      nameOf: (variantId: string) => names[variantId],
    };
    expect(cartNoticeText("short", 0, messagesFor("en"), "en", short)).toBe(
      "Sorry, some things sold out while you were choosing, so nothing was ordered: Wildflower Honey (16 oz), only 1 left and Candle, sold out. Please change your cart and check out again.",
    );
    expect(cartNoticeText("short", 0, messagesFor("en"), "en")).toBe(
      "Some things in your cart changed. Please check them before you check out.",
    );
  });
});
