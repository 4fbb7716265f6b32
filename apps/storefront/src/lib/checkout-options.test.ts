import { describe, expect, it } from "vitest";
import {
  defaultChoices,
  fulfilmentOptions,
  openingHoursLines,
  parseFulfilmentValue,
  paymentFits,
  paymentOptions,
  weekdaysLabel,
} from "./checkout-options.ts";
import { messagesFor } from "./i18n.ts";
import type { PaymentMethod, Snapshot } from "./snapshot.ts";

const en = messagesFor("en");

function shopWith(parts: Partial<Snapshot> & { paymentMethods?: PaymentMethod[] }): Snapshot {
  return {
    shop: { currency: "USD", paymentMethods: parts.paymentMethods ?? [] },
    pickupPoints: parts.pickupPoints ?? [],
    deliveryAreas: parts.deliveryAreas ?? [],
    shippingRates: parts.shippingRates ?? [],
  } as unknown as Snapshot;
}

const market = {
  id: "pup_1",
  name: "Market",
  address: "Town Green",
  hours: [{ day: 6, opens: "08:00", closes: "13:00" }],
  instructions: "",
  isActive: true,
  position: 0,
};
const village = {
  id: "dla_1",
  name: "Village",
  description: "Inside the village",
  fee: 300,
  minimumOrder: 1500,
  freeOver: 4000,
  deliveryDays: [4, 1],
  postcodes: [],
  currency: "USD",
  isActive: true,
  position: 0,
};
const post = {
  id: "shr_1",
  name: "Standard post",
  countries: ["NZ", "AU"],
  price: 800,
  freeOver: null as number | null,
  minDays: 2 as number | null,
  maxDays: 5 as number | null,
  currency: "USD",
  isActive: true,
  position: 0,
  minWeightGrams: null as number | null,
  maxWeightGrams: null as number | null,
};

describe("parseFulfilmentValue", () => {
  it.each([
    ["pickup:pup_1", { type: "pickup", id: "pup_1" }],
    ["shipping:shr_01ab-c", { type: "shipping", id: "shr_01ab-c" }],
    ["pickup:", undefined],
    ["boat:x", undefined],
    ["pickup:a b", undefined],
  ])("%s -> %j", (value, expected) => {
    expect(parseFulfilmentValue(value)).toEqual(expected);
  });
});

describe("opening hours and weekdays", () => {
  it("read Monday first, in the page language", () => {
    const hours = [
      { day: 0, opens: "10:00", closes: "12:00" },
      { day: 3, opens: "15:00", closes: "18:00" },
      { day: 3, opens: "08:30", closes: "11:00" },
    ];
    expect(openingHoursLines(hours, "en")).toEqual([
      "Wednesday 8:30 AM – 11:00 AM, 3:00 PM – 6:00 PM",
      "Sunday 10:00 AM – 12:00 PM",
    ]);
    expect(openingHoursLines(hours.slice(0, 1), "zh-CN")).toEqual(["星期日 10:00 – 12:00"]);
    expect(weekdaysLabel([4, 1], "en")).toBe("Monday and Thursday");
    expect(weekdaysLabel([4], "zh-CN")).toBe("星期四");
  });
});

describe("fulfilmentOptions", () => {
  it("offers a shipping rate only for parcels inside its weight bounds", () => {
    const small = { ...post, id: "shr_small", name: "Small parcel", maxWeightGrams: 2000 };
    const large = { ...post, id: "shr_large", name: "Large parcel", minWeightGrams: 2001 };
    const names = (grams: number) =>
      fulfilmentOptions(shopWith({ shippingRates: [small, large, post] }), en, "en", grams).map(
        (option) => option.name,
      );
    expect(names(0)).toEqual(["Small parcel", "Standard post"]);
    expect(names(2000)).toEqual(["Small parcel", "Standard post"]);
    expect(names(2001)).toEqual(["Large parcel", "Standard post"]);
  });

  it("lists pickup, then delivery, then post, each with its price and conditions", () => {
    const options = fulfilmentOptions(
      shopWith({ pickupPoints: [market], deliveryAreas: [village], shippingRates: [post] }),
      en,
      "en",
    );
    expect(options).toEqual([
      {
        value: "pickup:pup_1",
        type: "pickup",
        name: "Market",
        price: "Free",
        details: ["Town Green", "Saturday 8:00 AM – 1:00 PM"],
      },
      {
        value: "delivery:dla_1",
        type: "delivery",
        name: "Village",
        price: "$3.00",
        details: [
          "Inside the village",
          "For orders of $15.00 or more",
          "Free for orders over $40.00",
          "Delivers on Monday and Thursday",
        ],
      },
      {
        value: "shipping:shr_1",
        type: "shipping",
        name: "Standard post",
        price: "$8.00",
        details: ["Posts to New Zealand and Australia", "Arrives in 2–5 days"],
      },
    ]);
  });

  it("names a handful of countries, then says how many more", () => {
    const many = { ...post, countries: ["*"], price: 0, minDays: null, maxDays: null };
    const some = { ...post, countries: ["US", "CA", "MX", "GB", "IE", "FR", "DE"] };
    const [anywhere, listed] = fulfilmentOptions(shopWith({ shippingRates: [many, some] }), en, "en");
    expect(anywhere?.price).toBe("Free");
    expect(anywhere?.details).toEqual(["Posts to any country"]);
    expect(listed?.details[0]).toBe("Posts to United States, Canada, Mexico, United Kingdom, Ireland, and 2 more");
  });
});

describe("payments", () => {
  it.each([
    ["pay_at_pickup", "pickup", true],
    ["pay_at_pickup", "delivery", false],
    ["cash_on_delivery", "delivery", true],
    ["cash_on_delivery", "shipping", false],
    ["bank_transfer", "shipping", true],
    ["stripe", "pickup", true],
    ["pay_at_pickup", undefined, true],
  ] as const)("%s fits %s: %s", (method, type, expected) => {
    expect(paymentFits(method, type)).toBe(expected);
  });

  it("offers only what the shop takes and could go with one of its ways to get an order", () => {
    const snapshot = shopWith({
      shippingRates: [post],
      deliveryAreas: [village],
      paymentMethods: ["bank_transfer", "pay_at_pickup", "cash_on_delivery", "stripe"],
    });
    const options = paymentOptions(snapshot, en);
    expect(options.map((option) => [option.value, option.needs, option.needsText])).toEqual([
      ["stripe", undefined, ""],
      ["cash_on_delivery", "delivery", "Only with local delivery."],
      ["bank_transfer", undefined, ""],
    ]);
  });

  it("starts with the first way to get it and the first way to pay that fits", () => {
    const snapshot = shopWith({
      deliveryAreas: [village],
      pickupPoints: [market],
      paymentMethods: ["cash_on_delivery", "pay_at_pickup"],
    });
    const fulfilments = fulfilmentOptions(snapshot, en, "en");
    expect(defaultChoices(fulfilments, paymentOptions(snapshot, en))).toEqual({
      fulfilment: "pickup:pup_1",
      paymentMethod: "pay_at_pickup",
    });
    expect(defaultChoices([], [])).toEqual({ fulfilment: "", paymentMethod: "" });
  });
});
