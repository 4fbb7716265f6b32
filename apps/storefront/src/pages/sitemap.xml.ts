import type { APIRoute } from "astro";
import { requireShop } from "../lib/shop-context.ts";
import { type SitemapEntry, sitemapXml } from "../lib/sitemap.ts";
import { alternateLinks, canonicalUrl } from "../lib/urls.ts";

/** Every public page of the shop, in its own language, with the other language as alternates. */
export const GET: APIRoute = ({ locals }) => {
  const { snapshot } = requireShop(locals);
  const shop = snapshot.shop;
  const entry = (path: string, lastmod?: number): SitemapEntry => ({
    loc: canonicalUrl(shop, path, shop.locale),
    ...(lastmod ? { lastmod } : {}),
    alternates: alternateLinks(shop, path),
  });
  const newest = Math.max(0, ...snapshot.products.map((product) => product.updatedAt));
  const entries = [
    entry("/", newest || undefined),
    ...snapshot.collections
      .filter((collection) => collection.productIds.length > 0)
      .map((collection) => entry(`/collections/${encodeURIComponent(collection.slug)}`)),
    ...snapshot.products.map((product) => entry(`/products/${encodeURIComponent(product.slug)}`, product.updatedAt)),
    ...snapshot.pages.map((page) => entry(`/pages/${encodeURIComponent(page.slug)}`)),
  ];
  return new Response(sitemapXml(entries), { headers: { "Content-Type": "application/xml; charset=utf-8" } });
};
