// The repository behaviour every backend must show: run against a libSQL file and against sqld.
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EmptyFilterError, forShop, platform } from "../src/index.ts";
import { products, productVariants, shops } from "../src/schema/index.ts";
import { createProduct, createShop, newTestId, type TestDatabase } from "../src/testing.ts";

/** The message of an error and of its causes: drizzle wraps the driver's error. */
function errorChain(error: unknown): string {
  const messages: string[] = [];
  for (let current = error; current instanceof Error; current = current.cause) messages.push(current.message);
  return messages.join(" <- ");
}

export function defineRepositorySuite(name: string, open: () => Promise<TestDatabase>) {
  describe(`repositories on ${name}`, () => {
    let database: TestDatabase;
    beforeAll(async () => {
      database = await open();
    });
    afterAll(() => database?.cleanup());

    async function twoShopsWithProducts() {
      const { db } = database;
      const shopA = await createShop(db);
      const shopB = await createShop(db);
      const productA = await createProduct(db, shopA.id, { title: "A's teapot" });
      const productB = await createProduct(db, shopB.id, { title: "B's scarf", stock: 3 });
      return { shopA, shopB, productA, productB };
    }

    it("creates a product with options and variants atomically and bumps the shop version", async () => {
      const { db } = database;
      const shop = await createShop(db);
      const now = Date.now();
      const id = newTestId("product");
      const product = await forShop(db, shop.id).products.create(
        {
          id,
          slug: "apron",
          title: "Apron",
          createdAt: now,
          updatedAt: now,
          options: [{ id: newTestId("option"), name: "Size", position: 0, values: ["S", "M"] }],
          variants: [
            {
              id: newTestId("variant"),
              optionValues: ["S"],
              priceAmount: 1500,
              currency: "USD",
              stock: 2,
              position: 0,
              createdAt: now,
              updatedAt: now,
            },
            {
              id: newTestId("variant"),
              optionValues: ["M"],
              priceAmount: 1600,
              currency: "USD",
              stock: null,
              position: 1,
              createdAt: now,
              updatedAt: now,
            },
          ],
        },
        now,
      );
      expect(product.options.map((option) => option.values)).toEqual([["S", "M"]]);
      expect(product.variants.map((variant) => [variant.optionValues, variant.priceAmount, variant.stock])).toEqual([
        [["S"], 1500, 2],
        [["M"], 1600, null],
      ]);
      const after = await platform(db).shops.findById(shop.id);
      expect(after?.version).toBe(shop.version + 1);
    });

    it("a failed product write leaves nothing behind", async () => {
      const { db } = database;
      const shop = await createShop(db);
      const now = Date.now();
      const id = newTestId("product");
      await expect(
        forShop(db, shop.id).products.create(
          {
            id,
            slug: "broken",
            title: "Broken",
            createdAt: now,
            updatedAt: now,
            options: [],
            variants: [
              {
                id: newTestId("variant"),
                optionValues: [],
                priceAmount: 100,
                currency: "USD",
                stock: -1,
                createdAt: now,
                updatedAt: now,
              },
            ],
          },
          now,
        ),
      ).rejects.toThrow();
      expect(await forShop(db, shop.id).products.get(id)).toBeUndefined();
      expect((await platform(db).shops.findById(shop.id))?.version).toBe(shop.version);
    });

    it("one shop's repository cannot read another shop's rows", async () => {
      const { db } = database;
      const { shopA, productA, productB } = await twoShopsWithProducts();
      const repoA = forShop(db, shopA.id).products;
      expect(await repoA.get(productB.id)).toBeUndefined();
      expect(await repoA.getBySlug(productB.slug)).toBeUndefined();
      const page = await repoA.list({ limit: 100 });
      expect(page.items.map((product) => product.id)).toEqual([productA.id]);
      expect(await repoA.count()).toBe(1);
    });

    it("one shop's repository cannot change or delete another shop's rows", async () => {
      const { db } = database;
      const { shopA, shopB, productB } = await twoShopsWithProducts();
      const repoA = forShop(db, shopA.id);
      const versionB = (await platform(db).shops.findById(shopB.id))?.version;
      expect(await repoA.products.change(productB.id, { fields: { title: "stolen" } }, Date.now())).toBeUndefined();
      expect(await repoA.products.delete(productB.id, Date.now())).toBe(false);
      expect(await repoA.stock.take(productB.variants[0]?.id ?? "", 1, Date.now())).toBe(false);
      expect(await repoA.stock.set(productB.variants[0]?.id ?? "", 0, Date.now())).toBe(false);
      await repoA.products.updateWhere(eq(products.id, productB.id), { title: "stolen" });
      await repoA.products.deleteWhere(eq(products.id, productB.id));
      const untouched = await forShop(db, shopB.id).products.get(productB.id);
      expect(untouched?.title).toBe("B's scarf");
      expect(untouched?.variants[0]?.stock).toBe(3);
      expect((await platform(db).shops.findById(shopB.id))?.version).toBe(versionB);
    });

    it("the database itself refuses a row pointing into another shop", async () => {
      const { db } = database;
      const { shopA, productB } = await twoShopsWithProducts();
      const now = Date.now();
      await expect(
        db.insert(productVariants).values({
          shopId: shopA.id,
          id: newTestId("variant"),
          productId: productB.id,
          priceAmount: 1,
          currency: "USD",
          createdAt: now,
          updatedAt: now,
        }),
      ).rejects.toSatisfy((error) => /FOREIGN KEY/i.test(errorChain(error)));
    });

    it("an update or delete with an empty filter throws and touches nothing", async () => {
      const { db } = database;
      const { shopA, productA } = await twoShopsWithProducts();
      const repo = forShop(db, shopA.id).products;
      expect(() => repo.updateWhere(undefined, { title: "everything" })).toThrow(EmptyFilterError);
      expect(() => repo.deleteWhere(undefined)).toThrow(EmptyFilterError);
      expect((await repo.get(productA.id))?.title).toBe("A's teapot");
      expect(() => forShop(db, "")).toThrow(/shop id/);
    });

    it("takes stock with a guarded statement and never goes below zero", async () => {
      const { db } = database;
      const shop = await createShop(db);
      const product = await createProduct(db, shop.id, { stock: 5 });
      const variantId = product.variants[0]?.id ?? "";
      const stock = forShop(db, shop.id).stock;
      const results = await Promise.all(Array.from({ length: 12 }, () => stock.take(variantId, 1, Date.now())));
      expect(results.filter(Boolean)).toHaveLength(5);
      const after = await forShop(db, shop.id).products.get(product.id);
      expect(after?.variants[0]?.stock).toBe(0);
      await expect(
        db
          .update(productVariants)
          .set({ stock: sql`${productVariants.stock} - 1` })
          .where(eq(productVariants.id, variantId)),
      ).rejects.toSatisfy((error) => /CHECK/i.test(errorChain(error)));
    });

    it("pages products with a cursor", async () => {
      const { db } = database;
      const shop = await createShop(db);
      const created = [];
      for (let index = 0; index < 5; index++) created.push(await createProduct(db, shop.id, { title: `P${index}` }));
      const repo = forShop(db, shop.id).products;
      const first = await repo.list({ limit: 2 });
      const second = await repo.list({ limit: 2, cursor: first.nextCursor ?? undefined });
      const third = await repo.list({ limit: 2, cursor: second.nextCursor ?? undefined });
      expect([...first.items, ...second.items, ...third.items].map((product) => product.title)).toEqual([
        "P0",
        "P1",
        "P2",
        "P3",
        "P4",
      ]);
      expect(third.nextCursor).toBeNull();
    });

    it("resolves storefront hosts to shops", async () => {
      const { db } = database;
      const shop = await createShop(db, { slug: `host-${Date.now().toString(36)}` });
      const directory = platform(db).shops;
      expect((await directory.resolveHost(`${shop.slug}.localhost:4321`, "localhost"))?.id).toBe(shop.id);
      expect((await directory.resolveHost(`${shop.slug.toUpperCase()}.LOCALHOST`, "localhost"))?.id).toBe(shop.id);
      expect(await directory.resolveHost(`nope.${shop.slug}.localhost`, "localhost")).toBeUndefined();
      expect(await directory.resolveHost("localhost:4321", "localhost")).toBeUndefined();
    });

    it("keeps shop slugs unique", async () => {
      const { db } = database;
      const shop = await createShop(db);
      await expect(createShop(db, { slug: shop.slug })).rejects.toThrow(/UNIQUE/i);
      const [row] = await db.select({ count: sql<number>`count(*)` }).from(shops).where(eq(shops.slug, shop.slug));
      expect(Number(row?.count)).toBe(1);
    });
  });
}
