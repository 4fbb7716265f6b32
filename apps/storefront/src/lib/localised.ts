// Picks the text for a page language (decision 031). The snapshot carries, beside each main field, the
// shop's translations; a page in another language shows the translated field where there is one and
// the main language's field where there is not, field by field. Done once per snapshot and language
// (shop-context.ts), so every page, the layout's navigation and the JSON-LD read the same words.
// Option values stay in the main language (they name the variants a form posts); `labels` is what a
// buyer reads.
import type { Collection, ContentPage, Locale, Product, Snapshot } from "./snapshot.ts";

type Translations<T> = Record<string, Partial<T>> | undefined;

/**
 * The text of one field in a language: the translation when it has text, otherwise the main field.
 * @example pick("Tea", { "zh-CN": { title: "茶" } }, "zh-CN", "title") // "茶"
 */
export function pick<F extends string>(
  main: string,
  translations: Translations<Record<F, unknown>>,
  locale: Locale,
  field: F,
): string {
  const translated = translations?.[locale]?.[field];
  return typeof translated === "string" && translated.trim() !== "" ? translated : main;
}

type Option = Product["options"][number];
export type LocalisedOption = Option & { labels: string[] };
export type LocalisedProduct = Omit<Product, "options"> & { options: LocalisedOption[] };
export type LocalisedSnapshot = Omit<Snapshot, "products"> & { products: LocalisedProduct[] };

/** An option's name and the words for each value in a language (values themselves unchanged). */
export function localiseOption(option: Option, locale: Locale): LocalisedOption {
  const words = option.translations?.[locale];
  return {
    ...option,
    name: pick(option.name, option.translations, locale, "name"),
    labels: option.values.map((value, index) => {
      const label = words?.values?.[index];
      return label && label.trim() !== "" ? label : value;
    }),
  };
}

/** The SEO fields a product may carry, translated like the others when present. */
const PRODUCT_TEXT_FIELDS = ["title", "descriptionHtml", "seoTitle", "seoDescription"] as const;

/** A product in a language: its text fields, option names, value labels and variant titles. */
export function localiseProduct(product: Product, locale: Locale): LocalisedProduct {
  const options = product.options.map((option) => localiseOption(option, locale));
  const text: Record<string, string> = {};
  const fields = product as unknown as Record<string, unknown>;
  for (const field of PRODUCT_TEXT_FIELDS) {
    const main = fields[field];
    if (typeof main === "string") text[field] = pick(main, product.translations, locale, field);
  }
  return {
    ...product,
    ...text,
    options,
    variants: product.variants.map((variant) => ({
      ...variant,
      // The API joins the values with " / "; the same join over the labels.
      title:
        options.length > 0
          ? variant.optionValues
              .map((value, index) => {
                const option = options[index];
                const at = option?.values.indexOf(value) ?? -1;
                return option && at >= 0 ? (option.labels[at] ?? value) : value;
              })
              .join(" / ")
          : variant.title,
    })),
  };
}

export function localiseCollection(collection: Collection, locale: Locale): Collection {
  return {
    ...collection,
    title: pick(collection.title, collection.translations, locale, "title"),
    description: pick(collection.description, collection.translations, locale, "description"),
  };
}

export function localisePage(page: ContentPage, locale: Locale): ContentPage {
  return {
    ...page,
    title: pick(page.title, page.translations, locale, "title"),
    html: pick(page.html, page.translations, locale, "html"),
  };
}

/** The whole snapshot in a language; in the shop's main language nothing changes but the labels. */
export function localiseSnapshot(snapshot: Snapshot, locale: Locale): LocalisedSnapshot {
  return {
    ...snapshot,
    products: snapshot.products.map((product) => localiseProduct(product, locale)),
    collections: snapshot.collections.map((collection) => localiseCollection(collection, locale)),
    pages: snapshot.pages.map((page) => localisePage(page, locale)),
  };
}

type CartLineWords = { productId: string | null; variantId: string; title: string; variantTitle: string };

/**
 * A cart line's product and variant names in the page language, from the (localised) product it is
 * for; a line whose product left the shop keeps the words the API gave it.
 */
export function localiseLine<L extends CartLineWords>(
  line: L,
  product: Pick<LocalisedProduct, "title" | "variants"> | undefined,
): L {
  if (!product) return line;
  const variant = product.variants.find((candidate) => candidate.id === line.variantId);
  return {
    ...line,
    title: product.title,
    variantTitle: variant && line.variantTitle ? variant.title : line.variantTitle,
  };
}
