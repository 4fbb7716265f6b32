// What the checkout offers, from the shop's snapshot: the ways to get an order (pickup points, delivery
// areas, shipping options) and the ways to pay, with the rules that tie the two together.
import { rateFitsWeight } from "@stall/domain";
import { countryName } from "./countries.ts";
import type { Messages } from "./i18n.ts";
import { priceLabel } from "./labels.ts";
import type { FulfilmentType, OpeningHours, PaymentMethod, Snapshot } from "./snapshot.ts";

export type FulfilmentChoice = { type: FulfilmentType; id: string };

/** The radio value for a way to get the order, e.g. "pickup:pkp_01…". */
export function fulfilmentValue(choice: FulfilmentChoice): string {
  return `${choice.type}:${choice.id}`;
}

/**
 * Reads a fulfilment radio value back; undefined for anything that is not one.
 * @example parseFulfilmentValue("delivery:dla_1") // { type: "delivery", id: "dla_1" }
 */
export function parseFulfilmentValue(value: string): FulfilmentChoice | undefined {
  const match = /^(pickup|delivery|shipping):([\w-]{1,64})$/.exec(value);
  if (!match) return undefined;
  return { type: match[1] as FulfilmentType, id: match[2] as string };
}

// Monday first, the way a week is read on a notice board (the data counts 0 = Sunday).
const WEEK_ORDER = [1, 2, 3, 4, 5, 6, 0];
// 1 January 2023 was a Sunday: day N of the week is that date plus N, named by Intl in any language.
const weekdayDate = (day: number) => Date.UTC(2023, 0, 1 + day);

function weekdayName(day: number, locale: string): string {
  return new Intl.DateTimeFormat(locale, { weekday: "long", timeZone: "UTC" }).format(weekdayDate(day));
}

function timeLabel(time: string, locale: string): string {
  const [hours = 0, minutes = 0] = time.split(":").map(Number);
  return new Intl.DateTimeFormat(locale, { hour: "numeric", minute: "2-digit", timeZone: "UTC" }).format(
    Date.UTC(2023, 0, 1, hours, minutes),
  );
}

/**
 * Opening hours as lines people read, one per day, Monday first.
 * @example openingHoursLines([{ day: 6, opens: "08:00", closes: "13:00" }], "en") // ["Saturday 8:00 AM – 1:00 PM"]
 */
export function openingHoursLines(hours: OpeningHours, locale: string): string[] {
  return WEEK_ORDER.flatMap((day) => {
    const slots = hours
      .filter((slot) => slot.day === day)
      .sort((a, b) => a.opens.localeCompare(b.opens))
      .map((slot) => `${timeLabel(slot.opens, locale)} – ${timeLabel(slot.closes, locale)}`);
    return slots.length > 0 ? [`${weekdayName(day, locale)} ${slots.join(", ")}`] : [];
  });
}

/**
 * Weekdays as a list in words.
 * @example weekdaysLabel([4, 1], "en") // "Monday and Thursday"
 */
export function weekdaysLabel(days: number[], locale: string): string {
  const names = WEEK_ORDER.filter((day) => days.includes(day)).map((day) => weekdayName(day, locale));
  return new Intl.ListFormat(locale, { type: "conjunction" }).format(names);
}

/** At most this many countries are named in a shipping option; the rest are "and N more". */
const COUNTRIES_SHOWN = 5;

export type FulfilmentOption = {
  value: string;
  type: FulfilmentType;
  name: string;
  /** "Free", or the fee. */
  price: string;
  /** Address, hours, conditions: one short line each. */
  details: string[];
};

