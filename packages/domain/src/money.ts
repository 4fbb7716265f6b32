/**
 * Money is an integer amount of minor units plus an ISO 4217 currency. Never a float.
 * @example { amount: 1250, currency: "CNY" } is ¥12.50
 */
export type Money = { readonly amount: number; readonly currency: string };

const minorDigitsCache = new Map<string, number>();

/** Minor-unit digits of a currency as Intl knows them: JPY 0, USD 2, KWD 3. */
export function minorDigits(currency: string): number {
  const code = currency.toUpperCase();
  const cached = minorDigitsCache.get(code);
  if (cached !== undefined) return cached;
  const digits =
    new Intl.NumberFormat("en", { style: "currency", currency: code }).resolvedOptions().maximumFractionDigits ?? 2;
  minorDigitsCache.set(code, digits);
  return digits;
}

/** True when the string is a currency code Intl can format (three letters, known). */
export function isCurrency(code: string): boolean {
  if (!/^[A-Z]{3}$/.test(code)) return false;
  return Intl.supportedValuesOf("currency").includes(code);
}

function assertAmount(amount: number): void {
  if (!Number.isSafeInteger(amount)) {
    throw new RangeError(`Money amounts are whole minor units; got ${amount}`);
  }
}

/** Builds a Money value, refusing fractions and unsafe integers. */
export function money(amount: number, currency: string): Money {
  assertAmount(amount);
  return { amount, currency: currency.toUpperCase() };
}

function assertSameCurrency(values: readonly Money[]): string {
  const first = values[0];
  if (!first) throw new RangeError("Cannot work out a currency from no amounts");
  for (const value of values) {
    if (value.currency !== first.currency) {
      throw new RangeError(`Cannot mix ${first.currency} and ${value.currency}`);
    }
  }
  return first.currency;
}

/** Sum of amounts in one currency; an empty list needs the currency to be named. */
export function sum(values: readonly Money[], currency?: string): Money {
  if (values.length === 0) {
    if (!currency) throw new RangeError("Summing no amounts needs a currency");
    return money(0, currency);
  }
  const code = assertSameCurrency(values);
  let total = 0;
  for (const value of values) total += value.amount;
  return money(total, code);
}

export function add(a: Money, b: Money): Money {
  return sum([a, b]);
}

export function subtract(a: Money, b: Money): Money {
  assertSameCurrency([a, b]);
  return money(a.amount - b.amount, a.currency);
}

/** Multiplies by a whole quantity. */
export function times(value: Money, quantity: number): Money {
  if (!Number.isSafeInteger(quantity)) throw new RangeError(`Quantity must be whole; got ${quantity}`);
  return money(value.amount * quantity, value.currency);
}

/**
 * Divides `numerator / denominator` (integers, denominator > 0) and rounds half away from zero,
 * exactly, with no floating point. The rounding used for every percentage in Stall.
 */
export function divideRounded(numerator: number, denominator: number): number {
  if (!Number.isSafeInteger(numerator) || !Number.isSafeInteger(denominator) || denominator <= 0) {
    throw new RangeError("divideRounded takes integers and a positive denominator");
  }
  const sign = numerator < 0 ? -1 : 1;
  const n = BigInt(Math.abs(numerator));
  const d = BigInt(denominator);
  const quotient = n / d;
  const remainder = n % d;
  const rounded = remainder * 2n >= d ? quotient + 1n : quotient;
  return sign * Number(rounded);
}

/**
 * A percentage of an amount, with the rate in basis points (1250 = 12.5%), rounded half away from zero.
 * @example percentage(money(999, "USD"), 1000) // 100 cents: 10% of $9.99 is 99.9c
 */
export function percentage(value: Money, basisPoints: number): Money {
  if (!Number.isSafeInteger(basisPoints)) throw new RangeError("Basis points must be whole");
  return money(multiplyDivideRounded(value.amount, basisPoints, 10_000), value.currency);
}

/**
 * `a × b / d` rounded half away from zero, exact for any safe integers (the product may pass 2^53).
 * @example multiplyDivideRounded(9_007_199_254_740_991, 1000, 10_000) // 900719925474099
 */
export function multiplyDivideRounded(a: number, b: number, d: number): number {
  if (!Number.isSafeInteger(a) || !Number.isSafeInteger(b) || !Number.isSafeInteger(d) || d <= 0) {
    throw new RangeError("multiplyDivideRounded takes safe integers and a positive divisor");
  }
  const product = BigInt(a) * BigInt(b);
  const sign = product < 0n ? -1n : 1n;
  const magnitude = product < 0n ? -product : product;
  const divisor = BigInt(d);
  const quotient = magnitude / divisor;
  const rounded = (magnitude % divisor) * 2n >= divisor ? quotient + 1n : quotient;
  const result = sign * rounded;
  if (result > BigInt(Number.MAX_SAFE_INTEGER) || result < -BigInt(Number.MAX_SAFE_INTEGER)) {
    throw new RangeError("The result is too large to be an amount of money");
  }
  return Number(result);
}

