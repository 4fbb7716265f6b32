// Prices as owners type them and read them, with the domain's exact money rules.
import { formatMoney, parseDecimal, toDecimalString } from "@stall/domain";

/** Minor units from what the owner typed ("12", "12.5", "12,50", "¥12"), or undefined if it is not a price. */
export function parsePrice(input: string, currency: string): number | undefined {
  const cleaned = input.replace(/[^\d.,\s-]/g, "");
  const amount = parseDecimal(cleaned, currency);
  return amount === undefined || amount < 0 ? undefined : amount;
}

/** The price as it goes back into the field: "12.50". */
export function formatPriceInput(amount: number, currency: string): string {
  return toDecimalString({ amount, currency });
}

/** A whole number of items, nothing (not counted), or "invalid". */
export function parseStock(input: string): number | undefined | "invalid" {
  if (input === "") return undefined;
  if (!/^\d{1,7}$/.test(input)) return "invalid";
  return Number(input);
}

export function formatPrice(amount: number, currency: string, locale: string): string {
  return formatMoney({ amount, currency }, locale);
}
