import { readdirSync } from "node:fs";
import { platform } from "@stall/db";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createAvifWorker } from "../src/photos/avif-worker.ts";
import { ownerWithShop } from "./client.ts";
import { createHarness, type Harness, type Json } from "./harness.ts";
import { pngClaiming, sidewaysPhotoWithGps } from "./images.ts";

let harness: Harness;
beforeAll(async () => {
  harness = await createHarness();
});
afterAll(() => harness?.cleanup());

type Owner = Awaited<ReturnType<typeof ownerWithShop>>;
type Upload = { status: number; body: Json; headers: Headers };

const RENDITION_URL = /^http:\/\/localhost:8787\/media\/([0-9a-f]{2})\/([0-9a-f]{2})\/([0-9a-f]{64})\.(avif|webp|jpg)$/;
const EXTENSION_OF = { avif: "avif", webp: "webp", jpeg: "jpg" } as const;

/** Sends `bytes` as the multipart field `file` (and `alt` when given), the way the dashboard does. */
async function upload(
  on: Harness,
  owner: { token: string; shopId: string },
  bytes: Uint8Array,
  options: { filename?: string; type?: string; alt?: string; headers?: Record<string, string> } = {},
): Promise<Upload> {
  const form = new FormData();
  form.append(
    "file",
    new File([new Uint8Array(bytes)], options.filename ?? "photo.jpg", { type: options.type ?? "image/jpeg" }),
  );
  if (options.alt !== undefined) form.append("alt", options.alt);
  return send(on, owner, form, options.headers);
}

async function send(
  on: Harness,
  owner: { token: string; shopId: string },
  body: FormData | Uint8Array | string,
  headers: Record<string, string> = {},
): Promise<Upload> {
  const response = await on.app.request(`/v1/shops/${owner.shopId}/media`, {
    method: "POST",
    headers: { authorization: `Bearer ${owner.token}`, ...headers },
    body,
  });
  const text = await response.text();
  let parsed: Json = {};
  try {
    parsed = text ? (JSON.parse(text) as Json) : {};
  } catch {
    parsed = { text };
  }
  return { status: response.status, body: parsed, headers: response.headers };
}

async function shopOf(owner: Owner): Promise<Json> {
  const response = await owner.api.get(`/v1/shops/${owner.shopId}`);
  expect(response.status).toBe(200);
  return response.body;
}

/** A small plain photo; `colour` makes each one different bytes. */
function plainPhoto(colour: string, width = 300, height = 200): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: colour } })
    .jpeg()
    .toBuffer();
}

/** Every file under the media directory: what was actually written to the store. */
function storedFiles(on: Harness): string[] {
  return readdirSync(on.mediaDir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => entry.name);
}

