/**
 * Checkout totals: what a cart costs, worked out once, in the domain, for the storefront, the API and Stripe.
 *
 * Rounding policy
 * ---------------
 * - Every amount is a whole number of minor units (cents, fen, yen, fils). No floats, anywhere.
 * - Every rounding is half away from zero and exact (BigInt products): `multiplyDivideRounded` in money.ts.
 * - Rounding happens per line, never on the order as a whole:
 *   1. A percent discount is rounded once, on the subtotal. It is then split across the lines in
 *      proportion to their subtotals with `allocate` (largest remainder), so the line discounts add up to
 *      the order discount exactly and no line is discounted below zero.
 *   2. Tax is worked out on each line's amount after its share of the discount, rounded per line, then
 *      summed. The fulfilment fee, when tax applies to it, is taxed the same way as one more line. The
 *      order's tax is therefore the sum of the rounded line taxes; it can differ by a few minor units
 *      from taxing the order total once (3 lines of 5 cents at 10% added: 1 + 1 + 1 = 3, not 2), and it
 *      is the figure a receipt shows line by line.
 *   3. Included tax is the tax inside a gross amount g at rate r: g − round(g × 10000 / (10000 + r)).
 *      Net and tax always add back up to the price the buyer saw.
 */
import { DomainError, type FieldError } from "../errors.ts";
import { allocate, isCurrency, money, multiplyDivideRounded } from "../money.ts";

/**
 * One cart line priced from the database: `unitPrice` in minor units, `quantity` whole and positive.
 * `isTaxable: false` (a gift card, an untaxed food item) gives the line no tax in any tax mode; absent
 * means taxable.
 */
export type TotalsLineInput = { key: string; unitPrice: number; quantity: number; isTaxable?: boolean };

/** A discount code's rule: `value` is basis points for `percent` (1000 = 10%) and minor units for `fixed`. */
export type TotalsDiscountInput = { kind: "percent" | "fixed"; value: number; minimumSubtotal: number };

/** The chosen fulfilment option: its fee, an optional minimum order and an optional free-over threshold. */
export type TotalsFulfilmentInput = { fee: number; minimumOrder?: number | null; freeOver?: number | null };

/** How the shop charges tax: `rate` in basis points (1000 = 10%). */
export type TotalsTaxInput = { mode: "included" | "added" | "none"; rate: number; appliesToFulfilment: boolean };

export type TotalsInput = {
  currency: string;
  lines: readonly TotalsLineInput[];
  discount?: TotalsDiscountInput | null;
  fulfilment: TotalsFulfilmentInput;
  tax: TotalsTaxInput;
};

/**
 * One line's share of the order, in minor units. `taxableAmount` is the line after its discount share,
 * the amount the rate is applied to (tax inclusive when tax is included); `total` is what the buyer pays
 * for the line (`taxableAmount`, plus `tax` when tax is added).
 */
export type LineTotals = {
  key: string;
  subtotal: number;
  discount: number;
  taxableAmount: number;
  tax: number;
  total: number;
};

/** Something that stops a checkout from going ahead, for the storefront to explain; amounts in minor units. */
export type TotalsProblem =
  | { code: "discount_minimum_not_met"; minimumSubtotal: number }
  | { code: "fulfilment_minimum_not_met"; minimumOrder: number };

/**
 * An order's totals in minor units. `tax` is every line's tax plus `fulfilmentTax`; `total` is
 * `subtotal − discount + fulfilment`, plus `tax` when tax is added.
 */
export type Totals = {
  currency: string;
  subtotal: number;
  discount: number;
  fulfilment: number;
  fulfilmentTax: number;
  tax: number;
  total: number;
  lines: LineTotals[];
  problems: TotalsProblem[];
};

const BASIS = 10_000;

// One rounding rule for every share of money in Stall.
const scaleRounded = multiplyDivideRounded;

/**
 * The tax on an amount under a tax rule, rounded half away from zero.
 * "added": amount × rate. "included": the part of the gross amount that is tax. "none": 0.
 * @example taxOn(1000, { mode: "included", rate: 2000 }) // 167: 1000 gross at 20% is 833 net + 167 tax
 */
export function taxOn(amount: number, tax: Pick<TotalsTaxInput, "mode" | "rate">): number {
  if (tax.mode === "added") return scaleRounded(amount, tax.rate, BASIS);
  if (tax.mode === "included") return amount - scaleRounded(amount, BASIS, BASIS + tax.rate);
  return 0;
}

