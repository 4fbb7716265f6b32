import { describe, expect, it } from "vitest";
import { isMediaPath, sameOriginMediaUrl, withSameOriginMedia } from "./media-urls.ts";
import type { Snapshot } from "./snapshot.ts";

const hash = "a".repeat(64);

describe("sameOriginMediaUrl", () => {
  it.each([
    [`http://localhost:8787/media/ab/cd/${hash}.avif`, `/media/ab/cd/${hash}.avif`],
    [`https://api.stall.example/media/00/ff/${hash}.jpg`, `/media/00/ff/${hash}.jpg`],
    [`http://localhost:8787/media/ab/cd/${hash}.svg`, `http://localhost:8787/media/ab/cd/${hash}.svg`],
    [`http://localhost:8787/media/../etc/passwd`, `http://localhost:8787/media/../etc/passwd`],
    ["https://cdn.example/photo.jpg", "https://cdn.example/photo.jpg"],
    ["not a url", "not a url"],
  ])("%s -> %s", (url, expected) => {
    expect(sameOriginMediaUrl(url)).toBe(expected);
  });
});

describe("isMediaPath", () => {
  it.each([
    [`/media/ab/cd/${hash}.webp`, true],
    [`/media/ab/cd/${hash}.png`, true],
    [`/media/AB/cd/${hash}.webp`, false],
    [`/media/ab/cd/${hash}.webp/x`, false],
    ["/media/ab/cd/short.webp", false],
    ["/media/", false],
  ])("%s is %s", (path, expected) => {
    expect(isMediaPath(path)).toBe(expected);
  });
});

describe("withSameOriginMedia", () => {
  it("rewrites every product photo and the logo, leaving the input alone", () => {
    const photo = {
      id: "med_1",
      alt: "",
      width: 10,
      height: 10,
      renditions: [{ format: "jpeg", width: 10, height: 10, bytes: 1, url: `http://api/media/ab/cd/${hash}.jpg` }],
    };
    const snapshot = {
      version: 1,
      shop: { logo: photo },
      products: [{ photos: [photo] }],
    } as unknown as Snapshot;
    const local = withSameOriginMedia(snapshot);
    expect(local.shop.logo?.renditions[0]?.url).toBe(`/media/ab/cd/${hash}.jpg`);
    expect(local.products[0]?.photos[0]?.renditions[0]?.url).toBe(`/media/ab/cd/${hash}.jpg`);
    expect(photo.renditions[0]?.url).toBe(`http://api/media/ab/cd/${hash}.jpg`);
  });
});
