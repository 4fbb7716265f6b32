import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { createImageProcessor, sniffImageType } from "../src/adapters/image-processor.ts";
import { pngClaiming, sidewaysPhotoWithGps } from "./images.ts";

const processor = createImageProcessor({ widths: [120, 360], avifEffort: 0 });

describe("sniffImageType", () => {
  it.each([
    [[0xff, 0xd8, 0xff, 0xe0], "image/jpeg"],
    [[0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], "image/png"],
    [[...Buffer.from("RIFF\0\0\0\0WEBP")], "image/webp"],
    [[...Buffer.from("GIF89a")], "image/gif"],
    [[...Buffer.from("<svg xmlns")], undefined],
    [[...Buffer.from("%PDF-1.7")], undefined],
  ])("%j -> %s", (bytes, type) => {
    expect(sniffImageType(new Uint8Array(bytes))).toBe(type);
  });
});

describe("image processor", () => {
  it("stores a sideways GPS-tagged phone photo upright, without GPS or EXIF", async () => {
    const input = await sidewaysPhotoWithGps(400, 200, "PhoneMaker");
    const before = await sharp(input).metadata();
    expect(before.orientation).toBe(6);
    expect(before.exif?.length).toBeGreaterThan(0);

    const result = await processor.process(input);
    expect([result.width, result.height]).toEqual([200, 400]);
    expect(result.renditions.map((r) => `${r.format}@${r.width}x${r.height}`).sort()).toEqual(
      ["avif@120x240", "avif@200x400", "jpeg@120x240", "jpeg@200x400", "webp@120x240", "webp@200x400"].sort(),
    );
    for (const rendition of result.renditions) {
      const meta = await sharp(rendition.data).metadata();
      expect(meta.exif, `${rendition.format} has no EXIF`).toBeUndefined();
      expect(meta.orientation ?? 1).toBe(1);
      expect(meta.format === "heif" ? "avif" : meta.format).toBe(rendition.format);
      expect(rendition.data.includes(Buffer.from("PhoneMaker"))).toBe(false);
    }
    // Upright: the red half is now on top.
    const jpeg = result.renditions.find((r) => r.format === "jpeg" && r.width === 200);
    const { data } = await sharp(jpeg?.data).raw().toBuffer({ resolveWithObject: true });
    const top = { r: data[(50 * 200 + 100) * 3] ?? 0, b: data[(50 * 200 + 100) * 3 + 2] ?? 0 };
    const bottom = { r: data[(350 * 200 + 100) * 3] ?? 0, b: data[(350 * 200 + 100) * 3 + 2] ?? 0 };
    expect(top.r).toBeGreaterThan(top.b);
    expect(bottom.b).toBeGreaterThan(bottom.r);
  });

  it("refuses a 50,000 x 50,000 PNG from its header, without decoding it", async () => {
    const bomb = pngClaiming(50_000, 50_000);
    const rssBefore = process.memoryUsage().rss;
    await expect(processor.process(bomb)).rejects.toMatchObject({
      code: "payload_too_large",
      message: "Image is 50,000 x 50,000 px; the limit is 40 megapixels",
    });
    expect(process.memoryUsage().rss - rssBefore).toBeLessThan(50 * 1024 * 1024);
  });

  it.each([
    [
      "an SVG",
      Buffer.from('<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"></svg>'),
      /SVG images are not accepted/,
    ],
    ["a PDF", Buffer.from("%PDF-1.7 hello"), /not a photo we can read/],
    ["a truncated JPEG", Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]), /damaged|could not be read/],
  ])("refuses %s with a clear message", async (_, input, message) => {
    await expect(processor.process(input)).rejects.toMatchObject({ message: expect.stringMatching(message) });
  });

  it("never enlarges a small photo", async () => {
    const small = await sharp({ create: { width: 100, height: 80, channels: 3, background: "#888" } })
      .png()
      .toBuffer();
    const result = await processor.process(small);
    expect(new Set(result.renditions.map((r) => r.width))).toEqual(new Set([100]));
  });
});
