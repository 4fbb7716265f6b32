import { promisify } from "node:util";
import { brotliCompress, constants, gunzip, gzip } from "node:zlib";

export type Encoding = "br" | "gzip" | "identity";

const brotli = promisify(brotliCompress);
const gzipAsync = promisify(gzip);
const gunzipAsync = promisify(gunzip);

/**
 * The encoding to send for an Accept-Encoding header: brotli when accepted, then gzip, else none.
 * @example negotiateEncoding("gzip, deflate, br") // "br"
 */
export function negotiateEncoding(acceptEncoding: string | null | undefined): Encoding {
  const quality = qualities(acceptEncoding);
  if (quality("br") > 0) return "br";
  if (quality("gzip") > 0) return "gzip";
  return "identity";
}

/**
 * True when an Accept-Encoding header takes `coding` (named or by `*`, with a quality above 0).
 * @example acceptsEncoding("br, gzip;q=0", "gzip") // false
 */
export function acceptsEncoding(acceptEncoding: string | null | undefined, coding: "br" | "gzip"): boolean {
  return qualities(acceptEncoding)(coding) > 0;
}

function qualities(acceptEncoding: string | null | undefined): (coding: string) => number {
  const accepted = new Map<string, number>();
  for (const part of (acceptEncoding ?? "").toLowerCase().split(",")) {
    const [name = "", ...params] = part.trim().split(";");
    const q = params.map((param) => /^\s*q=([\d.]+)\s*$/.exec(param)?.[1]).find(Boolean);
    if (name.trim()) accepted.set(name.trim(), q === undefined ? 1 : Number(q));
  }
  return (coding) => accepted.get(coding) ?? accepted.get("*") ?? 0;
}

/** True for content types worth compressing (text, HTML, XML, SVG, JSON, JavaScript). */
export function isCompressible(contentType: string | null | undefined): boolean {
  const type = (contentType ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
  return type.startsWith("text/") || /^(image\/svg\+xml|application\/(.+\+)?(json|xml|javascript))$/.test(type);
}

/**
 * The bytes in an encoding. Brotli at quality 9: near the best ratio for pages, a few ms for 50 KB.
 * Always bytes of their own: zlib answers with a view into its 64 KB output chunk, so a 3 KB page kept
 * in a cache would hold 64 KB (the storefront's page cache held three times what it counted).
 */
export async function encode(body: Uint8Array, encoding: Encoding): Promise<Uint8Array> {
  if (encoding === "br") {
    return ownBytes(
      await brotli(body, {
        params: {
          [constants.BROTLI_PARAM_QUALITY]: 9,
          [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
          [constants.BROTLI_PARAM_SIZE_HINT]: body.byteLength,
          // A window no bigger than the page: the default (4 MB) costs every compression megabytes of
          // memory that the allocator keeps afterwards, for no better ratio on a 40 KB page.
          [constants.BROTLI_PARAM_LGWIN]: Math.min(24, Math.max(16, Math.ceil(Math.log2(body.byteLength + 1)))),
        },
      }),
    );
  }
  if (encoding === "gzip") return ownBytes(await gzipAsync(body, { level: 9 }));
  return body;
}

/** The bytes a gzip body stands for (a cache that keeps pages compressed answers the rare plain request). */
export async function gunzipBody(body: Uint8Array): Promise<Uint8Array> {
  return ownBytes(await gunzipAsync(body));
}

/** The view itself when it spans its whole buffer, else a copy that does (and lets the big buffer go). */
export function ownBytes(view: Uint8Array): Uint8Array {
  // new Uint8Array(view) copies (a Buffer's own slice() would be another view of the same memory).
  return view.byteLength === view.buffer.byteLength ? view : new Uint8Array(view);
}
