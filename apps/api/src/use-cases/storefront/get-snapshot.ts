import { forShop, platform } from "@stall/db";
import { buyerFacingStatus, DomainError } from "@stall/domain";
import { LRUCache } from "lru-cache";
import type { Deps } from "../../deps.ts";
import { isValidPreviewToken } from "../../security/preview-token.ts";
import { planOf } from "../plans/plan-room.ts";
import { noteShop } from "../request-notes.ts";
import { buildSnapshot, type Snapshot } from "./build-snapshot.ts";

export type SnapshotResult = { isPreview: boolean; etag: string } & (
  | { notModified: true }
  | { notModified: false; snapshot: Snapshot; body: string }
);

/** The storefront URL of a shop, as shoppers type it. */
export function storefrontUrl(deps: Deps, slug: string): string {
  const { rootDomain, storefrontPort } = deps.config;
  return rootDomain === "localhost" ? `http://${slug}.localhost:${storefrontPort}` : `https://${slug}.${rootDomain}`;
}

/**
 * Snapshots by (shop, version), held in memory with a byte budget: an unchanged shop costs one
 * indexed read (host -> shop and its version) per request, and nothing when the ETag matches.
 */
export function createSnapshotService(deps: Deps, options: { maxBytes?: number } = {}) {
  const cache = new LRUCache<string, { snapshot: Snapshot; body: string }>({
    maxSize: options.maxBytes ?? 64 * 1024 * 1024,
    sizeCalculation: (entry) => entry.body.length * 2 + 64,
  });
  const directory = platform(deps.database.db);

  return {
    /** `previewToken` (from the owner's preview link) also opens an unpublished shop. */
    async get(host: string, ifNoneMatch: string | undefined, previewToken?: string): Promise<SnapshotResult> {
      const found = await directory.shops.resolveHost(host, deps.config.rootDomain);
      if (found) noteShop(found.id);
      // A shop waiting to be deleted shows as closed (decision 025).
      const shop = found && { ...found, status: buyerFacingStatus(found.status, found.deletionDueAt) };
      const isPreview =
        shop !== undefined &&
        !shop.isPublished &&
        previewToken !== undefined &&
        isValidPreviewToken(deps.config.secretKey, shop.id, previewToken, deps.clock.now());
      if (!shop || (!shop.isPublished && !isPreview)) {
        throw new DomainError("shop_not_found", `No published shop at ${host}`);
      }
      const etag = `"${shop.id}.v${shop.version}.${shop.status}${isPreview ? ".preview" : ""}"`;
      if (ifNoneMatch?.split(",").some((tag) => tag.trim().replace(/^W\//, "") === etag)) {
        deps.metrics?.snapshotLookup("not_modified");
        return { notModified: true, etag, isPreview };
      }
      const key = `${shop.id}:${shop.version}:${shop.status}`;
      let entry = cache.get(key);
      deps.metrics?.snapshotLookup(entry ? "hit" : "built");
      if (!entry) {
        const snapshot = await buildSnapshot({
          shop,
          repos: forShop(deps.database.db, shop.id),
          publicApiUrl: deps.config.publicApiUrl,
          storefrontUrl: storefrontUrl(deps, shop.slug),
          planPaymentMethods: (await planOf(deps, shop)).paymentMethods,
          now: deps.clock.now(),
        });
        entry = { snapshot, body: JSON.stringify(snapshot) };
        cache.set(key, entry);
      }
      return { notModified: false, etag, isPreview, ...entry };
    },
  };
}
