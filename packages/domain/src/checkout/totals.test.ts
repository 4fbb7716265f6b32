import { describe, expect, it } from "vitest";
import { DomainError } from "../errors.ts";
import { divideRounded, money, percentage } from "../money.ts";
import { computeTotals, type Totals, type TotalsInput, type TotalsProblem, taxOn } from "./totals.ts";

type Cart = Partial<Omit<TotalsInput, "lines">> & {
  lines?: [unitPrice: number, quantity: number, isTaxable?: boolean][];
};

/** A cart with no discount, no fee and no tax unless the case says otherwise; line keys are l0, l1, … */
function cart(overrides: Cart): TotalsInput {
  const { lines = [[1000, 1]], ...rest } = overrides;
  return {
    currency: "USD",
    discount: null,
    fulfilment: { fee: 0 },
    tax: { mode: "none", rate: 0, appliesToFulfilment: false },
    ...rest,
    lines: lines.map(([unitPrice, quantity, isTaxable], index) => ({
      key: `l${index}`,
      unitPrice,
      quantity,
      ...(isTaxable === undefined ? {} : { isTaxable }),
    })),
  };
}

const added = (rate: number, appliesToFulfilment = false) => ({ mode: "added" as const, rate, appliesToFulfilment });
const included = (rate: number, appliesToFulfilment = false) => ({
  mode: "included" as const,
  rate,
  appliesToFulfilment,
});
const percent = (value: number, minimumSubtotal = 0) => ({ kind: "percent" as const, value, minimumSubtotal });
const fixed = (value: number, minimumSubtotal = 0) => ({ kind: "fixed" as const, value, minimumSubtotal });

type Expected = {
  subtotal: number;
  discount: number;
  fulfilment: number;
  tax: number;
  total: number;
  lineDiscounts?: number[];
  lineTaxes?: number[];
  fulfilmentTax?: number;
  problems?: TotalsProblem[];
};

