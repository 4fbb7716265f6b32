// Settings: tax (included in prices, added at checkout, or none), with a worked example.
import { defineCatalogue } from "../catalogue.ts";

const en = {
  taxTitle: "Tax",
  taxLead: "Say whether your prices include tax. Buyers see the tax on their receipt.",
  taxModeLegend: "Your prices and tax",
  taxModeMissing: "Say whether your prices include tax",
  taxMode_included: "My prices already include tax",
  taxMode_added: "Tax is added to my prices at checkout",
  taxMode_none: "I don't charge tax",
  taxRateLabel: "Tax rate",
  taxRateHint: "A percentage, like 10 or 6.5",
  taxRateWrong: "Write the rate as a percentage from 0 to 100, like 10 or 6.5",
  taxRateMissing: 'Write the tax rate, or pick "I don\'t charge tax"',
  taxLabelLabel: "What the tax is called",
  taxLabelHint: "Buyers see this on the receipt, like VAT or GST",
  taxFulfilmentLabel: "Delivery and posting are taxed too",
  taxExampleTitle: "For example",
  taxExampleIncluded: (price: string, rate: string, tax: string) =>
    `A product at ${price}: the buyer pays ${price}. Of that, ${tax} is ${rate} tax.`,
  taxExampleAdded: (price: string, rate: string, tax: string, total: string) =>
    `A product at ${price}: the buyer pays ${total}, that is ${price} plus ${tax} (${rate} tax).`,
  taxExampleNone: (price: string) => `A product at ${price}: the buyer pays ${price}, with no tax.`,
  taxCheck: "Show the example",
  saveTax: "Save tax",
  taxSaved: "Saved.",
};

export const tax = defineCatalogue<typeof en>({
  en,
  "zh-CN": {
    taxTitle: "税",
    taxLead: "说明你的价格是否含税。买家会在收据上看到税额。",
    taxModeLegend: "你的价格和税",
    taxModeMissing: "请选择你的价格是否含税",
    taxMode_included: "我的价格已经含税",
    taxMode_added: "结账时在价格上加税",
    taxMode_none: "我不收税",
    taxRateLabel: "税率",
    taxRateHint: "百分比，例如 10 或 6.5",
    taxRateWrong: "税率请写成 0 到 100 的百分比，例如 10 或 6.5",
    taxRateMissing: "请写税率，或者选“我不收税”",
    taxLabelLabel: "税的名称",
    taxLabelHint: "买家会在收据上看到，例如 增值税",
    taxFulfilmentLabel: "送货和邮寄也要收税",
    taxExampleTitle: "举个例子",
    taxExampleIncluded: (price: string, rate: string, tax: string) =>
      `一件 ${price} 的商品：买家付 ${price}，其中 ${tax} 是 ${rate} 的税。`,
    taxExampleAdded: (price: string, rate: string, tax: string, total: string) =>
      `一件 ${price} 的商品：买家付 ${total}，也就是 ${price} 加上 ${tax}（${rate} 的税）。`,
    taxExampleNone: (price: string) => `一件 ${price} 的商品：买家付 ${price}，不收税。`,
    taxCheck: "看看例子",
    saveTax: "保存税的设置",
    taxSaved: "已保存。",
  },
});
