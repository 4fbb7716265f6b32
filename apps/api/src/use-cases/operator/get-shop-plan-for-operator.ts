import { platform } from "@stall/db";
import { DomainError } from "@stall/domain";
import type { Deps } from "../../deps.ts";
import { shopRepos } from "../../pods/shop-db.ts";
import { getShopPlan } from "../plans/get-shop-plan.ts";

/** A shop's plan and what it uses, for the operator deciding whether to move it. */
export async function getShopPlanForOperator(deps: Deps, options: { shopId: string }) {
  const shop = await platform(deps.database.db).shops.findById(options.shopId);
  if (!shop) throw new DomainError("shop_not_found", "No such shop");
  const usage = await getShopPlan(deps, { access: { shop, repos: await shopRepos(deps, shop.id) } });
  return { shop: { id: shop.id, name: shop.name, slug: shop.slug }, ...usage };
}