const cases: [name: string, input: TotalsInput, expected: Expected][] = [
  // Plain sums
  [
    "USD, no discount, no tax",
    cart({
      lines: [
        [1250, 2],
        [999, 1],
      ],
    }),
    { subtotal: 3499, discount: 0, fulfilment: 0, tax: 0, total: 3499, lineTaxes: [0, 0] },
  ],
  [
    "free items count for nothing",
    cart({
      lines: [
        [0, 3],
        [500, 1],
      ],
      tax: added(1000),
    }),
    { subtotal: 500, discount: 0, fulfilment: 0, tax: 50, total: 550, lineTaxes: [0, 50] },
  ],

  // Added tax, rounded per line
  [
    "USD, 8.25% added, each line rounded (164.9175 -> 165, 136.125 -> 136)",
    cart({
      lines: [
        [1999, 1],
        [550, 3],
      ],
      tax: added(825),
    }),
    { subtotal: 3649, discount: 0, fulfilment: 0, tax: 301, total: 3950, lineTaxes: [165, 136] },
  ],
  [
    "per-line rounding: 3 lines of 5c at 10% is 1 + 1 + 1, not round(1.5)",
    cart({
      lines: [
        [5, 1],
        [5, 1],
        [5, 1],
      ],
      tax: added(1000),
    }),
    { subtotal: 15, discount: 0, fulfilment: 0, tax: 3, total: 18, lineTaxes: [1, 1, 1] },
  ],
  [
    "half away from zero at exactly .5 (25c at 10% = 2.5 -> 3)",
    cart({ lines: [[25, 1]], tax: added(1000) }),
    { subtotal: 25, discount: 0, fulfilment: 0, tax: 3, total: 28 },
  ],
  [
    "just under .5 rounds down (24c at 10% = 2.4 -> 2)",
    cart({ lines: [[24, 1]], tax: added(1000) }),
    { subtotal: 24, discount: 0, fulfilment: 0, tax: 2, total: 26 },
  ],
  [
    "rate 0 added",
    cart({ lines: [[1234, 2]], tax: added(0) }),
    { subtotal: 2468, discount: 0, fulfilment: 0, tax: 0, total: 2468 },
  ],
  [
    "rate 100% added doubles the goods",
    cart({ lines: [[1234, 2]], tax: added(10_000) }),
    { subtotal: 2468, discount: 0, fulfilment: 0, tax: 2468, total: 4936 },
  ],

  // Included tax: reported, not added
  [
    "GBP, 20% included: 10.00 is 8.33 + 1.67; 19.99 is 16.66 + 3.33",
    cart({
      currency: "GBP",
      lines: [
        [1000, 1],
        [1999, 1],
      ],
      tax: included(2000),
    }),
    { subtotal: 2999, discount: 0, fulfilment: 0, tax: 500, total: 2999, lineTaxes: [167, 333] },
  ],
  [
    "included 5% with an exact net (105 = 100 + 5)",
    cart({ lines: [[105, 1]], tax: included(500) }),
    { subtotal: 105, discount: 0, fulfilment: 0, tax: 5, total: 105 },
  ],
  [
    "included 100%: the net of 3 is round(1.5) = 2, so the tax is 1",
    cart({ lines: [[3, 1]], tax: included(10_000) }),
    { subtotal: 3, discount: 0, fulfilment: 0, tax: 1, total: 3 },
  ],
  [
    "included rate 0",
    cart({ lines: [[999, 1]], tax: included(0) }),
    { subtotal: 999, discount: 0, fulfilment: 0, tax: 0, total: 999 },
  ],
  [
    "mode none ignores the rate",
    cart({ lines: [[999, 1]], tax: { mode: "none", rate: 2000, appliesToFulfilment: true }, fulfilment: { fee: 300 } }),
    { subtotal: 999, discount: 0, fulfilment: 300, tax: 0, total: 1299, fulfilmentTax: 0 },
  ],

  // JPY (no minor digits) and KWD (three)
  [
    "JPY, 10% included: ¥1080 is 982 + 98, ¥1100 is 1000 + 100",
    cart({
      currency: "JPY",
      lines: [
        [1080, 1],
        [1100, 1],
      ],
      tax: included(1000),
    }),
    { subtotal: 2180, discount: 0, fulfilment: 0, tax: 198, total: 2180, lineTaxes: [98, 100] },
  ],
  [
    "JPY, 8% added on ¥398 × 3 (95.52 -> 96)",
    cart({ currency: "JPY", lines: [[398, 3]], tax: added(800) }),
    { subtotal: 1194, discount: 0, fulfilment: 0, tax: 96, total: 1290 },
  ],
  [
    "JPY, 10% off ¥1,005 is ¥101 (100.5 -> 101), delivery ¥300",
    cart({ currency: "JPY", lines: [[335, 3]], discount: percent(1000), fulfilment: { fee: 300 } }),
    { subtotal: 1005, discount: 101, fulfilment: 300, tax: 0, total: 1204 },
  ],
  [
    "KWD, 5% added in fils (166.65 -> 167)",
    cart({
      currency: "KWD",
      lines: [
        [1250, 2],
        [3333, 1],
      ],
      tax: added(500),
    }),
    { subtotal: 5833, discount: 0, fulfilment: 0, tax: 292, total: 6125, lineTaxes: [125, 167] },
  ],
  [
    "KWD, fixed 0.500 off, 1.000 delivery, 5% included on both",
    cart({
      currency: "kwd",
      lines: [[2100, 1]],
      discount: fixed(500),
      fulfilment: { fee: 1050 },
      tax: included(500, true),
    }),
    { subtotal: 2100, discount: 500, fulfilment: 1050, tax: 126, total: 2650, lineTaxes: [76], fulfilmentTax: 50 },
  ],

  // Discounts
  [
    "10% of 3 × 333: 99.9 -> 100, split 34 + 33 + 33",
    cart({
      lines: [
        [333, 1],
        [333, 1],
        [333, 1],
      ],
      discount: percent(1000),
    }),
    { subtotal: 999, discount: 100, fulfilment: 0, tax: 0, total: 899, lineDiscounts: [34, 33, 33] },
  ],
  [
    "10% of 3 × 333 then 10% added on each discounted line (29.9, 30, 30)",
    cart({
      lines: [
        [333, 1],
        [333, 1],
        [333, 1],
      ],
      discount: percent(1000),
      tax: added(1000),
    }),
    { subtotal: 999, discount: 100, fulfilment: 0, tax: 90, total: 989, lineTaxes: [30, 30, 30] },
  ],
  [
    "fixed 1.00 over 1.00, 2.00, 3.00: 16.67, 33.33, 50 -> 17 + 33 + 50",
    cart({
      lines: [
        [100, 1],
        [200, 1],
        [300, 1],
      ],
      discount: fixed(100),
    }),
    { subtotal: 600, discount: 100, fulfilment: 0, tax: 0, total: 500, lineDiscounts: [17, 33, 50] },
  ],
  [
    "fixed discount larger than the cart stops at the subtotal; the fee is still charged",
    cart({ lines: [[400, 3]], discount: fixed(5000), fulfilment: { fee: 250 }, tax: added(1000, true) }),
    { subtotal: 1200, discount: 1200, fulfilment: 250, tax: 25, total: 275, lineTaxes: [0], fulfilmentTax: 25 },
  ],
  [
    "100% off",
    cart({
      lines: [
        [999, 2],
        [1, 1],
      ],
      discount: percent(10_000),
    }),
    { subtotal: 1999, discount: 1999, fulfilment: 0, tax: 0, total: 0, lineDiscounts: [1998, 1] },
  ],
  [
    "a discount splits by line subtotal, not by unit price",
    cart({
      lines: [
        [100, 9],
        [900, 1],
      ],
      discount: fixed(101),
    }),
    { subtotal: 1800, discount: 101, fulfilment: 0, tax: 0, total: 1699, lineDiscounts: [51, 50] },
  ],
  [
    "discount minimum not met: no discount, and a problem",
    cart({ lines: [[1999, 1]], discount: percent(1500, 2000) }),
    {
      subtotal: 1999,
      discount: 0,
      fulfilment: 0,
      tax: 0,
      total: 1999,
      lineDiscounts: [0],
      problems: [{ code: "discount_minimum_not_met", minimumSubtotal: 2000 }],
    },
  ],
  [
    "discount minimum met exactly",
    cart({ lines: [[2000, 1]], discount: percent(1500, 2000) }),
    { subtotal: 2000, discount: 300, fulfilment: 0, tax: 0, total: 1700 },
  ],
  [
    "included tax is worked out after the discount (90 gross at 20% = 75 + 15)",
    cart({ lines: [[100, 1]], discount: fixed(10), tax: included(2000) }),
    { subtotal: 100, discount: 10, fulfilment: 0, tax: 15, total: 90 },
  ],

  // Fulfilment fee
  [
    "fee charged below free-over",
    cart({ lines: [[4999, 1]], fulfilment: { fee: 500, freeOver: 5000 } }),
    { subtotal: 4999, discount: 0, fulfilment: 500, tax: 0, total: 5499 },
  ],
  [
    "fee waived at free-over exactly",
    cart({ lines: [[5000, 1]], fulfilment: { fee: 500, freeOver: 5000 } }),
    { subtotal: 5000, discount: 0, fulfilment: 0, tax: 0, total: 5000 },
  ],
  [
    "free-over is judged after the discount",
    cart({ lines: [[5000, 1]], discount: percent(1000), fulfilment: { fee: 500, freeOver: 5000 } }),
    { subtotal: 5000, discount: 500, fulfilment: 500, tax: 0, total: 5000 },
  ],
  [
    "free-over null means never free",
    cart({ lines: [[99_999, 1]], fulfilment: { fee: 500, freeOver: null } }),
    { subtotal: 99_999, discount: 0, fulfilment: 500, tax: 0, total: 100_499 },
  ],
  [
    "free-over 0 means always free",
    cart({ lines: [[1, 1]], fulfilment: { fee: 500, freeOver: 0 } }),
    { subtotal: 1, discount: 0, fulfilment: 0, tax: 0, total: 1 },
  ],
  [
    "minimum order not met (after the discount): a problem, the fee still counts",
    cart({ lines: [[1500, 1]], discount: fixed(200), fulfilment: { fee: 300, minimumOrder: 1500 } }),
    {
      subtotal: 1500,
      discount: 200,
      fulfilment: 300,
      tax: 0,
      total: 1600,
      problems: [{ code: "fulfilment_minimum_not_met", minimumOrder: 1500 }],
    },
  ],
  [
    "minimum order met exactly",
    cart({ lines: [[1500, 1]], fulfilment: { fee: 300, minimumOrder: 1500 } }),
    { subtotal: 1500, discount: 0, fulfilment: 300, tax: 0, total: 1800, problems: [] },
  ],
  [
    "both minimums missed: both problems, discount first",
    cart({ lines: [[100, 1]], discount: fixed(50, 1000), fulfilment: { fee: 300, minimumOrder: 1000 } }),
    {
      subtotal: 100,
      discount: 0,
      fulfilment: 300,
      tax: 0,
      total: 400,
      problems: [
        { code: "discount_minimum_not_met", minimumSubtotal: 1000 },
        { code: "fulfilment_minimum_not_met", minimumOrder: 1000 },
      ],
    },
  ],

  // Tax on the fee
  [
    "added tax on the fee when it applies (500 at 10% = 50)",
    cart({ lines: [[1000, 1]], fulfilment: { fee: 500 }, tax: added(1000, true) }),
    { subtotal: 1000, discount: 0, fulfilment: 500, tax: 150, total: 1650, lineTaxes: [100], fulfilmentTax: 50 },
  ],
  [
    "added tax not on the fee when it does not apply",
    cart({ lines: [[1000, 1]], fulfilment: { fee: 500 }, tax: added(1000, false) }),
    { subtotal: 1000, discount: 0, fulfilment: 500, tax: 100, total: 1600, fulfilmentTax: 0 },
  ],
  [
    "included tax on the fee (600 at 20% = 500 + 100)",
    cart({ currency: "EUR", lines: [[1200, 1]], fulfilment: { fee: 600 }, tax: included(2000, true) }),
    { subtotal: 1200, discount: 0, fulfilment: 600, tax: 300, total: 1800, lineTaxes: [200], fulfilmentTax: 100 },
  ],
  [
    "a waived fee carries no tax",
    cart({ lines: [[6000, 1]], fulfilment: { fee: 500, freeOver: 5000 }, tax: added(1000, true) }),
    { subtotal: 6000, discount: 0, fulfilment: 0, tax: 600, total: 6600, fulfilmentTax: 0 },
  ],
  [
    "the fee is rounded as its own line (333 at 7.5% = 24.975 -> 25)",
    cart({ lines: [[333, 1]], fulfilment: { fee: 333 }, tax: added(750, true) }),
    { subtotal: 333, discount: 0, fulfilment: 333, tax: 50, total: 716, lineTaxes: [25], fulfilmentTax: 25 },
  ],

  // Lines that are not taxed (a gift card, a food item the shop does not tax)
  [
    "added tax skips a line that is not taxable (1000 taxed at 10%, 500 not)",
    cart({
      lines: [
        [1000, 1],
        [500, 1, false],
      ],
      tax: added(1000),
    }),
    { subtotal: 1500, discount: 0, fulfilment: 0, tax: 100, total: 1600, lineTaxes: [100, 0] },
  ],
  [
    "included tax skips a line that is not taxable (1200 at 20% holds 200; 600 holds none)",
    cart({
      currency: "EUR",
      lines: [
        [1200, 1],
        [600, 1, false],
      ],
      tax: included(2000),
    }),
    { subtotal: 1800, discount: 0, fulfilment: 0, tax: 200, total: 1800, lineTaxes: [200, 0] },
  ],
  [
    "an untaxed line still takes its share of the discount; the fee is taxed as before",
    cart({
      lines: [
        [1000, 1, false],
        [1000, 1],
      ],
      discount: percent(1000),
      fulfilment: { fee: 500 },
      tax: added(1000, true),
    }),
    {
      subtotal: 2000,
      discount: 200,
      fulfilment: 500,
      tax: 140,
      total: 2440,
      lineDiscounts: [100, 100],
      lineTaxes: [0, 90],
      fulfilmentTax: 50,
    },
  ],
  [
    "a cart of only untaxed lines pays no tax",
    cart({ lines: [[2500, 2, false]], tax: added(800) }),
    { subtotal: 5000, discount: 0, fulfilment: 0, tax: 0, total: 5000, lineTaxes: [0] },
  ],
  [
    "isTaxable: true is the same as leaving it out",
    cart({ lines: [[1000, 1, true]], tax: added(1000) }),
    { subtotal: 1000, discount: 0, fulfilment: 0, tax: 100, total: 1100, lineTaxes: [100] },
  ],
];

