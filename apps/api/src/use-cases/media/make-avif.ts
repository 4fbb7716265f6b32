import type { AvifJob } from "@stall/db";
import type { Deps } from "../../deps.ts";
import { keysUnusedOnEveryPod, shopRepos } from "../../pods/shop-db.ts";

/** What became of one claimed photo. */
export type AvifOutcome = "done" | "retried" | "failed" | "gone" | "lost";

export type MakeAvifOptions = {
  /** Tries before a photo is left with WebP and JPEG only. */
  maxAttempts: number;
  /** Delay before the next try after failed attempt number `attempt` (1-based). */
  backoff: (attempt: number) => number;
};

/**
 * Makes the AVIF renditions of one uploaded photo (decision 038): from its largest WebP (no original is
 * kept), at the widths its WebP renditions have, stored under content-addressed names, then added to
 * the photo with its bytes counted and the shop's version bumped, in one write. A photo deleted
 * meanwhile ends the job and takes back any file no other photo uses; a photo whose AVIF keeps failing
 * is left with WebP and JPEG, which every browser shows.
 */
export async function makeAvif(deps: Deps, options: MakeAvifOptions, job: AvifJob): Promise<AvifOutcome> {
  const repos = await shopRepos(deps, job.shopId);
  const fields = { shopId: job.shopId, mediaId: job.mediaId, attempt: job.attempts };
  const giveUp = async (reason: string): Promise<AvifOutcome> => {
    const isOurs = await repos.media.failAvif(job.mediaId, job.lockedUntil);
    if (isOurs) deps.logger.log("warn", "photo kept without AVIF", { ...fields, reason });
    return isOurs ? "failed" : "lost";
  };

  if (job.attempts > options.maxAttempts) {
    // A worker died holding this photo on its last try: do not try an extra time.
    return giveUp("the last try never finished");
  }
  const photo = await repos.media.get(job.mediaId);
  if (!photo) return "gone";
  const webp = photo.renditions.filter((rendition) => rendition.format === "webp");
  const pool = webp.length > 0 ? webp : photo.renditions.filter((rendition) => rendition.format === "jpeg");
  const source = [...pool].sort((a, b) => b.width - a.width)[0];
  if (!source) return giveUp("the photo has no WebP or JPEG to make AVIF from");

  const storageKeys: string[] = [];
  /** Deletes the files this job stored that no photo points at, so nothing is left orphaned. */
  const takeBack = async () => {
    for (const key of await keysUnusedOnEveryPod(deps, storageKeys)) await deps.mediaStore.delete(key);
  };
  let renditions: Parameters<typeof repos.media.addAvif>[2];
  try {
    const stored = await deps.mediaStore.get(source.storageKey);
    if (!stored) throw new Error(`the file ${source.storageKey} is missing from the media store`);
    const made = await deps.images.makeAvif(
      stored.data,
      pool.map((rendition) => rendition.width),
    );
    const now = deps.clock.now();
    renditions = [];
    for (const rendition of made) {
      const storageKey = await deps.mediaStore.put(rendition.data, "avif");
      storageKeys.push(storageKey);
      renditions.push({
        id: deps.newId("rendition"),
        format: "avif",
        width: rendition.width,
        height: rendition.height,
        bytes: rendition.data.byteLength,
        storageKey,
        createdAt: now,
      });
    }
  } catch (error) {
    // A damaged file, a sharp error, a store that failed: tried again a few times, then left.
    const reason = error instanceof Error ? error.message : String(error);
    if (job.attempts < options.maxAttempts) {
      const retryAt = deps.clock.now() + options.backoff(job.attempts);
      const isOurs = await repos.media.failAvif(job.mediaId, job.lockedUntil, retryAt);
      if (isOurs) deps.logger.log("info", "AVIF will be tried again", { ...fields, reason, retryAt });
      return isOurs ? "retried" : "lost";
    }
    await takeBack();
    return giveUp(`${reason} (gave up after ${job.attempts} tries)`);
  }

  const result = await repos.media.addAvif(job.mediaId, job.lockedUntil, renditions, deps.clock.now());
  if (result === "added") return "done";
  if (result === "gone" || result === "no_room") {
    // Deleted while its AVIF was being made, or no room for it: take back the files no photo uses.
    await takeBack();
    return result === "gone" ? "gone" : giveUp("the shop's storage is full");
  }
  // Another worker took the photo over after our lease ran out; its files have the same names as ours.
  return "lost";
}
