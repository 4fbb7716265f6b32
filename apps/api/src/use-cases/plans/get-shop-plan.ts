import { platform } from "@stall/db";
import type { PaymentMethod } from "@stall/domain";
import type { Deps } from "../../deps.ts";
import { withPodCounters } from "../../pods/shop-db.ts";
import type { ShopAccess } from "../access.ts";
import { countDomains, countPeople, planOf } from "./plan-room.ts";

/**
 * The shop's plan and how much of each limit the shop uses, so the owner sees a limit before reaching
 * it. Counted the way each creating use-case counts, so "2 of 2" here means the next one is refused.
 */
export async function getShopPlan(deps: Deps, options: { access: Pick<ShopAccess, "shop" | "repos"> }) {
  const { shop, repos } = options.access;
  const now = deps.clock.now();
  const [plan, products, fresh, people, domains] = await Promise.all([
    planOf(deps, shop),
    repos.products.count(),
    platform(deps.database.db)
      .shops.findById(shop.id)
      .then((row) => row && withPodCounters(deps, row)),
    countPeople(deps, shop.id, now),
    countDomains(deps, shop.id, now),
  ]);
  return {
    plan: {
      id: plan.id,
      name: plan.name,
      description: plan.description,
      applicationFeeBasisPoints: plan.applicationFeeBasisPoints,
    },
    contact: deps.config.operatorContactEmail || null,
    limits: {
      products: { allowed: plan.maxProducts, used: products },
      photo_storage: { allowed: plan.storageQuotaBytes, used: fresh?.storageUsedBytes ?? shop.storageUsedBytes },
      members: { allowed: plan.maxMembers, used: people.total },
      custom_domains: { allowed: plan.maxCustomDomains, used: domains },
      payment_methods: {
        allowed: plan.paymentMethods as PaymentMethod[],
        used: shop.paymentMethods as PaymentMethod[],
      },
    },
  };
}