describe("computeTotals", () => {
  it.each(cases)("%s", (_name, input, expected) => {
    const totals = computeTotals(input);
    expect({
      subtotal: totals.subtotal,
      discount: totals.discount,
      fulfilment: totals.fulfilment,
      tax: totals.tax,
      total: totals.total,
    }).toEqual({
      subtotal: expected.subtotal,
      discount: expected.discount,
      fulfilment: expected.fulfilment,
      tax: expected.tax,
      total: expected.total,
    });
    if (expected.lineDiscounts) expect(totals.lines.map((line) => line.discount)).toEqual(expected.lineDiscounts);
    if (expected.lineTaxes) expect(totals.lines.map((line) => line.tax)).toEqual(expected.lineTaxes);
    if (expected.fulfilmentTax !== undefined) expect(totals.fulfilmentTax).toBe(expected.fulfilmentTax);
    expect(totals.problems).toEqual(expected.problems ?? []);
    expectInvariants(input, totals);
  });

  it("returns each line in full, in input order, with the currency upper-cased", () => {
    const totals = computeTotals({
      currency: "usd",
      lines: [
        { key: "var_b", unitPrice: 333, quantity: 2 },
        { key: "var_a", unitPrice: 334, quantity: 1 },
      ],
      discount: { kind: "percent", value: 1000, minimumSubtotal: 0 },
      fulfilment: { fee: 0 },
      tax: { mode: "added", rate: 1000, appliesToFulfilment: false },
    });
    expect(totals).toEqual({
      currency: "USD",
      subtotal: 1000,
      discount: 100,
      fulfilment: 0,
      fulfilmentTax: 0,
      tax: 90,
      total: 990,
      lines: [
        { key: "var_b", subtotal: 666, discount: 67, taxableAmount: 599, tax: 60, total: 659 },
        { key: "var_a", subtotal: 334, discount: 33, taxableAmount: 301, tax: 30, total: 331 },
      ],
      problems: [],
    });
  });

  it("treats a missing discount like none", () => {
    const { discount: _unused, ...withoutDiscount } = cart({ lines: [[500, 1]] });
    expect(computeTotals(withoutDiscount).discount).toBe(0);
  });
});

