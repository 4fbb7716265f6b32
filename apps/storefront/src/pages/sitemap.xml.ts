import type { APIRoute } from "astro";
import { shopLocales } from "../lib/i18n.ts";
import { requireShop } from "../lib/shop-context.ts";
import { type SitemapEntry, sitemapXml } from "../lib/sitemap.ts";
import { alternateLinks, canonicalUrl } from "../lib/urls.ts";

/**
 * Every public page of the shop in each of its languages, each listing all of them as alternates
 * (as search engines ask: every language version names itself and the others).
 */
export const GET: APIRoute = ({ locals }) => {
  const { snapshot } = requireShop(locals);
  const shop = snapshot.shop;
  const languages = shopLocales(shop);
  const entry = (path: string, lastmod?: number): SitemapEntry[] =>
    languages.map((locale) => ({
      loc: canonicalUrl(shop, path, locale),
      ...(lastmod ? { lastmod } : {}),
      alternates: alternateLinks(shop, path),
    }));
  const newest = Math.max(0, ...snapshot.products.map((product) => product.updatedAt));
  const entries = [
    ...entry("/", newest || undefined),
    ...snapshot.collections
      .filter((collection) => collection.productIds.length > 0)
      .flatMap((collection) => entry(`/collections/${encodeURIComponent(collection.slug)}`)),
    ...snapshot.products.flatMap((product) =>
      entry(`/products/${encodeURIComponent(product.slug)}`, product.updatedAt),
    ),
    ...snapshot.pages.flatMap((page) => entry(`/pages/${encodeURIComponent(page.slug)}`)),
  ];
  return new Response(sitemapXml(entries), { headers: { "Content-Type": "application/xml; charset=utf-8" } });
};
