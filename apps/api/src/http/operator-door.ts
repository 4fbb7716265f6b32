import { platform } from "@stall/db";
import { DomainError } from "@stall/domain";
import { createMiddleware } from "hono/factory";
import type { Deps } from "../deps.ts";
import { recordAudit } from "../use-cases/audit/record-audit.ts";
import type { AppEnv } from "./app-env.ts";
import { auditActor } from "./audit.ts";
import { requireUser } from "./auth.ts";

/** Operator actions (anything but reading) need the password entered within this long. */
export const RECENT_SIGN_IN_MS = 15 * 60 * 1000;

/**
 * The door for `/v1/operator/…`, after `requireUser`: anyone who is not an operator gets the same 404
 * as an unknown path, so the console's existence confirms nothing. Reading needs an operator session;
 * every action (any method but GET/HEAD) also needs the password entered on this session within the
 * last 15 minutes (sign-in or `POST /v1/auth/confirm`), so a forgotten open laptop cannot suspend shops.
 * Every action that succeeds is written to the audit log as the operator's, with their address; a
 * handler names the shop, a clearer action and what changed with `noteAudit` (http/audit.ts).
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
    // Every operator action (and every read a handler marks, such as an export) is in the audit log.
    const note = c.get("auditNote");
    if (c.res.status < 400 && !note?.isWritten && (note || isAction)) {
      const paramShopId = c.req.param("shopId");
      const named = note?.shopId !== undefined ? note.shopId : (paramShopId ?? null);
      // A shop the action removed (a purge) cannot be referenced any more: the entry names it as its target.
      const shop = named ? await platform(deps.database.db).shops.findById(named) : undefined;
      await recordAudit(deps, {
        actor: auditActor(deps, c, "operator"),
        shopId: shop ? shop.id : null,
        action: note?.action ?? `${c.req.method} ${c.req.routePath}`,
        targetType: note?.targetType ?? (named ? "shop" : (c.req.routePath.split("/")[3] ?? "operator")),
        targetId: note?.targetId ?? named ?? undefined,
        data: { status: c.res.status, ...note?.data },
      });
    }
  });
}