describe("POST /v1/shops/{shopId}/media", () => {
  it("stores a sideways GPS-tagged phone photo upright, in WebP and JPEG at once and AVIF after, without EXIF or GPS", async () => {
    const owner = await ownerWithShop(harness);
    const before = await shopOf(owner);
    const input = await sidewaysPhotoWithGps();
    expect((await sharp(input).metadata()).orientation).toBe(6);
    expect(input.includes(Buffer.from("PhoneMakerGPS"))).toBe(true);

    const response = await upload(harness, owner, input, { filename: "IMG_0001.jpg", alt: "Red and blue" });
    expect(response.status).toBe(201);
    const photo = response.body;
    expect(photo).toMatchObject({ alt: "Red and blue", width: 1400, height: 2000 });
    expect(photo.id).toMatch(/^med_/);

    // The upload answers with WebP and JPEG; AVIF is made by the background worker (decision 038).
    expect((photo.renditions as Json[]).map((r) => `${r.format}@${r.width}`).sort()).toEqual(
      ["webp@360", "webp@720", "webp@1200", "jpeg@360", "jpeg@720", "jpeg@1200"].sort(),
    );
    expect(await createAvifWorker(harness.deps, { concurrency: 1 }).runOnce()).toBe(1);
    const listed = await owner.api.get(`/v1/shops/${owner.shopId}/media`);
    const withAvif = (listed.body.items as Json[]).find((item) => item.id === photo.id) as Json;
    const renditions = withAvif.renditions as Json[];
    expect(renditions.map((r) => `${r.format}@${r.width}`).sort()).toEqual(
      [
        "avif@360",
        "avif@720",
        "avif@1200",
        "webp@360",
        "webp@720",
        "webp@1200",
        "jpeg@360",
        "jpeg@720",
        "jpeg@1200",
      ].sort(),
    );
    let totalBytes = 0;
    for (const rendition of renditions) {
      expect(rendition.width).toBeLessThanOrEqual(1200);
      // Upright: taller than wide, in the photo's proportions.
      expect(Math.abs(rendition.height - (rendition.width * 2000) / 1400)).toBeLessThanOrEqual(1);
      const match = RENDITION_URL.exec(rendition.url);
      expect(match, rendition.url).not.toBeNull();
      expect(match?.[4]).toBe(EXTENSION_OF[rendition.format as keyof typeof EXTENSION_OF]);
      expect(`${match?.[1]}${match?.[2]}`).toBe(match?.[3]?.slice(0, 4));

      const served = await harness.app.request(new URL(rendition.url).pathname);
      expect(served.status).toBe(200);
      const bytes = Buffer.from(await served.arrayBuffer());
      expect(bytes.byteLength).toBe(rendition.bytes);
      totalBytes += bytes.byteLength;
      const meta = await sharp(bytes).metadata();
      expect(meta.format === "heif" ? "avif" : meta.format).toBe(rendition.format);
      if (meta.format === "heif") expect(meta.compression, "AVIF is AV1 in a HEIF box").toBe("av1");
      expect([meta.width, meta.height]).toEqual([rendition.width, rendition.height]);
      expect(meta.exif, `${rendition.format}@${rendition.width} has no EXIF`).toBeUndefined();
      expect(meta.orientation ?? 1).toBe(1);
      expect(bytes.includes(Buffer.from("PhoneMakerGPS")), "maker string is gone").toBe(false);
    }
    expect(withAvif.bytes).toBe(totalBytes);

    // Upright: the red half (the left of the sideways original) is now on top.
    const jpeg = renditions.find((r) => r.format === "jpeg" && r.width === 360) as Json;
    const { data, info } = await sharp(
      Buffer.from(await (await harness.app.request(new URL(jpeg.url).pathname)).arrayBuffer()),
    )
      .raw()
      .toBuffer({ resolveWithObject: true });
    const pixel = (x: number, y: number) => {
      const at = (y * info.width + x) * info.channels;
      return { r: data[at] ?? 0, b: data[at + 2] ?? 0 };
    };
    expect(pixel(180, Math.round(info.height * 0.1)).r).toBeGreaterThan(pixel(180, Math.round(info.height * 0.1)).b);
    expect(pixel(180, Math.round(info.height * 0.9)).b).toBeGreaterThan(pixel(180, Math.round(info.height * 0.9)).r);

    const after = await shopOf(owner);
    expect(after.storageUsedBytes - before.storageUsedBytes).toBe(withAvif.bytes);
  });

  it("answers 200 with the first photo when the same bytes come again, and counts them once", async () => {
    const owner = await ownerWithShop(harness);
    const input = await plainPhoto("#336699");
    const first = await upload(harness, owner, input);
    expect(first.status).toBe(201);
    const storage = (await shopOf(owner)).storageUsedBytes;
    expect(storage).toBe(first.body.bytes);
    const filesBefore = storedFiles(harness).length;

    const second = await upload(harness, owner, input, { filename: "copy.jpg", alt: "another name" });
    expect(second.status).toBe(200);
    expect(second.body.id).toBe(first.body.id);
    expect(second.body.renditions).toEqual(first.body.renditions);
    expect((await shopOf(owner)).storageUsedBytes).toBe(storage);
    expect(storedFiles(harness).length).toBe(filesBefore);
    const list = await owner.api.get(`/v1/shops/${owner.shopId}/media`);
    expect(list.body.items.map((item: Json) => item.id)).toEqual([first.body.id]);
  });

  it("a photo sent twice at once (a double tap) is stored once: one 201, one 200, the same id", async () => {
    const owner = await ownerWithShop(harness);
    const photo = await plainPhoto("#2468ac", 640, 480);
    // Both requests finish processing before either looks for an earlier copy: the real double tap.
    const images = harness.deps.images;
    const realProcess = images.process;
    const waiting: (() => void)[] = [];
    const process = vi.spyOn(images, "process").mockImplementation(async (input, options) => {
      const result = await realProcess.call(images, input, options);
      await new Promise<void>((resolve) => {
        waiting.push(resolve);
        if (waiting.length === 2) for (const release of waiting) release();
      });
      return result;
    });
    let responses: Upload[];
    try {
      responses = await Promise.all([upload(harness, owner, photo), upload(harness, owner, photo)]);
    } finally {
      process.mockRestore();
    }
    for (const response of responses) expect(response.status, JSON.stringify(response.body)).toBeLessThan(300);
    expect(responses[0]?.body.id).toBe(responses[1]?.body.id);
    const list = await owner.api.get(`/v1/shops/${owner.shopId}/media`);
    expect(list.body.items).toHaveLength(1);
    expect((await shopOf(owner)).storageUsedBytes).toBe(list.body.items[0].bytes);
    // The second answer says "already stored", as a sequential second upload does.
    expect(responses.map((response) => response.status).sort()).toEqual([200, 201]);
  });

  it("the same photo in two shops is each shop's own; deleting it in one leaves the other's files", async () => {
    const first = await ownerWithShop(harness);
    const second = await ownerWithShop(harness);
    const photo = await plainPhoto("#13579b");
    const mine = await upload(harness, first, photo);
    const theirs = await upload(harness, second, photo);
    expect([mine.status, theirs.status]).toEqual([201, 201]);
    expect(theirs.body.id).not.toBe(mine.body.id);
    expect((await shopOf(second)).storageUsedBytes).toBe(theirs.body.bytes);

    expect((await first.api.delete(`/v1/shops/${first.shopId}/media/${mine.body.id}`)).status).toBe(204);
    for (const rendition of theirs.body.renditions as Json[]) {
      expect((await harness.app.request(new URL(rendition.url).pathname)).status).toBe(200);
    }
    expect((await shopOf(second)).storageUsedBytes).toBe(theirs.body.bytes);
  });

  it("refuses a 50,000 x 50,000 PNG from its header with 413 naming the size and the limit", async () => {
    const owner = await ownerWithShop(harness);
    const bomb = pngClaiming(50_000, 50_000);
    const rssBefore = process.memoryUsage().rss;
    const response = await upload(harness, owner, bomb, { filename: "huge.png", type: "image/png" });
    const rssGrowth = process.memoryUsage().rss - rssBefore;
    expect(response.status).toBe(413);
    expect(response.headers.get("content-type")).toMatch(/^application\/problem\+json/);
    expect(response.body).toMatchObject({
      code: "payload_too_large",
      detail: "Image is 50,000 x 50,000 px; the limit is 40 megapixels",
    });
    expect(rssGrowth).toBeLessThan(50 * 1024 * 1024);
    expect((await shopOf(owner)).storageUsedBytes).toBe(0);
  });

  it.each([
    [
      "an SVG",
      Buffer.from('<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
      "logo.svg",
      "image/svg+xml",
      /SVG images are not accepted/,
    ],
    ["a text file named .jpg", Buffer.from("hello, this is not a photo\n"), "photo.jpg", "image/jpeg", /not a photo/],
  ])("refuses %s with 415 and stores nothing", async (_, bytes, filename, type, message) => {
    const owner = await ownerWithShop(harness);
    const response = await upload(harness, owner, bytes, { filename, type });
    expect(response.status).toBe(415);
    expect(response.body).toMatchObject({ code: "unsupported_media_type", detail: expect.stringMatching(message) });
    expect((await owner.api.get(`/v1/shops/${owner.shopId}/media`)).body.items).toEqual([]);
    expect((await shopOf(owner)).storageUsedBytes).toBe(0);
  });

  it("refuses a body that is not multipart with 415", async () => {
    const owner = await ownerWithShop(harness);
    const json = await send(harness, owner, JSON.stringify({ file: "aGVsbG8=" }), {
      "content-type": "application/json",
    });
    expect(json.status).toBe(415);
    expect(json.headers.get("content-type")).toMatch(/^application\/problem\+json/);
    expect(json.body.code).toBe("unsupported_media_type");
    const raw = await send(harness, owner, new Uint8Array(await plainPhoto("#112233")), {
      "content-type": "image/jpeg",
    });
    expect(raw.status).toBe(415);
    expect((await shopOf(owner)).storageUsedBytes).toBe(0);
  });

  it("tells a client that sent a non-multipart body how to send the photo", async () => {
    const owner = await ownerWithShop(harness);
    const response = await send(harness, owner, JSON.stringify({ file: "aGVsbG8=" }), {
      "content-type": "application/json",
    });
    expect(response.status).toBe(415);
    expect(response.body.detail).toBe("Send the photo as multipart/form-data in a field named file");
  });

  it("refuses multipart without a file field with 422 naming the field", async () => {
    const owner = await ownerWithShop(harness);
    const form = new FormData();
    form.append("alt", "a photo that never came");
    form.append("photo", new File([new Uint8Array(await plainPhoto("#445566"))], "photo.jpg", { type: "image/jpeg" }));
    const response = await send(harness, owner, form);
    expect(response.status).toBe(422);
    expect(response.headers.get("content-type")).toMatch(/^application\/problem\+json/);
    expect(response.body.code).toBe("validation_failed");
    expect(response.body.errors).toEqual([{ path: "file", message: expect.any(String) }]);

    const textInsteadOfFile = new FormData();
    textInsteadOfFile.append("file", "just a string");
    expect((await send(harness, owner, textInsteadOfFile)).status).toBe(422);
  });

  it("refuses a cut-off or boundless multipart body with 400 saying what is wrong, storing nothing", async () => {
    const owner = await ownerWithShop(harness);
    const form = new FormData();
    form.append("file", new File([new Uint8Array(await plainPhoto("#778899"))], "photo.jpg", { type: "image/jpeg" }));
    const encoded = new Response(form);
    const contentType = encoded.headers.get("content-type") ?? "";
    const whole = new Uint8Array(await encoded.arrayBuffer());
    const images = vi.spyOn(harness.deps.images, "process");

    // The connection dropped halfway through the photo.
    const cut = await send(harness, owner, whole.subarray(0, whole.byteLength >> 1), { "content-type": contentType });
    expect(cut.status).toBe(400);
    expect(cut.headers.get("content-type")).toMatch(/^application\/problem\+json/);
    expect(cut.body).toMatchObject({
      code: "bad_request",
      detail: "The form could not be read: it ends before its last boundary",
    });
    // multipart/form-data without the boundary that separates its parts.
    const boundless = await send(harness, owner, whole, { "content-type": "multipart/form-data" });
    expect(boundless.status).toBe(400);
    expect(boundless.body.detail).toBe("The form could not be read: its Content-Type names no boundary");

    expect(images).not.toHaveBeenCalled();
    images.mockRestore();
    expect((await owner.api.get(`/v1/shops/${owner.shopId}/media`)).body.items).toEqual([]);
    expect((await shopOf(owner)).storageUsedBytes).toBe(0);
    // The whole body still goes in.
    expect((await send(harness, owner, whole, { "content-type": contentType })).status).toBe(201);
  });

  it("refuses a description over 300 characters with 422 naming alt, storing nothing; one of 300 is kept whole", async () => {
    const owner = await ownerWithShop(harness);
    const photo = await plainPhoto("#9988aa");
    const tooLong = await upload(harness, owner, photo, { alt: "a".repeat(301) });
    expect(tooLong.status).toBe(422);
    expect(tooLong.body.code).toBe("validation_failed");
    expect(tooLong.body.errors).toEqual([{ path: "alt", message: expect.any(String) }]);
    expect((await owner.api.get(`/v1/shops/${owner.shopId}/media`)).body.items).toEqual([]);
    expect((await shopOf(owner)).storageUsedBytes).toBe(0);

    // Cleaned as describing the photo later is: one line, trimmed.
    const kept = await upload(harness, owner, photo, { alt: ` ${"蓝".repeat(299)}\n ` });
    expect(kept.status).toBe(201);
    expect(kept.body.alt).toBe(`${"蓝".repeat(299)}`);
  });

  it("lists the shop's photos newest first", async () => {
    const owner = await ownerWithShop(harness);
    const ids: string[] = [];
    for (const colour of ["#aa0000", "#00aa00", "#0000aa"]) {
      harness.clock.advance(60_000);
      const response = await upload(harness, owner, await plainPhoto(colour));
      expect(response.status).toBe(201);
      ids.push(response.body.id);
    }
    const list = await owner.api.get(`/v1/shops/${owner.shopId}/media`);
    expect(list.status).toBe(200);
    expect(list.body.items.map((item: Json) => item.id)).toEqual([...ids].reverse());
    const createdAt = list.body.items.map((item: Json) => item.createdAt);
    expect(createdAt).toEqual([...createdAt].sort((a, b) => b - a));

    // Another shop sees none of them.
    const other = await ownerWithShop(harness);
    expect((await other.api.get(`/v1/shops/${other.shopId}/media`)).body.items).toEqual([]);
  });

  it("a helper without the catalogue right cannot upload (403); one with it can", async () => {
    const owner = await ownerWithShop(harness);
    const invite = await owner.api.post(`/v1/shops/${owner.shopId}/invites`, {
      role: "helper",
      permissions: ["orders"],
    });
    expect(invite.status).toBe(201);
    const helper = await ownerWithShop(harness);
    const accepted = await helper.api.post("/v1/invites/accept", { token: invite.body.token });
    expect(accepted.status).toBe(200);

    const photo = await plainPhoto("#778899");
    const refused = await upload(harness, { token: helper.token, shopId: owner.shopId }, photo);
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe("forbidden");
    expect((await owner.api.get(`/v1/shops/${owner.shopId}/media`)).body.items).toEqual([]);
    expect((await shopOf(owner)).storageUsedBytes).toBe(0);

    const catalogueInvite = await owner.api.post(`/v1/shops/${owner.shopId}/invites`, {
      role: "helper",
      permissions: ["catalogue"],
    });
    const catalogueHelper = await ownerWithShop(harness);
    await catalogueHelper.api.post("/v1/invites/accept", { token: catalogueInvite.body.token });
    expect((await upload(harness, { token: catalogueHelper.token, shopId: owner.shopId }, photo)).status).toBe(201);
  });

  it("someone who is not a member gets 404 and the shop's storage is untouched", async () => {
    const owner = await ownerWithShop(harness);
    const stranger = await ownerWithShop(harness);
    const response = await upload(
      harness,
      { token: stranger.token, shopId: owner.shopId },
      await plainPhoto("#010203"),
    );
    expect(response.status).toBe(404);
    expect((await shopOf(owner)).storageUsedBytes).toBe(0);
  });
});

describe("PATCH and DELETE /v1/shops/{shopId}/media/{mediaId}", () => {
  it("describes a photo for screen readers and bumps the shop's version", async () => {
    const owner = await ownerWithShop(harness);
    const uploaded = await upload(harness, owner, await plainPhoto("#123456"));
    const versionBefore = (await shopOf(owner)).version;

    const response = await owner.api.patch(`/v1/shops/${owner.shopId}/media/${uploaded.body.id}`, {
      alt: "A jar of heather honey on a wooden table",
    });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ id: uploaded.body.id, alt: "A jar of heather honey on a wooden table" });
    expect((await shopOf(owner)).version).toBe(versionBefore + 1);
    const list = await owner.api.get(`/v1/shops/${owner.shopId}/media`);
    expect(list.body.items[0].alt).toBe("A jar of heather honey on a wooden table");

    expect((await owner.api.patch(`/v1/shops/${owner.shopId}/media/${uploaded.body.id}`, { alt: 5 })).status).toBe(422);
    expect(
      (await owner.api.patch(`/v1/shops/${owner.shopId}/media/${uploaded.body.id}`, { alt: "x".repeat(301) })).status,
    ).toBe(422);
  });

  it("answers 404 for a photo of another shop, and changes nothing there", async () => {
    const owner = await ownerWithShop(harness);
    const uploaded = await upload(harness, owner, await plainPhoto("#654321"), { alt: "mine" });
    const other = await ownerWithShop(harness);
    const versionBefore = (await shopOf(owner)).version;
    const storageBefore = (await shopOf(owner)).storageUsedBytes;

    expect(
      (await other.api.patch(`/v1/shops/${other.shopId}/media/${uploaded.body.id}`, { alt: "stolen" })).status,
    ).toBe(404);
    expect((await other.api.delete(`/v1/shops/${other.shopId}/media/${uploaded.body.id}`)).status).toBe(404);
    expect((await other.api.delete(`/v1/shops/${owner.shopId}/media/${uploaded.body.id}`)).status).toBe(404);

    const list = await owner.api.get(`/v1/shops/${owner.shopId}/media`);
    expect(list.body.items.map((item: Json) => [item.id, item.alt])).toEqual([[uploaded.body.id, "mine"]]);
    const after = await shopOf(owner);
    expect(after.storageUsedBytes).toBe(storageBefore);
    expect(after.version).toBe(versionBefore);
  });

  it("answers 404 for a photo that does not exist, without bumping the shop's version", async () => {
    const owner = await ownerWithShop(harness);
    const versionBefore = (await shopOf(owner)).version;
    const missing = "med_01jzzzzzzzzzzzzzzzzzzzzzzz";
    const patched = await owner.api.patch(`/v1/shops/${owner.shopId}/media/${missing}`, { alt: "nothing" });
    expect(patched.status).toBe(404);
    expect((await owner.api.delete(`/v1/shops/${owner.shopId}/media/${missing}`)).status).toBe(404);
    // Nothing changed for shoppers, so their cached storefront must stay valid.
    expect((await shopOf(owner)).version).toBe(versionBefore);
  });

  it("refuses to delete a photo a product shows (409); once removed from the product it goes (204)", async () => {
    const owner = await ownerWithShop(harness);
    const storageBefore = (await shopOf(owner)).storageUsedBytes;
    const uploaded = await upload(harness, owner, await plainPhoto("#fedcba"));
    expect(uploaded.status).toBe(201);
    const mediaId = uploaded.body.id as string;
    expect((await shopOf(owner)).storageUsedBytes).toBe(storageBefore + uploaded.body.bytes);

    const product = await owner.api.post(`/v1/shops/${owner.shopId}/products`, {
      title: "Honey",
      variants: [{ price: 100 }],
      mediaIds: [mediaId],
    });
    expect(product.status).toBe(201);
    expect(product.body.photos.map((photo: Json) => photo.id)).toEqual([mediaId]);

    const refused = await owner.api.delete(`/v1/shops/${owner.shopId}/media/${mediaId}`);
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe("conflict");
    expect((await shopOf(owner)).storageUsedBytes).toBe(storageBefore + uploaded.body.bytes);

    const cleared = await owner.api.patch(`/v1/shops/${owner.shopId}/products/${product.body.id}`, { mediaIds: [] });
    expect(cleared.status).toBe(200);
    expect(cleared.body.photos).toEqual([]);

    const deleted = await owner.api.delete(`/v1/shops/${owner.shopId}/media/${mediaId}`);
    expect(deleted.status).toBe(204);
    expect((await shopOf(owner)).storageUsedBytes).toBe(storageBefore);
    expect((await owner.api.get(`/v1/shops/${owner.shopId}/media`)).body.items).toEqual([]);
    expect((await owner.api.delete(`/v1/shops/${owner.shopId}/media/${mediaId}`)).status).toBe(404);
  });
});

