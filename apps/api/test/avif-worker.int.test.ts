// AVIF after the upload (decision 038): the upload answers with WebP and JPEG, a worker adds AVIF with
// a lease in the database, and the shop's snapshot version moves when it lands.
import { readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { avifQueue, createDb, forShop } from "@stall/db";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { AVIF_DEFAULTS, avifBackoff, createAvifWorker } from "../src/photos/avif-worker.ts";
import { ownerWithShop } from "./client.ts";
import { createHarness, type Harness, type Json } from "./harness.ts";

let harness: Harness;
beforeAll(async () => {
  harness = await createHarness();
});
afterAll(() => harness?.cleanup());

type Owner = Awaited<ReturnType<typeof ownerWithShop>>;

/** A photo-like picture (a gradient with noise), different for each `seed`. */
async function photo(seed: number, width = 900, height = 600): Promise<Buffer> {
  const pixels = Buffer.alloc(width * height * 3);
  let state = seed * 2_654_435_761;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      state = (state * 1_103_515_245 + 12_345) >>> 0;
      const noise = (state >>> 24) % 32;
      const at = (y * width + x) * 3;
      pixels[at] = (x * 255) / width + noise - 16;
      pixels[at + 1] = (y * 255) / height + noise - 16;
      pixels[at + 2] = (seed * 40) % 256;
    }
  }
  return sharp(pixels, { raw: { width, height, channels: 3 } })
    .jpeg({ quality: 85 })
    .toBuffer();
}

async function upload(owner: Owner, bytes: Uint8Array): Promise<{ status: number; body: Json }> {
  const form = new FormData();
  form.append("file", new Blob([new Uint8Array(bytes)], { type: "image/jpeg" }), "photo.jpg");
  const response = await harness.app.request(`/v1/shops/${owner.shopId}/media`, {
    method: "POST",
    headers: { authorization: `Bearer ${owner.token}` },
    body: form,
  });
  return { status: response.status, body: (await response.json()) as Json };
}

/** A published shop with one product showing a freshly uploaded photo. */
async function shopWithPhoto(seed: number) {
  const owner = await ownerWithShop(harness);
  const uploaded = await upload(owner, await photo(seed));
  expect(uploaded.status).toBe(201);
  const product = await owner.api.post(`/v1/shops/${owner.shopId}/products`, {
    title: "Noodles",
    variants: [{ price: 800, stock: 5 }],
    mediaIds: [uploaded.body.id],
  });
  expect(product.status).toBe(201);
  expect((await owner.api.post(`/v1/shops/${owner.shopId}/publish`)).status).toBeLessThan(300);
  return { owner, photo: uploaded.body, host: `${owner.shop.slug}.localhost` };
}

async function snapshot(host: string): Promise<Json> {
  const response = await harness.app.request(`/v1/storefront/${host}/snapshot`);
  expect(response.status).toBe(200);
  return (await response.json()) as Json;
}

const formatsOf = (renditions: Json[]) => [...new Set(renditions.map((rendition) => rendition.format))].sort();

function avifFiles(): string[] {
  return readdirSync(harness.mediaDir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith(".avif"))
    .map((entry) => entry.name);
}

/** Runs a worker until nothing is due, so other tests' photos do not get in the way. */
async function drain() {
  const worker = createAvifWorker(harness.deps, { concurrency: 4 });
  while ((await worker.runOnce()) > 0) {
    // claim again until nothing is left
  }
  return worker.counts();
}

const noErrorsLogged = () => expect(harness.logs.filter((entry) => entry.level === "error")).toEqual([]);

