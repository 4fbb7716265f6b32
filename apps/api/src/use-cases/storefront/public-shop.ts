import { platform, type ShopRepositories, type ShopRow } from "@stall/db";
import { buyerFacingStatus, DomainError } from "@stall/domain";
import type { Deps } from "../../deps.ts";
import { shopRepos, withPodCounters } from "../../pods/shop-db.ts";
import { noteShop } from "../request-notes.ts";
import type { HostDirectory } from "./host-directory.ts";

/**
 * The shop at a storefront host, for shoppers' requests (carts, checkouts, share images): it must be
 * published and open. Unknown and unpublished hosts are 404; a suspended or closed shop is 503. With
 * the host `directory`, the row comes from memory while the directory vouches for its version
 * (decision 048); without, it is read.
 */
export async function publicShop(
  deps: Deps,
  host: string,
  directory?: Pick<HostDirectory, "shopAt">,
): Promise<{ shop: ShopRow; repos: ShopRepositories }> {
  const shop = directory ? await directory.shopAt(host) : await readShop(deps, host);
  if (shop) noteShop(shop.id);
  if (!shop?.isPublished) throw new DomainError("shop_not_found", `No published shop at ${host}`);
  if (buyerFacingStatus(shop.status, shop.deletionDueAt) !== "active") {
    throw new DomainError("shop_unavailable", "This shop is closed for now; please come back later", {
      details: { retryAfterSeconds: 3600 },
    });
  }
  return { shop, repos: await shopRepos(deps, shop.id) };
}

async function readShop(deps: Deps, host: string): Promise<ShopRow | undefined> {
  const found = await platform(deps.database.db).shops.resolveHost(host, deps.config.rootDomain);
  return found && (await withPodCounters(deps, found));
}