describe("the upload size limit", () => {
  let small: Harness;
  beforeAll(async () => {
    small = await createHarness({ config: { uploadLimitBytes: 200_000 } });
  });
  afterAll(() => small?.cleanup());

  /** A JPEG of noise, which does not compress: about `bytes` long (about 1.4 bytes a pixel). */
  async function noisyPhoto(bytes: number): Promise<Buffer> {
    const side = Math.ceil(Math.sqrt(bytes / 1.4));
    const pixels = Buffer.alloc(side * side * 3);
    let seed = 12345;
    for (let index = 0; index < pixels.length; index++) {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      pixels[index] = seed >>> 16;
    }
    return sharp(pixels, { raw: { width: side, height: side, channels: 3 } })
      .jpeg({ quality: 100 })
      .toBuffer();
  }

  it("refuses a streamed upload over the limit with 413, before any processing", async () => {
    const owner = await ownerWithShop(small);
    const photo = await noisyPhoto(300_000);
    expect(photo.byteLength).toBeGreaterThan(250_000);
    const process = vi.spyOn(small.deps.images, "process");

    const response = await upload(small, owner, photo);
    expect(response.status).toBe(413);
    expect(response.body).toMatchObject({ code: "payload_too_large", detail: expect.stringContaining("200,000") });
    expect(process).not.toHaveBeenCalled();
    process.mockRestore();
    // A refused body is the client's mistake, not an unhandled error on our side.
    expect(small.logs.filter((entry) => entry.level === "error")).toEqual([]);
    expect(storedFiles(small)).toEqual([]);
    expect((await shopOf(owner)).storageUsedBytes).toBe(0);
  });

  it("refuses an upload whose Content-Length is over the limit with 413, before any processing", async () => {
    const owner = await ownerWithShop(small);
    const photo = await noisyPhoto(300_000);
    const form = new FormData();
    form.append("file", new File([new Uint8Array(photo)], "photo.jpg", { type: "image/jpeg" }));
    // What a browser sends: the whole multipart body with its declared length.
    const encoded = new Response(form);
    const body = new Uint8Array(await encoded.arrayBuffer());
    const process = vi.spyOn(small.deps.images, "process");

    const response = await send(small, owner, body, {
      "content-type": encoded.headers.get("content-type") ?? "",
      "content-length": String(body.byteLength),
    });
    expect(response.status).toBe(413);
    expect(response.body.code).toBe("payload_too_large");
    expect(process).not.toHaveBeenCalled();
    process.mockRestore();
    expect(storedFiles(small)).toEqual([]);
  });

  it("still takes a photo under the limit", async () => {
    const owner = await ownerWithShop(small);
    const response = await upload(small, owner, await plainPhoto("#abcdef"));
    expect(response.status).toBe(201);
  });
});

