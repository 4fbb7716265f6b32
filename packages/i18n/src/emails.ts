// What Stall's emails say (account mail and shop mail), in every language. The templates in the API lay
// these sentences out; every value in them is escaped there. English plurals are chosen here, from the
// count as written.
import { defineCatalogue } from "./catalogue.ts";

const plural = (count: string, one: string, many: string) => `${count} ${count === "1" ? one : many}`;

const en = {
  /** Between a label and its value: "Payment: Paid online". */
  colon: ": ",
  linkFallback: "If the button does not work, copy this link into your browser:",
  teamSignature: "— The Stall team",
  stallSignature: "— Stall",

  resetSubject: "Reset your Stall password",
  resetHeading: "Reset your password",
  resetGreeting: (name: string) => `Hi ${name},`,
  resetLead: "We got a request to reset the password for your Stall account. Tap the button below to choose a new one.",
  resetButton: "Choose a new password",
  resetOnceOnly: (minutes: string) =>
    `The link works once and only for the next ${plural(minutes, "minute", "minutes")}.`,
  resetIgnore: "If you did not ask for this, you can ignore this email. Your password will stay the same.",

  inviteSubject: (inviter: string, shop: string) => `${inviter} invited you to help with ${shop}`,
  inviteHeading: (shop: string) => `Join ${shop} on Stall`,
  inviteGreeting: "Hello,",
  inviteLead: (inviter: string, shop: string) =>
    `${inviter} would like your help running ${shop} on Stall. Accept the invitation to get started.`,
  inviteButton: "Accept the invitation",
  inviteOpenFor: (hours: string) => `The invitation is open for ${plural(hours, "hour", "hours")}.`,
  inviteIgnore: (inviter: string) =>
    `If you don't know ${inviter} or weren't expecting this, you can ignore this email.`,

  newOrderSubject: (orderNumber: string, buyer: string, total: string) =>
    `New order ${orderNumber}: ${total} from ${buyer}`,
  newOrderHeading: (orderNumber: string) => `New order ${orderNumber}`,
  newOrderLead: (buyer: string, shop: string, itemCount: string, total: string) =>
    `${buyer} ordered ${plural(itemCount, "item", "items")} from ${shop}, ${total} in all.`,
  newOrderFulfilment: (summary: string) => `How they get it: ${summary}`,
  newOrderPayment: (summary: string) => `Payment: ${summary}`,
  newOrderPaid: "It is paid. Get it ready.",
  newOrderUnpaid: "It is not paid yet. Mark it paid when they pay.",
  newOrderButton: "Open the order",
};

export type EmailMessages = typeof en;

export const emailMessages = defineCatalogue<EmailMessages>({
  en,
  "zh-CN": {
    colon: "：",
    linkFallback: "如果按钮打不开，请把下面的链接复制到浏览器里打开：",
    teamSignature: "—— Stall 团队",
    stallSignature: "—— Stall",

    resetSubject: "重置您的 Stall 密码",
    resetHeading: "重置密码",
    resetGreeting: (name) => `${name}，您好：`,
    resetLead: "我们收到了重置您 Stall 账户密码的请求。请点击下面的按钮，设置一个新密码。",
    resetButton: "设置新密码",
    resetOnceOnly: (minutes) => `这个链接只能用一次，${minutes} 分钟内有效。`,
    resetIgnore: "如果这不是您本人的操作，请忽略这封邮件，您的密码不会改变。",

    inviteSubject: (inviter, shop) => `${inviter} 邀请您一起打理「${shop}」`,
    inviteHeading: (shop) => `加入「${shop}」`,
    inviteGreeting: "您好：",
    inviteLead: (inviter, shop) => `${inviter} 邀请您在 Stall 上一起打理「${shop}」。接受邀请就可以开始了。`,
    inviteButton: "接受邀请",
    inviteOpenFor: (hours) => `这份邀请 ${hours} 小时内有效。`,
    inviteIgnore: (inviter) => `如果您不认识 ${inviter}，或者没想到会收到这封邮件，请忽略它。`,

    newOrderSubject: (orderNumber, buyer, total) => `新订单 ${orderNumber}：${buyer} 下单，共 ${total}`,
    newOrderHeading: (orderNumber) => `新订单 ${orderNumber}`,
    newOrderLead: (buyer, shop, itemCount, total) =>
      `${buyer} 在「${shop}」下了一笔订单：${itemCount} 件商品，共 ${total}。`,
    newOrderFulfilment: (summary) => `收货方式：${summary}`,
    newOrderPayment: (summary) => `付款：${summary}`,
    newOrderPaid: "这笔订单已经付款，可以开始准备了。",
    newOrderUnpaid: "这笔订单还没有付款。对方付款后，请把订单标记为已付款。",
    newOrderButton: "打开订单",
  },
});
