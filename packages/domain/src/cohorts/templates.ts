// Shop templates by trade, offered when a shop is opened: sample pages, collections and words for pickup
// and delivery, in English and Simplified Chinese. Plain data: the API applies a template through the
// same use-cases an owner's own edits go through, and the owner can change or delete every piece.
import type { ThemePreset } from "../constants.ts";

export const SHOP_TEMPLATES = ["bakery", "crafts", "farm_produce", "tailoring"] as const;
export type ShopTemplateName = (typeof SHOP_TEMPLATES)[number];

export type ShopTemplateContent = {
  tagline: string;
  themePreset: ThemePreset;
  /** Shown on the shop's delivery policy: what delivery suits this trade. */
  deliveryPolicy: string;
  pages: { title: string; slug: string; body: string }[];
  collections: { title: string; slug: string; description: string }[];
};

type Language = "en" | "zh-CN";

const howToOrder = {
  en: (pickup: string, delivery: string) =>
    `## Ordering\n\nChoose what you would like and send the order from this site. You will get a message with your order number.\n\n## Collecting\n\n${pickup}\n\n## Delivery\n\n${delivery}\n\n## Paying\n\nPay when you collect, or by the ways shown at checkout.`,
  "zh-CN": (pickup: string, delivery: string) =>
    `## 下单\n\n在本网站选好商品并提交订单，您会收到带订单号的消息。\n\n## 取货\n\n${pickup}\n\n## 送货\n\n${delivery}\n\n## 付款\n\n取货时付款，或使用结账时列出的方式付款。`,
};