describe("plan limits", () => {
  it("refuses a photo past the plan's storage with 429 quota_exceeded, naming what is left", async () => {
    const owner = await ownerWithShop(harness);
    const directory = platform(harness.database.db);
    await directory.plans.upsert({
      id: "plan_tiny_storage",
      name: "Tiny",
      priceAmount: 0,
      currency: "USD",
      maxProducts: 10,
      storageQuotaBytes: 30_000,
      applicationFeeBasisPoints: 0,
      createdAt: harness.clock.now(),
    });
    await directory.shops.setPlan(owner.shopId, "plan_tiny_storage", harness.clock.now());
    const first = await upload(harness, owner, await plainPhoto("#102030", 200, 150));
    expect(first.status).toBe(201);
    const noise = await sharp({
      create: {
        width: 900,
        height: 600,
        channels: 3,
        background: "#000",
        noise: { type: "gaussian", mean: 128, sigma: 50 },
      },
    })
      .jpeg()
      .toBuffer();
    const big = await upload(harness, owner, noise);
    expect(big.status).toBe(429);
    expect(big.body.code).toBe("quota_exceeded");
    expect(big.body.detail).toMatch(
      /^This photo needs [\d.]+ (KB|MB) and the shop has [\d.]+ KB of its 29 KB left\. Your plan, \w+, allows 29 KB of photos\. Delete photos you no longer use, or write to support@stall\.localhost to move you to a bigger plan\.$/,
    );
    expect((await shopOf(owner)).storageUsedBytes).toBe(first.body.bytes);
  });

  it("refuses a product past the plan's product limit", async () => {
    const owner = await ownerWithShop(harness);
    const directory = platform(harness.database.db);
    await directory.plans.upsert({
      id: "plan_two_products",
      name: "Two",
      priceAmount: 0,
      currency: "USD",
      maxProducts: 2,
      storageQuotaBytes: 1_000_000,
      applicationFeeBasisPoints: 0,
      createdAt: harness.clock.now(),
    });
    await directory.shops.setPlan(owner.shopId, "plan_two_products", harness.clock.now());
    const base = `/v1/shops/${owner.shopId}/products`;
    expect((await owner.api.post(base, { title: "One", variants: [{ price: 1 }] })).status).toBe(201);
    expect((await owner.api.post(base, { title: "Two", variants: [{ price: 1 }] })).status).toBe(201);
    const third = await owner.api.post(base, { title: "Three", variants: [{ price: 1 }] });
    expect(third.status).toBe(429);
    expect(third.body.detail).toMatch(/Your plan, Two, allows 2 products\./);
    expect(third.body.limit).toBe("products");
  });
});
