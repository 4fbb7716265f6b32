// A catalogue's words in the shop's other languages (decision 031). Keys are locales; which locales a
// shop may use is checked against the shop by the use-case (`translationLocaleProblems`), because a
// schema cannot know the shop. Empty strings mean "no translation": the main language shows instead.
import { z } from "zod";
import { LongText, ShortText, SingleLineText } from "./common.ts";

/** At most this many languages per text; the shop's own list is shorter and checked separately. */
const MAX_LOCALES = 10;

const byLocale = <T extends z.ZodType>(entry: T) =>
  z
    .record(z.string().min(1).max(20), entry)
    .refine((map) => Object.keys(map).length <= MAX_LOCALES, "Too many languages")
    .meta({ description: 'Text per language, keyed by locale ("zh-CN"); an empty string means no translation.' });

export const ProductTranslationInput = z
  .object({
    title: ShortText(200),
    description: LongText(20_000),
    seoTitle: ShortText(200),
    seoDescription: LongText(1000),
  })
  .partial()
  .strict();
export type ProductTranslationInput = z.infer<typeof ProductTranslationInput>;
export const ProductTranslations = byLocale(ProductTranslationInput);
export type ProductTranslations = z.infer<typeof ProductTranslations>;

/** An option's name and values in another language; `values` line up with the option's own values. */
export const OptionTranslationInput = z
  .object({
    name: ShortText(40),
    values: z.array(SingleLineText().max(60)).max(50),
  })
  .partial()
  .strict();
export type OptionTranslationInput = z.infer<typeof OptionTranslationInput>;
export const OptionTranslations = byLocale(OptionTranslationInput);
export type OptionTranslations = z.infer<typeof OptionTranslations>;

export const CollectionTranslationInput = z
  .object({ title: ShortText(120), description: LongText(5000) })
  .partial()
  .strict();
export type CollectionTranslationInput = z.infer<typeof CollectionTranslationInput>;
export const CollectionTranslations = byLocale(CollectionTranslationInput);
export type CollectionTranslations = z.infer<typeof CollectionTranslations>;

/** A page's title and Markdown body in another language; the API renders and sanitises the body on save. */
export const PageTranslationInput = z
  .object({ title: ShortText(120), body: LongText(50_000) })
  .partial()
  .strict();
export type PageTranslationInput = z.infer<typeof PageTranslationInput>;
export const PageTranslations = byLocale(PageTranslationInput);
export type PageTranslations = z.infer<typeof PageTranslations>;
