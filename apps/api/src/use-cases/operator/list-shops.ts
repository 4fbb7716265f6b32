import { platform, type ShopRow } from "@stall/db";
import { daySpan, type OperatorShopQuery } from "@stall/domain";
import type { Deps } from "../../deps.ts";

/** One shop in the operators' list: enough to recognise it and pick it. */
export function toShopSummary(shop: ShopRow, ownerEmails: string[]) {
  return {
    id: shop.id,
    name: shop.name,
    slug: shop.slug,
    status: shop.status,
    isPublished: shop.isPublished,
    planId: shop.planId,
    cohortId: shop.cohortId,
    ownerEmails,
    createdAt: shop.createdAt,
    lastOrderAt: shop.lastOrderAt,
  };
}

/** Every shop on the platform, searched and filtered, newest first, a page at a time. */
export async function listShops(deps: Deps, options: { query: OperatorShopQuery }) {
  const { query } = options;
  const directory = platform(deps.database.db);
  const created = daySpan(query.createdFrom, query.createdTo);
  const lastOrder = daySpan(query.lastOrderFrom, query.lastOrderTo);
  const page = await directory.shops.search({
    q: query.q || undefined,
    status: query.status,
    planId: query.plan || undefined,
    cohortId: query.cohort || undefined,
    createdFrom: created.from,
    createdBefore: created.before,
    lastOrderFrom: lastOrder.from,
    lastOrderBefore: lastOrder.before,
    isPublished: query.published === undefined ? undefined : query.published === "yes",
    limit: query.limit,
    cursor: query.cursor,
  });
  const owners = await directory.shops.ownerEmails(page.items.map((shop) => shop.id));
  return {
    items: page.items.map((shop) => toShopSummary(shop, owners.get(shop.id) ?? [])),
    nextCursor: page.nextCursor,
  };
}
