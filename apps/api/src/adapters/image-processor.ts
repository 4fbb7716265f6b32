// The media pipeline. sharp is loaded on the first photo (load-sharp.ts).
import { createHash } from "node:crypto";
import { DomainError } from "@stall/domain";
import type { Metadata, Sharp } from "sharp";
import { loadSharp } from "./load-sharp.ts";

export type RenditionFormat = "avif" | "webp" | "jpeg";
export type ProcessedRendition = { format: RenditionFormat; width: number; height: number; data: Buffer };
export type ProcessedImage = {
  /** SHA-256 of the uploaded bytes: the same upload twice is recognised. */
  contentHash: string;
  mimeType: string;
  /** Upright size after auto-rotation. */
  width: number;
  height: number;
  renditions: ProcessedRendition[];
};

export type ImageProcessorOptions = {
  /** Largest accepted image, checked from the header before any decoding. */
  maxPixels?: number;
  /** Rendition widths: 1x phone, 2x phone, desktop. */
  widths?: number[];
  formats?: RenditionFormat[];
  avifEffort?: number;
};

export type ImageProcessor = {
  /** Checks, cleans and renders an upload; `formats` overrides the processor's list for this call. */
  process(input: Uint8Array, options?: { formats?: RenditionFormat[] }): Promise<ProcessedImage>;
  /**
   * AVIF renditions at `widths` made from one of the photo's own renditions (decision 038: no original
   * is kept). Each width is encoded in turn, so one photo never takes more than sharp's threads.
   */
  makeAvif(source: Uint8Array, widths: number[]): Promise<ProcessedRendition[]>;
  /**
   * Starts loading sharp without waiting for it. Every signed-in owner's request calls this (app.ts), an
   * upload before it reads its body: the first photo of a process then does not wait for the load
   * (decisions 052 and 059).
   */
  prepare(): void;
};

