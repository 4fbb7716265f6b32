export const locales = ["en", "zh-CN"] as const;
export type Locale = (typeof locales)[number];

/**
 * The best of our locales for an Accept-Language header; English when nothing matches.
 * Any Chinese tag gets zh-CN, our only Chinese text.
 * @example pickLocale("zh-TW,zh;q=0.9,en;q=0.8") // "zh-CN"
 */
export function pickLocale(acceptLanguage: string | null | undefined): Locale {
  const ranges = (acceptLanguage ?? "")
    .split(",")
    .map((part) => {
      const [tag = "", ...params] = part.trim().toLowerCase().split(";");
      const q = params.map((param) => /^\s*q=([\d.]+)\s*$/.exec(param)?.[1]).find(Boolean);
      return { tag: tag.trim(), quality: q === undefined ? 1 : Number(q) };
    })
    .filter((range) => range.tag && range.quality > 0)
    .sort((a, b) => b.quality - a.quality);
  for (const { tag } of ranges) {
    if (tag === "zh" || tag.startsWith("zh-")) return "zh-CN";
    if (tag === "en" || tag.startsWith("en-") || tag === "*") return "en";
  }
  return "en";
}

const en = {
  skipToContent: "Skip to content",
  mainNav: "Shop",
  home: "Home",
  cart: "Cart",
  cartItems: (count: string) => `Cart, ${count} items`,
  language: "Language",
  languageName: "English",
  preview: "Preview: shoppers can't see this yet",
  shopByCollection: "Shop by collection",
  allProducts: "All products",
  viewAll: (title: string) => `See all of ${title}`,
  information: "Information",
  contact: "Contact us",
  scanToVisit: "Scan to visit the shop",
  qrCode: "QR code of this shop's address",
  productQrCode: "QR code of this product's address",
  poweredBy: "Made with Stall",
  from: (price: string) => `From ${price}`,
  was: "was",
  wasPrice: (price: string) => `Was ${price}`,
  onSale: "On sale",
  soldOut: "Sold out",
  onlyLeft: (count: string) => `Only ${count} left`,
  inStock: "In stock",
  quantity: "Quantity",
  addToCart: "Add to cart",
  addedToCart: "Added to cart",
  viewCart: "View cart",
  adding: "Adding…",
  photoOf: (index: string, count: string) => `Photo ${index} of ${count}`,
  noticeLimited: (count: string) => `Only ${count} left — we put ${count} in your cart`,
  noticeSoldOut: "Sorry, that one is sold out",
  noticeUnavailable: "Sorry, that item is no longer for sale",
  noticeChoose: "Please choose from the options above",
  noticeTryAgain: "We couldn't reach the shop just now. Please try again.",
  noticeTooMany: (count: string) => `You can buy at most ${count} of one item`,
  cartLimited: (count: string) => `Only ${count} left — your cart now has ${count}`,
  cartGone: "That item was no longer in your cart",
  productCount: (count: string) => `${count} products`,
  pageOf: (page: string, count: string) => `Page ${page} of ${count}`,
  previousPage: "Previous page",
  nextPage: "Next page",
  pages: "Pages",
  nothingHere: "Nothing here yet. Please come back soon.",
  yourCart: "Your cart",
  cartEmpty: "Your cart is empty.",
  continueShopping: "Continue shopping",
  update: "Update",
  remove: "Remove",
  removeItem: (title: string) => `Remove ${title}`,
  quantityOf: (title: string) => `Quantity of ${title}`,
  each: (price: string) => `${price} each`,
  subtotal: "Subtotal",
  checkout: "Check out",
  checkoutNote: "Delivery and any taxes are worked out at checkout.",
  priceChanged: (price: string) => `The price changed since you added it (was ${price})`,
  problemSoldOut: "Sold out: please remove it to check out",
  problemNotEnough: (count: string) => `Only ${count} left: please lower the quantity`,
  problemUnavailable: "No longer for sale: please remove it",
  cartUpdated: "Your cart is updated",
  removedFromCart: "Removed from your cart",
  checkoutComing: "Checkout is coming soon",
  checkoutComingLead: "Paying online is nearly ready. Your cart is kept for 30 days.",
  backToCart: "Back to your cart",
  orderHeading: "Your order",
  orderComing: "The order page is coming soon. The shop will contact you about your order.",
  notFound: "Page not found",
  notFoundLead: (shop: string) => `We couldn't find that page in ${shop}. It may have moved or sold out.`,
  goHome: "Go to the shop's front page",
  noShop: "No shop lives at this address",
  noShopLead: "Check the address for typing mistakes, or ask the shop for its link.",
  noShopExample: "Shops on Stall have addresses like this:",
  closedForNow: (shop: string) => `${shop} is closed for now`,
  closedForNowLead: "The shop is taking a short break. Please come back later.",
  closedForGood: (shop: string) => `${shop} has closed`,
  closedForGoodLead: "This shop is no longer open. Thank you for your visits.",
  unreachable: "This shop can't be reached right now",
  unreachableLead: "Please try again in a minute.",
  forbidden: "That form came from another website",
  forbiddenLead: "For your safety, the shop only accepts forms sent from its own pages. Please go back and try again.",
};

