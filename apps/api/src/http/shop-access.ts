import { platform, type ShopRow } from "@stall/db";
import { DomainError, type HelperPermission } from "@stall/domain";
import type { Context, Next } from "hono";
import { createMiddleware } from "hono/factory";
import type { Deps } from "../deps.ts";
import { assertShopWritable, shopRepos, withPodCounters } from "../pods/shop-db.ts";
import { recordAudit } from "../use-cases/audit/record-audit.ts";
import type { AppEnv } from "./app-env.ts";
import { auditActor } from "./audit.ts";

/** What a route needs: any member, a helper right, or the owner. */
export type Need = "member" | HelperPermission | "manage";

function allows(role: "owner" | "staff" | "helper", permissions: string[], need: Need): boolean {
  if (role === "owner") return true;
  if (need === "manage") return false;
  if (role === "staff" || need === "member") return true;
  return permissions.includes(need);
}

/**
 * The tenant door for `/v1/shops/{shopId}/…`, mounted once for all of them: loads the shop only if the
 * signed-in user is a member (otherwise 404, so ids confirm nothing) and hands handlers a shop-bound
 * repository set. Every change a member makes (and every export) is written to the shop's audit log, with
 * the member's role and address; a handler can add details with `noteAudit`.
 */
export function shopDoor(deps: Deps) {
  const directory = platform(deps.database.db);
  return createMiddleware<AppEnv>(async (c, next) => {
    const shopId = c.req.param("shopId") ?? "";
    const user = c.get("user");
    const membership = shopId ? await directory.memberships.find(shopId, user.id) : undefined;
    if (!membership && user.role === "operator") {
      const shop = shopId ? await directory.shops.findById(shopId) : undefined;
      const now = deps.clock.now();
      if (shop?.supportAccessUntil && shop.supportAccessUntil > now)
        return supportVisit(deps, c, next, await withPodCounters(deps, shop));
    }
    const found = membership ? await directory.shops.findById(shopId) : undefined;
    if (!membership || !found) throw new DomainError("shop_not_found", `No shop with id ${shopId} among your shops`);
    const shop = await withPodCounters(deps, found);
    // A shop being moved between databases keeps answering reads; its changes wait the few seconds.
    if (c.req.method !== "GET" && c.req.method !== "HEAD") await assertShopWritable(deps, shop.id);
    c.set("access", {
      shop,
      role: membership.role,
      permissions: membership.permissions,
      membershipId: membership.id,
      repos: await shopRepos(deps, shop.id),
    });
    await next();
    // Every change, and every read a handler marks (an export), once it has succeeded.
    const note = c.get("auditNote");
    if (c.res.status < 400 && !note?.isWritten && (note || (c.req.method !== "GET" && c.req.method !== "HEAD"))) {
      await recordAudit(deps, {
        actor: auditActor(deps, c, membership.role),
        shopId: shop.id,
        action: note?.action ?? `${c.req.method} ${c.req.routePath}`,
        targetType: note?.targetType ?? c.req.routePath.split("/")[4] ?? "shop",
        targetId:
          note?.targetId ??
          (Object.entries(c.req.param())
            .filter(([name]) => name !== "shopId")
            .map(([, value]) => value)
            .join("/") ||
            shop.id),
        data: { status: c.res.status, ...note?.data },
      });
    }
  });
}

/**
 * An operator in a shop whose owner turned support access on: read-only (they see what staff see, and
 * change nothing), and every request, reading included, is written to the shop's audit trail.
 */
async function supportVisit(deps: Deps, c: Context<AppEnv>, next: Next, shop: ShopRow) {
  const isReading = c.req.method === "GET" || c.req.method === "HEAD";
  c.set("access", {
    shop,
    role: "staff",
    permissions: [],
    membershipId: "",
    repos: await shopRepos(deps, shop.id),
  });
  let status = 403;
  try {
    if (!isReading) {
      throw new DomainError("forbidden", "Support access lets you look, not change: ask the owner to make the change");
    }
    await next();
    status = c.res.status;
  } finally {
    await recordAudit(deps, {
      actor: auditActor(deps, c, "operator"),
      shopId: shop.id,
      action: `support.${c.req.method} ${c.req.routePath}`,
      targetType: "support",
      targetId: c.req.path,
      data: { status },
    });
  }
}

/** What a route group needs of the member the door let in: a helper right, or the owner. */
export function permit(need: Need) {
  return createMiddleware<AppEnv>(async (c, next) => {
    const { role, permissions } = c.get("access");
    if (!allows(role, permissions, need)) {
      throw new DomainError(
        "forbidden",
        need === "manage"
          ? "Only the shop's owner can do this"
          : `Your helper access does not include ${need}; the shop's owner can add it`,
      );
    }
    await next();
  });
}
