import type { ShopRepositories, ShopRow } from "@stall/db";
import { type Locale, type PaymentMethod, renderMarkdown, type ThemePreset } from "@stall/domain";
import { withPhotos } from "../catalog/product-photos.ts";
import { toPhotoResponse } from "../catalog/serialise.ts";
import { toDeliveryArea } from "../settings/delivery-areas.ts";
import { toPickupPoint } from "../settings/pickup-points.ts";
import { toShippingRate } from "../settings/shipping-rates.ts";

/** At or below this many units a product says "only N left". */
export const LOW_STOCK = 3;

export type Availability = "in_stock" | "low_stock" | "sold_out";

/** What a shopper may know about stock: a badge, and the count only when it is low. */
export function availabilityOf(stock: number | null): { availability: Availability; stockLeft: number | null } {
  if (stock === null) return { availability: "in_stock", stockLeft: null };
  if (stock <= 0) return { availability: "sold_out", stockLeft: 0 };
  if (stock <= LOW_STOCK) return { availability: "low_stock", stockLeft: stock };
  return { availability: "in_stock", stockLeft: null };
}

/**
 * A variant's availability for buyers. One that keeps selling when out of stock (decision 033) is always
 * on sale: no "only N left" (it is not a limit), and `isBackorder` when none are on hand, so the badge
 * can say it may take longer.
 */
export function variantAvailability(
  stock: number | null,
  isSoldWhenOutOfStock: boolean,
): { availability: Availability; stockLeft: number | null; isBackorder: boolean } {
  if (isSoldWhenOutOfStock) {
    return { availability: "in_stock", stockLeft: null, isBackorder: stock !== null && stock <= 0 };
  }
  return { ...availabilityOf(stock), isBackorder: false };
}

/**
 * Everything published that a storefront needs to render a shop, as one document versioned by the
 * shop's `version`. Drafts, archived products, unpublished pages, inactive settings, exact stock
 * counts and anything internal stay out.
 */
export async function buildSnapshot(options: {
  shop: ShopRow;
  repos: ShopRepositories;
  publicApiUrl: string;
  storefrontUrl: string;
  /** The ways of paying the shop's plan includes; a method the plan dropped is not offered. */
  planPaymentMethods: readonly PaymentMethod[];
  now: number;
}) {
  const { shop, repos, publicApiUrl } = options;
  const [products, collections, memberships, pages, pickupPoints, deliveryAreas, shippingRates, tax, redirects, logo] =
    await Promise.all([
      repos.products.listAll("active"),
      repos.collections.list(),
      repos.collections.memberships(),
      repos.pages.list(),
      repos.pickupPoints.list(),
      repos.deliveryAreas.list(),
      repos.shippingRates.list(),
      repos.tax.get(),
      repos.products.redirects(),
      shop.logoMediaId ? repos.media.get(shop.logoMediaId) : Promise.resolve(undefined),
    ]);
  const published = await withPhotos(repos, products, publicApiUrl);
  const activeIds = new Set(products.map((product) => product.id));

  return {
    version: shop.version,
    generatedAt: options.now,
    shop: {
      id: shop.id,
      slug: shop.slug,
      url: options.storefrontUrl,
      name: shop.name,
      tagline: shop.tagline,
      status: shop.status,
      // The database keeps these as text; the domain schemas let only known values in.
      locale: shop.locale as Locale,
      extraLocales: shop.extraLocales as Locale[],
      currency: shop.currency,
      contactEmail: shop.contactEmail,
      contactPhone: shop.contactPhone,
      address: shop.address,
      themePreset: shop.themePreset as ThemePreset,
      themeTokens: shop.themeTokens,
      logo: logo ? toPhotoResponse(logo, publicApiUrl) : null,
      socialLinks: shop.socialLinks,
      policies: shop.policies,
      paymentMethods: (shop.paymentMethods as PaymentMethod[]).filter(
        (method) => options.planPaymentMethods.includes(method) && (method !== "stripe" || shop.stripeChargesEnabled),
      ),
      bankTransferInstructions: shop.bankTransferInstructions,
      isPaused: shop.isPaused,
      pauseMessage: shop.pauseMessage,
    },
    tax: tax
      ? { mode: tax.mode, rate: tax.rateBasisPoints, label: tax.label }
      : { mode: "none" as const, rate: 0, label: "Tax" },
    products: published.map((product) => ({
      id: product.id,
      slug: product.slug,
      title: product.title,
      descriptionHtml: renderMarkdown(product.description),
      options: product.options.map((option) => ({ name: option.name, values: option.values })),
      variants: product.variants.map((variant) => ({
        id: variant.id,
        optionValues: variant.optionValues,
        title: variant.title,
        price: variant.price,
        compareAtPrice: variant.compareAtPrice,
        ...variantAvailability(variant.stock, variant.isSoldWhenOutOfStock),
        // Decision 033: what a buyer may see. The owner's cost price never enters the snapshot.
        sku: variant.sku,
        barcode: variant.barcode,
      })),
      // Decision 033
      vendor: product.vendor,
      productType: product.productType,
      tags: product.tags,
      seoTitle: product.seoTitle,
      seoDescription: product.seoDescription,
      condition: product.condition,
      photos: product.photos,
      updatedAt: product.updatedAt,
    })),
    collections: collections.map((collection) => ({
      id: collection.id,
      slug: collection.slug,
      title: collection.title,
      description: collection.description,
      isFeatured: collection.isFeatured,
      productIds: memberships
        .filter((member) => member.collectionId === collection.id && activeIds.has(member.productId))
        .map((member) => member.productId),
    })),
    pages: pages
      .filter((page) => page.isPublished)
      .map((page) => ({ slug: page.slug, title: page.title, html: page.bodyHtml })),
    pickupPoints: pickupPoints.filter((point) => point.isActive).map(toPickupPoint),
    deliveryAreas: deliveryAreas.filter((area) => area.isActive).map(toDeliveryArea),
    shippingRates: shippingRates.filter((rate) => rate.isActive).map(toShippingRate),
    productRedirects: redirects,
  };
}

/** What the storefront renders; the snapshot route checks it against its published schema. */
export type Snapshot = Awaited<ReturnType<typeof buildSnapshot>>;