/**
 * Splits an amount in proportion to weights so the parts add up to exactly the amount: each part
 * gets its floor share, then the leftover minor units go to the largest remainders (ties: earlier first).
 * @example allocate(money(100, "USD"), [1, 1, 1]) // 34, 33, 33
 */
export function allocate(value: Money, weights: readonly number[]): Money[] {
  if (weights.length === 0) throw new RangeError("allocate needs at least one weight");
  if (weights.some((weight) => !Number.isSafeInteger(weight) || weight < 0)) {
    throw new RangeError("Weights must be whole numbers, zero or more");
  }
  const total = weights.reduce((a, b) => a + b, 0);
  const sign = value.amount < 0 ? -1n : 1n;
  const amount = BigInt(Math.abs(value.amount));
  if (total === 0) {
    // Nothing to weigh by: split evenly.
    return allocate(
      value,
      weights.map(() => 1),
    );
  }
  const bigTotal = BigInt(total);
  const parts = weights.map((weight) => {
    const share = amount * BigInt(weight);
    return { floor: share / bigTotal, remainder: share % bigTotal };
  });
  let leftover = amount - parts.reduce((acc, part) => acc + part.floor, 0n);
  const order = parts
    .map((part, index) => ({ index, remainder: part.remainder }))
    .sort((a, b) => (a.remainder === b.remainder ? a.index - b.index : a.remainder > b.remainder ? -1 : 1));
  const result = parts.map((part) => part.floor);
  for (const { index } of order) {
    if (leftover === 0n) break;
    result[index] = (result[index] ?? 0n) + 1n;
    leftover -= 1n;
  }
  return result.map((part) => money(Number(part * sign), value.currency));
}

/** Converts minor units to a decimal string without floating point: 1250 USD -> "12.50". */
export function toDecimalString(value: Money): string {
  const digits = minorDigits(value.currency);
  const negative = value.amount < 0;
  const text = Math.abs(value.amount)
    .toString()
    .padStart(digits + 1, "0");
  const whole = digits === 0 ? text : text.slice(0, -digits);
  const fraction = digits === 0 ? "" : `.${text.slice(-digits)}`;
  return `${negative ? "-" : ""}${whole}${fraction}`;
}

/**
 * Parses a decimal the way an owner types it ("12.5", "12,50", "1,200") into minor units,
 * or returns undefined when it is not a price in that currency.
 */
export function parseDecimal(input: string, currency: string): number | undefined {
  const digits = minorDigits(currency);
  const text = input.trim().replace(/\s/g, "");
  // A single comma followed by 1..digits digits at the end is a decimal comma ("12,50").
  const normalised =
    digits > 0 && /^\d+,\d+$/.test(text) && (text.split(",")[1]?.length ?? 0) <= digits
      ? text.replace(",", ".")
      : text.replace(/,/g, "");
  const match = /^(-?)(\d+)(?:\.(\d*))?$/.exec(normalised);
  if (!match) return undefined;
  const [, sign, whole = "", fraction = ""] = match;
  if (fraction.length > digits) return undefined;
  const amount = Number(whole + fraction.padEnd(digits, "0"));
  if (!Number.isSafeInteger(amount)) return undefined;
  return sign ? -amount : amount;
}

const formatters = new Map<string, Intl.NumberFormat>();

/**
 * Formats money for people in a locale, exact to the minor unit.
 * @example formatMoney(money(1250, "CNY"), "zh-CN") // "¥12.50"
 */
export function formatMoney(value: Money, locale: string): string {
  // Making an Intl.NumberFormat costs far more than using one (it showed in checkout's profile): one
  // per locale and currency, kept. Locales and currencies are few, so the map stays small.
  const cacheKey = `${locale}|${value.currency}`;
  let formatter = formatters.get(cacheKey);
  if (!formatter) {
    const digits = minorDigits(value.currency);
    formatter = new Intl.NumberFormat(locale, {
      style: "currency",
      currency: value.currency,
      minimumFractionDigits: digits,
      maximumFractionDigits: digits,
    });
    // A bound, should a caller ever pass locales from outside: start over rather than grow.
    if (formatters.size >= 256) formatters.clear();
    formatters.set(cacheKey, formatter);
  }
  // Intl accepts decimal strings exactly, so large amounts never pass through a float.
  return formatter.format(toDecimalString(value) as unknown as number);
}
