import { describe, expect, it } from "vitest";
import { altText, largestUrl, pictureData } from "./picture.ts";
import type { Photo, Rendition } from "./snapshot.ts";

const rendition = (format: Rendition["format"], width: number): Rendition => ({
  format,
  width,
  height: Math.round(width * 0.75),
  bytes: width * 10,
  url: `/media/${format}-${width}`,
});

const photo = (renditions: Rendition[]): Photo => ({
  id: "med_1",
  alt: "A jar",
  width: 1200,
  height: 900,
  bytes: 1,
  createdAt: 0,
  renditions,
});

describe("pictureData", () => {
  it("offers AVIF and WebP sources and a JPEG fallback, each by width", () => {
    const formats = ["jpeg", "avif", "webp"] as const;
    const data = pictureData(photo(formats.flatMap((format) => [1200, 360, 720].map((w) => rendition(format, w)))));
    expect(data).toEqual({
      sources: [
        { type: "image/avif", srcset: "/media/avif-360 360w, /media/avif-720 720w, /media/avif-1200 1200w" },
        { type: "image/webp", srcset: "/media/webp-360 360w, /media/webp-720 720w, /media/webp-1200 1200w" },
      ],
      src: "/media/jpeg-720",
      srcset: "/media/jpeg-360 360w, /media/jpeg-720 720w, /media/jpeg-1200 1200w",
      width: 720,
      height: 540,
    });
  });

  it("picks the fallback closest to the preferred width", () => {
    const data = pictureData(photo([rendition("jpeg", 360), rendition("jpeg", 1200)]), 400);
    expect(data).toMatchObject({ src: "/media/jpeg-360", width: 360, height: 270, sources: [] });
  });

  it("falls back to WebP when there is no JPEG, without offering it twice", () => {
    const data = pictureData(photo([rendition("webp", 360), rendition("avif", 360)]));
    expect(data?.src).toBe("/media/webp-360");
    expect(data?.sources.map((source) => source.type)).toEqual(["image/avif"]);
  });

  it("offers no AVIF source for a photo whose AVIF is not made yet", () => {
    const data = pictureData(photo([rendition("jpeg", 360), rendition("webp", 360), rendition("webp", 720)]));
    expect(data?.sources).toEqual([{ type: "image/webp", srcset: "/media/webp-360 360w, /media/webp-720 720w" }]);
    expect(data?.src).toBe("/media/jpeg-360");
  });

  it("leaves out renditions wider than the layout needs", () => {
    const data = pictureData(photo([360, 720, 1200].map((w) => rendition("jpeg", w))), 720, 720);
    expect(data?.srcset).toBe("/media/jpeg-360 360w, /media/jpeg-720 720w");
    expect(pictureData(photo([rendition("jpeg", 1200)]), 720, 720)?.src).toBe("/media/jpeg-1200");
  });

  it("is undefined for a photo without renditions", () => {
    expect(pictureData(photo([]))).toBeUndefined();
  });
});

describe("altText", () => {
  it.each([
    ["A jar of honey", "Honey", "A jar of honey"],
    ["  ", "Honey", "Honey"],
    ["", "Honey", "Honey"],
  ])("%j or %j -> %j", (alt, fallback, expected) => {
    expect(altText({ alt }, fallback)).toBe(expected);
  });
});

describe("largestUrl", () => {
  it("prefers the largest JPEG", () => {
    expect(largestUrl(photo([rendition("jpeg", 720), rendition("avif", 1200), rendition("jpeg", 1200)]))).toBe(
      "/media/jpeg-1200",
    );
    expect(largestUrl(photo([rendition("webp", 720)]))).toBe("/media/webp-720");
    expect(largestUrl(photo([]))).toBeUndefined();
  });
});
