import { type PlanRow, platform } from "@stall/db";
import { type DomainError, fitsLimit, planLimitError } from "@stall/domain";
import type { Deps } from "../../deps.ts";
import { withPodCounters } from "../../pods/shop-db.ts";
import type { ShopAccess } from "../access.ts";
import { toPhotoResponse } from "../catalog/serialise.ts";
import { planOf } from "../plans/plan-room.ts";

const EXTENSIONS = { avif: "avif", webp: "webp", jpeg: "jpg" } as const;
const formatMegabytes = (bytes: number) =>
  bytes < 1024 * 1024 ? `${Math.round(bytes / 1024)} KB` : `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`;

/**
 * Takes a photo straight from a phone camera: checks it is a real image of a sane size (before
 * decoding), turns it upright, drops EXIF and GPS, makes WebP/JPEG renditions for phones and desktops,
 * and stores them under content-addressed names; the photo is usable at once and its AVIF renditions
 * follow from the AVIF worker (`make-avif.ts`). The same photo twice is stored once.
 */
export async function uploadPhoto(
  deps: Deps,
  options: {
    // The shop and its repositories only: the photo-import worker calls this too, with no member behind it.
    access: Pick<ShopAccess, "shop" | "repos">;
    bytes: Uint8Array;
    filename: string | undefined;
    alt: string | undefined;
  },
) {
  const { access } = options;
  const { repos, shop } = access;
  // WebP and JPEG only: AVIF costs most of the time and is made in the background (decision 038).
  const processed = await deps.images.process(options.bytes, { formats: ["webp", "jpeg"] });
  const existing = await repos.media.findByHash(processed.contentHash);
  if (existing) return { photo: toPhotoResponse(existing, deps.config.publicApiUrl), isNew: false };

  const bytes = processed.renditions.reduce((total, rendition) => total + rendition.data.byteLength, 0);
  // An early, cheap refusal before anything is stored. It is only a hint: the write below decides.
  const plan = await planOf(deps, shop);
  const found = await platform(deps.database.db).shops.findById(shop.id);
  const fresh = found && (await withPodCounters(deps, found));
  if (fresh && !fitsLimit(plan.storageQuotaBytes, fresh.storageUsedBytes, bytes)) {
    throw noRoom(deps, plan, bytes, fresh.storageUsedBytes, plan.storageQuotaBytes);
  }
  const now = deps.clock.now();
  // The files are written side by side (a store round trip each, on disk or S3).
  const renditions = await Promise.all(
    processed.renditions.map(async (rendition) => ({
      id: deps.newId("rendition"),
      format: rendition.format,
      width: rendition.width,
      height: rendition.height,
      bytes: rendition.data.byteLength,
      storageKey: await deps.mediaStore.put(rendition.data, EXTENSIONS[rendition.format]),
      createdAt: now,
    })),
  );
  // Files are content-addressed and may be shared with other photos, so a refused upload leaves
  // them in the store rather than risk deleting a file another row points at.
  const result = await repos.media.create({
    id: deps.newId("media"),
    contentHash: processed.contentHash,
    originalFilename: options.filename?.slice(0, 200) ?? null,
    mimeType: processed.mimeType,
    width: processed.width,
    height: processed.height,
    bytes,
    alt: options.alt?.trim().slice(0, 300) ?? "",
    createdAt: now,
    avifStatus: "pending",
    avifNextAttemptAt: now,
    renditions,
  });
  if (result.status === "over_quota") throw noRoom(deps, plan, bytes, result.usedBytes, result.quotaBytes);
  return { photo: toPhotoResponse(result.media, deps.config.publicApiUrl), isNew: result.status === "created" };
}

/** The photo's refusal; `quotaBytes` is what the write saw, the plan's name and words come from `plan`. */
function noRoom(deps: Deps, plan: PlanRow, bytes: number, usedBytes: number, quotaBytes: number): DomainError {
  // Never a negative "left": a shop moved to a smaller plan can be over its quota.
  const leftBytes = Math.max(0, quotaBytes - usedBytes);
  return planLimitError({
    limit: "photo_storage",
    plan: { ...plan, storageQuotaBytes: quotaBytes },
    allowed: quotaBytes,
    used: usedBytes,
    contact: deps.config.operatorContactEmail || undefined,
    lead: `This photo needs ${formatMegabytes(bytes)} and the shop has ${formatMegabytes(leftBytes)} of its ${formatMegabytes(quotaBytes)} left.`,
    details: { neededBytes: bytes, leftBytes, quotaBytes },
  });
}
