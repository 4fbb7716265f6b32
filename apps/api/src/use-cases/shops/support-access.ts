import { platform } from "@stall/db";
import { SUPPORT_ACCESS_CHOICES, type SupportAccessInput } from "@stall/domain";
import type { Deps } from "../../deps.ts";
import type { ShopAccess } from "../access.ts";

/**
 * The owner lets Stall's operators into the shop's dashboard for a while (24 hours or 7 days), or
 * shuts them out again. The shop door writes the audit entry like any owner change; operators'
 * visits are audited one by one while it is on.
 */
export async function setSupportAccess(deps: Deps, options: { access: ShopAccess; input: SupportAccessInput }) {
  const now = deps.clock.now();
  const { duration } = options.input;
  const until = duration === "off" ? null : now + SUPPORT_ACCESS_CHOICES[duration];
  const shop = await platform(deps.database.db).shops.setSupportAccess(options.access.shop.id, until, now);
  return { supportAccessUntil: shop?.supportAccessUntil ?? null };
}
