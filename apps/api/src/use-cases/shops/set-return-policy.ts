import { platform } from "@stall/db";
import { DomainError, type ReturnPolicyInput, toReturnPolicy } from "@stall/domain";
import type { Deps } from "../../deps.ts";
import type { ShopAccess } from "../access.ts";

/**
 * Saves whether and how the shop takes things back. The shop's version goes up: the policy is in every
 * product page's JSON-LD. The written policy buyers read (`policies.returns`) is not touched.
 */
export async function setReturnPolicy(deps: Deps, options: { access: ShopAccess; input: ReturnPolicyInput }) {
  const returnPolicy = toReturnPolicy(options.input);
  const updated = await platform(deps.database.db).shops.updateSettings(
    options.access.shop.id,
    { returnPolicy },
    deps.clock.now(),
  );
  if (!updated) throw new DomainError("shop_not_found", "The shop is gone");
  return { returnPolicy: updated.returnPolicy ?? null };
}
