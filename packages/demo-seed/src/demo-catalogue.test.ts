import sharp from "sharp";
import { describe, expect, it } from "vitest";
import {
  DEMO_COLLECTIONS,
  DEMO_DELIVERY_AREAS,
  DEMO_PAGES,
  DEMO_PICKUP_POINTS,
  DEMO_PRODUCTS,
  DEMO_SHOP,
  type DemoProduct,
} from "./demo-catalogue.ts";
import { type DemoPhoto, demoPhotoSvg, PHOTO_KINDS } from "./demo-photos.ts";

const allVariants = DEMO_PRODUCTS.flatMap((product) => product.variants.map((variant) => ({ product, variant })));
const isInteger = (value: unknown): boolean => typeof value === "number" && Number.isInteger(value);

/** Every distinct photo the catalogue uses, once each. */
const usedPhotos: DemoPhoto[] = [
  ...new Map(DEMO_PRODUCTS.flatMap((p) => p.photos).map((photo) => [`${photo.kind}:${photo.hue}`, photo])).values(),
];

describe("demo shop", () => {
  it("is the USD demo shop with contact details", () => {
    expect(DEMO_SHOP.slug).toBe("demo");
    expect(DEMO_SHOP.currency).toBe("USD");
    expect(DEMO_SHOP.name.length).toBeGreaterThan(0);
    expect(DEMO_SHOP.tagline.length).toBeLessThanOrEqual(160);
    expect(DEMO_SHOP.contactEmail).toMatch(/^[^@\s]+@[^@\s]+\.[a-z]+$/);
    expect(DEMO_SHOP.address.length).toBeGreaterThan(0);
  });

  it("has 3-4 collections with unique slugs, exactly one featured", () => {
    expect(DEMO_COLLECTIONS.length).toBeGreaterThanOrEqual(3);
    expect(DEMO_COLLECTIONS.length).toBeLessThanOrEqual(4);
    expect(new Set(DEMO_COLLECTIONS.map((c) => c.slug)).size).toBe(DEMO_COLLECTIONS.length);
    expect(DEMO_COLLECTIONS.filter((c) => c.isFeatured)).toHaveLength(1);
    for (const collection of DEMO_COLLECTIONS) expect(collection.slug).toMatch(/^[a-z0-9]+(?:-[a-z0-9]+)*$/);
  });

  it("has about, delivery and returns pages, pickup points and delivery areas", () => {
    expect(DEMO_PAGES.map((page) => page.slug).sort()).toEqual(["about", "delivery", "returns"]);
    for (const page of DEMO_PAGES) expect(page.bodyMarkdown.trim().length).toBeGreaterThan(50);
    expect(DEMO_PICKUP_POINTS.length).toBeGreaterThan(0);
    for (const point of DEMO_PICKUP_POINTS) {
      for (const hours of point.hours) {
        expect(hours.opens).toMatch(/^\d\d:\d\d$/);
        expect(hours.closes > hours.opens).toBe(true);
      }
    }
    expect(DEMO_DELIVERY_AREAS.length).toBeGreaterThan(0);
    for (const area of DEMO_DELIVERY_AREAS) {
      for (const amount of [area.feeAmount, area.minimumOrderAmount]) {
        expect(isInteger(amount), `${area.name}: ${amount} is whole minor units`).toBe(true);
        expect(amount).toBeGreaterThanOrEqual(0);
      }
      if (area.freeOverAmount !== null) expect(area.freeOverAmount).toBeGreaterThan(area.minimumOrderAmount);
      for (const day of area.deliveryDays) {
        expect(day).toBeGreaterThanOrEqual(0);
        expect(day).toBeLessThanOrEqual(6);
      }
    }
  });
});

