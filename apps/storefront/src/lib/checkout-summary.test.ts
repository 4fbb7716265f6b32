import { describe, expect, it } from "vitest";
import type { Totals } from "./api.ts";
import { taxLabel, totalsRows } from "./checkout-summary.ts";
import { messagesFor } from "./i18n.ts";

const en = messagesFor("en");
const plain: Totals = { subtotal: 2750, discount: 0, fulfilment: 0, tax: 0, taxMode: "none", total: 2750 };
const options = { currency: "USD", locale: "en", text: en, fulfilmentType: "pickup" as const, taxLabel: "Tax" };
const rows = (view: ReturnType<typeof totalsRows>) => view.rows.map((row) => [row.key, row.label, row.value]);

describe("totalsRows", () => {
  it("shows subtotal, the way to get it and the total", () => {
    expect(totalsRows(plain, options)).toEqual({
      rows: [
        { key: "subtotal", label: "Subtotal", value: "$27.50" },
        { key: "fulfilment", label: "Pickup", value: "Free" },
        { key: "total", label: "Total", value: "$27.50" },
      ],
      taxNote: "",
    });
  });

  it("adds the discount with its code, tax added on top, and what was refunded", () => {
    const totals: Totals & { refunded: number } = {
      subtotal: 2750,
      discount: 275,
      fulfilment: 300,
      tax: 200,
      taxMode: "added",
      total: 2975,
      refunded: 1000,
    };
    expect(
      rows(totalsRows(totals, { ...options, fulfilmentType: "delivery", discountCode: "SAVE10", taxLabel: "GST" })),
    ).toEqual([
      ["subtotal", "Subtotal", "$27.50"],
      ["discount", "Discount (SAVE10)", "−$2.75"],
      ["fulfilment", "Delivery", "$3.00"],
      ["tax", "GST", "$2.00"],
      ["total", "Total", "$29.75"],
      ["refunded", "Refunded", "−$10.00"],
    ]);
  });

  it("says how much tax included prices hold", () => {
    const view = totalsRows(
      { ...plain, tax: 250, taxMode: "included" },
      { ...options, fulfilmentType: "shipping", taxLabel: "VAT" },
    );
    expect(rows(view).map(([key]) => key)).toEqual(["subtotal", "fulfilment", "total"]);
    expect(view.rows[1]?.label).toBe("Postage");
    expect(view.taxNote).toBe("Prices include VAT of $2.50.");
  });

  it("uses the page's word for tax unless the shop named it", () => {
    expect(taxLabel({ label: "Tax" }, messagesFor("zh-CN"))).toBe("税费");
    expect(taxLabel({ label: "GST" }, messagesFor("zh-CN"))).toBe("GST");
  });
});
