// What the API itself writes for buyers and shop owners (payment instructions in the checkout answer,
// the payment line of order emails, the share image's price), in every language.
import { defineCatalogue } from "./catalogue.ts";

const en = {
  payAtPickupInstructions: "Pay when you pick up your order.",
  cashOnDeliveryInstructions: "Please have the money ready when we bring your order.",
  bankTransferInstructions: (orderNumber: string, details: string) =>
    `Please pay by bank transfer with order ${orderNumber} as the reference. ${details}`.trim(),
  paidOnline: "Paid online",
  payAtPickup: "Pay when you pick it up",
  cashOnDelivery: "Pay cash on delivery",
  bankTransfer: "Pay by bank transfer",
  priceFrom: (price: string) => `from ${price}`,
};

export type ApiMessages = typeof en;

export const apiMessages = defineCatalogue<ApiMessages>({
  en,
  "zh-CN": {
    payAtPickupInstructions: "取货时付款即可。",
    cashOnDeliveryInstructions: "送货时请准备现金付款。",
    bankTransferInstructions: (orderNumber, details) => `请转账并在备注中写上订单号 ${orderNumber}。${details}`,
    paidOnline: "已在线支付",
    payAtPickup: "取货时付款",
    cashOnDelivery: "货到付款",
    bankTransfer: "银行转账",
    priceFrom: (price) => `起 ${price}`,
  },
});
