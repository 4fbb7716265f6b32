import { platform } from "@stall/db";
import type { Deps } from "../../deps.ts";
import type { AuthUser } from "../access.ts";

/** The signed-in user and the shops they may work on. */
export async function getMe(deps: Deps, options: { user: AuthUser }) {
  const memberships = await platform(deps.database.db).memberships.forUser(options.user.id);
  return {
    user: options.user,
    memberships: memberships.map((membership) => ({
      shopId: membership.shopId,
      role: membership.role,
      permissions: membership.role === "helper" ? membership.permissions : [],
    })),
  };
}
