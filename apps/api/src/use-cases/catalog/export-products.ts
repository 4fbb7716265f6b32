import type { MediaWithRenditions, Product } from "@stall/db";
import type { Deps } from "../../deps.ts";
import type { ShopAccess } from "../access.ts";
import type { CatalogueProduct } from "./shopify-csv/product.ts";
import { toShopifyCsv } from "./shopify-csv.ts";

/** Every product as a Shopify-format CSV, so an owner can leave as easily as they came. */
export async function exportProducts(deps: Deps, options: { access: ShopAccess }) {
  const { repos, shop } = options.access;
  const all: Product[] = [];
  for (const status of ["active", "draft", "archived"] as const) all.push(...(await repos.products.listAll(status)));
  // The shop's own order, so importing the file gives the products the same places.
  all.sort((a, b) => a.position - b.position || (a.id < b.id ? -1 : 1));
  const photos = await repos.media.forProducts(all.map((product) => product.id));
  const photoUrl = (photo: MediaWithRenditions) => largestJpegUrl(photo, deps.config.publicApiUrl);
  const urlByMedia = new Map(photos.map((photo) => [photo.id, photoUrl(photo)]));
  // A variant's own photo is nearly always one of its product's; any other is looked up once.
  for (const variant of all.flatMap((product) => product.variants)) {
    if (variant.mediaId && !urlByMedia.has(variant.mediaId)) {
      const photo = await repos.media.get(variant.mediaId);
      urlByMedia.set(variant.mediaId, photo ? photoUrl(photo) : undefined);
    }
  }
  return toShopifyCsv(
    all.map((product) => toCatalogueProduct(product, photos, urlByMedia)),
    { currency: shop.currency, locales: shop.extraLocales },
  );
}

function toCatalogueProduct(
  product: Product,
  photos: (MediaWithRenditions & { productId: string; position: number })[],
  urlByMedia: Map<string, string | undefined>,
): CatalogueProduct {
  const images = photos
    .filter((photo) => photo.productId === product.id)
    .sort((a, b) => a.position - b.position)
    .flatMap((photo) => {
      const url = urlByMedia.get(photo.id);
      return url ? [{ url, alt: photo.alt }] : [];
    });
  return {
    handle: product.slug,
    title: product.title,
    description: product.description,
    status: product.status,
    vendor: product.vendor,
    productType: product.productType,
    productCategory: product.productCategory,
    tags: product.tags,
    seoTitle: product.seoTitle,
    seoDescription: product.seoDescription,
    condition: product.condition,
    isGiftCard: product.isGiftCard,
    metafields: product.metafields,
    options: product.options.map((option) => ({ name: option.name, values: option.values })),
    variants: product.variants.map((variant) => ({
      optionValues: variant.optionValues,
      price: variant.priceAmount,
      compareAtPrice: variant.compareAtAmount,
      cost: variant.costAmount,
      sku: variant.sku,
      barcode: variant.barcode,
      stock: variant.stock,
      isSoldWhenOutOfStock: variant.isSoldWhenOutOfStock,
      weightGrams: variant.weightGrams,
      weightUnit: variant.weightUnit,
      isTaxable: variant.isTaxable,
      requiresShipping: variant.requiresShipping,
      imageUrl: (variant.mediaId && urlByMedia.get(variant.mediaId)) || null,
    })),
    images,
    ...translationsOf(product),
  };
}

/** The product's and its options' words by language, as the CSV carries them. */
function translationsOf(product: Product): Pick<CatalogueProduct, "translations"> {
  const locales = new Set([
    ...Object.keys(product.translations),
    ...product.options.flatMap((option) => Object.keys(option.translations)),
  ]);
  if (locales.size === 0) return {};
  const translations: NonNullable<CatalogueProduct["translations"]> = {};
  for (const locale of locales) {
    const options = product.options.map((option) => option.translations[locale] ?? {});
    translations[locale] = {
      ...product.translations[locale],
      ...(options.some((option) => option.name || option.values) ? { options } : {}),
    };
  }
  return { translations };
}

/** The largest JPEG: every shop system can read it. */
function largestJpegUrl(photo: MediaWithRenditions, publicApiUrl: string): string | undefined {
  const largest = photo.renditions
    .filter((rendition) => rendition.format === "jpeg")
    .sort((a, b) => b.width - a.width)[0];
  return largest ? `${publicApiUrl}/media/${largest.storageKey}` : undefined;
}
