// Seeds the demo shop: a real-looking catalogue with photos drawn by code and run through the
// real media pipeline. Runs on the first start of an empty database only.
import { type Clock, createIdGenerator, renderMarkdown, slugify } from "@stall/domain";
import { type Database, forShop, platform } from "@stall/db";
import { type ImageProcessor, rasteriseSvg } from "../adapters/image-processor.ts";
import type { MediaStore } from "../adapters/media-store.ts";
import type { PasswordHasher } from "../adapters/password-hasher.ts";
import {
  DEMO_COLLECTIONS,
  DEMO_DELIVERY_AREAS,
  DEMO_PAGES,
  DEMO_PICKUP_POINTS,
  DEMO_PRODUCTS,
  DEMO_SHOP,
  type DemoPhoto,
} from "./demo-catalogue.ts";
import { demoPhotoSvg } from "./demo-photos.ts";

export const DEMO_OWNER = { email: "owner@demo.stall.test", password: "demo-owner-2026", name: "Mei Lin" } as const;

export type SeedDeps = {
  database: Database;
  images: ImageProcessor;
  store: MediaStore;
  hasher: PasswordHasher;
  clock: Clock;
  log?: (message: string) => void;
};

const EXTENSIONS = { avif: "avif", webp: "webp", jpeg: "jpg" } as const;

export async function seedDemoShop(deps: SeedDeps): Promise<{ shopId: string; slug: string }> {
  const { db } = deps.database;
  const now = () => deps.clock.now();
  const newId = createIdGenerator(now);
  const directory = platform(db);
  await directory.plans.ensureDefault(now());

  const owner = await directory.users.create({
    id: newId("user"),
    email: DEMO_OWNER.email,
    name: DEMO_OWNER.name,
    passwordHash: await deps.hasher.hash(DEMO_OWNER.password),
    locale: "en",
    createdAt: now(),
    updatedAt: now(),
  });
  const shop = await directory.shops.create(
    {
      id: newId("shop"),
      slug: DEMO_SHOP.slug,
      name: DEMO_SHOP.name,
      currency: DEMO_SHOP.currency,
      locale: DEMO_SHOP.locale,
      ownerUserId: owner.id,
      membershipId: newId("membership"),
      taxSettingsId: newId("taxSettings"),
    },
    now(),
  );
  await directory.shops.updateSettings(
    shop.id,
    {
      tagline: DEMO_SHOP.tagline,
      contactEmail: DEMO_SHOP.contactEmail,
      address: DEMO_SHOP.address,
      extraLocales: ["zh-CN"],
      paymentMethods: ["pay_at_pickup", "cash_on_delivery", "bank_transfer"],
      bankTransferInstructions: "Pay to Hillside Market, account 12-3456-7890123-00, with your order number as the reference.",
    },
    now(),
  );

  const repos = forShop(db, shop.id);
  const photoCache = new Map<string, string>();
  async function photo(demoPhoto: DemoPhoto, alt: string): Promise<string> {
    const cacheKey = `${demoPhoto.kind}:${demoPhoto.hue}`;
    const cached = photoCache.get(cacheKey);
    if (cached) return cached;
    const jpeg = await rasteriseSvg(demoPhotoSvg(demoPhoto), 1200);
    const processed = await deps.images.process(jpeg);
    const renditions = [];
    let bytes = jpeg.byteLength;
    for (const rendition of processed.renditions) {
      const storageKey = await deps.store.put(rendition.data, EXTENSIONS[rendition.format]);
      bytes += rendition.data.byteLength;
      renditions.push({
        id: newId("rendition"),
        format: rendition.format,
        width: rendition.width,
        height: rendition.height,
        bytes: rendition.data.byteLength,
        storageKey,
        createdAt: now(),
      });
    }
    const media = await repos.media.create({
      id: newId("media"),
      contentHash: processed.contentHash,
      originalFilename: `${demoPhoto.kind}.jpg`,
      mimeType: processed.mimeType,
      width: processed.width,
      height: processed.height,
      bytes,
      alt,
      createdAt: now(),
      renditions,
    });
    photoCache.set(cacheKey, media.id);
    return media.id;
  }

  const productIdsBySlug = new Map<string, string>();
  const collectionMembers = new Map<string, string[]>();
  for (const [position, item] of DEMO_PRODUCTS.entries()) {
    const slug = slugify(item.title);
    const productId = newId("product");
    await repos.products.create(
      {
        id: productId,
        slug,
        title: item.title,
        description: item.description,
        status: item.status ?? "active",
        position,
        createdAt: now(),
        updatedAt: now(),
        options: item.options.map((option, index) => ({ id: newId("option"), name: option.name, values: option.values, position: index })),
        variants: item.variants.map((variant, index) => ({
          id: newId("variant"),
          optionValues: variant.optionValues,
          sku: variant.sku,
          priceAmount: variant.price,
          compareAtAmount: variant.compareAtPrice ?? null,
          currency: DEMO_SHOP.currency,
          stock: variant.stock,
          position: index,
          createdAt: now(),
          updatedAt: now(),
        })),
      },
      now(),
    );
    const mediaIds = [];
    for (const [index, demoPhoto] of item.photos.entries()) {
      mediaIds.push(await photo(demoPhoto, index === 0 ? item.alt : `${item.title}, another view`));
    }
    await repos.media.setProductMedia(productId, [...new Set(mediaIds)], now());
    productIdsBySlug.set(slug, productId);
    for (const collection of item.collections) {
      collectionMembers.set(collection, [...(collectionMembers.get(collection) ?? []), productId]);
    }
    deps.log?.(`demo product ${position + 1}/${DEMO_PRODUCTS.length}: ${item.title}`);
  }

  for (const [position, collection] of DEMO_COLLECTIONS.entries()) {
    await repos.collections.create(
      { id: newId("collection"), ...collection, position, createdAt: now(), updatedAt: now() },
      collectionMembers.get(collection.slug) ?? [],
      now(),
    );
  }
  for (const [position, page] of DEMO_PAGES.entries()) {
    await repos.pages.create(
      {
        id: newId("page"),
        slug: page.slug,
        title: page.title,
        bodyMarkdown: page.body,
        bodyHtml: renderMarkdown(page.body),
        position,
        createdAt: now(),
        updatedAt: now(),
        publishedAt: now(),
      },
      now(),
    );
  }
  for (const [position, point] of DEMO_PICKUP_POINTS.entries()) {
    await repos.fulfilment.addPickupPoint({ id: newId("pickupPoint"), ...point, position, createdAt: now(), updatedAt: now() }, now());
  }
  for (const [position, area] of DEMO_DELIVERY_AREAS.entries()) {
    await repos.fulfilment.addDeliveryArea(
      { id: newId("deliveryArea"), ...area, currency: DEMO_SHOP.currency, position, createdAt: now(), updatedAt: now() },
      now(),
    );
  }
  await directory.shops.setPublished(shop.id, true, now());
  return { shopId: shop.id, slug: shop.slug };
}
