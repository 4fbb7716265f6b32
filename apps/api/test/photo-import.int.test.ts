// A Shopify import whose photos a local HTTP server serves: the import answers at once with a job, two
// API instances on one database file fetch the photos in the background without ever taking the same
// one twice, and every product ends up with its photos in every rendition, in order, with their alt
// text, variants with their own photo; broken addresses fail with a reason and the rest still land.
import { once } from "node:events";
import { createServer, type Server } from "node:http";
import { createDb, forShop, photoImportQueue, platform } from "@stall/db";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createMediaFetcher } from "../src/adapters/media-fetcher.ts";
import { createPhotoImportWorker, type PhotoImportWorker } from "../src/photo-imports/photo-import-worker.ts";
import { createAvifWorker } from "../src/photos/avif-worker.ts";
import { client, ownerWithShop } from "./client.ts";
import { createHarness, type Harness, type Json } from "./harness.ts";

let harness: Harness;
let second: Harness;
let server: Server;
let base: string;
const images = new Map<string, Buffer>();
const hits = new Map<string, number>();
/** How many more times /flaky.jpg answers 503 before it serves its photo. */
let flakyFailures = 0;

const fetcher = () => createMediaFetcher({ allowPrivate: true, maxBytes: 25 * 1024 * 1024, totalTimeoutMs: 10_000 });

async function jpeg(colour: string, width = 400, height = 300): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: colour } })
    .jpeg()
    .toBuffer();
}

