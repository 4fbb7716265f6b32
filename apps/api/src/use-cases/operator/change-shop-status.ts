import { platform } from "@stall/db";
import { DomainError, nextShopStatus, type ShopStatusAction, type ShopStatusChangeInput } from "@stall/domain";
import type { Deps } from "../../deps.ts";
import type { AuthUser } from "../access.ts";

/** Who did it and from where, for the audit entry. */
export type OperatorActor = { user: AuthUser; ip: string };

const EMAIL_KIND = { suspend: "suspended", restore: "restored", close: "closed" } as const;

/**
 * Suspends, restores or closes a shop, with the reason its owners read. One write changes the status
 * (bumping the shop's version, so storefronts notice at their next check), records the audit entry
 * and queues an email to each owner in their language, naming where to appeal.
 */
export async function changeShopStatus(
  deps: Deps,
  options: { actor: OperatorActor; shopId: string; action: ShopStatusAction; input: ShopStatusChangeInput },
) {
  const { db } = deps.database;
  const directory = platform(db);
  const shop = await directory.shops.findById(options.shopId);
  if (!shop) throw new DomainError("shop_not_found", `No shop with id ${options.shopId}`);
  const next = nextShopStatus(shop.status, options.action);
  if ("refusal" in next) throw new DomainError("invalid_state_transition", next.refusal);
  const { reason } = options.input;
  const now = deps.clock.now();
  const auditId = deps.newId("audit");
  const owners = (await directory.memberships.listForShop(shop.id)).filter(
    ({ membership }) => membership.role === "owner",
  );
  const owner = await Promise.all(owners.map(({ user }) => directory.users.findById(user.id)));
  await db.batch([
    // A restored shop has nothing to explain to its owner; the reason stays in the audit trail.
    directory.shops.setStatusStatement(
      shop.id,
      { status: next.status, reason: next.status === "active" ? null : reason },
      now,
    ),
    directory.audit.insertStatement({
      id: auditId,
      shopId: shop.id,
      actorUserId: options.actor.user.id,
      actorRole: "operator",
      action: `operator.shop.${options.action}`,
      targetType: "shop",
      targetId: shop.id,
      data: { from: shop.status, to: next.status, reason },
      ip: options.actor.ip,
      createdAt: now,
    }),
    ...owner.flatMap((user) =>
      user
        ? [
            directory.notifications.insertStatement({
              id: deps.newId("notification"),
              template: "shop_status",
              recipient: user.email,
              locale: user.locale,
              payload: {
                name: user.name,
                shopName: shop.name,
                kind: EMAIL_KIND[options.action],
                reason,
                contactEmail: deps.config.operatorContactEmail,
                dashboardUrl: `${deps.config.dashboardUrl}/shops/${shop.id}`,
              },
              dedupeKey: `shop_status:${auditId}:${user.id}`,
              nextAttemptAt: now,
              createdAt: now,
            }),
          ]
        : [],
    ),
  ]);
  const changed = await directory.shops.findById(shop.id);
  if (!changed) throw new DomainError("shop_not_found", `No shop with id ${options.shopId}`);
  return {
    id: changed.id,
    status: changed.status,
    statusReason: changed.statusReason,
    statusChangedAt: changed.statusChangedAt,
    version: changed.version,
  };
}
