// Seeds the demo shop: a real-looking catalogue with photos drawn by code and run through the
// real media pipeline. Runs on the first start of an empty database only.

import type { ImageProcessor, MediaStore, PasswordHasher } from "@stall/api/adapters";
import { type Database, forShop, platform } from "@stall/db";
import { type Clock, createIdGenerator, renderMarkdown, slugify } from "@stall/domain";
import sharp from "sharp";
import {
  DEMO_COLLECTIONS,
  DEMO_DELIVERY_AREAS,
  DEMO_PAGES,
  DEMO_PICKUP_POINTS,
  DEMO_PRODUCTS,
  DEMO_SHOP,
} from "./demo-catalogue.ts";
import { type DemoPhoto, demoPhotoSvg } from "./demo-photos.ts";

export const DEMO_OWNER = { email: "owner@demo.stall.test", password: "demo-owner-2026", name: "Maria Alder" } as const;

export type SeedDeps = {
  database: Database;
  images: ImageProcessor;
  store: MediaStore;
  hasher: PasswordHasher;
  clock: Clock;
  log?: (message: string) => void;
};

/** Renders an SVG string the seed drew to a JPEG: the demo shop's "camera". */
async function rasteriseSvg(svg: string, width: number): Promise<Buffer> {
  return sharp(Buffer.from(svg)).resize({ width }).jpeg({ quality: 90 }).toBuffer();
}

const EXTENSIONS = { avif: "avif", webp: "webp", jpeg: "jpg" } as const;

const photoKey = (photo: DemoPhoto) => `${photo.kind}:${photo.hue}`;

async function mapWithConcurrency<T>(items: T[], limit: number, task: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const item = items[next++] as T;
        await task(item);
      }
    }),
  );
}

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
      bankTransferInstructions:
        "Pay to Fern Hill Farm, account 12-3456-7890123-00, with your order number as the reference.",
    },
    now(),
  );

  const repos = forShop(db, shop.id);
  // Draw and process every photo first, a few at a time: sharp and librsvg use other threads.
  const uniquePhotos = new Map<string, { photo: DemoPhoto; alt: string }>();
  for (const item of DEMO_PRODUCTS) {
    item.photos.forEach((demoPhoto, index) => {
      const key = photoKey(demoPhoto);
      if (!uniquePhotos.has(key))
        uniquePhotos.set(key, { photo: demoPhoto, alt: index === 0 ? item.alt : `${item.title}, another view` });
    });
  }
  const mediaIds = new Map<string, string>();
  await mapWithConcurrency([...uniquePhotos], 2, async ([key, { photo, alt }]) => {
    mediaIds.set(key, await storePhoto(photo, alt));
  });
  deps.log?.(`demo photos: ${uniquePhotos.size} drawn and processed`);

  async function storePhoto(demoPhoto: DemoPhoto, alt: string): Promise<string> {
    const jpeg = await rasteriseSvg(demoPhotoSvg(demoPhoto), 1200);
    const processed = await deps.images.process(jpeg);
    const renditions = [];
    let bytes = 0;
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
    const result = await repos.media.create({
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
    if (result.status === "over_quota") throw new Error("The demo photos do not fit in the demo shop's storage quota");
    return result.media.id;
  }

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
        options: item.options.map((option, index) => ({
          id: newId("option"),
          name: option.name,
          values: option.values,
          position: index,
        })),
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
        mediaIds: [...new Set(item.photos.map((demoPhoto) => mediaIds.get(photoKey(demoPhoto)) ?? ""))],
      },
      now(),
    );
    for (const collection of item.collections) {
      collectionMembers.set(collection, [...(collectionMembers.get(collection) ?? []), productId]);
    }
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
        bodyMarkdown: page.bodyMarkdown,
        bodyHtml: renderMarkdown(page.bodyMarkdown),
        position,
        createdAt: now(),
        updatedAt: now(),
        publishedAt: now(),
      },
      now(),
    );
  }
  for (const [position, point] of DEMO_PICKUP_POINTS.entries()) {
    await repos.pickupPoints.create(
      { id: newId("pickupPoint"), ...point, position, createdAt: now(), updatedAt: now() },
      now(),
    );
  }
  for (const [position, area] of DEMO_DELIVERY_AREAS.entries()) {
    await repos.deliveryAreas.create(
      {
        id: newId("deliveryArea"),
        ...area,
        currency: DEMO_SHOP.currency,
        position,
        createdAt: now(),
        updatedAt: now(),
      },
      now(),
    );
  }
  await directory.shops.setPublished(shop.id, true, now());
  deps.log?.(`demo shop ready: ${DEMO_PRODUCTS.length} products, ${DEMO_COLLECTIONS.length} collections`);
  return { shopId: shop.id, slug: shop.slug };
}