beforeAll(async () => {
  harness = await createHarness();
  // A second API instance: its own connection to the same database file, sharing the media store
  // (as every process does with MEDIA_STORE=s3).
  const database = await createDb(harness.database.url);
  second = await createHarness({
    database: Object.assign(database, {
      url: harness.database.url,
      dir: harness.database.dir,
      cleanup: () => database.close(),
    }),
  });
  second.deps.mediaStore = harness.mediaStore;

  const colours: Record<string, string> = {
    "/mug-blue.jpg": "#1050c0",
    "/mug-green.jpg": "#10a040",
    "/bowl-a.jpg": "#c08010",
    "/bowl-c.jpg": "#8010c0",
    "/flaky.jpg": "#c01010",
    "/big.jpg": "#101010",
  };
  for (const [path, colour] of Object.entries(colours)) images.set(path, await jpeg(colour));
  for (let index = 0; index < 40; index++) {
    images.set(`/many/${index}.jpg`, await jpeg(`#${(index * 0x050709 + 0x203040).toString(16).slice(-6)}`, 200, 150));
  }
  server = createServer((request, response) => {
    const path = request.url ?? "/";
    hits.set(path, (hits.get(path) ?? 0) + 1);
    if (path === "/flaky.jpg" && flakyFailures > 0) {
      flakyFailures--;
      response.writeHead(503).end("busy");
      return;
    }
    const image = images.get(path);
    if (image) response.writeHead(200, { "content-type": "image/jpeg" }).end(image);
    else if (path === "/page.jpg") response.writeHead(200, { "content-type": "image/jpeg" }).end("<html>sorry</html>");
    else response.writeHead(404).end("not found");
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
}, 60_000);

afterAll(async () => {
  server?.closeAllConnections();
  server?.close();
  second?.cleanup();
  harness?.cleanup();
});

const HEADER = [
  "Handle",
  "Title",
  "Body (HTML)",
  "Option1 Name",
  "Option1 Value",
  "Variant Price",
  "Image Src",
  "Image Position",
  "Image Alt Text",
  "Variant Image",
];

function csv(rows: string[][]): string {
  return [HEADER, ...rows].map((row) => row.join(",")).join("\n");
}

async function importCsv(owner: Awaited<ReturnType<typeof ownerWithShop>>, text: string) {
  return owner.api.call("POST", `/v1/shops/${owner.shopId}/products/import`, text, { "content-type": "text/csv" });
}

async function waitForFinish(owner: Awaited<ReturnType<typeof ownerWithShop>>, importId: string): Promise<Json> {
  let job: Json = {};
  await vi.waitFor(
    async () => {
      job = (await owner.api.get(`/v1/shops/${owner.shopId}/imports/${importId}`)).body;
      expect(job.status).toBe("finished");
    },
    { timeout: 60_000, interval: 50 },
  );
  return job;
}

async function productBySlug(owner: Awaited<ReturnType<typeof ownerWithShop>>, slug: string) {
  const list = await owner.api.get(`/v1/shops/${owner.shopId}/products?limit=100`);
  const product = list.body.items.find((item: Json) => item.slug === slug);
  const stored = await forShop(harness.database.db, owner.shopId).products.get(product.id);
  return { product, variants: stored?.variants ?? [] };
}

describe("photos of a Shopify import", () => {
  let workers: PhotoImportWorker[] = [];
  afterAll(async () => {
    await Promise.all(workers.map((worker) => worker.stop()));
  });

  it("arrive in every rendition, in order, with alt text and variant photos; broken ones fail with a reason", async () => {
    const owner = await ownerWithShop(harness);
    const versionBefore = (await platform(harness.database.db).shops.findById(owner.shopId))?.version ?? 0;
    const file = csv([
      ["mug", "Mug", "", "Colour", "Blue", "10.00", `${base}/mug-blue.jpg`, "1", "A blue mug", `${base}/mug-blue.jpg`],
      ["mug", "", "", "", "Green", "10.00", `${base}/mug-green.jpg`, "2", "A green mug", `${base}/mug-green.jpg`],
      // Rows out of order: Image Position decides.
      ["bowl", "Bowl", "", "", "", "5.00", `${base}/bowl-c.jpg`, "3", "Bowl from above", ""],
      ["bowl", "", "", "", "", "", `${base}/bowl-a.jpg`, "1", "Bowl from the front", ""],
      ["bowl", "", "", "", "", "", `${base}/missing.jpg`, "2", "Lost", ""],
      ["plate", "Plate", "", "", "", "7.00", `${base}/page.jpg`, "1", "", ""],
      // The mug's photo again: stored once, shown on both.
      ["plate", "", "", "", "", "", `${base}/mug-blue.jpg`, "2", "", ""],
    ]);
    const imported = await importCsv(owner, file);
    expect(imported.status).toBe(200);
    expect(imported.body).toMatchObject({ created: 3, photoImport: { photosQueued: 7 } });
    const importId = imported.body.photoImport.id as string;

    // The import answered before any photo was fetched.
    const queued = await owner.api.get(`/v1/shops/${owner.shopId}/imports/${importId}`);
    expect(queued.status).toBe(200);
    expect(queued.body).toMatchObject({
      status: "fetching",
      productsCreated: 3,
      photos: { total: 7, waiting: 7, fetched: 0, failed: 0 },
    });
    expect([...hits.keys()].filter((path) => !path.startsWith("/many"))).toEqual([]);

    // Two API instances work on the same queue at once.
    workers = [harness, second].map((instance) =>
      createPhotoImportWorker(instance.deps, { fetcher: fetcher(), perShop: 2, global: 4 }),
    );
    for (const worker of workers) worker.start(20);
    const job = await waitForFinish(owner, importId);
    await Promise.all(workers.map((worker) => worker.stop()));

    expect(job.photos).toEqual({ total: 7, waiting: 0, fetched: 5, failed: 2 });
    expect(job.finishedAt).toEqual(expect.any(Number));
    expect(job.failures).toEqual([
      expect.objectContaining({
        url: `${base}/missing.jpg`,
        productTitle: "Bowl",
        reason: expect.stringMatching(/not there \(HTTP 404\)/),
        failure: "http_status",
        attempts: 1,
      }),
      expect.objectContaining({
        url: `${base}/page.jpg`,
        productTitle: "Plate",
        reason: expect.stringMatching(/is not a photo/),
        failure: "not_an_image",
      }),
    ]);

    // No item was handled twice: one outcome each across both workers, none taken over.
    const totals = workers.map((worker) => worker.counts());
    expect(totals.reduce((sum, counts) => sum + counts.done + counts.failed, 0)).toBe(7);
    expect(totals.reduce((sum, counts) => sum + counts.lost + counts.retried, 0)).toBe(0);
    // Each address was fetched at most once per item naming it (the shared mug photo is named twice).
    expect(hits.get("/mug-green.jpg")).toBe(1);
    expect(hits.get("/bowl-a.jpg")).toBe(1);
    expect(hits.get("/missing.jpg")).toBe(1);
    expect(hits.get("/mug-blue.jpg")).toBeLessThanOrEqual(2);

    // Imported photos are shown at once in WebP and JPEG; the AVIF worker adds AVIF (decision 038).
    const before = await productBySlug(owner, "mug");
    for (const photo of before.product.photos) {
      expect(new Set(photo.renditions.map((rendition: Json) => rendition.format))).toEqual(new Set(["webp", "jpeg"]));
    }
    const avif = createAvifWorker(harness.deps, { concurrency: 2 });
    while ((await avif.runOnce()) > 0) {
      // until every imported photo has its AVIF
    }
    expect(avif.counts()).toMatchObject({ done: 4, failed: 0 });

    const mug = await productBySlug(owner, "mug");
    expect(mug.product.photos.map((photo: Json) => photo.alt)).toEqual(["A blue mug", "A green mug"]);
    for (const photo of mug.product.photos) {
      expect(photo.renditions.map((rendition: Json) => `${rendition.format}@${rendition.width}`).sort()).toEqual([
        "avif@360",
        "avif@400",
        "jpeg@360",
        "jpeg@400",
        "webp@360",
        "webp@400",
      ]);
      for (const rendition of photo.renditions) {
        const file = await harness.app.request(new URL(rendition.url).pathname);
        expect(file.status).toBe(200);
      }
    }
    const [bluePhoto, greenPhoto] = mug.product.photos;
    const byColour = Object.fromEntries(mug.variants.map((variant) => [variant.optionValues[0], variant.mediaId]));
    expect(byColour).toEqual({ Blue: bluePhoto.id, Green: greenPhoto.id });

    const bowl = await productBySlug(owner, "bowl");
    expect(bowl.product.photos.map((photo: Json) => photo.alt)).toEqual(["Bowl from the front", "Bowl from above"]);

    const plate = await productBySlug(owner, "plate");
    expect(plate.product.photos.map((photo: Json) => photo.id)).toEqual([bluePhoto.id]);

    // Stored once per content: four photos in the shop, their bytes counted once.
    const media = await owner.api.get(`/v1/shops/${owner.shopId}/media`);
    expect(media.body.items).toHaveLength(4);
    const shop = await platform(harness.database.db).shops.findById(owner.shopId);
    expect(shop?.storageUsedBytes).toBe(media.body.items.reduce((sum: number, photo: Json) => sum + photo.bytes, 0));
    // The storefront sees a new version once photos landed.
    expect(shop?.version).toBeGreaterThan(versionBefore + 1);

    const list = await owner.api.get(`/v1/shops/${owner.shopId}/imports`);
    expect(list.body.items).toEqual([expect.objectContaining({ id: importId, status: "finished" })]);
  }, 120_000);

  it("stores the same photo once when two addresses serve the same bytes", async () => {
    const owner = await ownerWithShop(harness);
    const twin = await jpeg("#445566");
    images.set("/twin-a.jpg", twin);
    images.set("/twin-b.jpg", twin);
    const imported = await importCsv(
      owner,
      csv([
        ["left", "Left", "", "", "", "1.00", `${base}/twin-a.jpg`, "1", "Twin", ""],
        ["right", "Right", "", "", "", "1.00", `${base}/twin-b.jpg`, "1", "", ""],
      ]),
    );
    const worker = createPhotoImportWorker(harness.deps, { fetcher: fetcher(), perShop: 1, global: 1 });
    while ((await worker.runOnce()) > 0) {}
    const job = (await owner.api.get(`/v1/shops/${owner.shopId}/imports/${imported.body.photoImport.id}`)).body;
    expect(job.photos).toMatchObject({ fetched: 2, failed: 0 });
    const left = await productBySlug(owner, "left");
    const right = await productBySlug(owner, "right");
    expect(right.product.photos.map((photo: Json) => photo.id)).toEqual(
      left.product.photos.map((photo: Json) => photo.id),
    );
    expect((await owner.api.get(`/v1/shops/${owner.shopId}/media`)).body.items).toHaveLength(1);
  });

  it("retries a busy site with backoff, and lists the photo as waiting meanwhile", async () => {
    const owner = await ownerWithShop(harness);
    flakyFailures = 1;
    const imported = await importCsv(
      owner,
      csv([["pot", "Pot", "", "", "", "3.00", `${base}/flaky.jpg`, "1", "A pot", ""]]),
    );
    const importId = imported.body.photoImport.id as string;
    const worker = createPhotoImportWorker(harness.deps, {
      fetcher: fetcher(),
      perShop: 2,
      global: 4,
      backoff: () => 60_000,
    });
    expect(await worker.runOnce()).toBe(1);
    const waiting = (await owner.api.get(`/v1/shops/${owner.shopId}/imports/${importId}`)).body;
    expect(waiting.status).toBe("fetching");
    expect(waiting.retrying).toEqual([
      expect.objectContaining({ url: `${base}/flaky.jpg`, reason: expect.stringMatching(/HTTP 503/), attempts: 1 }),
    ]);
    // Not due before its time.
    expect(await worker.runOnce()).toBe(0);
    harness.clock.advance(60_000);
    expect(await worker.runOnce()).toBe(1);
    const job = (await owner.api.get(`/v1/shops/${owner.shopId}/imports/${importId}`)).body;
    expect(job).toMatchObject({ status: "finished", photos: { fetched: 1, failed: 0 }, retrying: [] });
  });

  it("fails a photo over the storage quota with that reason, and the import goes on", async () => {
    const owner = await ownerWithShop(harness);
    const directory = platform(harness.database.db);
    // Room for the first photo only.
    const measure = await ownerWithShop(harness);
    const form = new FormData();
    form.append("file", new Blob([new Uint8Array(images.get("/mug-blue.jpg") as Buffer)]), "m.jpg");
    const measured = await harness.app.request(`/v1/shops/${measure.shopId}/media`, {
      method: "POST",
      headers: { authorization: `Bearer ${measure.token}` },
      body: form,
    });
    const oneBytes = ((await measured.json()) as Json).bytes as number;
    await directory.plans.upsert({
      id: "tiny-photos",
      name: "Tiny photos",
      priceAmount: 0,
      currency: "USD",
      maxProducts: 10,
      storageQuotaBytes: oneBytes + 100,
      applicationFeeBasisPoints: 0,
      createdAt: harness.clock.now(),
    });
    await directory.shops.setPlan(owner.shopId, "tiny-photos", harness.clock.now());
    const imported = await importCsv(
      owner,
      csv([
        ["cup", "Cup", "", "", "", "3.00", `${base}/mug-blue.jpg`, "1", "", ""],
        ["cup", "", "", "", "", "", `${base}/big.jpg`, "2", "", ""],
      ]),
    );
    const importId = imported.body.photoImport.id as string;
    const worker = createPhotoImportWorker(harness.deps, { fetcher: fetcher(), perShop: 1, global: 1 });
    while ((await worker.runOnce()) > 0) {}
    const job = (await owner.api.get(`/v1/shops/${owner.shopId}/imports/${importId}`)).body;
    expect(job).toMatchObject({ status: "finished", photos: { fetched: 1, failed: 1 } });
    expect(job.failures[0]).toMatchObject({
      url: `${base}/big.jpg`,
      reason: expect.stringMatching(/left/),
      failure: "storage_full",
    });
  });

  it("never has more than N photos of one shop, or M in all, being fetched at once", async () => {
    const owners = [await ownerWithShop(harness), await ownerWithShop(harness)];
    for (const [shopIndex, owner] of owners.entries()) {
      const rows = Array.from({ length: 5 }, (_, index) => {
        const n = shopIndex * 5 + index;
        return [`p${n}`, `P${n}`, "", "", "", "1.00", `${base}/many/${n}.jpg`, "1", "", ""];
      });
      expect((await importCsv(owner, csv(rows))).status).toBe(200);
    }
    const queue = photoImportQueue(harness.database.db);
    const now = harness.clock.now();
    const limits = { limit: 10, perShop: 2, global: 3, leaseMs: 60_000 };
    const first = await queue.claimDue(now, limits);
    expect(first).toHaveLength(3);
    const perShop = Object.values(Object.groupBy(first, (item) => item.shopId)).map((items) => items?.length);
    expect(perShop.sort()).toEqual([1, 2]);
    // Another worker finds the global limit reached.
    expect(await queue.claimDue(now, limits)).toEqual([]);
    // With more room overall, a shop still gets no more than two at once.
    const more = await queue.claimDue(now, { ...limits, global: 100 });
    expect(more).toHaveLength(1);
    expect(new Set([...first, ...more].map((item) => item.id)).size).toBe(4);
    // Once the leases run out the items are due again, for any worker.
    harness.clock.advance(60_001);
    const retaken = await queue.claimDue(harness.clock.now(), { ...limits, global: 100 });
    expect(retaken.map((item) => item.attempts)).toContain(2);
    harness.clock.advance(-60_001);
  });
});

describe("the import pages", () => {
  it("answer 404 problem+json for another shop's import and for an unknown id", async () => {
    const a = await ownerWithShop(harness);
    const b = await ownerWithShop(harness);
    const imported = await importCsv(b, csv([["jar", "Jar", "", "", "", "2.00", "", "", "", ""]]));
    const importId = imported.body.photoImport.id as string;
    const own = await b.api.get(`/v1/shops/${b.shopId}/imports/${importId}`);
    expect(own.body).toMatchObject({ status: "finished", photos: { total: 0 } });
    const stolen = await a.api.get(`/v1/shops/${a.shopId}/imports/${importId}`);
    expect(stolen.status).toBe(404);
    expect(stolen.headers.get("content-type")).toMatch(/application\/problem\+json/);
    expect(stolen.body.detail).toBe("No such import in this shop");
    expect((await a.api.get(`/v1/shops/${a.shopId}/imports`)).body.items).toEqual([]);
    expect((await client(harness).get(`/v1/shops/${b.shopId}/imports`)).status).toBe(401);
  });

  it("are for people with the catalogue right: a helper who only handles orders gets 403", async () => {
    const owner = await ownerWithShop(harness);
    const base = `/v1/shops/${owner.shopId}`;
    const imported = await importCsv(owner, csv([["lid", "Lid", "", "", "", "2.00", "", "", "", ""]]));
    const helpers = [];
    for (const permissions of [["orders"], ["catalogue"]]) {
      const invite = await owner.api.post(`${base}/invites`, { role: "helper", permissions });
      const helper = await ownerWithShop(harness);
      expect((await helper.api.post("/v1/invites/accept", { token: invite.body.token })).status).toBe(200);
      helpers.push(helper);
    }
    const [ordersOnly, catalogue] = helpers as [
      Awaited<ReturnType<typeof ownerWithShop>>,
      Awaited<ReturnType<typeof ownerWithShop>>,
    ];
    expect((await ordersOnly.api.get(`${base}/imports`)).status).toBe(403);
    expect((await ordersOnly.api.get(`${base}/imports/${imported.body.photoImport.id}`)).status).toBe(403);
    expect((await catalogue.api.get(`${base}/imports/${imported.body.photoImport.id}`)).status).toBe(200);
  });
});
