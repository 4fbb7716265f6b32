import { brotliDecompressSync, gunzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { acceptsEncoding, encode, isCompressible, negotiateEncoding } from "./compression.ts";

describe("negotiateEncoding", () => {
  it.each([
    ["gzip, deflate, br", "br"],
    ["gzip, deflate, br, zstd", "br"],
    ["gzip", "gzip"],
    ["br;q=0, gzip", "gzip"],
    ["BR", "br"],
    ["*", "br"],
    ["*;q=0", "identity"],
    ["deflate", "identity"],
    ["identity", "identity"],
    ["", "identity"],
    [null, "identity"],
  ])("%j -> %s", (header, encoding) => {
    expect(negotiateEncoding(header)).toBe(encoding);
  });
});

describe("acceptsEncoding", () => {
  it.each([
    ["gzip, deflate", true],
    ["br, gzip;q=0", false],
    ["br", false],
    ["*", true],
    ["*;q=0, gzip;q=0.5", true],
    ["GZIP;q=0.1", true],
    ["", false],
    [undefined, false],
  ])("%j takes gzip: %s", (header, takes) => {
    expect(acceptsEncoding(header, "gzip")).toBe(takes);
  });
});

describe("isCompressible", () => {
  it.each([
    ["text/html; charset=utf-8", true],
    ["text/plain", true],
    ["application/xml", true],
    ["image/svg+xml", true],
    ["application/json", true],
    ["application/ld+json", true],
    ["image/jpeg", false],
    ["image/avif", false],
    [null, false],
  ])("%s is %s", (type, expected) => {
    expect(isCompressible(type)).toBe(expected);
  });
});

describe("encode", () => {
  const html = new TextEncoder().encode("<p>Honey</p>".repeat(500));

  it("round-trips brotli and gzip, and shrinks pages", async () => {
    const br = await encode(html, "br");
    const gz = await encode(html, "gzip");
    expect(Buffer.from(brotliDecompressSync(br))).toEqual(Buffer.from(html));
    expect(Buffer.from(gunzipSync(gz))).toEqual(Buffer.from(html));
    expect(br.byteLength).toBeLessThan(html.byteLength / 10);
  });

  it("answers bytes of their own, not a view into zlib's output chunk (a cache counts what it holds)", async () => {
    for (const encoding of ["br", "gzip"] as const) {
      const encoded = await encode(html, encoding);
      expect(encoded.byteLength).toBeLessThan(1000);
      expect(encoded.buffer.byteLength).toBe(encoded.byteLength);
    }
  });

  it("leaves identity alone", async () => {
    expect(await encode(html, "identity")).toBe(html);
  });
});