describe("AVIF after the upload", () => {
  it("the upload answers with WebP and JPEG that serve; AVIF joins the snapshot once the worker ran, and the version moves", async () => {
    await drain();
    const { photo: uploaded, host } = await shopWithPhoto(1);
    expect(formatsOf(uploaded.renditions)).toEqual(["jpeg", "webp"]);
    for (const rendition of uploaded.renditions as Json[]) {
      const served = await harness.app.request(new URL(rendition.url).pathname);
      expect(served.status, rendition.url).toBe(200);
      const meta = await sharp(Buffer.from(await served.arrayBuffer())).metadata();
      expect(meta.format).toBe(rendition.format);
    }

    const before = await snapshot(host);
    expect(formatsOf(before.products[0].photos[0].renditions)).toEqual(["jpeg", "webp"]);
    expect(await avifQueue(harness.database.db).backlog()).toEqual({
      waiting: 1,
      oldestWaitingCreatedAt: harness.clock.now(),
    });
    harness.clock.advance(30_000);
    const metrics = (await harness.deps.metrics?.exposition())?.body ?? "";
    expect(metrics).toMatch(/^stall_avif_waiting 1$/m);
    expect(metrics).toMatch(/^stall_avif_oldest_waiting_age_seconds 30$/m);

    expect(await drain()).toMatchObject({ done: 1, retried: 0, failed: 0 });
    const after = await snapshot(host);
    expect(after.version).toBeGreaterThan(before.version);
    const renditions = after.products[0].photos[0].renditions as Json[];
    expect(formatsOf(renditions)).toEqual(["avif", "jpeg", "webp"]);
    const avif = renditions.filter((rendition) => rendition.format === "avif");
    const webp = renditions.filter((rendition) => rendition.format === "webp");
    expect(avif.map((r) => [r.width, r.height]).sort()).toEqual(webp.map((r) => [r.width, r.height]).sort());
    for (const rendition of avif) {
      const served = await harness.app.request(new URL(rendition.url).pathname);
      expect(served.status).toBe(200);
      expect(served.headers.get("content-type")).toBe("image/avif");
      const meta = await sharp(Buffer.from(await served.arrayBuffer())).metadata();
      expect(meta.compression, "AVIF is AV1 in a HEIF box").toBe("av1");
    }
    // The AVIF bytes count against the shop's storage like the rest.
    const [shop] = await Promise.all([forShop(harness.database.db, after.shop.id).media.get(uploaded.id)]);
    expect(shop?.bytes).toBe(renditions.reduce((total, rendition) => total + rendition.bytes, 0));
    expect(await avifQueue(harness.database.db).backlog()).toEqual({ waiting: 0, oldestWaitingCreatedAt: null });
    expect((await harness.deps.metrics?.exposition())?.body).toMatch(/^stall_avif_waiting 0$/m);
    noErrorsLogged();
  });

  it("a photo deleted before its AVIF is made ends the job cleanly: nothing made, no files left", async () => {
    await drain();
    const owner = await ownerWithShop(harness);
    const uploaded = await upload(owner, await photo(2));
    expect((await owner.api.delete(`/v1/shops/${owner.shopId}/media/${uploaded.body.id}`)).status).toBe(204);
    const filesBefore = avifFiles();
    expect(await drain()).toMatchObject({ done: 0, failed: 0 });
    expect(avifFiles()).toEqual(filesBefore);
    noErrorsLogged();
  });

  it("a photo deleted while its AVIF is being made: the job ends, its AVIF files are taken back", async () => {
    await drain();
    const owner = await ownerWithShop(harness);
    const uploaded = await upload(owner, await photo(3));
    const filesBefore = avifFiles();
    const images = harness.deps.images;
    const realMakeAvif = images.makeAvif;
    const makeAvif = vi.spyOn(images, "makeAvif").mockImplementation(async (source, widths) => {
      const made = await realMakeAvif.call(images, source, widths);
      // The owner deletes the photo while the encoder works.
      expect((await owner.api.delete(`/v1/shops/${owner.shopId}/media/${uploaded.body.id}`)).status).toBe(204);
      return made;
    });
    try {
      expect(await drain()).toMatchObject({ gone: 1, done: 0 });
      expect(makeAvif).toHaveBeenCalledTimes(1);
    } finally {
      makeAvif.mockRestore();
    }
    expect(avifFiles()).toEqual(filesBefore);
    noErrorsLogged();
  });

  it("two workers on one database (two connections) make each photo's AVIF once", async () => {
    await drain();
    const owner = await ownerWithShop(harness);
    const ids: string[] = [];
    for (let seed = 10; seed < 14; seed++) ids.push((await upload(owner, await photo(seed, 500, 400))).body.id);

    const second = await createDb(harness.database.url);
    try {
      const makeAvif = vi.spyOn(harness.deps.images, "makeAvif");
      const one = createAvifWorker(harness.deps, { concurrency: 2 });
      const two = createAvifWorker({ ...harness.deps, database: second }, { concurrency: 2 });
      try {
        const runUntilDone = async (worker: typeof one) => {
          while ((await worker.runOnce()) > 0) {
            // claim again until nothing is due
          }
        };
        await Promise.all([runUntilDone(one), runUntilDone(two)]);
        expect(makeAvif).toHaveBeenCalledTimes(4);
      } finally {
        makeAvif.mockRestore();
      }
      expect(one.counts().done + two.counts().done).toBe(4);
      expect(one.counts().lost + two.counts().lost).toBe(0);
    } finally {
      second.close();
    }
    const repos = forShop(harness.database.db, owner.shopId);
    for (const id of ids) {
      const stored = await repos.media.get(id);
      expect(stored?.avifStatus).toBe("ready");
      // 500 px wide: 360 and 500, as its WebP.
      expect(stored?.renditions.filter((rendition) => rendition.format === "avif").map((r) => r.width)).toEqual([
        360, 500,
      ]);
    }
    noErrorsLogged();
  });

  it("a worker that died holding a photo: once its lease runs out another worker makes the AVIF", async () => {
    await drain();
    const { photo: uploaded } = await shopWithPhoto(20);
    const [held] = await avifQueue(harness.database.db).claimDue(harness.clock.now(), {
      limit: 1,
      leaseMs: AVIF_DEFAULTS.leaseMs,
    });
    expect(held?.mediaId).toBe(uploaded.id);
    // While the lease holds, nobody else takes it.
    expect(await drain()).toMatchObject({ done: 0 });
    harness.clock.advance(AVIF_DEFAULTS.leaseMs + 1);
    expect(await drain()).toMatchObject({ done: 1 });
    noErrorsLogged();
  });

  it("an AVIF that cannot be made is tried a few times, then the photo stays WebP/JPEG only, logged, never an error to anyone", async () => {
    await drain();
    const { owner, photo: uploaded, host } = await shopWithPhoto(30);
    // The WebP the AVIF is made from is damaged on disk (a bad sector, a half-copied store).
    const largestWebp = (uploaded.renditions as Json[])
      .filter((rendition) => rendition.format === "webp")
      .sort((a, b) => b.width - a.width)[0] as Json;
    writeFileSync(join(harness.mediaDir, new URL(largestWebp.url).pathname.slice("/media/".length)), "not a webp");

    for (let attempt = 1; attempt < AVIF_DEFAULTS.maxAttempts; attempt++) {
      expect(await drain()).toMatchObject({ retried: 1, failed: 0 });
      // Not again before its time.
      expect(await drain()).toMatchObject({ retried: 0 });
      harness.clock.advance(avifBackoff(attempt));
    }
    expect(await drain()).toMatchObject({ failed: 1, done: 0 });
    harness.clock.advance(60 * 60_000);
    expect(await drain()).toMatchObject({ failed: 0, retried: 0, done: 0 });

    const stored = await forShop(harness.database.db, owner.shopId).media.get(uploaded.id);
    expect(stored?.avifStatus).toBe("failed");
    expect(stored?.avifAttempts).toBe(AVIF_DEFAULTS.maxAttempts);
    expect(formatsOf((await snapshot(host)).products[0].photos[0].renditions)).toEqual(["jpeg", "webp"]);
    const listed = await owner.api.get(`/v1/shops/${owner.shopId}/media`);
    expect(listed.status).toBe(200);
    const warned = harness.logs.filter((entry) => entry.message === "photo kept without AVIF");
    expect(warned).toHaveLength(1);
    expect(warned[0]).toMatchObject({ level: "warn", fields: { mediaId: uploaded.id } });
    noErrorsLogged();
  });
});
