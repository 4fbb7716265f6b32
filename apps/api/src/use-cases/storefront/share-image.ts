import type { MediaWithRenditions } from "@stall/db";
import { formatMoney, money } from "@stall/domain";
import { asLocale } from "@stall/i18n";
import { apiMessages } from "@stall/i18n/api";
import { LRUCache } from "lru-cache";
import type { ImageComposer } from "../../adapters/share-card.ts";
import type { Deps } from "../../deps.ts";
import { publicShop } from "./public-shop.ts";

export type ShareImage = { image: Buffer; etag: string };

/** How many characters of a tagline or collection description fit under the title on a card. */
const CARD_SUBTITLE = 90;

function excerptLine(text: string): string {
  const line = text.replace(/\s+/g, " ").trim();
  return [...line].length > CARD_SUBTITLE ? `${[...line].slice(0, CARD_SUBTITLE - 1).join("")}…` : line;
}

/**
 * The pictures a chat app shows when someone shares a link to a shop: 1200x630 cards for a product
 * (photo, name, price, shop), the shop's home (logo or first product photo, name, tagline) and a
 * collection (its first product photo, title, description, shop). Each is made once per version of
 * what it shows and held in memory.
 */
export function createShareImageService(deps: Deps, composer: ImageComposer) {
  // Made on first use: routes are also built with no configuration at all, for the OpenAPI document.
  let images: LRUCache<string, Buffer> | undefined;
  const held = () =>
    (images ??= new LRUCache<string, Buffer>({
      maxSize: Math.max(1, deps.config.caches.shareImageBytes),
      sizeCalculation: (image) => image.byteLength,
    }));
  async function photoBytes(photo: MediaWithRenditions | undefined): Promise<Buffer | undefined> {
    const jpeg = photo?.renditions
      .filter((rendition) => rendition.format === "jpeg")
      .sort((a, b) => b.width - a.width)[0];
    return jpeg ? (await deps.mediaStore.get(jpeg.storageKey))?.data : undefined;
  }
  async function cached(etag: string, draw: () => Promise<Buffer>): Promise<ShareImage> {
    const hit = held().get(etag);
    if (hit) return { image: hit, etag };
    const image = await draw();
    held().set(etag, image);
    return { image, etag };
  }
  return {
    /** For /metrics. */
    figures: () => ({
      bytes: images?.calculatedSize ?? 0,
      entries: images?.size ?? 0,
      budget: deps.config.caches.shareImageBytes,
    }),
    async get(host: string, slug: string): Promise<ShareImage | undefined> {
      const { shop, repos } = await publicShop(deps, host);
      const product = await repos.products.getBySlug(slug);
      if (product?.status !== "active") return undefined;
      return cached(`"${product.id}.${product.updatedAt}.${shop.version}"`, async () => {
        const [photo] = await repos.media.forProducts([product.id]);
        const prices = product.variants.map((variant) => variant.priceAmount);
        const lowest = Math.min(...prices);
        const price = formatMoney(money(lowest, shop.currency), shop.locale);
        return composer.shareCard({
          photo: await photoBytes(photo),
          title: product.title,
          price: prices.some((value) => value !== lowest) ? apiMessages[asLocale(shop.locale)].priceFrom(price) : price,
          shopName: shop.name,
        });
      });
    },

    /** The shop's card: its logo, else the first photo of its first product on sale. */
    async getShop(host: string): Promise<ShareImage> {
      const { shop, repos } = await publicShop(deps, host);
      return cached(`"${shop.id}.shop.${shop.version}"`, async () => {
        let photo = shop.logoMediaId ? await repos.media.get(shop.logoMediaId) : undefined;
        if (!photo) {
          const products = await repos.products.listAll("active");
          const photos = await repos.media.forProducts(products.map((product) => product.id));
          const first = products.find((product) => photos.some((candidate) => candidate.productId === product.id));
          photo = photos.find((candidate) => candidate.productId === first?.id);
        }
        return composer.shareCard({
          photo: await photoBytes(photo),
          title: shop.name,
          subtitle: excerptLine(shop.tagline),
          shopName: "",
        });
      });
    },

    /** A collection's card: the first photo among its products on sale, its title and description. */
    async getCollection(host: string, slug: string): Promise<ShareImage | undefined> {
      const { shop, repos } = await publicShop(deps, host);
      const row = await repos.collections.getBySlug(slug);
      const collection = row ? await repos.collections.get(row.id) : undefined;
      if (!collection) return undefined;
      return cached(`"${collection.id}.${shop.version}"`, async () => {
        const active = new Set((await repos.products.listAll("active")).map((product) => product.id));
        const members = collection.productIds.filter((id) => active.has(id));
        const photos = await repos.media.forProducts(members);
        const firstWithPhoto = members.find((id) => photos.some((photo) => photo.productId === id));
        return composer.shareCard({
          photo: await photoBytes(photos.find((photo) => photo.productId === firstWithPhoto)),
          title: collection.title,
          subtitle: excerptLine(collection.description),
          shopName: shop.name,
        });
      });
    },
  };
}
