// Buyer mail: the order went in (a manual payment method: pay at pickup, on delivery, by transfer) or
// went in and is paid (Stripe). Amounts and the fulfilment/payment summaries arrive already written
// for the buyer's locale; this template only lays them out.
import { cleanMultiLineText, cleanSingleLineText } from "@stall/domain";
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
  type TemplateLocale,
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

type Words = {
  caption: string;
  item: string;
  quantity: { label: string; spoken?: string };
  amount: string;
  itemLine: (item: Order["items"][number]) => string;
  subtotal: string;
  discount: string;
  fulfilmentFee: string;
  tax: string;
  /** The line under the total when the prices include the tax; `label` is the shop's name for the tax, if any. */
  includesTax: (label: string | null) => string;
  total: string;
};

function itemsTable(order: Order, words: Words): EmailBlock {
  const totals: { label: string; value: string; strong?: boolean }[] = [
    { label: words.subtotal, value: order.subtotal },
  ];
  if (order.discount !== null) totals.push({ label: words.discount, value: negative(order.discount) });
  if (order.fulfilmentFee !== null) totals.push({ label: words.fulfilmentFee, value: order.fulfilmentFee });
  if (order.tax !== null && !order.taxIncluded) totals.push({ label: order.taxLabel ?? words.tax, value: order.tax });
  totals.push({ label: words.total, value: order.total, strong: true });
  if (order.tax !== null && order.taxIncluded) {
    totals.push({ label: words.includesTax(order.taxLabel), value: order.tax });
  }
  return {
    kind: "table",
    caption: words.caption,
    columns: [{ label: words.item }, { ...words.quantity, numeric: true }, { label: words.amount, numeric: true }],
    rows: order.items.map((item) => ({
      cells: [{ text: item.title, note: item.variantTitle }, String(item.quantity), item.lineTotal],
      text: words.itemLine(item),
    })),
    totals,
  };
}

function renderZh(locale: TemplateLocale, order: Order) {
  const { shopName, orderNumber, isPaid } = order;
  const intro: EmailBlock[] = [
    `${order.buyerName}，您好：`,
    isPaid
      ? `谢谢您在「${shopName}」下单！订单 ${orderNumber} 的付款我们已经收到。`
      : `谢谢您在「${shopName}」下单！您的订单号是 ${orderNumber}。`,
    itemsTable(order, {
      caption: "您订购的商品",
      item: "商品",
      quantity: { label: "数量" },
      amount: "金额",
      itemLine: (item) =>
        `${item.title}${item.variantTitle === "" ? " " : `（${item.variantTitle}）`}× ${item.quantity}：${item.lineTotal}`,
      subtotal: "小计",
      discount: "优惠",
      fulfilmentFee: "运费",
      tax: "税费",
      // "含 GST", "含消费税": a space only before a Latin label.
      includesTax: (label) => (label === null ? "其中含税" : `其中含${/^[\x21-\x7e]/.test(label) ? " " : ""}${label}`),
      total: "合计",
    }),
    { kind: "subheading", text: "接下来" },
    `收货方式：${order.fulfilmentSummary}`,
    `付款：${order.paymentSummary}`,
  ];
  if (order.paymentInstructions !== null) {
    intro.push({ kind: "box", label: "付款说明", text: order.paymentInstructions });
  }
  return renderEmail({
    locale,
    subject: isPaid
      ? `您在「${shopName}」的订单 ${orderNumber} 已付款，谢谢！`
      : `「${shopName}」已收到您的订单 ${orderNumber}，谢谢！`,
    heading: isPaid ? "谢谢，您的订单已付款" : "谢谢您的订单",
    intro,
    button: { label: "查看订单", url: order.orderUrl },
    linkFallback: "如果按钮打不开，请把下面的链接复制到浏览器里打开：",
    outro: order.contact === null ? [] : [`有问题请联系「${shopName}」：${order.contact}`],
    signature: `—— ${shopName}`,
  });
}

export const orderPlaced = defineTemplate(OrderPlacedPayload, (locale, order) => {
  if (locale === "zh-CN") return renderZh(locale, order);
  const { shopName, orderNumber, isPaid } = order;
  const intro: EmailBlock[] = [
    `Hi ${order.buyerName},`,
    isPaid
      ? `Thank you for ordering from ${shopName}. We have your payment for order ${orderNumber}.`
      : `Thank you for ordering from ${shopName}. Your order number is ${orderNumber}.`,
    itemsTable(order, {
      caption: "What you ordered",
      item: "Item",
      quantity: { label: "Qty", spoken: "Quantity" },
      amount: "Amount",
      itemLine: (item) =>
        `${item.quantity} × ${item.title}${item.variantTitle === "" ? "" : ` (${item.variantTitle})`}: ${item.lineTotal}`,
      subtotal: "Subtotal",
      discount: "Discount",
      fulfilmentFee: "Delivery",
      tax: "Tax",
      includesTax: (label) => `Includes ${label ?? "tax"}`,
      total: "Total",
    }),
    { kind: "subheading", text: "What happens next" },
    `Getting your order: ${order.fulfilmentSummary}`,
    `Payment: ${order.paymentSummary}`,
  ];
  if (order.paymentInstructions !== null) {
    intro.push({ kind: "box", label: "How to pay", text: order.paymentInstructions });
  }
  return renderEmail({
    locale,
    subject: isPaid ? `Order ${orderNumber} at ${shopName} is paid` : `Order ${orderNumber} at ${shopName}: thank you`,
    heading: isPaid ? "Thank you, your order is paid" : "Thank you for your order",
    intro,
    button: { label: "See your order", url: order.orderUrl },
    linkFallback: "If the button does not work, copy this link into your browser:",
    outro: order.contact === null ? [] : [`Questions? Contact ${shopName}: ${order.contact}`],
    signature: `— ${shopName}`,
  });
});
