import { platform } from "@stall/db";
import type { Deps } from "../../deps.ts";

/** Ends the current session; its token stops working at once. */
export async function logOut(deps: Deps, options: { sessionId: string }) {
  await platform(deps.database.db).sessions.revoke(options.sessionId, deps.clock.now());
}
