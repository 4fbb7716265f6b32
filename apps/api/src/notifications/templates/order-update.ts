// Buyer mail: a later step of an order (paid, ready, handed over or sent, cancelled, refunded). The
// wording follows both the step and how the buyer gets the order: "ready" means "come and pick it
// up" for a pickup but "we'll bring it soon" for a delivery.
import { FULFILMENT_TYPES, type FulfilmentType } from "@stall/domain";
import { z } from "zod";
import { Amount, Count, defineTemplate, LinkUrl, MultiLine, renderEmail, SingleLine } from "./email-layout.ts";

export const ORDER_UPDATE_KINDS = ["paid", "ready", "dispatched", "cancelled", "refunded"] as const;
export type OrderUpdateKind = (typeof ORDER_UPDATE_KINDS)[number];

export const OrderUpdatePayload = z
  .object({
    shopName: SingleLine,
    orderNumber: Count,
    orderUrl: LinkUrl,
    buyerName: SingleLine,
    kind: z.enum(ORDER_UPDATE_KINDS),
    fulfilmentType: z.enum(FULFILMENT_TYPES),
    /** Where and when to pick the order up, for `ready` with `pickup`; ignored otherwise. */
    place: MultiLine.nullable(),
    /** The amount refunded, for `refunded`; ignored otherwise. */
    amount: Amount.nullable(),
    contact: SingleLine.nullable(),
  })
  .strict();
export type OrderUpdatePayload = z.input<typeof OrderUpdatePayload>;
type Update = z.output<typeof OrderUpdatePayload>;

/** The subject, the heading and the paragraphs that say what happened. */
type Message = { subject: string; heading: string; body: string[] };

function english({ shopName: shop, orderNumber: number, kind, fulfilmentType, place, amount }: Update): Message {
  const at = `Order ${number} at ${shop}`;
  switch (kind) {
    case "paid": {
      const next: Record<FulfilmentType, string> = {
        pickup: "We'll let you know when it is ready to pick up.",
        delivery: "We'll let you know when it is on its way.",
        shipping: "We'll let you know when we send it.",
      };
      return {
        subject: `${at}: payment received`,
        heading: "We received your payment",
        body: [`We received your payment for order ${number}. Thank you!`, next[fulfilmentType]],
      };
    }
    case "ready": {
      const ready: Record<FulfilmentType, Message> = {
        pickup: {
          subject: `${at} is ready to pick up`,
          heading: "Your order is ready to pick up",
          body: [
            place === null
              ? `Your order ${number} is ready to pick up.`
              : `Your order ${number} is ready to pick up at ${place}.`,
          ],
        },
        delivery: {
          subject: `${at} is ready: we'll bring it soon`,
          heading: "Your order is ready",
          body: [`Your order ${number} is ready, and we'll bring it to you soon.`],
        },
        shipping: {
          subject: `${at} is packed: we'll send it soon`,
          heading: "Your order is packed",
          body: [`Your order ${number} is packed, and we'll send it soon.`],
        },
      };
      return ready[fulfilmentType];
    }
    case "dispatched": {
      const dispatched: Record<FulfilmentType, Message> = {
        pickup: {
          subject: `Thanks for picking up order ${number} at ${shop}`,
          heading: "Thanks for picking up your order",
          body: [`You picked up order ${number}. We hope you enjoy it, and we'd love to see you again.`],
        },
        delivery: {
          subject: `${at} is on its way`,
          heading: "Your order is on its way",
          body: [`Your order ${number} is on its way to you.`],
        },
        shipping: {
          subject: `${at} has been sent`,
          heading: "Your order has been sent",
          body: [`Your order ${number} has been sent. It should reach you soon.`],
        },
      };
      return dispatched[fulfilmentType];
    }
    case "cancelled": {
      const nothingToDo: Record<FulfilmentType, string> = {
        pickup: "You don't need to come and pick it up.",
        delivery: "We won't deliver it.",
        shipping: "We won't send it.",
      };
      return {
        subject: `${at} is cancelled`,
        heading: "Your order is cancelled",
        body: [
          `Your order ${number} at ${shop} has been cancelled. ${nothingToDo[fulfilmentType]}`,
          `If you already paid for it, or think this is a mistake, please get in touch with ${shop}.`,
        ],
      };
    }
    case "refunded":
      return {
        subject: amount === null ? `${at} is refunded` : `${at}: we refunded ${amount}`,
        heading: "We refunded you",
        body: [
          amount === null
            ? `We made a refund on order ${number}. It can take 5–10 days to show.`
            : `We refunded ${amount} for order ${number}. It can take 5–10 days to show.`,
        ],
      };
  }
}

