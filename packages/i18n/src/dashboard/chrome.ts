// The frame around every page, and the pages the system shows (not found, unavailable, refused).
import { defineCatalogue } from "../catalogue.ts";

const en = {
  // Chrome
  appName: "Stall",
  skipToContent: "Skip to the main content",
  back: "Back",
  signOut: "Sign out",
  language: "Language",
  switchToOther: "中文",
  yourShops: "Your shops",
  switchShop: "Switch shop",
  home: "Home",
  orders: "Orders",
  payments: "Card payments",
  progress: (step: string, total: string) => `Step ${step} of ${total}`,
  errorSummaryTitle: "There is a problem",
  continue: "Continue",
  optional: "(optional)",

  // Pages the system shows
  notFoundTitle: "Page not found",
  notFoundBody: "This page does not exist, or it belongs to a shop you cannot open.",
  goHome: "Go to your dashboard",
  unavailableTitle: "Stall is not answering right now",
  unavailableBody: "Nothing you typed was lost on our side. Wait a minute, then try again.",
  tryAgain: "Try again",
  crossSiteTitle: "This form was not sent",
  crossSiteBody:
    "It came from another website, so we did not accept it. If you were using Stall, go back to your dashboard and try again.",
  noRightTitle: "You cannot open this page",
  noRight: (what: string) => `Your helper access does not include ${what}. The shop's owner can add it for you.`,
  rightOrders: "orders",
  rightCatalogue: "products",
  rightSettings: "settings",
  rightManage: "payments and settings only the owner can change",
};

export const chrome = defineCatalogue<typeof en>({
  en,
  "zh-CN": {
    appName: "Stall",
    skipToContent: "跳到主要内容",
    back: "返回",
    signOut: "退出登录",
    language: "语言",
    switchToOther: "English",
    yourShops: "你的店铺",
    switchShop: "切换店铺",
    home: "首页",
    orders: "订单",
    payments: "在线收款",
    progress: (step: string, total: string) => `第 ${step} 步，共 ${total} 步`,
    errorSummaryTitle: "有地方需要修改",
    continue: "继续",
    optional: "（可不填）",

    notFoundTitle: "找不到这个页面",
    notFoundBody: "这个页面不存在，或者属于你无法打开的店铺。",
    goHome: "回到店铺后台",
    unavailableTitle: "Stall 暂时没有回应",
    unavailableBody: "你填写的内容在我们这边没有丢失。请等一分钟再试。",
    tryAgain: "再试一次",
    crossSiteTitle: "这个表单没有发送",
    crossSiteBody: "它来自另一个网站，所以我们没有接受。如果你正在使用 Stall，请回到店铺后台再试一次。",
    noRightTitle: "你不能打开这个页面",
    noRight: (what: string) => `你的帮手权限不包括${what}。店主可以为你添加。`,
    rightOrders: "订单",
    rightCatalogue: "商品",
    rightSettings: "店铺设置",
    rightManage: "只有店主能修改的收款和设置",
  },
});
