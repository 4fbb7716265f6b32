import { describe, expect, it } from "vitest";
import { checkoutErrors, fieldForPath, missingChoiceErrors } from "./checkout-errors.ts";
import { emptyValues } from "./checkout-form.ts";
import { messagesFor } from "./i18n.ts";

describe("fieldForPath", () => {
  it.each([
    ["buyer.name", "name"],
    ["buyer.email", "email"],
    ["buyer.phone", "phone"],
    ["buyer", "email"],
    ["fulfilment", "fulfilment"],
    ["fulfilment.pickupPointId", "fulfilment"],
    ["fulfilment.shippingRateId", "fulfilment"],
    ["fulfilment.address", "deliveryAddress"],
    ["fulfilment.instructions", "deliveryInstructions"],
    ["fulfilment.address.line1", "line1"],
    ["fulfilment.address.country", "country"],
    ["paymentMethod", "paymentMethod"],
    ["discountCode", "discountCode"],
    ["note", "note"],
    ["lines.0.variantId", undefined],
    ["locale", undefined],
    ["(body)", undefined],
  ])("%s is the %s field", (path, field) => {
    expect(fieldForPath(path)).toBe(field);
  });
});

describe("checkoutErrors", () => {
  const en = { values: emptyValues(), text: messagesFor("en"), locale: "en" as const };
  const zh = { values: emptyValues(), text: messagesFor("zh-CN"), locale: "zh-CN" as const };

  it("puts the API's words next to each field on an English page, the first per field", () => {
    const found = checkoutErrors(
      [
        { path: "buyer.email", message: "Give an email or a phone number so the shop can reach you" },
        { path: "paymentMethod", message: "Cash on delivery needs local delivery" },
        { path: "paymentMethod", message: "A second complaint" },
      ],
      "The request has 2 problem(s)",
      en,
    );
    expect(found).toEqual({
      fields: {
        email: "Give an email or a phone number so the shop can reach you",
        paymentMethod: "Cash on delivery needs local delivery",
      },
      general: [],
      isAboutLines: false,
    });
  });

  it("says it in Chinese on a Chinese page, by field and by what the buyer chose", () => {
    const found = checkoutErrors(
      [
        { path: "buyer.email", message: "Give an email or a phone number so the shop can reach you" },
        { path: "paymentMethod", message: "Cash on delivery needs local delivery" },
        { path: "fulfilment", message: "This way of getting your order needs a bigger order" },
        { path: "discountCode", message: "The code X does not work in this shop" },
      ],
      "",
      { ...zh, values: { ...emptyValues(), paymentMethod: "cash_on_delivery" } },
    );
    expect(found.fields).toEqual({
      email: "请留下邮箱或手机号，方便店家联系你",
      paymentMethod: "货到付款需要选择本地送货",
      fulfilment: "订单金额未达到这种方式的最低要求",
      discountCode: "这个优惠码不适用于这笔订单",
    });
    const typo = checkoutErrors([{ path: "buyer.email", message: "Enter an email address" }], "", {
      ...zh,
      values: { ...emptyValues(), email: "ann@" },
    });
    expect(typo.fields.email).toBe("请填写正确的邮箱地址，例如 name@example.com");
  });

  it("keeps problems with no field, and notes problems with the cart's lines", () => {
    expect(checkoutErrors([{ path: "lines.1.variantId", message: "No longer sold" }], "", en)).toEqual({
      fields: {},
      general: [],
      isAboutLines: true,
    });
    expect(checkoutErrors([{ path: "locale", message: "Bad locale" }], "", en).general).toEqual(["Bad locale"]);
    expect(checkoutErrors([], "Something odd", en).general).toEqual(["Something odd"]);
    expect(checkoutErrors([], "Something odd", zh).general).toEqual([messagesFor("zh-CN").errorGeneral]);
  });
});

describe("missingChoiceErrors", () => {
  it("asks for each missing choice", () => {
    expect(missingChoiceErrors(["fulfilment", "country"], messagesFor("en"))).toEqual({
      fulfilment: "Choose how you'd like to get your order",
      country: "Choose a country",
    });
  });
});
