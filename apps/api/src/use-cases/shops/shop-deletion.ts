// Closing and deleting a shop (decision 025): the owner or an operator schedules it, buyers see the
// shop as closed for 14 days while the owner can undo, then the purge job removes every row and file.
// Each step leaves an audit entry with no shop id (target = the shop), so it outlives the purge.
import { platform, type ShopRow } from "@stall/db";
import { DomainError, deletionDueAt } from "@stall/domain";
import type { Deps } from "../../deps.ts";
import { recordAudit } from "../audit/record-audit.ts";

export type DeletionActor = { userId: string; role: "owner" | "operator"; ip: string | undefined };

async function record(deps: Deps, shop: ShopRow, actor: DeletionActor, action: string, data: Record<string, unknown>) {
  await recordAudit(deps, {
    actor: { userId: actor.userId, role: actor.role, ip: actor.ip ?? null },
    shopId: null,
    action,
    targetType: "shop",
    targetId: shop.id,
    data: { slug: shop.slug, name: shop.name, ...data },
  });
}

/** True when what was typed is the shop's name (spaces around it and letter case aside). */
function namesMatch(typed: string, name: string): boolean {
  const normal = (text: string) => text.trim().replace(/\s+/g, " ").toLocaleLowerCase();
  return normal(typed) === normal(name);
}

/**
 * Schedules the shop's deletion in 14 days once the person has typed its name. Buyers see it as closed
 * from now on; the owner can undo until it is due.
 */
export async function scheduleShopDeletion(
  deps: Deps,
  options: { shop: ShopRow; actor: DeletionActor; confirmName: string },
): Promise<ShopRow> {
  const { shop, actor } = options;
  if (!namesMatch(options.confirmName, shop.name)) {
    throw new DomainError("validation_failed", `Type the shop's name, ${shop.name}, to confirm`, {
      errors: [{ path: "confirmName", message: `Type the shop's name, ${shop.name}, to confirm` }],
    });
  }
  const now = deps.clock.now();
  const dueAt = deletionDueAt(now);
  const directory = platform(deps.database.db);
  const isScheduled = await directory.deletions.schedule(shop.id, { dueAt, requestedBy: actor.userId, now });
  if (!isScheduled) throw new DomainError("conflict", "This shop's deletion is already scheduled");
  await record(deps, shop, actor, "shop.deletion_scheduled", { dueAt });
  return (await directory.shops.findById(shop.id)) ?? shop;
}

/** Undoes a scheduled deletion while it is not yet due; the shop opens again as it was. */
export async function cancelShopDeletion(
  deps: Deps,
  options: { shop: ShopRow; actor: DeletionActor },
): Promise<ShopRow> {
  const { shop, actor } = options;
  const directory = platform(deps.database.db);
  if (!(await directory.deletions.cancel(shop.id, deps.clock.now()))) {
    throw new DomainError(
      "conflict",
      shop.deletionDueAt === null
        ? "This shop is not scheduled for deletion"
        : "It is too late to undo: the shop is being deleted",
    );
  }
  await record(deps, shop, actor, "shop.deletion_cancelled", { dueAt: shop.deletionDueAt });
  return (await directory.shops.findById(shop.id)) ?? shop;
}