const content: Record<ShopTemplateName, Record<Language, ShopTemplateContent>> = {
  bakery: {
    en: {
      tagline: "Fresh bread and cakes, baked every morning",
      themePreset: "kitchen",
      deliveryPolicy:
        "Bread is best on the day: collect it fresh. Cakes can be delivered nearby on the day you choose.",
      pages: [
        {
          title: "About us",
          slug: "about",
          body: "We bake by hand in small batches, with flour, water, salt and time.\n\nTell us about allergies when you order.",
        },
        {
          title: "How to order",
          slug: "how-to-order",
          body: howToOrder.en(
            "Order by 6 pm and collect the next morning. Bring your order number.",
            "Celebration cakes can be delivered nearby; say the date and time in the order note.",
          ),
        },
      ],
      collections: [
        { title: "Bread", slug: "bread", description: "Loaves and rolls, baked each morning." },
        { title: "Cakes", slug: "cakes", description: "Whole cakes to order, and slices." },
        { title: "Pastries", slug: "pastries", description: "Sweet and savoury pastries." },
      ],
    },
    "zh-CN": {
      tagline: "每天早上新鲜出炉的面包和蛋糕",
      themePreset: "kitchen",
      deliveryPolicy: "面包当天最好吃，请新鲜取货。蛋糕可在您选定的日子送到附近。",
      pages: [
        {
          title: "关于我们",
          slug: "about",
          body: "我们用面粉、水、盐和时间，小批量手工烘焙。\n\n如有过敏请在下单时告诉我们。",
        },
        {
          title: "如何下单",
          slug: "how-to-order",
          body: howToOrder["zh-CN"](
            "晚上6点前下单，第二天早上取货。请带上订单号。",
            "庆祝蛋糕可送到附近，请在订单备注中写明日期和时间。",
          ),
        },
      ],
      collections: [
        { title: "面包", slug: "bread", description: "每天早上烘焙的面包。" },
        { title: "蛋糕", slug: "cakes", description: "整个蛋糕可预订，也有切块。" },
        { title: "酥点", slug: "pastries", description: "甜味和咸味酥点。" },
      ],
    },
  },
  crafts: {
    en: {
      tagline: "Handmade, one piece at a time",
      themePreset: "studio",
      deliveryPolicy: "Pieces are wrapped with care and sent by post, or collected from the market stall.",
      pages: [
        {
          title: "About the maker",
          slug: "about",
          body: "Each piece is made by hand, so no two are quite the same.\n\nAsk if you would like something made for you.",
        },
        {
          title: "How to order",
          slug: "how-to-order",
          body: howToOrder.en(
            "Collect from the stall on market days; we keep your order for a week.",
            "We post within 3 days, wrapped to travel safely.",
          ),
        },
      ],
      collections: [
        { title: "New pieces", slug: "new", description: "Just finished." },
        { title: "Gifts", slug: "gifts", description: "Ready to give." },
        { title: "Made to order", slug: "made-to-order", description: "Made for you; allow two weeks." },
      ],
    },
    "zh-CN": {
      tagline: "手工制作，一件一件来",
      themePreset: "studio",
      deliveryPolicy: "作品细心包装后邮寄，或在市集摊位取货。",
      pages: [
        {
          title: "关于手作人",
          slug: "about",
          body: "每件作品都是手工制作，没有两件完全一样。\n\n如需定制请联系我们。",
        },
        {
          title: "如何下单",
          slug: "how-to-order",
          body: howToOrder["zh-CN"]("市集日在摊位取货；订单为您保留一周。", "3天内寄出，包装稳妥。"),
        },
      ],
      collections: [
        { title: "新作品", slug: "new", description: "刚刚完成。" },
        { title: "礼物", slug: "gifts", description: "适合送人。" },
        { title: "定制", slug: "made-to-order", description: "为您制作，约需两周。" },
      ],
    },
  },
  farm_produce: {
    en: {
      tagline: "Grown on our farm, picked for you",
      themePreset: "market",
      deliveryPolicy: "Collect at the farm gate or the market. Boxes can be delivered nearby on delivery days.",
      pages: [
        {
          title: "About the farm",
          slug: "about",
          body: "We grow what the season gives and pick it the day before you collect.\n\nWhat is on offer changes week by week.",
        },
        {
          title: "How to order",
          slug: "how-to-order",
          body: howToOrder.en(
            "Collect at the farm gate or our market stall. Bring a bag.",
            "Veg boxes are delivered nearby on delivery days.",
          ),
        },
      ],
      collections: [
        { title: "This week", slug: "this-week", description: "Picked this week." },
        { title: "Vegetables", slug: "vegetables", description: "Seasonal vegetables." },
        { title: "Eggs and dairy", slug: "eggs-and-dairy", description: "From our hens and cows." },
      ],
    },
    "zh-CN": {
      tagline: "自家农场种植，为您采摘",
      themePreset: "market",
      deliveryPolicy: "在农场门口或市集取货。菜箱可在送货日送到附近。",
      pages: [
        { title: "关于农场", slug: "about", body: "我们按季节种植，在您取货前一天采摘。\n\n每周供应的品种会有变化。" },
        {
          title: "如何下单",
          slug: "how-to-order",
          body: howToOrder["zh-CN"]("在农场门口或市集摊位取货，请自带袋子。", "菜箱在送货日送到附近。"),
        },
      ],
      collections: [
        { title: "本周供应", slug: "this-week", description: "本周采摘。" },
        { title: "蔬菜", slug: "vegetables", description: "时令蔬菜。" },
        { title: "鸡蛋和奶制品", slug: "eggs-and-dairy", description: "来自我们的鸡和奶牛。" },
      ],
    },
  },
  tailoring: {
    en: {
      tagline: "Clothes made and mended to fit you",
      themePreset: "studio",
      deliveryPolicy: "Fittings and collection are at the shop. Finished clothes can be posted.",
      pages: [
        {
          title: "About us",
          slug: "about",
          body: "We make clothes to measure and mend the ones you love.\n\nBring the piece, or come for a fitting.",
        },
        {
          title: "How to order",
          slug: "how-to-order",
          body: howToOrder.en(
            "Bring the clothes to the shop; we say when they will be ready.",
            "Finished clothes can be posted after the last fitting.",
          ),
        },
      ],
      collections: [
        { title: "Alterations", slug: "alterations", description: "Hems, waists, sleeves and zips." },
        { title: "Made to measure", slug: "made-to-measure", description: "Made for you, with fittings." },
        { title: "Repairs", slug: "repairs", description: "Patches, darning and buttons." },
      ],
    },
    "zh-CN": {
      tagline: "量身定做，修改合身",
      themePreset: "studio",
      deliveryPolicy: "试穿和取货都在店里。做好的衣服可以邮寄。",
      pages: [
        {
          title: "关于我们",
          slug: "about",
          body: "我们量身做衣服，也修补您喜爱的衣服。\n\n请带衣服来，或来店里试穿。",
        },
        {
          title: "如何下单",
          slug: "how-to-order",
          body: howToOrder["zh-CN"]("把衣服带到店里，我们会告诉您何时做好。", "最后一次试穿后，做好的衣服可以邮寄。"),
        },
      ],
      collections: [
        { title: "改衣", slug: "alterations", description: "改裤脚、腰围、袖子和拉链。" },
        { title: "量身定做", slug: "made-to-measure", description: "为您制作，含试穿。" },
        { title: "修补", slug: "repairs", description: "补丁、织补和钉扣。" },
      ],
    },
  },
};

/** A template's content in the shop's language (Chinese for zh-CN, English otherwise). */
export function shopTemplate(name: ShopTemplateName, locale: string): ShopTemplateContent {
  return content[name][locale === "zh-CN" ? "zh-CN" : "en"];
}
