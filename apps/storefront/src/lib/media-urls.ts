import type { Photo, Snapshot } from "./snapshot.ts";

const mediaPath = /^\/media\/[0-9a-f]{2}\/[0-9a-f]{2}\/[0-9a-f]{64}\.(?:avif|webp|jpg|png)$/;

/**
 * The same-origin path of a photo URL on the API (`/media/ab/cd/<hash>.avif`), so photos load over the
 * shop's own connection; any other URL is left as it is.
 * @example sameOriginMediaUrl("http://localhost:8787/media/ab/cd/….avif") // "/media/ab/cd/….avif"
 */
export function sameOriginMediaUrl(url: string): string {
  try {
    const { pathname } = new URL(url);
    return mediaPath.test(pathname) ? pathname : url;
  } catch {
    return url;
  }
}

/** True for a path the storefront proxies to the API's media files. */
export function isMediaPath(path: string): boolean {
  return mediaPath.test(path);
}

/** A photo whose rendition URLs point at the storefront's own `/media/…` proxy. */
export function localisePhoto(photo: Photo): Photo {
  return {
    ...photo,
    renditions: photo.renditions.map((rendition) => ({ ...rendition, url: sameOriginMediaUrl(rendition.url) })),
  };
}

/** A snapshot whose photo URLs point at the storefront's own `/media/…` proxy. */
export function withSameOriginMedia<T extends Snapshot>(snapshot: T): T {
  return {
    ...snapshot,
    shop: { ...snapshot.shop, logo: snapshot.shop.logo ? localisePhoto(snapshot.shop.logo) : null },
    products: snapshot.products.map((product) => ({ ...product, photos: product.photos.map(localisePhoto) })),
  };
}

/** The saved copy's photo path for a `/media/…` path: relative, so the copy opens from disk. */
function staticMediaUrl(url: string): string {
  return isMediaPath(url) ? url.slice(1) : url;
}

function staticPhoto(photo: Photo): Photo {
  return {
    ...photo,
    renditions: photo.renditions.map((rendition) => ({ ...rendition, url: staticMediaUrl(rendition.url) })),
  };
}

/**
 * A same-origin snapshot (see `withSameOriginMedia`) whose photos point at `media/…` beside the saved
 * copy's pages, where the export puts the files.
 * @example "/media/ab/cd/….webp" -> "media/ab/cd/….webp"
 */
export function withStaticCopyMedia<T extends Snapshot>(snapshot: T): T {
  return {
    ...snapshot,
    shop: { ...snapshot.shop, logo: snapshot.shop.logo ? staticPhoto(snapshot.shop.logo) : null },
    products: snapshot.products.map((product) => ({ ...product, photos: product.photos.map(staticPhoto) })),
  };
}
