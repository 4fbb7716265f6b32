import type { ShopRepositories, ShopRow } from "@stall/db";
import {
  type Locale,
  type PaymentMethod,
  renderMarkdown,
  type ThemePreset,
  variantAvailability,
  withoutEmptyText,
} from "@stall/domain";
import { withPhotos } from "../catalog/product-photos.ts";
import { toPhotoResponse } from "../catalog/serialise.ts";
import { toDeliveryArea } from "../settings/delivery-areas.ts";
import { toPickupPoint } from "../settings/pickup-points.ts";
import { toShippingRate } from "../settings/shipping-rates.ts";

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
  const translated = translationsFor(shop);

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
      returnPolicy: shop.returnPolicy ?? null,
    },
    tax: tax
      ? { mode: tax.mode, rate: tax.rateBasisPoints, label: tax.label }
      : { mode: "none" as const, rate: 0, label: "Tax" },
    products: published.map((product) => ({
      id: product.id,
      slug: product.slug,
      title: product.title,
      descriptionHtml: renderMarkdown(product.description),
      ...translated(product.translations, (entry) => ({
        title: entry.title,
        descriptionHtml: entry.description ? renderMarkdown(entry.description) : undefined,
        seoTitle: entry.seoTitle,
        seoDescription: entry.seoDescription,
      })),
      options: product.options.map((option) => ({
        name: option.name,
        values: option.values,
        ...translated(option.translations, (entry) => ({ name: entry.name, values: entry.values })),
      })),
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
      ...translated(collection.translations, (entry) => ({ title: entry.title, description: entry.description })),
      isFeatured: collection.isFeatured,
      productIds: memberships
        .filter((member) => member.collectionId === collection.id && activeIds.has(member.productId))
        .map((member) => member.productId),
    })),
    pages: pages
      .filter((page) => page.isPublished)
      .map((page) => ({
        slug: page.slug,
        title: page.title,
        html: page.bodyHtml,
        ...translated(page.translations, (entry) => ({ title: entry.title, html: entry.bodyHtml })),
      })),
    pickupPoints: pickupPoints.filter((point) => point.isActive).map(toPickupPoint),
    deliveryAreas: deliveryAreas.filter((area) => area.isActive).map(toDeliveryArea),
    shippingRates: shippingRates.filter((rate) => rate.isActive).map(toShippingRate),
    productRedirects: redirects,
  };
}

type Words = Record<string, string | string[] | undefined>;

/**
 * A `translations` field for a snapshot item: only the shop's extra languages (text kept for a language
 * the shop stopped using stays out), only fields with text, and no field at all when nothing is left,
 * so a one-language shop's snapshot is as small as before (decision 031).
 */
function translationsFor(shop: ShopRow) {
  const languages = (shop.extraLocales as Locale[]).filter((locale) => locale !== shop.locale);
  return <Stored, Out extends Words>(
    stored: Record<string, Stored>,
    pick: (entry: Stored) => Out,
  ): { translations?: Record<string, Partial<Out>> } => {
    const translations: Record<string, Partial<Out>> = {};
    for (const locale of languages) {
      const entry = stored[locale];
      if (!entry) continue;
      const kept = withoutEmptyText(pick(entry));
      if (Object.keys(kept).length > 0) translations[locale] = kept;
    }
    return Object.keys(translations).length > 0 ? { translations } : {};
  };
}

/** What the storefront renders; the snapshot route checks it against its published schema. */
export type Snapshot = Awaited<ReturnType<typeof buildSnapshot>>;
