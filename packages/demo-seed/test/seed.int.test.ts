// The embedded default's first run: migrate and seed the demo shop, once.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createLocalMediaStore } from "@stall/api/adapters";
import { parseEnv } from "@stall/api/env";
import { createDb, forShop, platform } from "@stall/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prepareDatabase } from "../src/prepare-database.ts";
import { DEMO_OWNER } from "../src/seed-demo-shop.ts";

const dir = mkdtempSync(join(tmpdir(), "stall-seed-"));
const env = parseEnv({ DATA_DIR: join(dir, "data"), DATABASE_URL: `file:${join(dir, "data", "stall.db")}` });
let first: Awaited<ReturnType<typeof prepareDatabase>>;

beforeAll(async () => {
  first = await prepareDatabase(env, () => {});
}, 180_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("first start", () => {
  it("seeds a published demo shop and reports its owner", async () => {
    expect(first).toEqual({ demoSlug: "demo", demoOwner: { email: DEMO_OWNER.email, password: DEMO_OWNER.password } });
    const database = await createDb(env.DATABASE_URL);
    try {
      const shop = await platform(database.db).shops.findBySlug("demo");
      expect(shop).toMatchObject({ isPublished: true, status: "active", currency: "USD" });
      const owner = await platform(database.db).users.findByEmail(DEMO_OWNER.email);
      expect(owner?.passwordHash).toMatch(/^scrypt\$131072\$8\$1\$/);
      expect(owner?.passwordHash).not.toContain(DEMO_OWNER.password);
    } finally {
      database.close();
    }
  });

  it("gives the demo shop a real-looking catalogue: 12+ active products with options, stock and photos", async () => {
    const database = await createDb(env.DATABASE_URL);
    const store = createLocalMediaStore(join(env.dataDir, "media"));
    try {
      const shop = await platform(database.db).shops.findBySlug("demo");
      const repos = forShop(database.db, shop?.id ?? "");
      const { items } = await repos.products.list({ limit: 100, status: "active" });
      expect(items.length).toBeGreaterThanOrEqual(12);
      expect(items.some((product) => product.options.length >= 2)).toBe(true);
      expect(items.some((product) => product.variants.some((variant) => variant.stock === 0))).toBe(true);
      expect(items.some((product) => product.variants.some((variant) => variant.stock === null))).toBe(true);
      expect(
        items.some((product) =>
          product.variants.some((variant) => (variant.compareAtAmount ?? 0) > variant.priceAmount),
        ),
      ).toBe(true);

      const photos = await repos.media.forProducts(items.map((product) => product.id));
      const withPhotos = new Set(photos.map((photo) => photo.productId));
      expect(items.every((product) => withPhotos.has(product.id))).toBe(true);
      for (const photo of photos) {
        expect(photo.alt.length).toBeGreaterThan(0);
        expect(new Set(photo.renditions.map((rendition) => rendition.format))).toEqual(
          new Set(["avif", "webp", "jpeg"]),
        );
      }
      const sample = photos[0]?.renditions[0];
      const file = await store.get(sample?.storageKey ?? "");
      expect(file?.size).toBe(sample?.bytes);

      const collections = await repos.collections.list();
      expect(collections.length).toBeGreaterThanOrEqual(3);
      const pages = await repos.pages.list();
      expect(pages.map((page) => page.slug)).toEqual(expect.arrayContaining(["about", "delivery", "returns"]));
      expect(pages[0]?.bodyHtml).toMatch(/^<(p|h\d|ul)>/);
      expect((await repos.pickupPoints.list()).length).toBeGreaterThan(0);
      expect((await repos.deliveryAreas.list()).length).toBeGreaterThan(0);
    } finally {
      database.close();
    }
  });
});

describe("second start", () => {
  it("keeps the data and does not seed again", async () => {
    const database = await createDb(env.DATABASE_URL);
    try {
      const before = await platform(database.db).shops.count();
      const again = await prepareDatabase(env, () => {});
      expect(again).toEqual({ demoSlug: "demo" });
      expect(await platform(database.db).shops.count()).toBe(before);
    } finally {
      database.close();
    }
  });

  it("does not seed when SEED_DEMO=false", async () => {
    const other = mkdtempSync(join(tmpdir(), "stall-noseed-"));
    try {
      const result = await prepareDatabase(
        parseEnv({ SEED_DEMO: "false", DATA_DIR: other, DATABASE_URL: `file:${join(other, "stall.db")}` }),
        () => {},
      );
      expect(result).toEqual({});
    } finally {
      rmSync(other, { recursive: true, force: true });
    }
  });
});
