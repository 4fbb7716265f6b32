import { describe, expect, it } from "vitest";
import {
  checkoutBody,
  decodeLines,
  emptyValues,
  encodeLines,
  isIdempotencyKey,
  newIdempotencyKey,
  quoteBody,
  readCheckoutForm,
  sameLines,
} from "./checkout-form.ts";

const lines = [
  { variantId: "var_1", quantity: 2 },
  { variantId: "var_2", quantity: 1 },
];

function formOf(entries: Record<string, string>): FormData {
  const form = new FormData();
  for (const [name, value] of Object.entries(entries)) form.append(name, value);
  return form;
}

describe("the lines a page carries", () => {
  it("go out and come back the same", () => {
    expect(encodeLines(lines)).toBe("var_1*2 var_2*1");
    expect(decodeLines("var_1*2 var_2*1")).toEqual(lines);
  });

  it.each([
    [""],
    ["var_1"],
    ["var_1*0"],
    ["var_1*100"],
    ["var_1*2 var_1*3"],
    ["var 1*2"],
    ["<script>*1"],
    [Array.from({ length: 51 }, (_, index) => `var_${index}*1`).join(" ")],
  ])("refuse %j", (text) => {
    expect(decodeLines(text)).toBeUndefined();
  });

  it("compare without minding the order", () => {
    expect(sameLines(lines, [...lines].reverse())).toBe(true);
    expect(sameLines(lines, [{ variantId: "var_1", quantity: 2 }])).toBe(false);
    expect(
      sameLines(lines, [
        { variantId: "var_1", quantity: 3 },
        { variantId: "var_2", quantity: 1 },
      ]),
    ).toBe(false);
  });
});

describe("idempotency keys", () => {
  it("are new each time and what the API takes", () => {
    const one = newIdempotencyKey();
    expect(isIdempotencyKey(one)).toBe(true);
    expect(newIdempotencyKey()).not.toBe(one);
  });

  it.each([
    ["chk_0deda416-8267", true],
    ["short", false],
    ["has space in it", false],
    ["x".repeat(201), false],
  ])("%s is a key: %s", (key, expected) => {
    expect(isIdempotencyKey(key)).toBe(expected);
  });
});

describe("readCheckoutForm", () => {
  it("reads every field as a string, missing ones empty, and the intent", () => {
    const read = readCheckoutForm(
      formOf({
        name: "Ann",
        email: "ann@example.com",
        lines: "var_1*2",
        idempotencyKey: " chk_12345678 ",
        intent: "quote",
      }),
    );
    expect(read.values).toEqual({ ...emptyValues(), name: "Ann", email: "ann@example.com" });
    expect(read.lines).toEqual([{ variantId: "var_1", quantity: 2 }]);
    expect(read.idempotencyKey).toBe("chk_12345678");
    expect(read.intent).toBe("quote");
  });

  it("places an order unless asked only for the totals, and cuts what is far too long", () => {
    const read = readCheckoutForm(formOf({ intent: "whatever", note: "x".repeat(5000) }));
    expect(read.intent).toBe("place");
    expect(read.values.note).toHaveLength(2000);
    expect(read.lines).toBeUndefined();
  });
});

describe("checkoutBody", () => {
  const base = { ...emptyValues(), name: " Ann Lee ", email: "", phone: " +1 555 123 4567 " };

  it("builds a pickup order, leaving out empty optional fields", () => {
    const built = checkoutBody({ ...base, fulfilment: "pickup:pup_1", paymentMethod: "pay_at_pickup" }, lines, "en");
    expect(built).toEqual({
      ok: true,
      body: {
        lines,
        buyer: { name: "Ann Lee", phone: "+1 555 123 4567" },
        fulfilment: { type: "pickup", pickupPointId: "pup_1" },
        paymentMethod: "pay_at_pickup",
        locale: "en",
      },
    });
  });

  it("builds a delivery order with the address, instructions, code and note", () => {
    const built = checkoutBody(
      {
        ...base,
        fulfilment: "delivery:dla_1",
        deliveryAddress: " 12 Mill Lane, blue gate ",
        deliveryInstructions: "Ring twice",
        paymentMethod: "cash_on_delivery",
        discountCode: " save10 ",
        note: " Thanks! ",
      },
      lines,
      "zh-CN",
    );
    expect(built.ok && built.body).toMatchObject({
      fulfilment: {
        type: "delivery",
        deliveryAreaId: "dla_1",
        address: "12 Mill Lane, blue gate",
        instructions: "Ring twice",
      },
      discountCode: "save10",
      note: "Thanks!",
      locale: "zh-CN",
    });
  });

  it("builds a shipping order with the postal address", () => {
    const built = checkoutBody(
      {
        ...base,
        fulfilment: "shipping:shr_1",
        line1: "1 High St",
        line2: "",
        city: "Hobart",
        region: "TAS",
        postcode: "7000",
        country: "AU",
        paymentMethod: "bank_transfer",
      },
      lines,
      "en",
    );
    expect(built.ok && built.body.fulfilment).toEqual({
      type: "shipping",
      shippingRateId: "shr_1",
      address: { line1: "1 High St", city: "Hobart", region: "TAS", postcode: "7000", country: "AU" },
    });
  });

  it("sends typed fields as they are, for the API to judge", () => {
    const built = checkoutBody(
      { ...base, name: "", fulfilment: "delivery:dla_1", paymentMethod: "stripe" },
      lines,
      "en",
    );
    expect(built.ok && built.body.buyer.name).toBe("");
    expect(built.ok && built.body.fulfilment).toEqual({ type: "delivery", deliveryAreaId: "dla_1", address: "" });
  });

  it.each([
    [{}, ["fulfilment", "paymentMethod"]],
    [{ fulfilment: "pickup:pup_1", paymentMethod: "cheque" }, ["paymentMethod"]],
    [{ fulfilment: "teleport:x", paymentMethod: "stripe" }, ["fulfilment"]],
    [{ fulfilment: "shipping:shr_1", paymentMethod: "stripe", country: "" }, ["country"]],
  ])("says which choices are missing from %j", (choices, missing) => {
    expect(checkoutBody({ ...base, ...choices }, lines, "en")).toEqual({ ok: false, missing });
  });
});

describe("quoteBody", () => {
  const rates = [{ id: "shr_1", countries: ["*", "NZ"] }];

  it("is undefined until a way to get the order is chosen", () => {
    expect(quoteBody(emptyValues(), lines, rates)).toBeUndefined();
  });

  it("stands in for address fields not filled in yet, and keeps the code", () => {
    const delivery = quoteBody(
      { ...emptyValues(), fulfilment: "delivery:dla_1", discountCode: "SAVE10" },
      lines,
      rates,
    );
    expect(delivery).toEqual({
      lines,
      fulfilment: { type: "delivery", deliveryAreaId: "dla_1", address: "not given yet" },
      discountCode: "SAVE10",
    });
    const post = quoteBody({ ...emptyValues(), fulfilment: "shipping:shr_1" }, lines, rates);
    expect(post?.fulfilment).toEqual({
      type: "shipping",
      shippingRateId: "shr_1",
      address: { line1: "not given yet", city: "not given yet", country: "NZ" },
    });
    const chosen = quoteBody({ ...emptyValues(), fulfilment: "shipping:shr_1", country: "FR" }, lines, rates);
    expect(chosen?.fulfilment).toMatchObject({ address: { country: "FR" } });
  });
});
