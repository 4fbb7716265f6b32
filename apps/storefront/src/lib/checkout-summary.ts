// The money lines under an order: subtotal, discount, getting it, tax, total. The checkout page, its
// island's updates and the order page all show them the same way.
import type { Totals } from "./api.ts";
import type { Messages } from "./i18n.ts";
import { priceLabel } from "./labels.ts";
import type { FulfilmentType, TaxSettings } from "./snapshot.ts";

export type TotalsRow = {
  key: "subtotal" | "discount" | "fulfilment" | "tax" | "refunded" | "total";
  label: string;
  value: string;
};

export type TotalsView = { rows: TotalsRow[]; taxNote: string };

/** The shop's name for its tax ("VAT", "GST"), or the page language's word when it kept the default. */
export function taxLabel(tax: Pick<TaxSettings, "label">, text: Messages): string {
  const label = tax.label.trim();
  return label && label !== "Tax" ? label : text.tax;
}

/**
 * The rows to show for an order's totals, and the note saying how much tax the prices include.
 * @example totalsRows({ subtotal: 950, discount: 0, fulfilment: 0, tax: 0, taxMode: "none", total: 950 }, …)
 *   // rows: Subtotal $9.50, Pickup Free, Total $9.50
 */
export function totalsRows(
  totals: Totals & { refunded?: number },
  options: {
    currency: string;
    locale: string;
    text: Messages;
    fulfilmentType: FulfilmentType | undefined;
    discountCode?: string | null | undefined;
    taxLabel: string;
  },
): TotalsView {
  const { text, locale, currency } = options;
  const money = (amount: number) => priceLabel(amount, currency, locale);
  const fulfilmentLabel =
    options.fulfilmentType === "pickup"
      ? text.pickupRow
      : options.fulfilmentType === "shipping"
        ? text.postageRow
        : text.deliveryRow;
  const rows: TotalsRow[] = [{ key: "subtotal", label: text.subtotal, value: money(totals.subtotal) }];
  if (totals.discount > 0) {
    rows.push({
      key: "discount",
      label: options.discountCode ? text.discountWithCode(options.discountCode) : text.discount,
      value: `−${money(totals.discount)}`,
    });
  }
  rows.push({
    key: "fulfilment",
    label: fulfilmentLabel,
    value: totals.fulfilment === 0 ? text.free : money(totals.fulfilment),
  });
  if (totals.taxMode === "added" && totals.tax > 0) {
    rows.push({ key: "tax", label: options.taxLabel, value: money(totals.tax) });
  }
  rows.push({ key: "total", label: text.total, value: money(totals.total) });
  if (totals.refunded && totals.refunded > 0) {
    rows.push({ key: "refunded", label: text.refundedRow, value: `−${money(totals.refunded)}` });
  }
  const taxNote =
    totals.taxMode === "included" && totals.tax > 0 ? text.taxIncluded(options.taxLabel, money(totals.tax)) : "";
  return { rows, taxNote };
}
