import { isForeignKeyViolation } from "@stall/db";
import { DomainError } from "@stall/domain";
import type { Deps } from "../../deps.ts";
import type { ShopAccess } from "../access.ts";
import { toPhotoResponse } from "../catalog/serialise.ts";

export async function listPhotos(deps: Deps, options: { access: ShopAccess }) {
  const photos = await options.access.repos.media.list();
  return photos.map((photo) => toPhotoResponse(photo, deps.config.publicApiUrl));
}

/** The alt text a screen reader says for the photo. */
export async function describePhoto(deps: Deps, options: { access: ShopAccess; mediaId: string; alt: string }) {
  const updated = await options.access.repos.media.setAlt(options.mediaId, options.alt, deps.clock.now());
  if (!updated) throw new DomainError("not_found", "No such photo in this shop");
  return toPhotoResponse(updated, deps.config.publicApiUrl);
}

/** Deletes a photo no product uses; its bytes come off the shop's storage. */
export async function deletePhoto(deps: Deps, options: { access: ShopAccess; mediaId: string }) {
  const { repos } = options.access;
  const photo = await repos.media.get(options.mediaId);
  if (!photo) throw new DomainError("not_found", "No such photo in this shop");
  if (await repos.media.isInUse(options.mediaId)) {
    throw new DomainError("conflict", "A product still shows this photo; remove it from the product first");
  }
  try {
    await repos.media.delete(options.mediaId, deps.clock.now());
  } catch (error) {
    // A product took the photo between the check and the delete: the foreign key refused.
    if (isForeignKeyViolation(error)) {
      throw new DomainError("conflict", "A product still shows this photo; remove it from the product first");
    }
    throw error;
  }
  // Files are content-addressed and may be shared with another shop's identical photo: they stay.
}
