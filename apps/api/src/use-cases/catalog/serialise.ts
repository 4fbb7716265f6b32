import type { MediaWithRenditions, Product } from "@stall/db";
import { variantDetailsResponse } from "./product-details.ts";

export type PhotoResponse = ReturnType<typeof toPhotoResponse>;

/** A photo with a URL per rendition; the storefront builds `<picture>` from these. */
export function toPhotoResponse(media: MediaWithRenditions, publicApiUrl: string) {
  return {
    id: media.id,
    alt: media.alt,
    width: media.width,
    height: media.height,
    bytes: media.bytes,
    renditions: media.renditions.map((rendition) => ({
      format: rendition.format,
      width: rendition.width,
      height: rendition.height,
      bytes: rendition.bytes,
      url: `${publicApiUrl}/media/${rendition.storageKey}`,
    })),
    createdAt: media.createdAt,
  };
}

export function toProductResponse(product: Product, photos: PhotoResponse[]) {
  return {
    id: product.id,
    slug: product.slug,
    title: product.title,
    description: product.description,
    status: product.status,
    position: product.position,
    // Details (decision 033); metafields and variant costs are the owner's alone.
    vendor: product.vendor,
    productType: product.productType,
    productCategory: product.productCategory,
    tags: product.tags,
    seoTitle: product.seoTitle,
    seoDescription: product.seoDescription,
    condition: product.condition,
    isGiftCard: product.isGiftCard,
    metafields: product.metafields,
    options: product.options.map((option) => ({
      id: option.id,
      name: option.name,
      values: option.values,
      translations: option.translations,
    })),
    variants: product.variants.map((variant) => ({
      id: variant.id,
      optionValues: variant.optionValues,
      title: variant.optionValues.join(" / "),
      price: variant.priceAmount,
      compareAtPrice: variant.compareAtAmount,
      currency: variant.currency,
      sku: variant.sku,
      stock: variant.stock,
      ...variantDetailsResponse(variant),
    })),
    photos,
    translations: product.translations,
    createdAt: product.createdAt,
    updatedAt: product.updatedAt,
  };
}
export type ProductResponse = ReturnType<typeof toProductResponse>;
