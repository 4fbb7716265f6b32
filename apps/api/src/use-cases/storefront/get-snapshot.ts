import { platform } from "@stall/db";
import { buyerFacingStatus, DomainError } from "@stall/domain";
import { acceptsEncoding, encode, gunzipBody } from "@stall/http-edge";
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
  /** `body` is the snapshot's UTF-8 JSON, gzipped once per version unless the client takes no gzip. */
  | { notModified: false; body: Uint8Array; encoding: "gzip" | "identity" }
);

/** A snapshot version's bytes: gzipped always, plain once a client that takes no gzip has asked. */
type HeldSnapshot = { gzip: Uint8Array; plain: Uint8Array | undefined };

/** The storefront URL of a shop, as shoppers type it. */
export function storefrontUrl(deps: Deps, slug: string): string {
  const { rootDomain, storefrontPort } = deps.config;
  return rootDomain === "localhost" ? `http://${slug}.localhost:${storefrontPort}` : `https://${slug}.${rootDomain}`;
}

/**
 * Snapshots by (shop, version), held in memory as ready-to-send gzipped UTF-8 JSON with a byte budget; the
 * shop at a host comes from the in-memory host directory (decision 036). An unchanged shop costs no
 * database read and no JSON work per request, and nothing but headers when the ETag matches. The
 * storefront's fetch asks for gzip, so the held bytes go out as they are (a third to a tenth of the JSON:
 * less to write, less to hold, less between machines). The plain JSON is held too once a client that
 * takes no gzip asks for that version (curl, another program), counted in the same budget (decision 044).
 */
export function createSnapshotService(deps: Deps, hosts: HostDirectory) {
  // Made on first use: routes are also built with no configuration at all, for the OpenAPI document.
  let bodies: LRUCache<string, HeldSnapshot> | undefined;
  const held = () =>
    (bodies ??= new LRUCache<string, HeldSnapshot>({
      maxSize: Math.max(1, deps.config.caches.snapshotBytes),
      sizeCalculation: (body, key) => body.gzip.byteLength + (body.plain?.byteLength ?? 0) + key.length * 2 + 96,
    }));
  const directory = platform(deps.database.db);
  const encoder = new TextEncoder();

  return {
    /** `previewToken` (from the owner's preview link) also opens an unpublished shop. */
    async get(
      host: string,
      request: {
        ifNoneMatch?: string | undefined;
        acceptEncoding?: string | undefined;
        previewToken?: string | undefined;
      },
    ): Promise<SnapshotResult> {
      const { ifNoneMatch, previewToken } = request;
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
      // Weak: the gzipped and the plain bodies are the same snapshot.
      const opaque = `"${shop.id}.v${shop.version}.${shop.status}${isPreview ? ".preview" : ""}"`;
      const etag = `W/${opaque}`;
      if (ifNoneMatch?.split(",").some((tag) => tag.trim().replace(/^W\//, "") === opaque)) {
        deps.metrics?.snapshotLookup("not_modified");
        return { notModified: true, etag, isPreview };
      }
      const key = `${shop.id}:${shop.version}:${shop.status}`;
      const wantsGzip = acceptsEncoding(request.acceptEncoding, "gzip");
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
        const plain = encoder.encode(JSON.stringify(snapshot));
        body = { gzip: await encode(plain, "gzip"), plain: wantsGzip ? undefined : plain };
        held().set(key, body);
      }
      if (wantsGzip) return { notModified: false, etag, isPreview, body: body.gzip, encoding: "gzip" };
      const plain = body.plain ?? (await gunzipBody(body.gzip));
      if (!body.plain) held().set(key, { ...body, plain });
      return { notModified: false, etag, isPreview, body: plain, encoding: "identity" };
    },
    /** For /metrics. */
    figures: () => ({
      bytes: bodies?.calculatedSize ?? 0,
      entries: bodies?.size ?? 0,
      budget: deps.config.caches.snapshotBytes,
    }),
  };
}
