// Prices as owners type them and read them, with the domain's exact money rules.
import { formatMoney, minorDigits, parseDecimal, toDecimalString } from "@stall/domain";

/** Minor units from what the owner typed ("12", "12.5", "12,50", "¥12"), or undefined if it is not a price. */
export function parsePrice(input: string, currency: string): number | undefined {
  const cleaned = input.replace(/[^\d.,\s-]/g, "");
  const amount = parseDecimal(cleaned, currency);
  return amount === undefined || amount < 0 ? undefined : amount;
}

/**
 * Why a typed price is not a price, so the message can say what to do: "decimals" when the currency
 * has fewer minor digits than typed (yen has none), else "invalid"; undefined when it is a price.
 */
export function priceProblem(input: string, currency: string): "invalid" | "decimals" | undefined {
  if (parsePrice(input, currency) !== undefined) return undefined;
  const digits = minorDigits(currency);
  const decimals = /^[^\d]*\d+(?:[.,]\d{3})*[.](\d+)[^\d]*$/.exec(input.trim())?.[1];
  return decimals !== undefined && decimals.length > digits ? "decimals" : "invalid";
}

/** A price written the way this currency writes it, for hints and messages: "12.50", "1200" (yen), "12.500". */
export function priceExample(currency: string): string {
  const digits = minorDigits(currency);
  return digits === 0 ? "1200" : toDecimalString({ amount: 125 * 10 ** (digits - 1), currency });
}

/** The price as it goes back into the field: "12.50". */
export function formatPriceInput(amount: number, currency: string): string {
  return toDecimalString({ amount, currency });
}

/** The currency's sign as shown before a price field ("¥", "$", "€"), in the reader's language. */
export function currencySign(currency: string, locale: string): string {
  return (
    new Intl.NumberFormat(locale, { style: "currency", currency, currencyDisplay: "narrowSymbol" })
      .formatToParts(0)
      .find((part) => part.type === "currency")?.value ?? currency
  );
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

type PriceMessages = {
  priceMissing: string;
  priceInvalid: (example: string) => string;
  priceDecimals: (currency: string, example: string) => string;
};

/** What the owner typed as a price, read: the amount, or the message that says how to write it. */
export function readPrice(
  input: string,
  currency: string,
  t: PriceMessages,
): { amount: number; error?: undefined } | { amount?: undefined; error: string } {
  if (input === "") return { error: t.priceMissing };
  const amount = parsePrice(input, currency);
  if (amount !== undefined) return { amount };
  const example = priceExample(currency);
  return {
    error: priceProblem(input, currency) === "decimals" ? t.priceDecimals(currency, example) : t.priceInvalid(example),
  };
}
