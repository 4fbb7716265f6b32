// Shop mail: a new order came in. Short, so an owner reading it on a phone at the market sees who,
// how much and what to do next before opening the dashboard.
import { emailMessages } from "@stall/i18n/emails";
import { z } from "zod";
import { Amount, Count, defineTemplate, LinkUrl, MultiLine, renderEmail, SingleLine } from "./email-layout.ts";

export const OwnerNewOrderPayload = z
  .object({
    shopName: SingleLine,
    orderNumber: Count,
    buyerName: SingleLine,
    total: Amount,
    /** How many things were ordered. */
    itemCount: Count,
    /** How the order reaches the buyer; a delivery address keeps its lines. */
    fulfilmentSummary: MultiLine,
    paymentSummary: SingleLine,
    /** Paid already (Stripe); otherwise a manual method the owner marks paid. */
    isPaid: z.boolean(),
    dashboardUrl: LinkUrl,
  })
  .strict();
export type OwnerNewOrderPayload = z.input<typeof OwnerNewOrderPayload>;

export const ownerNewOrder = defineTemplate(OwnerNewOrderPayload, (locale, order) => {
  const { shopName, buyerName, total, isPaid } = order;
  const text = emailMessages[locale];
  const orderNumber = String(order.orderNumber);
  return renderEmail({
    locale,
    subject: text.newOrderSubject(orderNumber, buyerName, total),
    heading: text.newOrderHeading(orderNumber),
    intro: [
      text.newOrderLead(buyerName, shopName, String(order.itemCount), total),
      text.newOrderFulfilment(order.fulfilmentSummary),
      text.paymentLine(order.paymentSummary),
      isPaid ? text.newOrderPaid : text.newOrderUnpaid,
    ],
    button: { label: text.newOrderButton, url: order.dashboardUrl },
    linkFallback: text.linkFallback,
    outro: [],
    signature: text.stallSignature,
  });
});
