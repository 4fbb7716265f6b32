// What the share kit's pages and downloads show: the shop's products on sale, the photo to print, the
// QR target and the words, in the shop's language (the poster is for its buyers, not the owner).
import { PUBLIC_API_URL } from "astro:env/server";
import { isLocale, type Locale } from "@stall/i18n";
import { dataOf } from "./api.ts";
import { messagesFor } from "./locale.ts";
import type { Product } from "./products.ts";
import type { ShopContext } from "./shop.ts";

/** The shop's products on sale, in the owner's order (the first hundred: a market stall has fewer). */
export async function productsOnSale(context: ShopContext): Promise<Product[]> {
  const result = await context.api.GET("/v1/shops/{shopId}/products", {
    params: { path: { shopId: context.shop.id }, query: { limit: 100, status: "active" } },
  });
  return dataOf(result).items;
}

/** A JPEG of the product's first photo big enough to print (the largest up to 1200 px wide). */
export function printPhotoOf(product: Product | undefined) {
  const jpegs = (product?.photos[0]?.renditions ?? []).filter((item) => item.format === "jpeg");
  const fitting = jpegs.filter((item) => item.width <= 1200).sort((a, b) => b.width - a.width);
  return fitting[0] ?? [...jpegs].sort((a, b) => a.width - b.width)[0];
}

/** The storefront path of a product (its QR code is that path plus /qr.svg). */
export const productPath = (product: Product) => `/products/${encodeURIComponent(product.slug)}`;

/** The picture chat apps show for a product link, served by the API (1200 x 630 JPEG). */
export function shareImageOf(shopUrl: string, product: Product): string {
  const host = encodeURIComponent(new URL(shopUrl).host);
  return `${PUBLIC_API_URL}/v1/storefront/${host}/products/${encodeURIComponent(product.slug)}/share.jpg?v=${product.updatedAt}`;
}

export type Printable = {
  lang: Locale;
  title: string;
  subtitle: string | undefined;
  scan: string;
  address: string;
  /** Where the QR code leads. */
  target: string;
  /** The storefront's QR image for the page on screen. */
  qrSrc: string;
  qrAlt: string;
  photo: { url: string; width: number; height: number } | undefined;
  product: Product | undefined;
};

/**
 * The sheet for the shop, or for one product (`productId`): undefined when that product is not on sale
 * in this shop, so another shop's product id is a 404 like any other.
 */
export async function printableOf(context: ShopContext, productId?: string | null): Promise<Printable | undefined> {
  const { shop } = context;
  const products = await productsOnSale(context);
  const product = productId ? products.find((item) => item.id === productId) : undefined;
  if (productId && !product) return undefined;
  const lang = isLocale(shop.locale) ? shop.locale : "en";
  const words = messagesFor(lang);
  const target = product ? `${shop.url}${productPath(product)}` : shop.url;
  const withPhoto = product ?? products.find((item) => item.photos.length > 0);
  return {
    lang,
    title: product?.title ?? shop.name,
    subtitle: product ? shop.name : undefined,
    scan: words.posterScan,
    address: new URL(shop.url).host,
    target,
    qrSrc: `${target}/qr.svg`,
    qrAlt: words.qrAlt(product?.title ?? shop.name),
    photo: printPhotoOf(withPhoto),
    product,
  };
}
