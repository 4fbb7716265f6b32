// Settings: whether and how the shop takes things back, as search engines show it beside products.
import { defineCatalogue } from "../catalogue.ts";

const en = {
  returnsTitle: "Taking things back",
  returnsLead:
    "Google and other search engines can show this beside your products. What buyers read about returns stays on your returns page.",
  returnsAcceptedLegend: "Do you take things back?",
  returnsAcceptedYes: "Yes",
  returnsAcceptedNo: "No, I don't take things back",
  returnsAcceptedMissing: "Say whether you take things back",
  returnsRestHint: "If you don't take things back, you can leave the rest.",
  returnsDaysLabel: "How many days do buyers have to send or bring it back?",
  returnsDaysHint: "Days after they get it. Leave empty if there is no time limit.",
  returnsDaysWrong: "Write a whole number of days from 1 to 365, or leave it empty",
  returnsMethodLegend: "How do buyers return things?",
  returnsMethod_by_mail: "By post",
  returnsMethod_in_store: "They bring it to my stall or shop",
  returnsMethod_by_mail_or_in_store: "Either way",
  returnsMethodMissing: "Say how buyers return things",
  returnsFeesLegend: "Who pays for sending it back?",
  returnsFees_free: "I do (returns are free for the buyer)",
  returnsFees_buyer_pays_shipping: "The buyer pays for sending it back",
  returnsFeesMissing: "Say who pays for sending it back",
  saveReturns: "Save",
  returnsSaved: "Saved. Search engines see it the next time they visit your products.",
};

export const returns = defineCatalogue<typeof en>({
  en,
  "zh-CN": {
    returnsTitle: "退货",
    returnsLead: "Google 等搜索引擎可能会在你的商品旁边显示这些信息。买家读到的退货说明仍然是你的退货页面。",
    returnsAcceptedLegend: "你接受退货吗？",
    returnsAcceptedYes: "接受",
    returnsAcceptedNo: "不接受退货",
    returnsAcceptedMissing: "请选择是否接受退货",
    returnsRestHint: "如果不接受退货，下面的问题可以不填。",
    returnsDaysLabel: "买家有多少天可以寄回或送回？",
    returnsDaysHint: "从买家收到东西那天算起。没有期限就留空。",
    returnsDaysWrong: "请写 1 到 365 之间的整数天数，或者留空",
    returnsMethodLegend: "买家怎么退货？",
    returnsMethod_by_mail: "邮寄",
    returnsMethod_in_store: "送回我的摊位或店里",
    returnsMethod_by_mail_or_in_store: "两种都可以",
    returnsMethodMissing: "请选择买家怎么退货",
    returnsFeesLegend: "寄回的运费谁付？",
    returnsFees_free: "我付（买家免费退货）",
    returnsFees_buyer_pays_shipping: "买家付寄回的运费",
    returnsFeesMissing: "请选择寄回的运费谁付",
    saveReturns: "保存",
    returnsSaved: "已保存。搜索引擎下次查看你的商品时会看到。",
  },
});
