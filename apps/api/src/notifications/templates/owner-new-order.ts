// Shop mail: a new order came in. Short, so an owner reading it on a phone at the market sees who,
// how much and what to do next before opening the dashboard.
import { z } from "zod";
import {
  Amount,
  Count,
  countWithUnit,
  defineTemplate,
  LinkUrl,
  MultiLine,
  renderEmail,
  SingleLine,
} from "./email-layout.ts";

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
  const { shopName, orderNumber, buyerName, total, itemCount, isPaid } = order;
  if (locale === "zh-CN") {
    return renderEmail({
      locale,
      subject: `新订单 ${orderNumber}：${buyerName} 下单，共 ${total}`,
      heading: `新订单 ${orderNumber}`,
      intro: [
        `${buyerName} 在「${shopName}」下了一笔订单：${itemCount} 件商品，共 ${total}。`,
        `收货方式：${order.fulfilmentSummary}`,
        `付款：${order.paymentSummary}`,
        isPaid ? "这笔订单已经付款，可以开始准备了。" : "这笔订单还没有付款。对方付款后，请把订单标记为已付款。",
      ],
      button: { label: "打开订单", url: order.dashboardUrl },
      linkFallback: "如果按钮打不开，请把下面的链接复制到浏览器里打开：",
      outro: [],
      signature: "—— Stall",
    });
  }
  return renderEmail({
    locale,
    subject: `New order ${orderNumber}: ${total} from ${buyerName}`,
    heading: `New order ${orderNumber}`,
    intro: [
      `${buyerName} ordered ${countWithUnit(itemCount, "item", "items")} from ${shopName}, ${total} in all.`,
      `How they get it: ${order.fulfilmentSummary}`,
      `Payment: ${order.paymentSummary}`,
      isPaid ? "It is paid. Get it ready." : "It is not paid yet. Mark it paid when they pay.",
    ],
    button: { label: "Open the order", url: order.dashboardUrl },
    linkFallback: "If the button does not work, copy this link into your browser:",
    outro: [],
    signature: "— Stall",
  });
});
