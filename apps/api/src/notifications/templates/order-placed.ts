// Buyer mail: the order went in (a manual payment method: pay at pickup, on delivery, by transfer) or
// went in and is paid (Stripe). Amounts and the fulfilment/payment summaries arrive already written
// for the buyer's locale; this template only lays them out.
import { cleanMultiLineText, cleanSingleLineText } from "@stall/domain";
import { type EmailMessages, emailMessages } from "@stall/i18n/emails";
import { z } from "zod";
import {
  Amount,
  Count,
  defineTemplate,
  type EmailBlock,
  LinkUrl,
  MultiLine,
  renderEmail,
  SingleLine,
} from "./email-layout.ts";

/** A variant name; empty for a product that has only one. */
const VariantTitle = z.string().overwrite(cleanSingleLineText).max(2000);

const OrderItem = z
  .object({
    title: SingleLine,
    variantTitle: VariantTitle,
    quantity: Count,
    lineTotal: Amount,
  })
  .strict();

export const OrderPlacedPayload = z
  .object({
    shopName: SingleLine,
    orderNumber: Count,
    orderUrl: LinkUrl,
    buyerName: SingleLine,
    isPaid: z.boolean(),
    items: z.array(OrderItem).min(1).max(50),
    subtotal: Amount,
    /** The amount taken off, as a positive amount; shown as a negative line. */
    discount: Amount.nullable(),
    fulfilmentFee: Amount.nullable(),
    tax: Amount.nullable(),
    /** "GST", "VAT"; null reads "Tax". */
    taxLabel: SingleLine.max(40).nullable(),
    /** The prices include the tax: shown as "Includes GST $2.18" under the total, not added above it. */
    taxIncluded: z.boolean(),
    total: Amount,
    /** How the order reaches the buyer; a delivery address keeps its lines. */
    fulfilmentSummary: MultiLine,
    paymentSummary: SingleLine,
    /** Bank details and the like; empty reads as none (a shop may have cleared them). */
    paymentInstructions: z
      .string()
      .overwrite(cleanMultiLineText)
      .max(5000)
      .nullable()
      .transform((text) => (text === "" ? null : text)),
    contact: SingleLine.nullable(),
  })
  .strict();
export type OrderPlacedPayload = z.input<typeof OrderPlacedPayload>;
type Order = z.output<typeof OrderPlacedPayload>;

/** "−$2.00" with a real minus sign (read as "minus"), whether or not the caller already put a sign on it. */
function negative(amount: string): string {
  return `\u2212${amount.replace(/^[-\u2212]\s*/, "")}`;
}

function itemsTable(order: Order, text: EmailMessages): EmailBlock {
  const totals: { label: string; value: string; strong?: boolean }[] = [
    { label: text.subtotal, value: order.subtotal },
  ];
  if (order.discount !== null) totals.push({ label: text.discount, value: negative(order.discount) });
  if (order.fulfilmentFee !== null) totals.push({ label: text.fulfilmentFee, value: order.fulfilmentFee });
  if (order.tax !== null && !order.taxIncluded) totals.push({ label: order.taxLabel ?? text.tax, value: order.tax });
  totals.push({ label: text.total, value: order.total, strong: true });
  if (order.tax !== null && order.taxIncluded) {
    const label = order.taxLabel === null ? text.includesTax : text.includesNamedTax(order.taxLabel);
    totals.push({ label, value: order.tax });
  }
  const quantity =
    text.itemsQuantitySpoken === text.itemsQuantity
      ? { label: text.itemsQuantity }
      : { label: text.itemsQuantity, spoken: text.itemsQuantitySpoken };
  return {
    kind: "table",
    caption: text.itemsCaption,
    columns: [{ label: text.itemsItem }, { ...quantity, numeric: true }, { label: text.itemsAmount, numeric: true }],
    rows: order.items.map((item) => ({
      cells: [{ text: item.title, note: item.variantTitle }, String(item.quantity), item.lineTotal],
      text: text.itemLine(item.title, item.variantTitle, String(item.quantity), item.lineTotal),
    })),
    totals,
  };
}

export const orderPlaced = defineTemplate(
  OrderPlacedPayload,
  (locale, order) => {
    const { shopName, isPaid } = order;
    const text = emailMessages[locale];
    const orderNumber = String(order.orderNumber);
    const intro: EmailBlock[] = [
      text.greeting(order.buyerName),
      isPaid ? text.placedThanksPaid(shopName, orderNumber) : text.placedThanks(shopName, orderNumber),
      itemsTable(order, text),
      { kind: "subheading", text: text.whatNext },
      text.gettingOrder(order.fulfilmentSummary),
      text.paymentLine(order.paymentSummary),
    ];
    if (order.paymentInstructions !== null) {
      intro.push({ kind: "box", label: text.howToPay, text: order.paymentInstructions });
    }
    return renderEmail({
      locale,
      subject: isPaid ? text.placedSubjectPaid(shopName, orderNumber) : text.placedSubject(shopName, orderNumber),
      heading: isPaid ? text.placedHeadingPaid : text.placedHeading,
      intro,
      button: { label: text.seeOrderButton, url: order.orderUrl },
      linkFallback: text.linkFallback,
      outro: order.contact === null ? [] : [text.shopQuestions(shopName, order.contact)],
      signature: text.shopSignature(shopName),
    });
  },
  { isFromShop: true },
);
