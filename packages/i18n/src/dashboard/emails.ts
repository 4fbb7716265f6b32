// Emails that did not reach someone: which, to whom, why, and what the owner can do instead.
import { defineCatalogue } from "../catalogue.ts";

const en = {
  undeliveredTitle: "Emails that did not arrive",
  undeliveredNone: "Every email from your shop has been sent.",
  undeliveredIntro:
    "These emails from your shop could not be sent. The buyer may not know about their order: contact them another way, like a phone call.",
  undeliveredNotice: (count: string) =>
    count === "1" ? "1 email from your shop did not arrive." : `${count} emails from your shop did not arrive.`,
  undeliveredSeeWhich: "See which, and what to do",
  emailKind_order_placed: "Order confirmation to the buyer",
  emailKind_order_update: "Order news to the buyer",
  emailKind_owner_new_order: "New order, to you",
  emailKind_helper_invite: "Invitation to help",
  emailKind_password_reset: "New password link",
  emailKindOther: "Email",
  emailTo: "To",
  emailWhen: "Written",
  emailWhy: "Why",
  emailOrder: "Order",
  openOrder: "Open the order",
  reason_unrenderable:
    "Something typed in the order could not go into an email. It is tried again when the order changes.",
  reason_recipient_invalid: "The email address looks wrong.",
  reason_recipient_refused: "The buyer's email service refused it: the address may be wrong or full.",
  reason_gave_up: "We could not reach the email service after many tries.",
  reason_retrying: (when: string) => `Sending failed. We try again at ${when}.`,
};

export const emails = defineCatalogue<typeof en>({
  en,
  "zh-CN": {
    undeliveredTitle: "没有送达的邮件",
    undeliveredNone: "你店里的每封邮件都已发出。",
    undeliveredIntro: "你店里的这些邮件没能发出。买家可能不知道订单的情况：请用其他方式联系他们，比如打电话。",
    undeliveredNotice: (count: string) => `你店里有 ${count} 封邮件没有送达。`,
    undeliveredSeeWhich: "看看是哪些，以及怎么办",
    emailKind_order_placed: "给买家的订单确认",
    emailKind_order_update: "给买家的订单消息",
    emailKind_owner_new_order: "给你的新订单通知",
    emailKind_helper_invite: "帮手邀请",
    emailKind_password_reset: "重设密码链接",
    emailKindOther: "邮件",
    emailTo: "收件人",
    emailWhen: "写于",
    emailWhy: "原因",
    emailOrder: "订单",
    openOrder: "打开订单",
    reason_unrenderable: "订单里填写的某些内容无法放进邮件。订单有变动时会再试一次。",
    reason_recipient_invalid: "这个邮箱地址看起来不对。",
    reason_recipient_refused: "买家的邮箱服务拒收了：地址可能有误，或邮箱已满。",
    reason_gave_up: "试了很多次都连不上邮件服务。",
    reason_retrying: (when: string) => `发送失败。我们会在 ${when} 再试一次。`,
  },
});
