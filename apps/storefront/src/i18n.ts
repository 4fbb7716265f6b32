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
  shopHeading: (slug: string) => `Welcome to ${slug}`,
  shopComing: "This shop's pages are on their way. Please come back soon.",
  rootHeading: "Stall shops",
  rootLead: "Every shop on Stall has its own address:",
  // Ends in a space: the link follows directly, and Chinese wants no space after its colon.
  rootExample: "For example, the demo shop: ",
};

export type Messages = typeof en;

const messages: Record<Locale, Messages> = {
  en,
  "zh-CN": {
    shopHeading: (slug) => `欢迎光临 ${slug}`,
    shopComing: "这家店铺的页面正在准备中，请稍后再来。",
    rootHeading: "Stall 店铺",
    rootLead: "Stall 上的每家店铺都有自己的网址：",
    rootExample: "例如演示店铺：",
  },
};

/** The storefront chrome text in one locale. */
export function messagesFor(locale: Locale): Messages {
  return messages[locale];
}
