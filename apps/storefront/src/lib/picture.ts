import type { Photo, Rendition } from "./snapshot.ts";

const MIME: Record<string, string> = { avif: "image/avif", webp: "image/webp", jpeg: "image/jpeg", png: "image/png" };
/** Formats offered as <source>, best first; the <img> falls back to JPEG (or whatever is left). */
const SOURCE_FORMATS = ["avif", "webp"];
const FALLBACK_FORMATS = ["jpeg", "png", "webp", "avif"];

export type PictureData = {
  sources: { type: string; srcset: string }[];
  src: string;
  srcset: string;
  width: number;
  height: number;
};

function srcsetOf(renditions: Rendition[]): string {
  return [...renditions]
    .sort((a, b) => a.width - b.width)
    .map((rendition) => `${rendition.url} ${rendition.width}w`)
    .join(", ");
}

/**
 * What a `<picture>` needs for a photo: AVIF and WebP sources and a fallback `<img>`, each with a
 * srcset by width, and the fallback's size so the browser reserves the space before it loads.
 * `preferredWidth` picks the fallback `src` for browsers that ignore srcset; `maxWidth` drops wider
 * renditions.
 */
export function pictureData(
  photo: Photo,
  preferredWidth = 720,
  maxWidth = Number.POSITIVE_INFINITY,
): PictureData | undefined {
  const byFormat = new Map<string, Rendition[]>();
  const narrowest = Math.min(...photo.renditions.map((rendition) => rendition.width));
  // Widths a layout never needs are left out of srcset (keeping at least the narrowest), to save bytes.
  for (const rendition of photo.renditions.filter((r) => r.width <= Math.max(maxWidth, narrowest))) {
    byFormat.set(rendition.format, [...(byFormat.get(rendition.format) ?? []), rendition]);
  }
  const fallbackFormat = FALLBACK_FORMATS.find((format) => byFormat.has(format));
  const fallback = fallbackFormat ? (byFormat.get(fallbackFormat) ?? []) : [];
  const closest = fallback.reduce<Rendition | undefined>(
    (best, rendition) =>
      !best || Math.abs(rendition.width - preferredWidth) < Math.abs(best.width - preferredWidth) ? rendition : best,
    undefined,
  );
  if (!closest) return undefined;
  return {
    sources: SOURCE_FORMATS.filter((format) => format !== fallbackFormat && byFormat.has(format)).map((format) => ({
      type: MIME[format] ?? `image/${format}`,
      srcset: srcsetOf(byFormat.get(format) ?? []),
    })),
    src: closest.url,
    srcset: srcsetOf(fallback),
    width: closest.width,
    height: closest.height,
  };
}

/** The alt text of a photo: what the owner wrote about it, or the product's name. */
export function altText(photo: Pick<Photo, "alt">, fallback: string): string {
  return photo.alt.trim() || fallback;
}

/** The URL of a photo's largest JPEG (or largest of any format), for structured data and feeds. */
export function largestUrl(photo: Photo): string | undefined {
  const jpegs = photo.renditions.filter((rendition) => rendition.format === "jpeg");
  const pool = jpegs.length > 0 ? jpegs : photo.renditions;
  return [...pool].sort((a, b) => b.width - a.width)[0]?.url;
}

/** `sizes` for the product grid: two columns on phones, three on tablets, four from 64rem (max 72rem wide). */
export const GRID_SIZES = "(min-width: 72rem) 17rem, (min-width: 64rem) 23vw, (min-width: 40rem) 31vw, 47vw";
/** `sizes` for a product page's main photo: the full width on phones, half the page from 48rem. */
export const PRODUCT_SIZES = "(min-width: 72rem) 35rem, (min-width: 48rem) 50vw, 100vw";
