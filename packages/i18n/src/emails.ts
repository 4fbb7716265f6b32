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
  greeting: (name: string) => `Hi ${name},`,
  shopSignature: (shop: string) => `— ${shop}`,
  shopQuestions: (shop: string, contact: string) => `Questions? Contact ${shop}: ${contact}`,
  seeOrderButton: "See your order",
  paymentLine: (summary: string) => `Payment: ${summary}`,

  resetSubject: "Reset your Stall password",
  resetHeading: "Reset your password",
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
  newOrderPaid: "It is paid. Get it ready.",
  newOrderUnpaid: "It is not paid yet. Mark it paid when they pay.",
  newOrderButton: "Open the order",

  placedSubject: (shop: string, orderNumber: string) => `Order ${orderNumber} at ${shop}: thank you`,
  placedSubjectPaid: (shop: string, orderNumber: string) => `Order ${orderNumber} at ${shop} is paid`,
  placedHeading: "Thank you for your order",
  placedHeadingPaid: "Thank you, your order is paid",
  placedThanks: (shop: string, orderNumber: string) =>
    `Thank you for ordering from ${shop}. Your order number is ${orderNumber}.`,
  placedThanksPaid: (shop: string, orderNumber: string) =>
    `Thank you for ordering from ${shop}. We have your payment for order ${orderNumber}.`,
  itemsCaption: "What you ordered",
  itemsItem: "Item",
  itemsQuantity: "Qty",
  /** What a screen reader says for the quantity column; the same as itemsQuantity when nothing is shortened. */
  itemsQuantitySpoken: "Quantity",
  itemsAmount: "Amount",
  /** One line of the plain-text table; `variant` is empty for a product with one variant. */
  itemLine: (title: string, variant: string, quantity: string, lineTotal: string) =>
    `${quantity} × ${title}${variant === "" ? "" : ` (${variant})`}: ${lineTotal}`,
  subtotal: "Subtotal",
  discount: "Discount",
  fulfilmentFee: "Delivery",
  tax: "Tax",
  includesTax: "Includes tax",
  /** Under the total when prices include the tax; `label` is the shop's name for it ("GST"). */
  includesNamedTax: (label: string) => `Includes ${label}`,
  total: "Total",
  whatNext: "What happens next",
  gettingOrder: (summary: string) => `Getting your order: ${summary}`,
  howToPay: "How to pay",

  paidSubject: (shop: string, orderNumber: string) => `Order ${orderNumber} at ${shop}: payment received`,
  paidHeading: "We received your payment",
  paidBody: (orderNumber: string) => `We received your payment for order ${orderNumber}. Thank you!`,
  paidNextPickup: "We'll let you know when it is ready to pick up.",
  paidNextDelivery: "We'll let you know when it is on its way.",
  paidNextShipping: "We'll let you know when we send it.",
  readyPickupSubject: (shop: string, orderNumber: string) => `Order ${orderNumber} at ${shop} is ready to pick up`,
  readyPickupHeading: "Your order is ready to pick up",
  readyPickupBody: (orderNumber: string) => `Your order ${orderNumber} is ready to pick up.`,
  readyPickupBodyAt: (orderNumber: string, place: string) =>
    `Your order ${orderNumber} is ready to pick up at ${place}.`,
  readyDeliverySubject: (shop: string, orderNumber: string) =>
    `Order ${orderNumber} at ${shop} is ready: we'll bring it soon`,
  readyDeliveryHeading: "Your order is ready",
  readyDeliveryBody: (orderNumber: string) => `Your order ${orderNumber} is ready, and we'll bring it to you soon.`,
  readyShippingSubject: (shop: string, orderNumber: string) =>
    `Order ${orderNumber} at ${shop} is packed: we'll send it soon`,
  readyShippingHeading: "Your order is packed",
  readyShippingBody: (orderNumber: string) => `Your order ${orderNumber} is packed, and we'll send it soon.`,
  dispatchedPickupSubject: (shop: string, orderNumber: string) =>
    `Thanks for picking up order ${orderNumber} at ${shop}`,
  dispatchedPickupHeading: "Thanks for picking up your order",
  dispatchedPickupBody: (orderNumber: string) =>
    `You picked up order ${orderNumber}. We hope you enjoy it, and we'd love to see you again.`,
  dispatchedDeliverySubject: (shop: string, orderNumber: string) => `Order ${orderNumber} at ${shop} is on its way`,
  dispatchedDeliveryHeading: "Your order is on its way",
  dispatchedDeliveryBody: (orderNumber: string) => `Your order ${orderNumber} is on its way to you.`,
  dispatchedShippingSubject: (shop: string, orderNumber: string) => `Order ${orderNumber} at ${shop} has been sent`,
  dispatchedShippingHeading: "Your order has been sent",
  dispatchedShippingBody: (orderNumber: string) => `Your order ${orderNumber} has been sent. It should reach you soon.`,
  cancelledSubject: (shop: string, orderNumber: string) => `Order ${orderNumber} at ${shop} is cancelled`,
  cancelledHeading: "Your order is cancelled",
  /** `nothingToDo` is one of the cancelledNothing… sentences. */
  cancelledBody: (shop: string, orderNumber: string, nothingToDo: string) =>
    `Your order ${orderNumber} at ${shop} has been cancelled. ${nothingToDo}`,
  cancelledNothingPickup: "You don't need to come and pick it up.",
  cancelledNothingDelivery: "We won't deliver it.",
  cancelledNothingShipping: "We won't send it.",
  cancelledGetInTouch: (shop: string) =>
    `If you already paid for it, or think this is a mistake, please get in touch with ${shop}.`,
  refundedSubject: (shop: string, orderNumber: string) => `Order ${orderNumber} at ${shop} is refunded`,
  refundedSubjectAmount: (shop: string, orderNumber: string, amount: string) =>
    `Order ${orderNumber} at ${shop}: we refunded ${amount}`,
  refundedHeading: "We refunded you",
  refundedBody: (orderNumber: string) => `We made a refund on order ${orderNumber}. It can take 5–10 days to show.`,
  refundedBodyAmount: (orderNumber: string, amount: string) =>
    `We refunded ${amount} for order ${orderNumber}. It can take 5–10 days to show.`,

  shopStatusSubject_suspended: (shop: string) => `${shop} is paused by Stall`,
  shopStatusSubject_restored: (shop: string) => `${shop} is open again`,
  shopStatusSubject_closed: (shop: string) => `${shop} is closed by Stall`,
  shopStatusHeading_suspended: "Your shop is paused",
  shopStatusHeading_restored: "Your shop is open again",
  shopStatusHeading_closed: "Your shop is closed",
  shopStatusLead_suspended: (shop: string) =>
    `We have paused ${shop}. Buyers see a "closed for now" page and cannot order until it opens again.`,
  shopStatusLead_restored: (shop: string) => `${shop} is open again. Buyers can see it and order as before.`,
  shopStatusLead_closed: (shop: string) => `We have closed ${shop}. Buyers can no longer see it or order.`,
  shopStatusReason: "Why",
  shopStatusAppeal: (contact: string) =>
    `If you think this is a mistake, or want to tell us more, reply to ${contact}. A person reads every message.`,
  shopStatusButton: "Open your dashboard",
};