function chinese({ shopName: shop, orderNumber: number, kind, fulfilmentType, place, amount }: Update): Message {
  const order = `「${shop}」订单 ${number}`;
  switch (kind) {
    case "paid": {
      const next: Record<FulfilmentType, string> = {
        pickup: "商品准备好后，我们会通知您来取货。",
        delivery: "商品送出时，我们会通知您。",
        shipping: "商品寄出后，我们会通知您。",
      };
      return {
        subject: `${order}：已收到付款`,
        heading: "我们已收到您的付款",
        body: [`订单 ${number} 的付款我们已经收到，谢谢！`, next[fulfilmentType]],
      };
    }
    case "ready": {
      const ready: Record<FulfilmentType, Message> = {
        pickup: {
          subject: `${order} 可以取货了`,
          heading: "您的订单可以取货了",
          body: [
            place === null
              ? `您的订单 ${number} 已经准备好，可以来取货了。`
              : `您的订单 ${number} 已经准备好，请到 ${place} 取货。`,
          ],
        },
        delivery: {
          subject: `${order} 已准备好，很快送到`,
          heading: "您的订单已准备好",
          body: [`您的订单 ${number} 已经准备好，我们很快就会送过去。`],
        },
        shipping: {
          subject: `${order} 已打包好，很快寄出`,
          heading: "您的订单已打包好",
          body: [`您的订单 ${number} 已经打包好，我们很快就会寄出。`],
        },
      };
      return ready[fulfilmentType];
    }
    case "dispatched": {
      const dispatched: Record<FulfilmentType, Message> = {
        pickup: {
          subject: `感谢您取走${order}`,
          heading: "感谢您来取货",
          body: [`您已取走订单 ${number}。希望您喜欢，欢迎再次光临！`],
        },
        delivery: {
          subject: `${order} 正在配送中`,
          heading: "您的订单正在配送中",
          body: [`您的订单 ${number} 正在送往您那里。`],
        },
        shipping: {
          subject: `${order} 已寄出`,
          heading: "您的订单已寄出",
          body: [`您的订单 ${number} 已经寄出，很快就会送到。`],
        },
      };
      return dispatched[fulfilmentType];
    }
    case "cancelled": {
      const nothingToDo: Record<FulfilmentType, string> = {
        pickup: "您不需要来取货了。",
        delivery: "我们不会再送货。",
        shipping: "我们不会再寄出。",
      };
      return {
        subject: `${order} 已取消`,
        heading: "您的订单已取消",
        body: [
          `您在「${shop}」的订单 ${number} 已取消。${nothingToDo[fulfilmentType]}`,
          `如果您已经付了款，或者觉得这是个误会，请联系「${shop}」。`,
        ],
      };
    }
    case "refunded":
      return {
        subject: amount === null ? `${order} 已退款` : `${order}：已退款 ${amount}`,
        heading: "我们已为您退款",
        body: [
          amount === null
            ? `我们已为订单 ${number} 退款，可能需要 5 到 10 天才能到账。`
            : `我们已为订单 ${number} 退款 ${amount}，可能需要 5 到 10 天才能到账。`,
        ],
      };
  }
}

export const orderUpdate = defineTemplate(OrderUpdatePayload, (locale, update) => {
  const { shopName, buyerName, orderUrl, contact } = update;
  if (locale === "zh-CN") {
    const message = chinese(update);
    return renderEmail({
      locale,
      subject: message.subject,
      heading: message.heading,
      intro: [`${buyerName}，您好：`, ...message.body],
      button: { label: "查看订单", url: orderUrl },
      linkFallback: "如果按钮打不开，请把下面的链接复制到浏览器里打开：",
      outro: contact === null ? [] : [`有问题请联系「${shopName}」：${contact}`],
      signature: `—— ${shopName}`,
    });
  }
  const message = english(update);
  return renderEmail({
    locale,
    subject: message.subject,
    heading: message.heading,
    intro: [`Hi ${buyerName},`, ...message.body],
    button: { label: "See your order", url: orderUrl },
    linkFallback: "If the button does not work, copy this link into your browser:",
    outro: contact === null ? [] : [`Questions? Contact ${shopName}: ${contact}`],
    signature: `— ${shopName}`,
  });
});
