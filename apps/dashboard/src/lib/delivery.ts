// Words and numbers the delivery, tax and discount pages share: weekdays, countries, amounts typed by
// the owner, dates.
import { parsePrice } from "./money.ts";

/** Monday first, as a week is read; the data counts 0 = Sunday. */
export const WEEK = [1, 2, 3, 4, 5, 6, 0] as const;

/** The weekday's name in the owner's language (1 January 2023 was a Sunday). */
export function weekdayName(day: number, lang: string): string {
  return new Intl.DateTimeFormat(lang, { weekday: "long", timeZone: "UTC" }).format(Date.UTC(2023, 0, 1 + day));
}

/** Country codes as names in the owner's language; "*" is everywhere else. */
export function countryNames(codes: readonly string[], lang: string, everywhereElse: string): string {
  const names = new Intl.DisplayNames([lang], { type: "region" });
  return codes.map((code) => (code === "*" ? everywhereElse : (names.of(code) ?? code))).join(", ");
}

/** Country codes as the owner types them: "cn, hk" or "CN，HK" → ["CN", "HK"]; undefined if one is not a code. */
export function parseCountries(input: string): string[] | undefined {
  const codes = input
    .split(/[,，、\s]+/)
    .map((code) => code.trim().toUpperCase())
    .filter(Boolean);
  if (codes.length === 0 || codes.some((code) => !/^([A-Z]{2}|\*)$/.test(code))) return undefined;
  return [...new Set(codes)];
}

/** An optional amount: undefined when empty, "invalid" when it is not a price, else minor units. */
export function optionalPrice(input: string, currency: string): number | undefined | "invalid" {
  if (input === "") return undefined;
  return parsePrice(input, currency) ?? "invalid";
}

/** An optional whole number from `min` to `max`: undefined when empty, "invalid" when it is not one. */
export function optionalWhole(input: string, min: number, max: number): number | undefined | "invalid" {
  if (input === "") return undefined;
  if (!/^\d{1,9}$/.test(input)) return "invalid";
  const value = Number(input);
  return value < min || value > max ? "invalid" : value;
}

/** A percentage as typed ("10", "6.5", "12,5") in basis points (1000 = 10%), or undefined. */
export function parsePercent(input: string, max = 100): number | undefined {
  const match = /^(\d{1,3})(?:[.,](\d{1,2}))?\s*%?$/.exec(input.trim());
  if (!match) return undefined;
  const basisPoints = Number(match[1]) * 100 + Number((match[2] ?? "").padEnd(2, "0"));
  return basisPoints > max * 100 ? undefined : basisPoints;
}

/** Basis points as a percentage to type or read: 650 → "6.5". */
export function percentText(basisPoints: number): string {
  return (basisPoints / 100).toString();
}

/** A day typed in a date field (YYYY-MM-DD) as the epoch ms of its start (UTC), or undefined. */
export function parseDay(input: string): number | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(input);
  if (!match) return undefined;
  const time = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  const date = new Date(time);
  return date.getUTCDate() === Number(match[3]) && date.getUTCMonth() === Number(match[2]) - 1 ? time : undefined;
}

/** An epoch ms as the day for a date field: "2027-01-31". */
export function dayText(time: number): string {
  return new Date(time).toISOString().slice(0, 10);
}

export const DAY_MS = 86_400_000;

/** The currency's sign for a price field's prefix ("¥", "$"), or its code when it has none. */
export function currencySymbol(currency: string, lang: string): string {
  return (
    new Intl.NumberFormat(lang, { style: "currency", currency, currencyDisplay: "narrowSymbol" })
      .formatToParts(0)
      .find((part) => part.type === "currency")?.value ?? currency
  );
}