describe("demo products", () => {
  it("has at least 14 products and at least 12 active ones, titles unique", () => {
    expect(DEMO_PRODUCTS.length).toBeGreaterThanOrEqual(14);
    const active = DEMO_PRODUCTS.filter((p) => (p.status ?? "active") === "active");
    expect(active.length).toBeGreaterThanOrEqual(12);
    expect(DEMO_PRODUCTS.filter((p) => p.status === "draft")).toHaveLength(1);
    expect(new Set(DEMO_PRODUCTS.map((p) => p.title)).size).toBe(DEMO_PRODUCTS.length);
  });

  it("has unique SKUs", () => {
    const skus = allVariants.map(({ variant }) => variant.sku);
    for (const sku of skus) {
      expect(sku.trim(), "SKU is not blank").not.toBe("");
      expect(sku.length, sku).toBeLessThanOrEqual(64);
    }
    expect(new Set(skus).size).toBe(skus.length);
  });

  it("covers the shapes a shop needs: no, one and two options, sales, sold out, low and untracked stock", () => {
    const optionCounts = new Set(DEMO_PRODUCTS.map((p) => p.options.length));
    expect([...optionCounts].sort()).toEqual(expect.arrayContaining([0, 1, 2]));
    expect(allVariants.filter(({ variant }) => variant.compareAtPrice !== undefined).length).toBeGreaterThan(1);
    expect(allVariants.some(({ variant }) => variant.stock === 0)).toBe(true);
    expect(allVariants.some(({ variant }) => variant.stock !== null && variant.stock >= 1 && variant.stock <= 3)).toBe(
      true,
    );
    expect(allVariants.some(({ variant }) => variant.stock === null)).toBe(true);
    expect(allVariants.some(({ variant }) => variant.stock !== null && variant.stock > 3)).toBe(true);
  });

  it.each(DEMO_PRODUCTS.map((product) => [product.title, product] as const))("%s is well formed", (_, product) => {
    expect(product.title.trim()).toBe(product.title);
    expect(product.titleZh).toMatch(/\p{Script=Han}/u);
    const sentences = product.description.split(/(?<=[.!?])\s/).filter((s) => s.trim().length > 0);
    expect(sentences.length).toBeGreaterThanOrEqual(2);
    expect(product.alt.length).toBeGreaterThan(20);
    expect(product.photos.length).toBeGreaterThanOrEqual(1);
    expect(product.photos.length).toBeLessThanOrEqual(3);
    for (const photo of product.photos) expect(PHOTO_KINDS).toContain(photo.kind);
    expect(product.collections.length).toBeGreaterThan(0);
    expect(new Set(product.collections).size).toBe(product.collections.length);
  });

  it.each(DEMO_PRODUCTS.map((product) => [product.title, product] as const))(
    "%s: variants match its options",
    (_, product: DemoProduct) => {
      expect(product.options.length).toBeLessThanOrEqual(3);
      expect(new Set(product.options.map((o) => o.name)).size).toBe(product.options.length);
      for (const option of product.options) {
        expect(option.values.length).toBeGreaterThan(0);
        expect(new Set(option.values).size).toBe(option.values.length);
      }
      expect(product.variants.length).toBeGreaterThan(0);
      if (product.options.length === 0) expect(product.variants).toHaveLength(1);
      const combinations = new Set<string>();
      for (const variant of product.variants) {
        expect(variant.optionValues).toHaveLength(product.options.length);
        variant.optionValues.forEach((value, position) => {
          expect(product.options[position]?.values).toContain(value);
        });
        combinations.add(JSON.stringify(variant.optionValues));
      }
      expect(combinations.size).toBe(product.variants.length);
      // every option value is offered by at least one variant
      product.options.forEach((option, position) => {
        for (const value of option.values) {
          expect(product.variants.some((v) => v.optionValues[position] === value)).toBe(true);
        }
      });
    },
  );

  it.each(allVariants.map(({ product, variant }) => [variant.sku, product.title, variant] as const))(
    "%s (%s) has a realistic price and stock",
    (_, _title, variant) => {
      expect(isInteger(variant.price)).toBe(true);
      expect(variant.price).toBeGreaterThan(0);
      expect(variant.price).toBeLessThan(100_000);
      if (variant.compareAtPrice !== undefined) {
        expect(isInteger(variant.compareAtPrice)).toBe(true);
        expect(variant.compareAtPrice).toBeGreaterThan(variant.price);
      }
      if (variant.stock !== null) {
        expect(isInteger(variant.stock)).toBe(true);
        expect(variant.stock).toBeGreaterThanOrEqual(0);
      }
    },
  );

  it("only references collections that exist, and every collection has active products", () => {
    const slugs = new Set(DEMO_COLLECTIONS.map((c) => c.slug));
    for (const product of DEMO_PRODUCTS) {
      for (const slug of product.collections) expect(slugs, `${product.title} -> ${slug}`).toContain(slug);
    }
    for (const { slug } of DEMO_COLLECTIONS) {
      const members = DEMO_PRODUCTS.filter((p) => p.status !== "draft" && p.collections.includes(slug));
      expect(members.length, slug).toBeGreaterThanOrEqual(3);
    }
  });

  it("uses every photo kind at least once", () => {
    const used = new Set(DEMO_PRODUCTS.flatMap((p) => p.photos.map((photo) => photo.kind)));
    expect([...PHOTO_KINDS].filter((kind) => !used.has(kind))).toEqual([]);
  });
});

describe("demo photos", () => {
  it.each(usedPhotos.map((photo) => [photo.kind, photo.hue, photo] as const))(
    "%s (hue %i) renders to a 1200x1200 image",
    async (_kind, _hue, photo) => {
      const svg = demoPhotoSvg(photo);
      expect(svg).not.toContain("<text");
      expect(svg).not.toContain("href");
      expect(svg).not.toMatch(/url\((?!#)/);
      expect(svg).not.toContain("NaN");
      const png = await sharp(Buffer.from(svg)).png().toBuffer();
      const metadata = await sharp(png).metadata();
      expect(metadata.format).toBe("png");
      expect(metadata.width).toBe(1200);
      expect(metadata.height).toBe(1200);
      // a real picture, not a blank square: the object stands out from the backdrop
      const stats = await sharp(png).stats();
      expect(stats.channels.some((channel) => channel.stdev > 12)).toBe(true);
    },
  );

  it.each(PHOTO_KINDS.map((kind) => [kind] as const))("%s renders at any hue", async (kind) => {
    for (const hue of [0, 123.4, 359, -30, 720]) {
      const svg = demoPhotoSvg({ kind, hue });
      expect(svg).not.toContain("NaN");
      const { width, height } = await sharp(Buffer.from(svg)).metadata();
      expect([width, height]).toEqual([1200, 1200]);
    }
  });

  it("is deterministic and honours the size", async () => {
    const photo: DemoPhoto = { kind: "bread", hue: 30 };
    expect(demoPhotoSvg(photo)).toBe(demoPhotoSvg({ ...photo }));
    expect(demoPhotoSvg({ kind: "mug", hue: 10 })).not.toBe(demoPhotoSvg({ kind: "mug", hue: 200 }));
    const small = await sharp(Buffer.from(demoPhotoSvg(photo, 300)))
      .png()
      .toBuffer();
    const { width, height } = await sharp(small).metadata();
    expect([width, height]).toEqual([300, 300]);
  });
});
