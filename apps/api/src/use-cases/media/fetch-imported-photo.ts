import { type PhotoFailure, type PhotoImportItemRow, platform } from "@stall/db";
import { DomainError } from "@stall/domain";
import { MediaFetchError, type MediaFetcher } from "../../adapters/media-fetcher.ts";
import type { Deps } from "../../deps.ts";
import { shopRepos } from "../../pods/shop-db.ts";
import { uploadPhoto } from "./upload-photo.ts";

/** What became of one claimed item. */
export type PhotoOutcome = "done" | "failed" | "retried" | "lost";

export type FetchImportedPhotoOptions = {
  fetcher: MediaFetcher;
  /** Attempts before an item that keeps failing for a passing reason (network, 5xx) fails for good. */
  maxAttempts: number;
  /** Delay before the next try after failed attempt number `attempt` (1-based). */
  backoff: (attempt: number) => number;
};

/** The file name at the end of a URL's path, kept with the photo so the owner recognises it. */
function filenameOf(url: string): string | undefined {
  try {
    const name = decodeURIComponent(new URL(url).pathname.split("/").pop() ?? "");
    return name === "" ? undefined : name;
  } catch {
    return undefined;
  }
}

/**
 * Brings in one photo of an import (decision 030): fetched through the safe fetcher, then the upload
 * pipeline (magic bytes, pixel limit, EXIF stripped, renditions, the storage quota, one copy per
 * content), then put on its product and variants. A photo the shop already fetched from the same
 * address is reused without fetching it again.
 */
export async function fetchImportedPhoto(
  deps: Deps,
  options: FetchImportedPhotoOptions,
  item: PhotoImportItemRow,
): Promise<PhotoOutcome> {
  const now = () => deps.clock.now();
  const repos = await shopRepos(deps, item.shopId);
  const fail = async (failure: PhotoFailure, error: string, isRetryable: boolean): Promise<PhotoOutcome> => {
    if (isRetryable && item.attempts < options.maxAttempts) {
      const retryAt = now() + options.backoff(item.attempts);
      return (await repos.photoImports.fail(item, { failure, error }, now(), retryAt)) ? "retried" : "lost";
    }
    const final = isRetryable ? `${error} (gave up after ${item.attempts} tries)` : error;
    return (await repos.photoImports.fail(item, { failure, error: final }, now())) ? "failed" : "lost";
  };

  if (item.attempts > options.maxAttempts) {
    // A worker died holding this item on its last try: do not try an extra time.
    return fail("gave_up", "The photo could not be fetched: the last try never finished", false);
  }
  const shop = await platform(deps.database.db).shops.findById(item.shopId);
  if (!shop) return fail("shop_gone", "The shop is gone", false);

  const known = await repos.photoImports.mediaIdForUrl(item.url);
  if (known && (await repos.media.get(known))) {
    return (await repos.photoImports.attach(item, known, now())) ? "done" : "lost";
  }

  let bytes: Uint8Array;
  try {
    ({ bytes } = await options.fetcher.fetch(item.url));
  } catch (error) {
    if (error instanceof MediaFetchError) return fail(error.failure, error.message, error.isRetryable);
    throw error;
  }

  let mediaId: string;
  try {
    const { photo, isNew } = await uploadPhoto(deps, {
      access: { shop, repos },
      bytes,
      filename: filenameOf(item.url),
      alt: item.alt,
    });
    mediaId = photo.id;
    // The same photo arrived earlier without words: give it this row's alt text.
    if (!isNew && photo.alt === "" && item.alt !== "") await repos.media.setAlt(mediaId, item.alt, now());
  } catch (error) {
    // Not a photo, too many pixels, damaged, no room left: trying again gives the same answer.
    if (error instanceof DomainError) {
      return fail(error.code === "quota_exceeded" ? "storage_full" : "photo_refused", error.message, false);
    }
    // The database or the media store: worth another try.
    return fail("save_failed", "The photo could not be saved just now", true);
  }
  return (await repos.photoImports.attach(item, mediaId, now())) ? "done" : "lost";
}
