// Moving a whole shop in from Shopify, photos included: the generated 1,000-product, 70-column export
// (options, variant images, metafields, multi-line HTML, VND prices, the "continue" policy) is imported
// while a local HTTP server serves every photo it names. Once the background job has finished, every
// product has each of its photos, in order, with its alt text and in every rendition; every variant with
// a Variant Image shows that photo; and the import's answer names every column it did not keep.
import { once } from "node:events";
import { createServer, type Server } from "node:http";
import { forShop, platform } from "@stall/db";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createMediaFetcher } from "../src/adapters/media-fetcher.ts";
import { createPhotoImportWorker, type PhotoImportWorker } from "../src/photo-imports/photo-import-worker.ts";
import { ownerWithShop } from "./client.ts";
import { generateShopifyExport } from "./fixtures/shopify-export.ts";
import { createHarness, type Harness, type Json } from "./harness.ts";

let harness: Harness;
let server: Server;
let base: string;
let served = 0;

/**
 * A small photo of its own for every address: the colour comes from the path, so no two products
 * share bytes and a photo landing on the wrong product would show. Small keeps 3,000-odd photos quick.
 */
async function photoFor(path: string): Promise<Buffer> {
  let hash = 0;
  for (const char of path) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  const colour = `#${(hash & 0xffffff).toString(16).padStart(6, "0")}`;
  return sharp({ create: { width: 96, height: 72, channels: 3, background: colour } })
    .jpeg()
    .toBuffer();
}

beforeAll(async () => {
  harness = await createHarness();
  server = createServer((request, response) => {
    const path = request.url ?? "/";
    if (!/^\/photos\/p\d+-\d+\.jpg$/.test(path)) {
      response.writeHead(404).end("not found");
      return;
    }
    served++;
    void photoFor(path).then((image) => response.writeHead(200, { "content-type": "image/jpeg" }).end(image));
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});

afterAll(async () => {
  server?.closeAllConnections();
  server?.close();
  harness?.cleanup();
});

describe("moving in from Shopify with every photo", () => {
  let worker: PhotoImportWorker | undefined;
  afterAll(async () => {
    await worker?.stop();
  });

  it("a 1,000-product export arrives whole: photos in every rendition, variants with theirs, nothing dropped unreported", async () => {
    const owner = await ownerWithShop(harness, { currency: "VND" });
    const directory = platform(harness.database.db);
    await directory.plans.upsert({
      id: "plan_migration",
      name: "Moving in",
      priceAmount: 0,
      currency: "USD",
      maxProducts: 2000,
      storageQuotaBytes: 1024 * 1024 * 1024,
      applicationFeeBasisPoints: 0,
      createdAt: harness.clock.now(),
    });
    await directory.shops.setPlan(owner.shopId, "plan_migration", harness.clock.now());
    const file = generateShopifyExport({ count: 1000, currency: "VND", imageBaseUrl: `${base}/photos` });
    const photoCount = file.products.reduce((sum, product) => sum + product.images.length, 0);

    const imported = await owner.api.call("POST", `/v1/shops/${owner.shopId}/products/import`, file.csv, {
      "content-type": "text/csv",
    });
    expect(imported.status).toBe(200);
    expect(imported.body).toMatchObject({
      created: 1000,
      photoImport: { photosQueued: photoCount },
      report: { columnsNotKept: file.columnsNotKept },
    });
    // Every column of the file is either kept or named in the answer.
    const header = file.csv.split("\r\n")[0] ?? "";
    expect(header.split(",").length).toBeGreaterThanOrEqual(70);

    worker = createPhotoImportWorker(harness.deps, {
      fetcher: createMediaFetcher({ allowPrivate: true, maxBytes: 25 * 1024 * 1024, totalTimeoutMs: 10_000 }),
      perShop: 4,
      global: 4,
    });
    worker.start(10);
    const importId = imported.body.photoImport.id as string;
    let job: Json = {};
    await vi.waitFor(
      async () => {
        job = (await owner.api.get(`/v1/shops/${owner.shopId}/imports/${importId}`)).body;
        expect(job.status).toBe("finished");
      },
      { timeout: 600_000, interval: 500 },
    );
    await worker.stop();
    expect(job.photos).toEqual({ total: photoCount, waiting: 0, fetched: photoCount, failed: 0 });
    expect(served).toBe(photoCount);

    const repos = forShop(harness.database.db, owner.shopId);
    const products = await repos.products.listAll("active");
    for (const status of ["draft", "archived"] as const) products.push(...(await repos.products.listAll(status)));
    const photos = await repos.media.forProducts(products.map((product) => product.id));
    const bySlug = new Map(products.map((product) => [product.slug, product]));
    const sourceOf = new Map<string, string>();
    for (const expected of file.products) {
      const product = bySlug.get(expected.handle);
      expect(product, expected.handle).toBeDefined();
      if (!product) continue;
      const own = photos.filter((photo) => photo.productId === product.id).sort((a, b) => a.position - b.position);
      // In Image Position order, with the Image Alt Text of each.
      expect(
        own.map((photo) => photo.alt),
        expected.handle,
      ).toEqual(expected.images.map((image) => image.alt));
      for (const [index, photo] of own.entries()) sourceOf.set(photo.id, expected.images[index]?.url ?? "");
      for (const photo of own) {
        // Usable at once in WebP and JPEG; AVIF follows from its own worker (decision 038), not run here.
        expect(new Set(photo.renditions.map((rendition) => rendition.format))).toEqual(new Set(["webp", "jpeg"]));
        expect(photo.avifStatus).toBe("pending");
      }
      // Each variant with a Variant Image shows the photo fetched from that address.
      for (const [index, variant] of expected.variants.entries()) {
        const stored = product.variants[index];
        if (variant.imageUrl === null) expect(stored?.mediaId ?? null).toBeNull();
        else expect(sourceOf.get(stored?.mediaId ?? ""), `${expected.handle} variant ${index}`).toBe(variant.imageUrl);
      }
    }
    // One stored photo per address: no two products share bytes here.
    expect(new Set(photos.map((photo) => photo.id)).size).toBe(photoCount);
    // A rendition is served.
    const [first] = photos;
    const rendition = first?.renditions[0];
    const served200 = await harness.app.request(`/media/${rendition?.storageKey ?? ""}`);
    expect(served200.status).toBe(200);
  }, 900_000);
});
