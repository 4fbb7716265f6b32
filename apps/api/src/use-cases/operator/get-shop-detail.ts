import { platform } from "@stall/db";
import { DomainError, PRODUCT_STATUSES } from "@stall/domain";
import type { Deps } from "../../deps.ts";
import { shopRepos, withPodCounters } from "../../pods/shop-db.ts";
import { storefrontUrl } from "../storefront/get-snapshot.ts";

/** How many audit entries the detail shows; the full log is the audit section's. */
const TRAIL_LENGTH = 50;

/**
 * One shop as operators see it: its people, how big it is, what it sold (per currency), its web
 * addresses and its audit trail. The shop's own rows are read through `forShop`, like any shop request.
 */
export async function getShopDetail(deps: Deps, options: { shopId: string }) {
  const { db } = deps.database;
  const directory = platform(db);
  const found = await directory.shops.findById(options.shopId);
  const shop = found && (await withPodCounters(deps, found));
  if (!shop) throw new DomainError("shop_not_found", `No shop with id ${options.shopId}`);
  const repos = await shopRepos(deps, shop.id);
  const [members, products, sales, domains, trail] = await Promise.all([
    directory.memberships.listForShop(shop.id),
    repos.products.countByStatus(),
    repos.orders.salesByCurrency(),
    directory.domains.listForShop(shop.id),
    directory.audit.listForShop(shop.id, { limit: TRAIL_LENGTH }),
  ]);
  const now = deps.clock.now();
  return {
    id: shop.id,
    name: shop.name,
    slug: shop.slug,
    url: storefrontUrl(deps, shop.slug),
    status: shop.status,
    statusReason: shop.statusReason,
    statusChangedAt: shop.statusChangedAt,
    isPublished: shop.isPublished,
    planId: shop.planId,
    cohortId: shop.cohortId,
    currency: shop.currency,
    createdAt: shop.createdAt,
    lastOrderAt: shop.lastOrderAt,
    supportAccessUntil:
      shop.supportAccessUntil !== null && shop.supportAccessUntil > now ? shop.supportAccessUntil : null,
    storageUsedBytes: shop.storageUsedBytes,
    members: members.map(({ membership, user }) => ({
      userId: user.id,
      name: user.name,
      email: user.email,
      role: membership.role,
      since: membership.createdAt,
    })),
    products: Object.fromEntries(PRODUCT_STATUSES.map((status) => [status, products[status] ?? 0])) as Record<
      (typeof PRODUCT_STATUSES)[number],
      number
    >,
    sales,
    domains: domains.map((domain) => ({
      hostname: domain.hostname,
      isVerified: domain.verifiedAt !== null,
      verifiedAt: domain.verifiedAt,
    })),
    audit: trail.items.map((entry) => ({
      id: entry.id,
      action: entry.action,
      actorUserId: entry.actorUserId,
      actorRole: entry.actorRole,
      targetType: entry.targetType,
      targetId: entry.targetId,
      ip: entry.ip,
      data: entry.data,
      createdAt: entry.createdAt,
    })),
  };
}