describe("computeTotals with huge amounts", () => {
  const big = Math.floor(Number.MAX_SAFE_INTEGER / 100); // 90_071_992_547_409

  /** The same rules in BigInt, written independently, to compare against. */
  const roundDiv = (numerator: bigint, denominator: bigint) => {
    const quotient = numerator / denominator;
    return (numerator % denominator) * 2n >= denominator ? quotient + 1n : quotient;
  };

  it("keeps every minor unit of a 10% discount and 10% added tax near MAX_SAFE_INTEGER / 100", () => {
    const totals = computeTotals(cart({ lines: [[big, 1]], discount: percent(1000), tax: added(1000) }));
    const discount = roundDiv(BigInt(big) * 1000n, 10_000n);
    const tax = roundDiv((BigInt(big) - discount) * 1000n, 10_000n);
    expect(discount).toBe(9_007_199_254_741n);
    expect(tax).toBe(8_106_479_329_267n);
    expect(totals.discount).toBe(Number(discount));
    expect(totals.tax).toBe(Number(tax));
    expect(totals.total).toBe(Number(BigInt(big) - discount + tax));
    expect(totals.total).toBe(89_171_272_621_935);
  });

  it("keeps every minor unit of included tax on a huge amount", () => {
    const amount = big * 10 + 7;
    const totals = computeTotals(cart({ lines: [[amount, 1]], tax: included(1750) }));
    const net = roundDiv(BigInt(amount) * 10_000n, 11_750n);
    expect(totals.tax).toBe(Number(BigInt(amount) - net));
    expect(totals.total).toBe(amount);
  });

  it("splits a discount over huge lines exactly", () => {
    const input = cart({
      lines: [
        [big, 3],
        [big - 1, 2],
        [7, 1],
      ],
      discount: percent(3333),
      tax: added(2500),
    });
    const totals = computeTotals(input);
    expectInvariants(input, totals);
    expect(totals.subtotal).toBe(big * 5 - 2 + 7);
    expect(totals.lines.reduce((total, line) => total + line.discount, 0)).toBe(totals.discount);
  });

  it("agrees with money.ts percentage/divideRounded wherever those can take the amount", () => {
    const random = seeded(7);
    for (let round = 0; round < 2000; round += 1) {
      const amount = Math.floor(random() * 900_000_000_000);
      const rate = Math.floor(random() * 10_001);
      expect(taxOn(amount, { mode: "added", rate })).toBe(percentage(money(amount, "USD"), rate).amount);
      expect(taxOn(amount, { mode: "included", rate })).toBe(amount - divideRounded(amount * 10_000, 10_000 + rate));
    }
  });

  it("refuses a line or a cart too large to charge", () => {
    expect(() => computeTotals(cart({ lines: [[big, 101]] }))).toThrow(DomainError);
    expect(() =>
      computeTotals(
        cart({
          lines: [
            [Number.MAX_SAFE_INTEGER, 1],
            [1, 1],
          ],
        }),
      ),
    ).toThrow(/too large/);
    expect(() => computeTotals(cart({ lines: [[Number.MAX_SAFE_INTEGER - 10, 1]], tax: added(1000) }))).toThrow(
      /too large/,
    );
  });
});