export type Messages = typeof en;

const zhCN: Messages = {
  skipToContent: "跳到正文",
  mainNav: "店铺",
  home: "首页",
  cart: "购物车",
  cartItems: (count) => `购物车，${count} 件商品`,
  language: "语言",
  languageName: "中文",
  preview: "预览：顾客还看不到这个店铺",
  shopByCollection: "按分类选购",
  allProducts: "全部商品",
  viewAll: (title) => `查看「${title}」的全部商品`,
  information: "店铺信息",
  contact: "联系我们",
  scanToVisit: "扫码访问店铺",
  qrCode: "店铺网址的二维码",
  productQrCode: "商品网址的二维码",
  poweredBy: "由 Stall 搭建",
  from: (price) => `${price} 起`,
  was: "原价",
  wasPrice: (price) => `原价 ${price}`,
  onSale: "特价",
  soldOut: "已售完",
  onlyLeft: (count) => `仅剩 ${count} 件`,
  inStock: "有货",
  quantity: "数量",
  addToCart: "加入购物车",
  addedToCart: "已加入购物车",
  viewCart: "查看购物车",
  adding: "正在加入…",
  photoOf: (index, count) => `第 ${index} 张，共 ${count} 张`,
  noticeLimited: (count) => `仅剩 ${count} 件，已为你放入 ${count} 件`,
  noticeSoldOut: "抱歉，这件已售完",
  noticeUnavailable: "抱歉，这件商品已下架",
  noticeChoose: "请先在上方选择款式",
  noticeTryAgain: "暂时无法连接店铺，请稍后再试。",
  noticeTooMany: (count) => `每件商品最多购买 ${count} 件`,
  cartLimited: (count) => `仅剩 ${count} 件，购物车里现在是 ${count} 件`,
  cartGone: "这件商品已不在你的购物车里",
  productCount: (count) => `${count} 件商品`,
  pageOf: (page, count) => `第 ${page} 页，共 ${count} 页`,
  previousPage: "上一页",
  nextPage: "下一页",
  pages: "分页",
  nothingHere: "这里还没有商品，请稍后再来。",
  yourCart: "你的购物车",
  cartEmpty: "购物车是空的。",
  continueShopping: "继续购物",
  update: "更新",
  remove: "移除",
  removeItem: (title) => `移除 ${title}`,
  quantityOf: (title) => `${title} 的数量`,
  each: (price) => `每件 ${price}`,
  subtotal: "小计",
  checkout: "去结账",
  checkoutNote: "配送费和税费在结账时计算。",
  priceChanged: (price) => `加入后价格有变动（原为 ${price}）`,
  problemSoldOut: "已售完：请移除后再结账",
  problemNotEnough: (count) => `仅剩 ${count} 件：请减少数量`,
  problemUnavailable: "已下架：请移除",
  cartUpdated: "购物车已更新",
  removedFromCart: "已从购物车移除",
  checkoutComing: "结账功能即将上线",
  checkoutComingLead: "在线付款马上就好。你的购物车会保留 30 天。",
  backToCart: "返回购物车",
  orderHeading: "你的订单",
  orderComing: "订单页面即将上线。店家会就订单与你联系。",
  notFound: "找不到这个页面",
  notFoundLead: (shop) => `在 ${shop} 找不到这个页面，它可能已移动或售完。`,
  goHome: "回到店铺首页",
  noShop: "这个网址上没有店铺",
  noShopLead: "请检查网址是否输入有误，或向店家索取链接。",
  noShopExample: "Stall 上的店铺网址是这样的：",
  closedForNow: (shop) => `${shop} 暂时休息`,
  closedForNowLead: "店铺正在短暂休息，请稍后再来。",
  closedForGood: (shop) => `${shop} 已关闭`,
  closedForGoodLead: "这家店铺已不再营业，感谢你的光顾。",
  unreachable: "暂时无法打开这家店铺",
  unreachableLead: "请一分钟后再试。",
  forbidden: "这个表单来自其他网站",
  forbiddenLead: "为了你的安全，店铺只接受从自己页面提交的表单。请返回后重试。",
};

const messages: Record<Locale, Messages> = { en, "zh-CN": zhCN };

/** The storefront chrome text in one locale. */
export function messagesFor(locale: Locale): Messages {
  return messages[locale];
}

/** True for a locale the storefront chrome speaks. */
export function isLocale(value: string | null | undefined): value is Locale {
  return (locales as readonly string[]).includes(value ?? "");
}

/**
 * The page language: `?lang=` when the shop offers it, otherwise the shop's own language.
 * @example pageLocale("zh-CN", { locale: "en", extraLocales: ["zh-CN"] }) // "zh-CN"
 */
export function pageLocale(
  requested: string | null | undefined,
  shop: { locale: Locale; extraLocales: Locale[] },
): Locale {
  if (isLocale(requested) && (requested === shop.locale || shop.extraLocales.includes(requested))) return requested;
  return shop.locale;
}

/** The languages a shop's pages come in, its own first, without repeats. */
export function shopLocales(shop: { locale: Locale; extraLocales: Locale[] }): Locale[] {
  return [...new Set([shop.locale, ...shop.extraLocales.filter(isLocale)])];
}
