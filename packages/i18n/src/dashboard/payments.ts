// Card payments: connecting Stripe.
import { defineCatalogue } from "../catalogue.ts";

const en = {
  paymentsTitle: "Card payments",
  paymentsIntro:
    "Let buyers pay online by card, WeChat Pay or Alipay. Stripe, a payment company, checks who you are and sends the money to your bank.",
  stripeNotConnected: "Not set up yet.",
  stripePending: "Stripe is still checking your details. This can take a day.",
  stripeReady: "Card payments are on. Buyers can pay online.",
  stripeStart: "Set up card payments",
  stripeContinue: "Continue with Stripe",
  stripeUnavailable: "Card payments are not available on this Stall yet. Buyers can still pay when they collect.",
};

export const payments = defineCatalogue<typeof en>({
  en,
  "zh-CN": {
    paymentsTitle: "在线收款",
    paymentsIntro: "让买家用银行卡、微信支付或支付宝在线付款。支付公司 Stripe 会核实你的身份，并把钱转到你的银行账户。",
    stripeNotConnected: "还没有开通。",
    stripePending: "Stripe 还在核实你的资料，可能需要一天。",
    stripeReady: "在线收款已开通，买家可以在线付款。",
    stripeStart: "开通在线收款",
    stripeContinue: "继续在 Stripe 填写",
    stripeUnavailable: "这个 Stall 还不能在线收款。买家仍然可以取货时付款。",
  },
});
