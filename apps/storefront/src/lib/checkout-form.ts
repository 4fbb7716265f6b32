// The checkout form as plain values: read from a form post, kept to re-render it with the buyer's input,
// and turned into the API's quote and checkout bodies.
import type { CheckoutAddress, CheckoutBody, CheckoutLine, FulfilmentInput, QuoteBody } from "./api.ts";
import { parseFulfilmentValue } from "./checkout-options.ts";
import type { Locale, PaymentMethod, ShippingRate } from "./snapshot.ts";

/** The form's fields in the order the page shows them (the error summary lists them so too). */
export const CHECKOUT_FIELDS = [
  "name",
  "email",
  "phone",
  "fulfilment",
  "deliveryAddress",
  "deliveryInstructions",
  "line1",
  "line2",
  "city",
  "region",
  "postcode",
  "country",
  "paymentMethod",
  "discountCode",
  "note",
] as const;
export type CheckoutField = (typeof CHECKOUT_FIELDS)[number];
export type CheckoutValues = Record<CheckoutField, string>;

const PAYMENT_METHODS: readonly PaymentMethod[] = ["stripe", "pay_at_pickup", "cash_on_delivery", "bank_transfer"];

/** Longer input than this is cut when read: more than any field takes, and nothing huge is re-rendered. */
const MAX_FIELD_LENGTH = 2000;
const MAX_LINES = 50;
const MAX_QUANTITY = 99;

export function emptyValues(): CheckoutValues {
  return Object.fromEntries(CHECKOUT_FIELDS.map((field) => [field, ""])) as CheckoutValues;
}

/**
 * The lines a checkout page was rendered for, as its hidden field carries them.
 * @example encodeLines([{ variantId: "var_1", quantity: 2 }]) // "var_1*2"
 */
export function encodeLines(lines: CheckoutLine[]): string {
  return lines.map((line) => `${line.variantId}*${line.quantity}`).join(" ");
}

/** The lines back from the hidden field; undefined when it is missing or not what this page writes. */
export function decodeLines(text: string | undefined): CheckoutLine[] | undefined {
  const parts = (text ?? "").trim().split(/\s+/).filter(Boolean);
  if (parts.length === 0 || parts.length > MAX_LINES) return undefined;
  const lines: CheckoutLine[] = [];
  for (const part of parts) {
    const match = /^([\w-]{1,64})\*(\d{1,2})$/.exec(part);
    const quantity = Number(match?.[2]);
    if (!match || quantity < 1 || quantity > MAX_QUANTITY) return undefined;
    if (lines.some((line) => line.variantId === match[1])) return undefined;
    lines.push({ variantId: match[1] as string, quantity });
  }
  return lines;
}

/** True when two sets of lines order the same things in the same numbers, in any order. */
export function sameLines(a: CheckoutLine[], b: CheckoutLine[]): boolean {
  const key = (lines: CheckoutLine[]) =>
    lines
      .map((line) => `${line.variantId}*${line.quantity}`)
      .sort()
      .join(" ");
  return key(a) === key(b);
}

const KEY_PATTERN = /^[\w.:-]{8,200}$/;

/** True for a key the API takes as an Idempotency-Key. */
export function isIdempotencyKey(value: string): boolean {
  return KEY_PATTERN.test(value);
}

/** A new key for one order: made when the page is rendered, so a double tap or a resend places one order. */
export function newIdempotencyKey(): string {
  return `chk_${crypto.randomUUID()}`;
}

export type CheckoutForm = {
  values: CheckoutValues;
  lines: CheckoutLine[] | undefined;
  idempotencyKey: string;
  intent: "quote" | "place";
};

/** Reads a checkout form post (or the island's copy of it); every field is a string, missing ones empty. */
export function readCheckoutForm(form: FormData): CheckoutForm {
  const read = (name: string) => {
    const value = form.get(name);
    return typeof value === "string" ? value.slice(0, MAX_FIELD_LENGTH) : "";
  };
  const values = Object.fromEntries(CHECKOUT_FIELDS.map((field) => [field, read(field)])) as CheckoutValues;
  return {
    values,
    lines: decodeLines(read("lines")),
    idempotencyKey: read("idempotencyKey").trim(),
    intent: read("intent") === "quote" ? "quote" : "place",
  };
}

