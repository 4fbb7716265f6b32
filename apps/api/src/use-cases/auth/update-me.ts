import { platform } from "@stall/db";
import { DomainError, type UpdateMeInput } from "@stall/domain";
import type { Deps } from "../../deps.ts";
import { toAuthUser } from "../access.ts";

export async function updateMe(deps: Deps, options: { userId: string; input: UpdateMeInput }) {
  const updated = await platform(deps.database.db).users.update(options.userId, options.input, deps.clock.now());
  if (!updated) throw new DomainError("not_found", "No such user");
  return toAuthUser(updated);
}