const SIGNATURES: { mimeType: string; test(bytes: Uint8Array): boolean }[] = [
  { mimeType: "image/jpeg", test: (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff },
  {
    mimeType: "image/png",
    test: (b) => [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a].every((value, index) => b[index] === value),
  },
  { mimeType: "image/webp", test: (b) => ascii(b, 0, 4) === "RIFF" && ascii(b, 8, 12) === "WEBP" },
  { mimeType: "image/gif", test: (b) => ascii(b, 0, 6) === "GIF87a" || ascii(b, 0, 6) === "GIF89a" },
  { mimeType: "image/avif", test: (b) => ascii(b, 4, 8) === "ftyp" && /^(avif|avis)$/.test(ascii(b, 8, 12)) },
];

function ascii(bytes: Uint8Array, start: number, end: number): string {
  return String.fromCharCode(...bytes.subarray(start, end));
}

/** The image type from its first bytes, whatever the file name or Content-Type claims. */
export function sniffImageType(bytes: Uint8Array): string | undefined {
  return SIGNATURES.find((signature) => signature.test(bytes))?.mimeType;
}

const formatNumber = new Intl.NumberFormat("en");

/**
 * One rendition's encoder. JPEG is the fallback (browsers without WebP, chat apps' link previews), and the
 * upload's answer waits for it: plain libjpeg-turbo, progressive with optimised Huffman tables, is about
 * five times cheaper than mozjpeg for files 10-25 % larger (decision 043). WebP at effort 2: the upload
 * waits for the largest WebP more than for anything else, and effort 4 took 1.5-2 times as long for files
 * 3-4 % smaller; browsers that read AVIF (made after the upload) never fetch the WebP (decision 052).
 */
const WEBP_OPTIONS = { quality: 78, effort: 2 } as const;

function encode(resized: Sharp, format: RenditionFormat, avifOptions: { quality: number; effort: number }): Sharp {
  if (format === "avif") return resized.avif(avifOptions);
  if (format === "webp") return resized.webp(WEBP_OPTIONS);
  return resized.flatten({ background: "#ffffff" }).jpeg({ quality: 80, progressive: true, optimiseCoding: true });
}

export function createImageProcessor(options: ImageProcessorOptions = {}): ImageProcessor {
  const maxPixels = options.maxPixels ?? 40_000_000;
  const widths = options.widths ?? [360, 720, 1200];
  const formats = options.formats ?? ["avif", "webp", "jpeg"];
  const avifOptions = { quality: 55, effort: options.avifEffort ?? 2 };

  return {
    prepare() {
      // A failed load is reported by the process() that follows, which waits for the same import.
      loadSharp().catch(() => undefined);
    },

    async process(input, callOptions = {}) {
      const sharp = await loadSharp();
      const wanted = callOptions.formats ?? formats;
      const mimeType = sniffImageType(input);
      if (!mimeType) {
        const looksLikeSvg = /<svg|<\?xml/i.test(Buffer.from(input.subarray(0, 512)).toString("utf8"));
        throw new DomainError(
          "unsupported_media_type",
          looksLikeSvg
            ? "SVG images are not accepted; please upload a JPEG, PNG, WebP or AVIF photo"
            : "This file is not a photo we can read; please upload a JPEG, PNG, WebP or AVIF image",
        );
      }
      // Header only: nothing is decoded until the size is known to be safe.
      let metadata: Metadata;
      try {
        metadata = await sharp(input, { limitInputPixels: false }).metadata();
      } catch (error) {
        throw new DomainError("unsupported_media_type", "This image is damaged or incomplete; please try another", {
          cause: error,
        });
      }
      const width = metadata.width ?? 0;
      const height = metadata.height ?? 0;
      const frames = metadata.pages ?? 1;
      if (width * height * frames > maxPixels || width * height === 0) {
        throw new DomainError(
          "payload_too_large",
          `Image is ${formatNumber.format(width)} x ${formatNumber.format(height)} px${frames > 1 ? ` with ${frames} frames` : ""}; the limit is ${formatNumber.format(maxPixels / 1_000_000)} megapixels`,
        );
      }
      const swapsSides = (metadata.orientation ?? 1) >= 5;
      const uprightWidth = swapsSides ? height : width;
      const uprightHeight = swapsSides ? width : height;
      const targetWidths = [...new Set(widths.map((target) => Math.min(target, uprightWidth)))].sort((a, b) => b - a);
      const renditions: ProcessedRendition[] = [];
      try {
        // Decode once (JPEG shrink-on-load makes this cheap), upright, first frame only, at the largest
        // size needed; every rendition is made from these pixels. Raw pixels carry no EXIF or GPS.
        const largest = targetWidths[0] ?? uprightWidth;
        const { data, info } = await sharp(input, { limitInputPixels: maxPixels, failOn: "error", pages: 1 })
          .rotate()
          .resize({ width: largest, withoutEnlargement: true })
          .toColourspace("srgb")
          .raw()
          .toBuffer({ resolveWithObject: true });
        const pixels = () => sharp(data, { raw: { width: info.width, height: info.height, channels: info.channels } });
        // Every width and format at once: the encoders are single-threaded, so this keeps all cores busy
        // until the last one ends (the upload answers sooner than width by width).
        const outputs = await Promise.all(
          targetWidths.flatMap((targetWidth) =>
            wanted.map(async (format) => {
              const resized = pixels().resize({ width: targetWidth, withoutEnlargement: true });
              const pipeline = encode(resized, format, avifOptions);
              const output = await pipeline.toBuffer({ resolveWithObject: true });
              return { format, width: output.info.width, height: output.info.height, data: output.data };
            }),
          ),
        );
        renditions.push(...outputs);
      } catch (error) {
        throw new DomainError("unsupported_media_type", "This image could not be read to the end; it may be damaged", {
          cause: error,
        });
      }
      return {
        contentHash: createHash("sha256").update(input).digest("hex"),
        mimeType,
        width: uprightWidth,
        height: uprightHeight,
        renditions,
      };
    },

    async makeAvif(source, targetWidths) {
      const sharp = await loadSharp();
      // Decoded once; the source is already upright, sRGB and free of EXIF.
      const { data, info } = await sharp(source, { limitInputPixels: maxPixels, failOn: "error" })
        .raw()
        .toBuffer({ resolveWithObject: true });
      const renditions: ProcessedRendition[] = [];
      for (const targetWidth of [...new Set(targetWidths)].sort((a, b) => b - a)) {
        const output = await sharp(data, { raw: { width: info.width, height: info.height, channels: info.channels } })
          .resize({ width: targetWidth, withoutEnlargement: true })
          .avif(avifOptions)
          .toBuffer({ resolveWithObject: true });
        renditions.push({ format: "avif", width: output.info.width, height: output.info.height, data: output.data });
      }
      return renditions;
    },
  };
}
