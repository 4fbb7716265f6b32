// Shop-level tools: holiday mode, the shop's own domain, taking everything out (export).
import { defineCatalogue } from "../catalogue.ts";

const en = {
  moreSettingsTitle: "More for your shop",
  holidayTitle: "Holiday: pause orders",
  holidayIntro:
    "While your shop is paused, buyers can still look at it but cannot order. Orders you already have are not affected.",
  holidayLegend: "Is your shop taking orders?",
  holidayOpen: "Yes, take orders",
  holidayPause: "No, pause orders for now",
  pauseMessageLabel: "Message for buyers",
  pauseMessageHint: "Shown on every page of your shop while it is paused. For example: Back on 12 January.",
  holidayChoiceMissing: "Choose whether your shop takes orders",
  holidaySave: "Save",
  holidayNowPaused: "Your shop is paused. Buyers see your message and cannot order.",
  holidayNowOpen: "Your shop is taking orders again.",
  pausedTag: "Paused",
  shopPausedTitle: "Your shop is paused",
  shopPausedText: "Buyers can look at your shop but cannot order.",
  shopPausedMessage: (message: string) => `Your message: “${message}”`,
  takeOrdersAgain: "Take orders again",
};

export const shopTools = defineCatalogue<typeof en>({
  en,
  "zh-CN": {
    moreSettingsTitle: "店铺的更多设置",
    holidayTitle: "休假：暂停接单",
    holidayIntro: "暂停期间，买家仍可以浏览店铺，但不能下单。已有的订单不受影响。",
    holidayLegend: "店铺现在接单吗？",
    holidayOpen: "接单",
    holidayPause: "暂停接单",
    pauseMessageLabel: "给买家的话",
    pauseMessageHint: "暂停期间显示在店铺的每一页。例如：1月12日回来。",
    holidayChoiceMissing: "请选择店铺是否接单",
    holidaySave: "保存",
    holidayNowPaused: "店铺已暂停接单。买家会看到你的留言，但不能下单。",
    holidayNowOpen: "店铺已恢复接单。",
    pausedTag: "已暂停",
    shopPausedTitle: "店铺已暂停接单",
    shopPausedText: "买家可以浏览店铺，但不能下单。",
    shopPausedMessage: (message) => `你的留言：“${message}”`,
    takeOrdersAgain: "恢复接单",
  },
});