const optional = (value: string) => {
  const trimmed = value.trim();
  return trimmed === "" ? undefined : trimmed;
};

function fulfilmentInput(
  values: CheckoutValues,
  placeholders?: { address: string; country: string },
): FulfilmentInput | undefined {
  const choice = parseFulfilmentValue(values.fulfilment);
  if (!choice) return undefined;
  if (choice.type === "pickup") return { type: "pickup", pickupPointId: choice.id };
  if (choice.type === "delivery") {
    const address = values.deliveryAddress.trim();
    const instructions = optional(values.deliveryInstructions);
    return {
      type: "delivery",
      deliveryAreaId: choice.id,
      // The quote needs an address only to be well-formed; the fee does not depend on it.
      address: placeholders && address.length < 3 ? placeholders.address : address,
      ...(instructions && !placeholders ? { instructions } : {}),
    };
  }
  if (placeholders) {
    return {
      type: "shipping",
      shippingRateId: choice.id,
      address: {
        line1: placeholders.address,
        city: placeholders.address,
        country: /^[A-Z]{2}$/.test(values.country) ? values.country : placeholders.country,
      },
    };
  }
  const address: CheckoutAddress = { line1: values.line1.trim(), city: values.city.trim(), country: values.country };
  for (const field of ["line2", "region", "postcode"] as const) {
    const value = optional(values[field]);
    if (value) address[field] = value;
  }
  return { type: "shipping", shippingRateId: choice.id, address };
}

/**
 * The country a shipping quote is asked for before the buyer picks one: one the chosen option posts to,
 * so the quote shows its price.
 */
export function quoteCountry(rate: Pick<ShippingRate, "countries"> | undefined): string {
  return rate?.countries.find((code) => /^[A-Z]{2}$/.test(code)) ?? "US";
}

/**
 * The quote body for the form as it stands; undefined until a way to get the order is chosen. Address
 * fields not yet filled in are stood in for, since the price does not depend on them.
 */
export function quoteBody(
  values: CheckoutValues,
  lines: CheckoutLine[],
  rates: Pick<ShippingRate, "id" | "countries">[],
): QuoteBody | undefined {
  const choice = parseFulfilmentValue(values.fulfilment);
  const rate = choice?.type === "shipping" ? rates.find((candidate) => candidate.id === choice.id) : undefined;
  const fulfilment = fulfilmentInput(values, { address: "not given yet", country: quoteCountry(rate) });
  if (!fulfilment) return undefined;
  const discountCode = optional(values.discountCode);
  return { lines, fulfilment, ...(discountCode ? { discountCode } : {}) };
}

/** What the form is missing before the API can be asked at all: the choices made with radios and selects. */
export type MissingChoice = "fulfilment" | "paymentMethod" | "country";

/**
 * The checkout body for the form, or the choices still missing. Typed fields go to the API as they are
 * (trimmed; empty optional ones left out): the API says what is wrong with them, field by field.
 */
export function checkoutBody(
  values: CheckoutValues,
  lines: CheckoutLine[],
  locale: Locale,
): { ok: true; body: CheckoutBody } | { ok: false; missing: MissingChoice[] } {
  const fulfilment = fulfilmentInput(values);
  const paymentMethod = PAYMENT_METHODS.find((method) => method === values.paymentMethod);
  const missing: MissingChoice[] = [];
  if (!fulfilment) missing.push("fulfilment");
  if (fulfilment?.type === "shipping" && !/^[A-Z]{2}$/.test(values.country)) missing.push("country");
  if (!paymentMethod) missing.push("paymentMethod");
  if (!fulfilment || !paymentMethod || missing.length > 0) return { ok: false, missing };
  const email = optional(values.email);
  const phone = optional(values.phone);
  const discountCode = optional(values.discountCode);
  const note = optional(values.note);
  return {
    ok: true,
    body: {
      lines,
      buyer: { name: values.name.trim(), ...(email ? { email } : {}), ...(phone ? { phone } : {}) },
      fulfilment,
      paymentMethod,
      ...(discountCode ? { discountCode } : {}),
      ...(note ? { note } : {}),
      locale,
    },
  };
}