const isWhole = (value: unknown): value is number => typeof value === "number" && Number.isSafeInteger(value);
const isAmount = (value: unknown): value is number => isWhole(value) && value >= 0;
const isOptionalAmount = (value: unknown) => value === undefined || value === null || isAmount(value);

function validate(input: TotalsInput): FieldError[] {
  const errors: FieldError[] = [];
  const fail = (path: string, message: string) => errors.push({ path, message });

  if (typeof input.currency !== "string" || !isCurrency(input.currency.toUpperCase())) {
    fail("currency", `"${String(input.currency)}" is not a currency code like USD, CNY or JPY`);
  }

  if (!Array.isArray(input.lines) || input.lines.length === 0) {
    fail("lines", "A checkout needs at least one line");
  } else {
    const keys = new Set<string>();
    let subtotal = 0n;
    input.lines.forEach((line, index) => {
      if (typeof line.key !== "string" || line.key === "") fail(`lines.${index}.key`, "Each line needs a key");
      else if (keys.has(line.key)) fail(`lines.${index}.key`, `The key "${line.key}" is used by two lines`);
      else keys.add(line.key);
      if (!isAmount(line.unitPrice)) {
        fail(`lines.${index}.unitPrice`, `A price is whole minor units, zero or more; got ${line.unitPrice}`);
      }
      if (!isWhole(line.quantity) || line.quantity < 1) {
        fail(`lines.${index}.quantity`, `A quantity is a whole number, 1 or more; got ${line.quantity}`);
      }
      if (isAmount(line.unitPrice) && isWhole(line.quantity) && line.quantity > 0) {
        const lineSubtotal = BigInt(line.unitPrice) * BigInt(line.quantity);
        if (lineSubtotal > BigInt(Number.MAX_SAFE_INTEGER)) {
          fail(`lines.${index}`, `${line.quantity} × ${line.unitPrice} is too large an amount to charge`);
        }
        subtotal += lineSubtotal;
      }
    });
    if (errors.length === 0 && subtotal > BigInt(Number.MAX_SAFE_INTEGER)) {
      fail("lines", "The cart adds up to too large an amount to charge");
    }
  }

  const discount = input.discount;
  if (discount !== undefined && discount !== null) {
    if (discount.kind !== "percent" && discount.kind !== "fixed") {
      fail("discount.kind", 'A discount is "percent" or "fixed"');
    }
    if (!isAmount(discount.value)) {
      fail("discount.value", `A discount value is a whole number, zero or more; got ${discount.value}`);
    } else if (discount.kind === "percent" && discount.value > BASIS) {
      fail("discount.value", `A percentage is at most 10000 basis points (100%); got ${discount.value}`);
    }
    if (!isAmount(discount.minimumSubtotal)) {
      fail("discount.minimumSubtotal", `A minimum is whole minor units, zero or more; got ${discount.minimumSubtotal}`);
    }
  }

  const fulfilment = input.fulfilment;
  if (!isAmount(fulfilment?.fee)) {
    fail("fulfilment.fee", `A fee is whole minor units, zero or more; got ${fulfilment?.fee}`);
  }
  if (!isOptionalAmount(fulfilment?.minimumOrder)) {
    fail("fulfilment.minimumOrder", `A minimum order is whole minor units; got ${fulfilment?.minimumOrder}`);
  }
  if (!isOptionalAmount(fulfilment?.freeOver)) {
    fail("fulfilment.freeOver", `A free-over threshold is whole minor units; got ${fulfilment?.freeOver}`);
  }

  const tax = input.tax;
  if (tax?.mode !== "included" && tax?.mode !== "added" && tax?.mode !== "none") {
    fail("tax.mode", 'Tax is "included", "added" or "none"');
  }
  if (!isWhole(tax?.rate) || tax.rate < 0 || tax.rate > BASIS) {
    fail("tax.rate", `A tax rate is 0 to 10000 basis points (0% to 100%); got ${tax?.rate}`);
  }
  if (typeof tax?.appliesToFulfilment !== "boolean") {
    fail("tax.appliesToFulfilment", "Say whether tax applies to the fulfilment fee");
  }
  return errors;
}

function invalid(errors: FieldError[]): DomainError {
  const first = errors[0];
  const summary = first ? `${first.path}: ${first.message}` : "the input is malformed";
  return new DomainError("validation_failed", `These checkout amounts cannot be totalled (${summary})`, { errors });
}

