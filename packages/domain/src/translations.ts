// Pure rules for a catalogue's words in the shop's other languages (decision 031): which languages a
// shop may be given text in, what an empty string means, how an edit of one language combines with the
// others, and how option translations survive an edit of the options that did not mention them.
import type { Locale } from "./schemas/common.ts";

/** Each language by its English name and its own, for messages an owner reads. */
export const LANGUAGE_NAMES: Record<Locale, string> = { en: "English", "zh-CN": "Chinese (中文)" };

type ShopLanguages = { locale: string; extraLocales: readonly string[] };
export type TranslationProblem = { path: string; message: string };

/**
 * Problems with the languages a set of translations is keyed by: each must be one of the shop's extra
 * languages (not its main one, whose text is the main fields).
 * @example translationLocaleProblems({ "zh-CN": {} }, { locale: "en", extraLocales: [] }, "translations")
 * // [{ path: "translations.zh-CN", message: "This shop does not use Chinese (中文) yet: …" }]
 */
export function translationLocaleProblems(
  translations: Record<string, unknown> | undefined,
  shop: ShopLanguages,
  path: string,
): TranslationProblem[] {
  if (!translations) return [];
  return Object.keys(translations).flatMap((locale) => {
    if (shop.extraLocales.includes(locale) && locale !== shop.locale) return [];
    const name = LANGUAGE_NAMES[locale as Locale] ?? `"${locale}"`;
    const message =
      locale === shop.locale
        ? `${name} is the shop's main language: change the product's own text instead`
        : locale in LANGUAGE_NAMES
          ? `This shop does not use ${name} yet: add it to the languages your shop speaks first`
          : `Stall does not offer ${name} as a language; use one of ${Object.keys(LANGUAGE_NAMES).join(", ")}`;
    return [{ path: `${path}.${locale}`, message }];
  });
}

/** A translation's text fields without the empty ones (empty means "show the main language"). */
export function withoutEmptyText<T extends Record<string, unknown>>(entry: T): Partial<T> {
  const kept: Partial<T> = {};
  for (const [field, value] of Object.entries(entry) as [keyof T, T[keyof T]][]) {
    if (typeof value === "string" ? value.trim() !== "" : Array.isArray(value) ? value.some(Boolean) : value != null) {
      kept[field] = value;
    }
  }
  return kept;
}

/**
 * Translations after an edit: each language named in `patch` is replaced whole (an entry left with no
 * text removes that language), the others stay as they were.
 * @example mergeTranslations({ "zh-CN": { title: "茶" } }, { "zh-CN": { title: "" } }) // {}
 */
export function mergeTranslations<T extends Record<string, unknown>>(
  current: Record<string, T> | undefined,
  patch: Record<string, T> | undefined,
): Record<string, Partial<T>> {
  const merged: Record<string, Partial<T>> = { ...(current ?? {}) };
  for (const [locale, entry] of Object.entries(patch ?? {})) {
    const kept = withoutEmptyText(entry);
    if (Object.keys(kept).length > 0) merged[locale] = kept;
    else delete merged[locale];
  }
  return merged;
}

type OptionWords = { name?: string | undefined; values?: string[] | undefined };
type OptionLike = { name: string; values: string[] };

/**
 * An option's translations cleaned: value translations padded or cut to line up with the option's
 * values, trailing empties dropped, languages with no text left out.
 */
export function cleanOptionTranslations(
  option: OptionLike,
  translations: Record<string, OptionWords> | undefined,
): Record<string, OptionWords> {
  const cleaned: Record<string, OptionWords> = {};
  for (const [locale, entry] of Object.entries(translations ?? {})) {
    const values = option.values.map((_, index) => entry.values?.[index]?.trim() ?? "");
    while (values.length > 0 && values[values.length - 1] === "") values.pop();
    const kept = withoutEmptyText({ name: entry.name?.trim() ?? "", values });
    if (Object.keys(kept).length > 0) cleaned[locale] = kept;
  }
  return cleaned;
}

/**
 * Translations for a new option list from the old one, for an edit that sent options without their
 * translations (the main editor does not know them): an option keeps the words of the old option with
 * its name (else the one in its place), and each value keeps the words of the same old value.
 * @example carryOptionTranslations(
 *   [{ name: "Size", values: ["S", "M"], translations: { "zh-CN": { name: "尺码", values: ["小", "中"] } } }],
 *   [{ name: "Size", values: ["M", "L"] }],
 * ) // [{ "zh-CN": { name: "尺码", values: ["中"] } }]
 */
export function carryOptionTranslations(
  previous: (OptionLike & { translations: Record<string, OptionWords> })[],
  next: (OptionLike & { translations?: Record<string, OptionWords> | undefined })[],
): Record<string, OptionWords>[] {
  return next.map((option, position) => {
    if (option.translations !== undefined) return cleanOptionTranslations(option, option.translations);
    const before = previous.find((old) => old.name === option.name) ?? previous[position];
    if (!before) return {};
    const carried: Record<string, OptionWords> = {};
    for (const [locale, entry] of Object.entries(before.translations)) {
      carried[locale] = {
        ...(before.name === option.name && entry.name ? { name: entry.name } : {}),
        values: option.values.map((value) => {
          const at = before.values.indexOf(value);
          return at >= 0 ? (entry.values?.[at] ?? "") : "";
        }),
      };
    }
    return cleanOptionTranslations(option, carried);
  });
}