describe("computeTotals validation", () => {
  const rejects: [name: string, input: TotalsInput, path: string][] = [
    ["quantity 0", cart({ lines: [[100, 0]] }), "lines.0.quantity"],
    [
      "negative quantity",
      cart({
        lines: [
          [100, 1],
          [100, -1],
        ],
      }),
      "lines.1.quantity",
    ],
    ["fractional quantity", cart({ lines: [[100, 1.5]] }), "lines.0.quantity"],
    ["NaN quantity", cart({ lines: [[100, Number.NaN]] }), "lines.0.quantity"],
    ["unsafe quantity", cart({ lines: [[1, 2 ** 53]] }), "lines.0.quantity"],
    ["negative price", cart({ lines: [[-1, 1]] }), "lines.0.unitPrice"],
    ["fractional price", cart({ lines: [[9.99, 1]] }), "lines.0.unitPrice"],
    ["infinite price", cart({ lines: [[Number.POSITIVE_INFINITY, 1]] }), "lines.0.unitPrice"],
    ["no lines", cart({ lines: [] }), "lines"],
    ["tax rate above 100%", cart({ tax: added(10_001) }), "tax.rate"],
    ["negative tax rate", cart({ tax: included(-1) }), "tax.rate"],
    ["fractional tax rate (8.875% is not whole basis points)", cart({ tax: added(887.5) }), "tax.rate"],
    ["unknown tax mode", cart({ tax: { mode: "vat" as "added", rate: 0, appliesToFulfilment: false } }), "tax.mode"],
    ["percent discount above 100%", cart({ discount: percent(10_001) }), "discount.value"],
    ["negative fixed discount", cart({ discount: fixed(-5) }), "discount.value"],
    ["negative discount minimum", cart({ discount: fixed(5, -1) }), "discount.minimumSubtotal"],
    ["negative fee", cart({ fulfilment: { fee: -1 } }), "fulfilment.fee"],
    ["fractional minimum order", cart({ fulfilment: { fee: 0, minimumOrder: 0.5 } }), "fulfilment.minimumOrder"],
    ["negative free-over", cart({ fulfilment: { fee: 0, freeOver: -100 } }), "fulfilment.freeOver"],
    ["unknown currency", cart({ currency: "XYZW" }), "currency"],
  ];

  it.each(rejects)("refuses %s", (_name, input, path) => {
    let caught: unknown;
    try {
      computeTotals(input);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(DomainError);
    const error = caught as DomainError;
    expect(error.code).toBe("validation_failed");
    expect(error.errors?.map((field) => field.path)).toContain(path);
    expect(error.message).toContain(path);
  });

  it("refuses two lines with the same key", () => {
    const input = cart({ lines: [[100, 1]] });
    const line = input.lines[0];
    if (!line) throw new Error("no line");
    expect(() => computeTotals({ ...input, lines: [line, line] })).toThrow(/used by two lines/);
  });

  it("lists every bad field at once", () => {
    try {
      computeTotals(cart({ lines: [[-1, 0]], tax: added(20_000) }));
      expect.unreachable();
    } catch (error) {
      expect((error as DomainError).errors?.map((field) => field.path)).toEqual([
        "lines.0.unitPrice",
        "lines.0.quantity",
        "tax.rate",
      ]);
    }
  });
});

describe("computeTotals invariants over random carts", () => {
  it("holds for 3000 seeded random carts", () => {
    const random = seeded(20_261_127);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
    const amount = (max: number) => Math.floor(random() * max);
    for (let round = 0; round < 3000; round += 1) {
      const lineCount = 1 + amount(8);
      const scale = pick([100, 10_000, 1_000_000, 1_000_000_000]);
      const input: TotalsInput = {
        currency: pick(["USD", "JPY", "KWD", "CNY"]),
        lines: Array.from({ length: lineCount }, (_, index) => ({
          key: `l${index}`,
          unitPrice: random() < 0.05 ? 0 : amount(scale),
          quantity: 1 + amount(random() < 0.8 ? 5 : 1000),
        })),
        discount: pick([
          null,
          { kind: "percent", value: amount(10_001), minimumSubtotal: amount(scale * 3) },
          { kind: "fixed", value: amount(scale * 4), minimumSubtotal: random() < 0.5 ? 0 : amount(scale * 3) },
        ] as const),
        fulfilment: {
          fee: amount(scale / 10),
          minimumOrder: random() < 0.5 ? null : amount(scale * 2),
          freeOver: random() < 0.5 ? null : amount(scale * 4),
        },
        tax: {
          mode: pick(["included", "added", "none"] as const),
          rate: amount(10_001),
          appliesToFulfilment: random() < 0.5,
        },
      };
      const totals = computeTotals(input);
      expectInvariants(input, totals);
      expect(computeTotals(input)).toEqual(totals);
    }
  });
});

/** What must hold for every cart, whatever the rules. */
function expectInvariants(input: TotalsInput, totals: Totals): void {
  const sumOf = (values: number[]) => values.reduce((total, value) => total + value, 0);
  const isTaxAdded = input.tax.mode === "added";
  expect(totals.lines.map((line) => line.key)).toEqual(input.lines.map((line) => line.key));
  expect(sumOf(totals.lines.map((line) => line.subtotal))).toBe(totals.subtotal);
  expect(sumOf(totals.lines.map((line) => line.discount))).toBe(totals.discount);
  expect(sumOf(totals.lines.map((line) => line.tax)) + totals.fulfilmentTax).toBe(totals.tax);
  expect(totals.total).toBe(totals.subtotal - totals.discount + totals.fulfilment + (isTaxAdded ? totals.tax : 0));
  expect(totals.discount).toBeLessThanOrEqual(totals.subtotal);
  for (const value of [totals.subtotal, totals.discount, totals.fulfilment, totals.tax, totals.total]) {
    expect(Number.isSafeInteger(value) && value >= 0).toBe(true);
  }
  totals.lines.forEach((line, index) => {
    const source = input.lines[index];
    expect(line.subtotal).toBe((source?.unitPrice ?? Number.NaN) * (source?.quantity ?? Number.NaN));
    expect(line.discount).toBeGreaterThanOrEqual(0);
    expect(line.discount).toBeLessThanOrEqual(line.subtotal);
    expect(line.taxableAmount).toBe(line.subtotal - line.discount);
    expect(line.tax).toBeGreaterThanOrEqual(0);
    if (input.tax.mode === "included") expect(line.tax).toBeLessThanOrEqual(line.taxableAmount);
    if (input.tax.mode === "none" || source?.isTaxable === false) expect(line.tax).toBe(0);
    expect(line.total).toBe(line.taxableAmount + (isTaxAdded ? line.tax : 0));
  });
  if (!input.tax.appliesToFulfilment) expect(totals.fulfilmentTax).toBe(0);
}

/** mulberry32: a small deterministic PRNG so failures reproduce. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let mixed = state;
    mixed = Math.imul(mixed ^ (mixed >>> 15), mixed | 1);
    mixed ^= mixed + Math.imul(mixed ^ (mixed >>> 7), mixed | 61);
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4_294_967_296;
  };
}
