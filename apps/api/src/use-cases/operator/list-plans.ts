import { platform } from "@stall/db";
import type { Deps } from "../../deps.ts";
import { toPlanResponse } from "./plan-response.ts";

/** Every plan, the default first, with how many shops are on each. */
export async function listPlans(deps: Deps) {
  const rows = await platform(deps.database.db).plans.listWithShopCounts();
  return rows.map((row) => ({ ...toPlanResponse(row), shopCount: row.shopCount }));
}
