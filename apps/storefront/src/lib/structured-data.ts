import { toDecimalString } from "@stall/domain";
import { largestUrl } from "./picture.ts";
import type { Availability, Product, Shop } from "./snapshot.ts";
import { excerpt, plainText } from "./text.ts";
import { absoluteUrl } from "./urls.ts";

const SCHEMA_AVAILABILITY: Record<Availability, string> = {
  in_stock: "https://schema.org/InStock",
  low_stock: "https://schema.org/LimitedAvailability",
  sold_out: "https://schema.org/OutOfStock",
};

/** A price in minor units as schema.org wants it: a decimal string, never a float. */
export function decimalPrice(amount: number, currency: string): string {
  return toDecimalString({ amount, currency });
}

/**
 * JSON-LD `Product` with one `Offer` per variant (price, currency, availability, URL), so search engines
 * and chat apps can show the price and whether it is in stock.
 */
export function productJsonLd(product: Product, shop: Pick<Shop, "name" | "url" | "currency">, productUrl: string) {
  const images = product.photos
    .map((photo) => largestUrl(photo))
    .filter((url): url is string => url !== undefined)
    .map((url) => absoluteUrl(shop.url, url));
  const description = excerpt(plainText(product.descriptionHtml), 5000);
  return {
    "@context": "https://schema.org",
    "@type": "Product",
    name: product.title,
    url: productUrl,
    ...(description ? { description } : {}),
    ...(images.length > 0 ? { image: images } : {}),
    brand: { "@type": "Brand", name: shop.name },
    offers: product.variants.map((variant) => ({
      "@type": "Offer",
      ...(product.variants.length > 1 ? { name: variant.title } : {}),
      price: decimalPrice(variant.price, shop.currency),
      priceCurrency: shop.currency,
      availability: SCHEMA_AVAILABILITY[variant.availability],
      url:
        product.variants.length > 1
          ? `${productUrl}${productUrl.includes("?") ? "&" : "?"}variant=${variant.id}`
          : productUrl,
      seller: { "@type": "Organization", name: shop.name },
    })),
  };
}

/**
 * JSON for a `<script type="application/ld+json">`: `<` escaped so text from owners can never close
 * the script element.
 */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, "\\u003c")
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
}