/**
 * Works out an order's subtotal, discount, fulfilment fee, tax and total, line by line, in minor units.
 * See the rounding policy at the top of this file. Rules:
 * - A line's subtotal is unitPrice × quantity; the order's subtotal is their sum.
 * - A discount applies only when the subtotal is at least its `minimumSubtotal`; otherwise the order gets
 *   no discount and a `discount_minimum_not_met` problem. Percent: the rate of the subtotal, rounded once.
 *   Fixed: its value, at most the subtotal. Either way it is split across the lines by their subtotals.
 * - The fulfilment fee is 0 when `freeOver` is set and subtotal − discount reaches it. When subtotal −
 *   discount is below `minimumOrder`, the fee still counts and a `fulfilment_minimum_not_met` problem is
 *   reported (placing the order is the caller's call; the storefront shows how far off it is).
 * - Tax per line, rounded per line, then summed; a line with `isTaxable: false` has no tax; the fee is taxed as one more line only when
 *   `appliesToFulfilment`. Added tax is added to the total; included tax is only reported.
 * - total = subtotal − discount + fulfilment (+ tax when added). It is never negative, since a discount
 *   never exceeds the subtotal.
 *
 * Throws `DomainError("validation_failed")`, with a path per field, when an amount is not a non-negative
 * safe integer, a quantity is not a positive safe integer, a rate is outside 0..10000 basis points, keys
 * repeat, there are no lines, or the result would not fit in a safe integer.
 *
 * @example
 * computeTotals({
 *   currency: "USD",
 *   lines: [{ key: "a", unitPrice: 333, quantity: 1 }, { key: "b", unitPrice: 333, quantity: 1 },
 *           { key: "c", unitPrice: 333, quantity: 1 }],
 *   discount: { kind: "percent", value: 1000, minimumSubtotal: 0 },
 *   fulfilment: { fee: 0 },
 *   tax: { mode: "none", rate: 0, appliesToFulfilment: false },
 * });
 * // subtotal 999, discount 100 (10% of 999 is 99.9), line discounts 34 + 33 + 33, total 899
 */
export function computeTotals(input: TotalsInput): Totals {
  const errors = validate(input);
  if (errors.length > 0) throw invalid(errors);

  const currency = input.currency.toUpperCase();
  const problems: TotalsProblem[] = [];
  const lineSubtotals = input.lines.map((line) => line.unitPrice * line.quantity);
  const subtotal = lineSubtotals.reduce((total, amount) => total + amount, 0);

  let discount = 0;
  const rule = input.discount;
  if (rule) {
    if (subtotal < rule.minimumSubtotal) {
      problems.push({ code: "discount_minimum_not_met", minimumSubtotal: rule.minimumSubtotal });
    } else {
      discount = rule.kind === "percent" ? scaleRounded(subtotal, rule.value, BASIS) : Math.min(rule.value, subtotal);
    }
  }
  const lineDiscounts =
    discount === 0
      ? lineSubtotals.map(() => 0)
      : allocate(money(discount, currency), lineSubtotals).map((share) => share.amount);

  const afterDiscount = subtotal - discount;
  const { fee, minimumOrder, freeOver } = input.fulfilment;
  const fulfilment = freeOver !== undefined && freeOver !== null && afterDiscount >= freeOver ? 0 : fee;
  if (minimumOrder !== undefined && minimumOrder !== null && afterDiscount < minimumOrder) {
    problems.push({ code: "fulfilment_minimum_not_met", minimumOrder });
  }

  const isTaxAdded = input.tax.mode === "added";
  const lines = input.lines.map((line, index): LineTotals => {
    const lineSubtotal = lineSubtotals[index] ?? 0;
    const lineDiscount = lineDiscounts[index] ?? 0;
    const taxableAmount = lineSubtotal - lineDiscount;
    // An untaxed line still takes its share of the discount, so the discount split does not depend on tax.
    const tax = line.isTaxable === false ? 0 : taxOn(taxableAmount, input.tax);
    return {
      key: line.key,
      subtotal: lineSubtotal,
      discount: lineDiscount,
      taxableAmount,
      tax,
      total: taxableAmount + (isTaxAdded ? tax : 0),
    };
  });
  const fulfilmentTax = input.tax.appliesToFulfilment ? taxOn(fulfilment, input.tax) : 0;
  const tax = lines.reduce((total, line) => total + line.tax, fulfilmentTax);
  const total = afterDiscount + fulfilment + (isTaxAdded ? tax : 0);
  if (!Number.isSafeInteger(total)) {
    throw invalid([{ path: "lines", message: "The order adds up to too large an amount to charge" }]);
  }

  return { currency, subtotal, discount, fulfilment, fulfilmentTax, tax, total, lines, problems };
}
