import { staticCopyFile } from "@stall/domain";
import { type Messages, messagesFor } from "./i18n.ts";
import { type LocalisedProduct, type LocalisedSnapshot, localiseSnapshot } from "./localised.ts";
import type { Collection, Locale, Snapshot } from "./snapshot.ts";
import { resolveTheme, type Theme, themeCss } from "./theme.ts";
import { localePath } from "./urls.ts";

type Index = {
  productsById: Map<string, LocalisedProduct>;
  productsBySlug: Map<string, LocalisedProduct>;
  collectionsBySlug: Map<string, Collection>;
  theme: Theme;
  themeCss: string;
};

// Built once per snapshot, not per request: a snapshot is immutable once fetched.
const indexes = new WeakMap<LocalisedSnapshot, Index>();
const localised = new WeakMap<Snapshot, Map<Locale, LocalisedSnapshot>>();

/** The snapshot in a page language, made once per snapshot and language. */
function inLanguage(snapshot: Snapshot, locale: Locale): LocalisedSnapshot {
  let languages = localised.get(snapshot);
  if (!languages) {
    languages = new Map();
    localised.set(snapshot, languages);
  }
  let words = languages.get(locale);
  if (!words) {
    words = localiseSnapshot(snapshot, locale);
    languages.set(locale, words);
  }
  return words;
}

function indexOf(snapshot: LocalisedSnapshot): Index {
  let index = indexes.get(snapshot);
  if (!index) {
    const theme = resolveTheme(snapshot.shop.themePreset, snapshot.shop.themeTokens);
    index = {
      productsById: new Map(snapshot.products.map((product) => [product.id, product])),
      productsBySlug: new Map(snapshot.products.map((product) => [product.slug, product])),
      collectionsBySlug: new Map(snapshot.collections.map((collection) => [collection.slug, collection])),
      theme,
      themeCss: themeCss(theme),
    };
    indexes.set(snapshot, index);
  }
  return index;
}

/** Everything a page needs about the shop it renders, in the page's language. */
export type ShopContext = {
  /** The snapshot with its text in the page language (`localised.ts`). */
  snapshot: LocalisedSnapshot;
  locale: Locale;
  text: Messages;
  isPreview: boolean;
  /**
   * Rendering the saved copy in an owner's export: links name the copy's files, photos its media
   * folder, and nothing needs a server or script (no cart, no languages, no absolute URLs).
   */
  isStaticCopy: boolean;
  /** The Host the shopper used, as the API knows it (for the cart and share-image endpoints). */
  host: string;
  theme: Theme;
  themeCss: string;
  /** A path on the shop that keeps the page language. */
  href: (path: string) => string;
  product: (slug: string) => LocalisedProduct | undefined;
  productById: (id: string) => LocalisedProduct | undefined;
  productsOf: (collection: Collection) => LocalisedProduct[];
  collection: (slug: string) => Collection | undefined;
  featured: Collection | undefined;
};

export function shopContext(options: {
  snapshot: Snapshot;
  locale: Locale;
  isPreview: boolean;
  isStaticCopy?: boolean;
  host: string;
}): ShopContext {
  const { locale } = options;
  const snapshot = inLanguage(options.snapshot, locale);
  const isStaticCopy = options.isStaticCopy ?? false;
  const index = indexOf(snapshot);
  return {
    ...options,
    snapshot,
    isStaticCopy,
    text: messagesFor(locale),
    theme: index.theme,
    themeCss: index.themeCss,
    href: (path) =>
      isStaticCopy ? (staticCopyFile(path) ?? "index.html") : localePath(path, locale, snapshot.shop.locale),
    product: (slug) => index.productsBySlug.get(slug),
    productById: (id) => index.productsById.get(id),
    productsOf: (collection) =>
      collection.productIds.map((id) => index.productsById.get(id)).filter((product) => product !== undefined),
    collection: (slug) => index.collectionsBySlug.get(slug),
    featured: snapshot.collections.find((collection) => collection.isFeatured && collection.productIds.length > 0),
  };
}

/** The page's shop; the middleware sets it before any shop page renders. */
export function requireShop(locals: { shop?: ShopContext | undefined }): ShopContext {
  if (!locals.shop) throw new Error("A shop page rendered without a shop: src/middleware.ts sets locals.shop first");
  return locals.shop;
}
