import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isMediaKey, mediaKey } from "../src/adapters/media-store.ts";
import { createHarness, type Harness } from "./harness.ts";

let harness: Harness;
beforeAll(async () => {
  harness = await createHarness();
});
afterAll(() => harness?.cleanup());

describe("media store", () => {
  it("names files by their content and stores the same bytes once", async () => {
    const bytes = new TextEncoder().encode("not really a webp");
    const first = await harness.mediaStore.put(bytes, "webp");
    const second = await harness.mediaStore.put(bytes, "webp");
    expect(first).toBe(second);
    expect(first).toBe(mediaKey(bytes, "webp"));
    expect(isMediaKey(first)).toBe(true);
    expect((await harness.mediaStore.get(first))?.size).toBe(bytes.byteLength);
  });

  it.each(["../../etc/passwd", "/etc/passwd", "ab/cd/xyz.webp", `ab/cd/${"a".repeat(64)}.svg`])(
    "refuses key %s",
    async (key) => {
      expect(isMediaKey(key)).toBe(false);
      expect(await harness.mediaStore.get(key)).toBeUndefined();
    },
  );
});

describe("GET /media/{key}", () => {
  it("serves a rendition with immutable caching, its type and nosniff; 304 on a matching ETag", async () => {
    const bytes = new Uint8Array([0x52, 0x49, 0x46, 0x46, 1, 2, 3]);
    const key = await harness.mediaStore.put(bytes, "webp");
    const response = await harness.app.request(`/media/${key}`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("image/webp");
    expect(response.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(new Uint8Array(await response.arrayBuffer())).toEqual(bytes);
    const etag = response.headers.get("etag") ?? "";
    const again = await harness.app.request(`/media/${key}`, { headers: { "If-None-Match": etag } });
    expect(again.status).toBe(304);
  });

  it.each([
    [`/media/ab/cd/${"0".repeat(64)}.webp`, 404],
    ["/media/..%2F..%2Fetc/passwd/x", 422],
    [`/media/ab/cd/${"0".repeat(64)}.svg`, 422],
    ["/media/AB/cd/x.webp", 422],
  ])("%s -> %i problem", async (path, status) => {
    const response = await harness.app.request(path);
    expect(response.status).toBe(status);
    expect(response.headers.get("content-type")).toMatch(/problem\+json/);
  });
});
