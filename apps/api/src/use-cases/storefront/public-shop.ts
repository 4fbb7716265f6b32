import { platform, type ShopRepositories, type ShopRow } from "@stall/db";
import { buyerFacingStatus, DomainError } from "@stall/domain";
import type { Deps } from "../../deps.ts";
import { shopRepos, withPodCounters } from "../../pods/shop-db.ts";
import { noteShop } from "../request-notes.ts";

/**
 * The shop at a storefront host, for shoppers' requests (carts, share images): it must be published
 * and open. Unknown and unpublished hosts are 404; a suspended or closed shop is 503.
 */
export async function publicShop(deps: Deps, host: string): Promise<{ shop: ShopRow; repos: ShopRepositories }> {
  const found = await platform(deps.database.db).shops.resolveHost(host, deps.config.rootDomain);
  const shop = found && (await withPodCounters(deps, found));
  if (shop) noteShop(shop.id);
  if (!shop?.isPublished) throw new DomainError("shop_not_found", `No published shop at ${host}`);
  if (buyerFacingStatus(shop.status, shop.deletionDueAt) !== "active") {
    throw new DomainError("shop_unavailable", "This shop is closed for now; please come back later", {
      details: { retryAfterSeconds: 3600 },
    });
  }
  return { shop, repos: await shopRepos(deps, shop.id) };
}
