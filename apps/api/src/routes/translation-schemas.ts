// Text in a shop's other languages as the API answers it (decision 031): per locale, only the fields
// that have a translation; a missing field means the main language's text is used.
import { z } from "@hono/zod-openapi";

const byLocale = <T extends z.ZodType>(entry: T, name: string) =>
  z.record(z.string(), entry).openapi(name, {
    description: 'Per language ("zh-CN"), the fields given in it; a field left out falls back to the main language.',
  });

export const ProductTranslationsOut = byLocale(
  z.object({
    title: z.string().optional(),
    description: z.string().optional(),
    seoTitle: z.string().optional(),
    seoDescription: z.string().optional(),
  }),
  "ProductTranslations",
);

export const OptionTranslationsOut = byLocale(
  z.object({
    name: z.string().optional(),
    values: z
      .array(z.string())
      .optional()
      .openapi({ description: "In the order of the option's values; an empty string has no translation." }),
  }),
  "OptionTranslations",
);

export const CollectionTranslationsOut = byLocale(
  z.object({ title: z.string().optional(), description: z.string().optional() }),
  "CollectionTranslations",
);

export const PageTranslationsOut = byLocale(
  z.object({
    title: z.string().optional(),
    body: z.string().optional(),
    html: z.string().optional().openapi({ description: "The body rendered and sanitised." }),
  }),
  "PageTranslations",
);