/** Every way the shop offers to get an order, pickup first, each with what it costs and when. */
export function fulfilmentOptions(
  snapshot: Snapshot,
  text: Messages,
  locale: string,
  /** The parcel's weight: a shipping rate for other weights is not offered (decision 033). */
  parcelGrams = 0,
): FulfilmentOption[] {
  const money = (amount: number) => priceLabel(amount, snapshot.shop.currency, locale);
  const fee = (amount: number) => (amount === 0 ? text.free : money(amount));
  const pickups = snapshot.pickupPoints.map(
    (point): FulfilmentOption => ({
      value: fulfilmentValue({ type: "pickup", id: point.id }),
      type: "pickup",
      name: point.name,
      price: text.free,
      details: [point.address, ...openingHoursLines(point.hours, locale)].filter(Boolean),
    }),
  );
  const deliveries = snapshot.deliveryAreas.map(
    (area): FulfilmentOption => ({
      value: fulfilmentValue({ type: "delivery", id: area.id }),
      type: "delivery",
      name: area.name,
      price: fee(area.fee),
      details: [
        area.description,
        area.minimumOrder > 0 ? text.minimumOrder(money(area.minimumOrder)) : "",
        area.freeOver !== null && area.fee > 0 ? text.freeOver(money(area.freeOver)) : "",
        area.deliveryDays.length > 0 ? text.deliversOn(weekdaysLabel(area.deliveryDays, locale)) : "",
      ].filter(Boolean),
    }),
  );
  const fitting = snapshot.shippingRates.filter((rate) =>
    rateFitsWeight(
      { minWeightGrams: rate.minWeightGrams ?? null, maxWeightGrams: rate.maxWeightGrams ?? null },
      parcelGrams,
    ),
  );
  const posts = fitting.map((rate): FulfilmentOption => {
    const named = rate.countries.filter((code) => code !== "*").map((code) => countryName(code, locale));
    const shown = named.slice(0, COUNTRIES_SHOWN);
    const more = named.length - shown.length;
    const list = new Intl.ListFormat(locale, { type: "conjunction" }).format(
      more > 0 ? [...shown, text.andMore(String(more))] : shown,
    );
    const days =
      rate.minDays !== null && rate.maxDays !== null && rate.minDays !== rate.maxDays
        ? `${rate.minDays}–${rate.maxDays}`
        : String(rate.maxDays ?? rate.minDays ?? "");
    return {
      value: fulfilmentValue({ type: "shipping", id: rate.id }),
      type: "shipping",
      name: rate.name,
      price: fee(rate.price),
      details: [
        rate.countries.includes("*") ? text.postsAnywhere : text.postsTo(list),
        days ? text.arrivesIn(days) : "",
        rate.freeOver !== null && rate.price > 0 ? text.freeOver(money(rate.freeOver)) : "",
      ].filter(Boolean),
    };
  });
  return [...pickups, ...deliveries, ...posts];
}

/** A way to pay that only goes with one way of getting the order. */
export const PAYMENT_NEEDS: Partial<Record<PaymentMethod, FulfilmentType>> = {
  pay_at_pickup: "pickup",
  cash_on_delivery: "delivery",
};

/** True when a way to pay goes with a way of getting the order (the API's own rule). */
export function paymentFits(method: PaymentMethod, type: FulfilmentType | undefined): boolean {
  const needs = PAYMENT_NEEDS[method];
  return needs === undefined || type === undefined || needs === type;
}

const PAYMENT_ORDER: readonly PaymentMethod[] = ["stripe", "pay_at_pickup", "cash_on_delivery", "bank_transfer"];

export type PaymentOption = {
  value: PaymentMethod;
  label: string;
  hint: string;
  /** The only way of getting the order this method goes with, when there is one. */
  needs: FulfilmentType | undefined;
  /** Why it is not offered with other ways of getting the order ("Only when you pick it up"). */
  needsText: string;
};

/**
 * The ways to pay the shop takes and that go with at least one way it offers to get an order (pay at
 * pickup is left out of a shop without pickup points).
 */
export function paymentOptions(snapshot: Snapshot, text: Messages): PaymentOption[] {
  const offeredTypes = new Set<FulfilmentType>([
    ...(snapshot.pickupPoints.length > 0 ? (["pickup"] as const) : []),
    ...(snapshot.deliveryAreas.length > 0 ? (["delivery"] as const) : []),
    ...(snapshot.shippingRates.length > 0 ? (["shipping"] as const) : []),
  ]);
  const words: Record<PaymentMethod, { label: string; hint: string }> = {
    stripe: { label: text.payStripe, hint: text.payStripeHint },
    pay_at_pickup: { label: text.payAtPickup, hint: text.payAtPickupHint },
    cash_on_delivery: { label: text.cashOnDelivery, hint: text.cashOnDeliveryHint },
    bank_transfer: { label: text.bankTransfer, hint: text.bankTransferHint },
  };
  return PAYMENT_ORDER.filter((method) => snapshot.shop.paymentMethods.includes(method))
    .filter((method) => {
      const needs = PAYMENT_NEEDS[method];
      return needs === undefined || offeredTypes.has(needs);
    })
    .map((method) => {
      const needs = PAYMENT_NEEDS[method];
      return {
        value: method,
        ...words[method],
        needs,
        needsText: needs === "pickup" ? text.needsPickup : needs === "delivery" ? text.needsDelivery : "",
      };
    });
}

/** The choices a fresh checkout starts with: the first way to get it, and the first way to pay that fits. */
export function defaultChoices(
  fulfilments: FulfilmentOption[],
  payments: PaymentOption[],
): { fulfilment: string; paymentMethod: string } {
  const first = fulfilments[0];
  const payment = payments.find((option) => paymentFits(option.value, first?.type));
  return { fulfilment: first?.value ?? "", paymentMethod: payment?.value ?? "" };
}
