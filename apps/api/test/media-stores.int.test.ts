// The MediaStore contract, on the local disk and on an S3-compatible server (s3rver on loopback: it
// parses the AWS V4 Authorization header and checks the access key, though not the signature itself).
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { freePort } from "@stall/db/testing";
import S3rver from "s3rver";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLocalMediaStore, isMediaKey, type MediaStore, mediaKey } from "../src/adapters/media-store.ts";
import { createS3MediaStore } from "../src/adapters/s3-media-store.ts";
import { parseEnv } from "../src/env.ts";

const dir = mkdtempSync(join(tmpdir(), "stall-stores-"));
let s3: S3rver;
let endpoint = "";

beforeAll(async () => {
  const port = await freePort();
  s3 = new S3rver({
    port,
    address: "127.0.0.1",
    silent: true,
    directory: join(dir, "s3"),
    configureBuckets: [{ name: "stall-media", configs: [] }],
  });
  await s3.run();
  endpoint = `http://127.0.0.1:${port}`;
});
afterAll(async () => {
  await s3?.close();
  rmSync(dir, { recursive: true, force: true });
});

const stores: [string, () => MediaStore][] = [
  ["local disk", () => createLocalMediaStore(join(dir, "disk"))],
  [
    "S3-compatible",
    () =>
      createS3MediaStore({
        endpoint,
        bucket: "stall-media",
        region: "us-east-1",
        accessKeyId: "S3RVER",
        secretAccessKey: "S3RVER",
      }),
  ],
];

describe.each(stores)("media store on %s", (_, makeStore) => {
  it("stores bytes under a content-addressed key, once, and gives them back", async () => {
    const store = makeStore();
    const bytes = new Uint8Array(Array.from({ length: 5000 }, (_, index) => index % 251));
    const key = await store.put(bytes, "webp");
    expect(key).toBe(mediaKey(bytes, "webp"));
    expect(isMediaKey(key)).toBe(true);
    expect(await store.put(bytes, "webp")).toBe(key);
    const stored = await store.get(key);
    expect(stored?.size).toBe(5000);
    expect(new Uint8Array(stored?.data ?? [])).toEqual(bytes);
  });

  it("answers undefined for unknown and malformed keys, and deletes", async () => {
    const store = makeStore();
    expect(await store.get(`ab/cd/${"0".repeat(64)}.jpg`)).toBeUndefined();
    expect(await store.get("../../etc/passwd")).toBeUndefined();
    const key = await store.put(new Uint8Array([1, 2, 3]), "jpg");
    await store.delete(key);
    expect(await store.get(key)).toBeUndefined();
    await store.delete(key);
  });
});

it("fails loudly on wrong S3 credentials instead of losing photos", async () => {
  const store = createS3MediaStore({
    endpoint,
    bucket: "stall-media",
    region: "us-east-1",
    accessKeyId: "NOBODY",
    secretAccessKey: "wrong",
  });
  await expect(store.put(new Uint8Array([9, 9, 9]), "jpg")).rejects.toThrow(/S3 PUT .* answered 403/);
});

it("needs every S3 setting when MEDIA_STORE=s3", () => {
  expect(() => parseEnv({ MEDIA_STORE: "s3", S3_BUCKET: "photos" })).toThrow(/S3_ENDPOINT: needed when MEDIA_STORE=s3/);
});
