import { platform } from "@stall/db";
import { SHOP_STATUSES, type ShopStatus } from "@stall/domain";
import type { Deps } from "../../deps.ts";

export type OperatorOverview = {
  shops: { total: number; published: number; byStatus: Record<ShopStatus, number> };
};

/** The platform at a glance, for the operator console's first page. */
export async function getOverview(deps: Deps): Promise<OperatorOverview> {
  const rows = await platform(deps.database.db).shops.countByStatus();
  const byStatus = Object.fromEntries(SHOP_STATUSES.map((status) => [status, 0])) as Record<ShopStatus, number>;
  let total = 0;
  let published = 0;
  for (const row of rows) {
    byStatus[row.status as ShopStatus] += row.count;
    total += row.count;
    if (row.isPublished) published += row.count;
  }
  return { shops: { total, published, byStatus } };
}
