import type { Product, ShopRepositories } from "@stall/db";
import { DomainError } from "@stall/domain";
import { type PhotoResponse, toPhotoResponse, toProductResponse } from "./serialise.ts";

/** Products with their photos, in two queries however many products. */
export async function withPhotos(repos: ShopRepositories, products: Product[], publicApiUrl: string) {
  const photos = await repos.media.forProducts(products.map((product) => product.id));
  const byProduct = new Map<string, PhotoResponse[]>();
  for (const photo of photos) {
    byProduct.set(photo.productId, [...(byProduct.get(photo.productId) ?? []), toPhotoResponse(photo, publicApiUrl)]);
  }
  return products.map((product) => toProductResponse(product, byProduct.get(product.id) ?? []));
}

/** Refuses photo ids that are not this shop's, naming the field. */
export async function assertOwnMedia(repos: ShopRepositories, mediaIds: string[]): Promise<void> {
  const unknown = [];
  for (const [index, mediaId] of mediaIds.entries()) {
    if (!(await repos.media.get(mediaId)))
      unknown.push({ path: `mediaIds.${index}`, message: "No photo with this id in this shop" });
  }
  if (unknown.length > 0) {
    throw new DomainError("validation_failed", "Some photos are not in this shop; upload them first", {
      errors: unknown,
    });
  }
  if (new Set(mediaIds).size !== mediaIds.length) {
    throw new DomainError("validation_failed", "A photo is listed twice", {
      errors: [{ path: "mediaIds", message: "Listed twice" }],
    });
  }
}
