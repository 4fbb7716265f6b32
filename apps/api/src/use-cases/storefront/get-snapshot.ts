import { platform } from "@stall/db";
import { buyerFacingStatus, DomainError } from "@stall/domain";
import { LRUCache } from "lru-cache";
import type { Deps } from "../../deps.ts";
import { shopRepos } from "../../pods/shop-db.ts";
import { isValidPreviewToken } from "../../security/preview-token.ts";
import { planOf } from "../plans/plan-room.ts";
import { noteShop } from "../request-notes.ts";
import { buildSnapshot } from "./build-snapshot.ts";
import type { HostDirectory } from "./host-directory.ts";

export type SnapshotResult = { isPreview: boolean; etag: string } & (
  | { notModified: true }
  /** `body` is the snapshot's JSON, encoded once per version. */
  | { notModified: false; body: Uint8Array<ArrayBuffer> }
);

/** The storefront URL of a shop, as shoppers type it. */
export function storefrontUrl(deps: Deps, slug: string): string {
  const { rootDomain, storefrontPort } = deps.config;
  return rootDomain === "localhost" ? `http://${slug}.localhost:${storefrontPort}` : `https://${slug}.${rootDomain}`;
}

/**
 * Snapshots by (shop, version), held in memory as ready-to-send UTF-8 JSON with a byte budget; the shop at
 * a host comes from the in-memory host directory (decision 036). An unchanged shop costs no database read
 * and no JSON work per request, and nothing but headers when the ETag matches.
 */
export function createSnapshotService(deps: Deps, hosts: HostDirectory) {
  // Made on first use: routes are also built with no configuration at all, for the OpenAPI document.
  let bodies: LRUCache<string, Uint8Array<ArrayBuffer>> | undefined;
  const held = () =>
    (bodies ??= new LRUCache<string, Uint8Array<ArrayBuffer>>({
      maxSize: Math.max(1, deps.config.caches.snapshotBytes),
      sizeCalculation: (body, key) => body.byteLength + key.length * 2 + 64,
    }));
  const directory = platform(deps.database.db);
  const encoder = new TextEncoder();

  return {
    /** `previewToken` (from the owner's preview link) also opens an unpublished shop. */
    async get(host: string, ifNoneMatch: string | undefined, previewToken?: string): Promise<SnapshotResult> {
      const found = await hosts.resolve(host);
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
      let body = held().get(key);
      deps.metrics?.snapshotLookup(body ? "hit" : "built");
      if (!body) {
        // The whole row is read only to build: the directory holds just what decides which snapshot to serve.
        const row = await directory.shops.findById(shop.id);
        if (!row) throw new DomainError("shop_not_found", `No published shop at ${host}`);
        const snapshot = await buildSnapshot({
          shop: { ...row, version: shop.version, status: shop.status },
          repos: await shopRepos(deps, shop.id),
          publicApiUrl: deps.config.publicApiUrl,
          storefrontUrl: storefrontUrl(deps, shop.slug),
          planPaymentMethods: (await planOf(deps, shop)).paymentMethods,
          now: deps.clock.now(),
        });
        body = encoder.encode(JSON.stringify(snapshot));
        held().set(key, body);
      }
      return { notModified: false, etag, isPreview, body };
    },
    /** For /metrics. */
    figures: () => ({
      bytes: bodies?.calculatedSize ?? 0,
      entries: bodies?.size ?? 0,
      budget: deps.config.caches.snapshotBytes,
    }),
  };
}