export type EmailMessages = typeof en;

export const emailMessages = defineCatalogue<EmailMessages>({
  en,
  "zh-CN": {
    colon: "：",
    linkFallback: "如果按钮打不开，请把下面的链接复制到浏览器里打开：",
    teamSignature: "—— Stall 团队",
    stallSignature: "—— Stall",
    greeting: (name) => `${name}，您好：`,
    shopSignature: (shop) => `—— ${shop}`,
    shopQuestions: (shop, contact) => `有问题请联系「${shop}」：${contact}`,
    seeOrderButton: "查看订单",
    paymentLine: (summary) => `付款：${summary}`,

    resetSubject: "重置您的 Stall 密码",
    resetHeading: "重置密码",
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
    newOrderPaid: "这笔订单已经付款，可以开始准备了。",
    newOrderUnpaid: "这笔订单还没有付款。对方付款后，请把订单标记为已付款。",
    newOrderButton: "打开订单",

    placedSubject: (shop, orderNumber) => `「${shop}」已收到您的订单 ${orderNumber}，谢谢！`,
    placedSubjectPaid: (shop, orderNumber) => `您在「${shop}」的订单 ${orderNumber} 已付款，谢谢！`,
    placedHeading: "谢谢您的订单",
    placedHeadingPaid: "谢谢，您的订单已付款",
    placedThanks: (shop, orderNumber) => `谢谢您在「${shop}」下单！您的订单号是 ${orderNumber}。`,
    placedThanksPaid: (shop, orderNumber) => `谢谢您在「${shop}」下单！订单 ${orderNumber} 的付款我们已经收到。`,
    itemsCaption: "您订购的商品",
    itemsItem: "商品",
    itemsQuantity: "数量",
    itemsQuantitySpoken: "数量",
    itemsAmount: "金额",
    itemLine: (title, variant, quantity, lineTotal) =>
      `${title}${variant === "" ? " " : `（${variant}）`}× ${quantity}：${lineTotal}`,
    subtotal: "小计",
    discount: "优惠",
    fulfilmentFee: "运费",
    tax: "税费",
    includesTax: "其中含税",
    // "含 GST", "含消费税": a space only before a Latin label.
    includesNamedTax: (label) => `其中含${/^[\x21-\x7e]/.test(label) ? " " : ""}${label}`,
    total: "合计",
    whatNext: "接下来",
    gettingOrder: (summary) => `收货方式：${summary}`,
    howToPay: "付款说明",

    paidSubject: (shop, orderNumber) => `「${shop}」订单 ${orderNumber}：已收到付款`,
    paidHeading: "我们已收到您的付款",
    paidBody: (orderNumber) => `订单 ${orderNumber} 的付款我们已经收到，谢谢！`,
    paidNextPickup: "商品准备好后，我们会通知您来取货。",
    paidNextDelivery: "商品送出时，我们会通知您。",
    paidNextShipping: "商品寄出后，我们会通知您。",
    readyPickupSubject: (shop, orderNumber) => `「${shop}」订单 ${orderNumber} 可以取货了`,
    readyPickupHeading: "您的订单可以取货了",
    readyPickupBody: (orderNumber) => `您的订单 ${orderNumber} 已经准备好，可以来取货了。`,
    readyPickupBodyAt: (orderNumber, place) => `您的订单 ${orderNumber} 已经准备好，请到 ${place} 取货。`,
    readyDeliverySubject: (shop, orderNumber) => `「${shop}」订单 ${orderNumber} 已准备好，很快送到`,
    readyDeliveryHeading: "您的订单已准备好",
    readyDeliveryBody: (orderNumber) => `您的订单 ${orderNumber} 已经准备好，我们很快就会送过去。`,
    readyShippingSubject: (shop, orderNumber) => `「${shop}」订单 ${orderNumber} 已打包好，很快寄出`,
    readyShippingHeading: "您的订单已打包好",
    readyShippingBody: (orderNumber) => `您的订单 ${orderNumber} 已经打包好，我们很快就会寄出。`,
    dispatchedPickupSubject: (shop, orderNumber) => `感谢您取走「${shop}」订单 ${orderNumber}`,
    dispatchedPickupHeading: "感谢您来取货",
    dispatchedPickupBody: (orderNumber) => `您已取走订单 ${orderNumber}。希望您喜欢，欢迎再次光临！`,
    dispatchedDeliverySubject: (shop, orderNumber) => `「${shop}」订单 ${orderNumber} 正在配送中`,
    dispatchedDeliveryHeading: "您的订单正在配送中",
    dispatchedDeliveryBody: (orderNumber) => `您的订单 ${orderNumber} 正在送往您那里。`,
    dispatchedShippingSubject: (shop, orderNumber) => `「${shop}」订单 ${orderNumber} 已寄出`,
    dispatchedShippingHeading: "您的订单已寄出",
    dispatchedShippingBody: (orderNumber) => `您的订单 ${orderNumber} 已经寄出，很快就会送到。`,
    cancelledSubject: (shop, orderNumber) => `「${shop}」订单 ${orderNumber} 已取消`,
    cancelledHeading: "您的订单已取消",
    cancelledBody: (shop, orderNumber, nothingToDo) => `您在「${shop}」的订单 ${orderNumber} 已取消。${nothingToDo}`,
    cancelledNothingPickup: "您不需要来取货了。",
    cancelledNothingDelivery: "我们不会再送货。",
    cancelledNothingShipping: "我们不会再寄出。",
    cancelledGetInTouch: (shop) => `如果您已经付了款，或者觉得这是个误会，请联系「${shop}」。`,
    refundedSubject: (shop, orderNumber) => `「${shop}」订单 ${orderNumber} 已退款`,
    refundedSubjectAmount: (shop, orderNumber, amount) => `「${shop}」订单 ${orderNumber}：已退款 ${amount}`,
    refundedHeading: "我们已为您退款",
    refundedBody: (orderNumber) => `我们已为订单 ${orderNumber} 退款，可能需要 5 到 10 天才能到账。`,
    refundedBodyAmount: (orderNumber, amount) =>
      `我们已为订单 ${orderNumber} 退款 ${amount}，可能需要 5 到 10 天才能到账。`,
    shopStatusSubject_suspended: (shop) => `${shop} 已被 Stall 暂停`,
    shopStatusSubject_restored: (shop) => `${shop} 已重新开张`,
    shopStatusSubject_closed: (shop) => `${shop} 已被 Stall 关闭`,
    shopStatusHeading_suspended: "您的店铺已暂停",
    shopStatusHeading_restored: "您的店铺已重新开张",
    shopStatusHeading_closed: "您的店铺已关闭",
    shopStatusLead_suspended: (shop) => `我们暂停了 ${shop}。买家会看到"暂时关门"的页面，重新开张前不能下单。`,
    shopStatusLead_restored: (shop) => `${shop} 已重新开张，买家可以像以前一样浏览和下单。`,
    shopStatusLead_closed: (shop) => `我们关闭了 ${shop}。买家不能再看到它，也不能下单。`,
    shopStatusReason: "原因",
    shopStatusAppeal: (contact) => `如果您认为这是误会，或想补充说明，请写信到 ${contact}。每封信都有人阅读。`,
    shopStatusButton: "打开店铺后台",
  },
});
