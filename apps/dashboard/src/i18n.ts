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
  heading: "Stall dashboard",
  coming: "Signing in and setting up your shop are coming soon.",
  apiDocs: "Read the API documentation",
};

export type Messages = typeof en;

const messages: Record<Locale, Messages> = {
  en,
  "zh-CN": {
    heading: "Stall 店铺管理",
    coming: "登录和开设店铺的功能即将推出。",
    apiDocs: "查看 API 文档",
  },
};

/** The dashboard text in one locale. */
export function messagesFor(locale: Locale): Messages {
  return messages[locale];
}
