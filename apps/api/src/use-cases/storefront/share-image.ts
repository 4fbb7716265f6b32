import { formatMoney, money } from "@stall/domain";
import { asLocale } from "@stall/i18n";
import { apiMessages } from "@stall/i18n/api";
import { LRUCache } from "lru-cache";
import type { ImageComposer } from "../../adapters/share-card.ts";
import type { Deps } from "../../deps.ts";
import { publicShop } from "./public-shop.ts";

/**
 * The picture a chat app shows when someone shares a product link: 1200x630, the product photo,
 * its name, price and the shop's name. Made once per product version and held in memory.
 */
export function createShareImageService(deps: Deps, composer: ImageComposer) {
  const cache = new LRUCache<string, Buffer>({
    maxSize: 32 * 1024 * 1024,
    sizeCalculation: (image) => image.byteLength,
  });
  return {
    async get(host: string, slug: string): Promise<{ image: Buffer; etag: string } | undefined> {
      const { shop, repos } = await publicShop(deps, host);
      const product = await repos.products.getBySlug(slug);
      if (product?.status !== "active") return undefined;
      const etag = `"${product.id}.${product.updatedAt}.${shop.version}"`;
      const cached = cache.get(etag);
      if (cached) return { image: cached, etag };
      const [photo] = await repos.media.forProducts([product.id]);
      const jpeg = photo?.renditions
        .filter((rendition) => rendition.format === "jpeg")
        .sort((a, b) => b.width - a.width)[0];
      const photoBytes = jpeg ? (await deps.mediaStore.get(jpeg.storageKey))?.data : undefined;
      const prices = product.variants.map((variant) => variant.priceAmount);
      const lowest = Math.min(...prices);
      const price = formatMoney(money(lowest, shop.currency), shop.locale);
      const image = await composer.shareCard({
        photo: photoBytes,
        title: product.title,
        price: prices.some((value) => value !== lowest) ? apiMessages[asLocale(shop.locale)].priceFrom(price) : price,
        shopName: shop.name,
      });
      cache.set(etag, image);
      return { image, etag };
    },
  };
}
