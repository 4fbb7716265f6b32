import { DomainError } from "@stall/domain";
import { createMiddleware } from "hono/factory";
import type { Deps } from "../deps.ts";
import type { AppEnv } from "./app-env.ts";
import { requireUser } from "./auth.ts";

/** Operator actions (anything but reading) need the password entered within this long. */
export const RECENT_SIGN_IN_MS = 15 * 60 * 1000;

/**
 * The door for `/v1/operator/…`, after `requireUser`: anyone who is not an operator gets the same 404
 * as an unknown path, so the console's existence confirms nothing. Reading needs an operator session;
 * every action (any method but GET/HEAD) also needs the password entered on this session within the
 * last 15 minutes (sign-in or `POST /v1/auth/confirm`), so a forgotten open laptop cannot suspend shops.
 */
export function operatorDoor(deps: Deps) {
  const signedIn = requireUser(deps);
  return createMiddleware<AppEnv>(async (c, next) => {
    const nothingHere = new DomainError("not_found", `Nothing here: ${c.req.method} ${c.req.path}`);
    try {
      await signedIn(c, async () => {});
    } catch (error) {
      // Without a session the answer is the same 404: the console is not advertised to strangers.
      if (error instanceof DomainError && error.code === "unauthenticated") throw nothingHere;
      throw error;
    }
    if (c.get("user").role !== "operator") throw nothingHere;
    const isAction = c.req.method !== "GET" && c.req.method !== "HEAD";
    if (isAction && deps.clock.now() - c.get("passwordEnteredAt") > RECENT_SIGN_IN_MS) {
      throw new DomainError(
        "recent_sign_in_required",
        "Operator actions need your password from the last 15 minutes: enter it again, then repeat the action",
      );
    }
    await next();
  });
}
