// The owner's "Your plan" page, and the words every page uses when a plan limit refuses something.
import { defineCatalogue } from "../catalogue.ts";

const en = {
  planTitle: "Your plan",
  planLink: "Your plan and what it allows",
  planNamed: (name: string) => `Your plan: ${name}`,
  planIntro: "What your shop may have on this plan, and how much of it you use now.",
  planProductsLabel: "Products",
  planProductsUse: (used: string, allowed: string) => `${used} of ${allowed} products`,
  planPhotosLabel: "Photos",
  planPhotosUse: (used: string, allowed: string) => `${used} of ${allowed}`,
  planPeopleLabel: "People who help you",
  planPeopleUse: (used: string, allowed: string) => `${used} of ${allowed} people (open invitations count)`,
  planAddressesLabel: "Own web address",
  planAddressesUse: (used: string, allowed: string) => `${used} of ${allowed}`,
  planAddressesNone: "Not on this plan",
  planMethodsLabel: "Ways of getting paid",
  planFeeLabel: "Platform fee on card payments",
  planFeeNone: "None",
  planFeeRate: (percent: string) => `${percent}% of each card payment`,
  planFull: "Full",
  planAlmostFull: "Nearly full",
  planBiggerTitle: "Need more room?",
  planAskContact: (contact: string) => `To move to a bigger plan, write to ${contact}.`,
  planAskGeneric: "To move to a bigger plan, ask the people who run this platform.",
  planOverNote:
    "Nothing is taken away when you are over a limit: you keep what you have, and can add more once you are under it again.",
  // Refusals, built from the limit the API names; the ask for a bigger plan follows each one.
  planLimit_products: (plan: string, allowed: string) =>
    `Your plan, ${plan}, allows ${allowed} products. Delete products you no longer sell to make room.`,
  planLimit_photo_storage: (plan: string, allowed: string) =>
    `This photo does not fit: your plan, ${plan}, allows ${allowed} of photos. Delete photos you no longer use to make room.`,
  planLimit_members: (plan: string, allowed: string) =>
    `Your plan, ${plan}, allows ${allowed} people besides you, and open invitations count. Remove someone or withdraw an invitation to make room.`,
  planLimit_custom_domains: (plan: string, allowed: string) =>
    allowed === "0"
      ? `Your plan, ${plan}, does not include an own web address.`
      : `Your plan, ${plan}, allows ${allowed} own web addresses. Remove one you no longer use to make room.`,
  planLimit_payment_methods: (plan: string, allowed: string) =>
    `Your plan, ${plan}, includes only these ways of getting paid: ${allowed}. Turn the others off.`,
};

export const plan = defineCatalogue<typeof en>({
  en,
  "zh-CN": {
    planTitle: "您的套餐",
    planLink: "您的套餐和额度",
    planNamed: (name: string) => `您的套餐：${name}`,
    planIntro: "这个套餐下店铺可以有多少，以及现在用了多少。",
    planProductsLabel: "商品",
    planProductsUse: (used: string, allowed: string) => `${allowed} 件商品中已用 ${used} 件`,
    planPhotosLabel: "照片",
    planPhotosUse: (used: string, allowed: string) => `${allowed} 中已用 ${used}`,
    planPeopleLabel: "帮手",
    planPeopleUse: (used: string, allowed: string) => `${allowed} 人中已有 ${used} 人（未接受的邀请也算）`,
    planAddressesLabel: "自己的网址",
    planAddressesUse: (used: string, allowed: string) => `${allowed} 个中已用 ${used} 个`,
    planAddressesNone: "此套餐不包括",
    planMethodsLabel: "收款方式",
    planFeeLabel: "平台对刷卡付款收取的费用",
    planFeeNone: "不收费",
    planFeeRate: (percent: string) => `每笔刷卡付款的 ${percent}%`,
    planFull: "已满",
    planAlmostFull: "快满了",
    planBiggerTitle: "需要更多额度？",
    planAskContact: (contact: string) => `如需更大的套餐，请写信到 ${contact}。`,
    planAskGeneric: "如需更大的套餐，请联系本平台的管理人员。",
    planOverNote: "超出额度时不会删除任何东西：已有的都保留，降到额度以下后就能再添加。",
    planLimit_products: (plan: string, allowed: string) =>
      `您的套餐（${plan}）最多可有 ${allowed} 件商品。删除不再出售的商品即可腾出位置。`,
    planLimit_photo_storage: (plan: string, allowed: string) =>
      `这张照片放不下：您的套餐（${plan}）的照片空间为 ${allowed}。删除不再使用的照片即可腾出空间。`,
    planLimit_members: (plan: string, allowed: string) =>
      `您的套餐（${plan}）除您之外最多可有 ${allowed} 位帮手，未接受的邀请也算在内。移除一位帮手或撤回一个邀请即可腾出位置。`,
    planLimit_custom_domains: (plan: string, allowed: string) =>
      allowed === "0"
        ? `您的套餐（${plan}）不包括自己的网址。`
        : `您的套餐（${plan}）最多可连接 ${allowed} 个自己的网址。移除不再使用的网址即可腾出位置。`,
    planLimit_payment_methods: (plan: string, allowed: string) =>
      `您的套餐（${plan}）只包括这些收款方式：${allowed}。请关闭其他方式。`,
  },
});
