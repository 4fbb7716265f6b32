// The one way a use-case checks a plan limit before it creates something: load the shop's plan, count,
// ask the domain whether one more fits, and refuse with the limit named. Each creating use-case calls it
// at the one place its item is made.
import { type PlanRow, platform, type ShopRow } from "@stall/db";
import { fitsLimit, type PlanLimit, type PlanLimits, planLimitError } from "@stall/domain";
import type { Deps } from "../../deps.ts";

/** The shop's plan; a shop always has one (the foreign key), so its absence is a broken database. */
export async function planOf(deps: Deps, shop: Pick<ShopRow, "id" | "planId">): Promise<PlanRow> {
  const plan = await platform(deps.database.db).plans.get(shop.planId);
  if (!plan) throw new Error(`Shop ${shop.id} points at plan ${shop.planId}, which does not exist`);
  return plan;
}

/** Throws the limit's refusal unless `adding` more fit beside the `used` already there. */
export function assertRoom(
  deps: Deps,
  plan: PlanLimits,
  limit: Exclude<PlanLimit, "payment_methods">,
  used: number,
  options: { allowed: number; adding?: number; lead?: string; details?: Record<string, unknown> },
): void {
  if (fitsLimit(options.allowed, used, options.adding ?? 1)) return;
  throw planLimitError({
    limit,
    plan,
    allowed: options.allowed,
    used,
    contact: deps.config.operatorContactEmail || undefined,
    ...(options.lead ? { lead: options.lead } : {}),
    ...(options.details ? { details: options.details } : {}),
  });
}

/**
 * People who hold a place besides the owner: members, and open invitations (an open link holds a place,
 * or three links sent at once would let three people in).
 */
export async function countPeople(deps: Deps, shopId: string, now: number) {
  const directory = platform(deps.database.db);
  const [members, openInvites] = await Promise.all([
    directory.memberships.listForShop(shopId),
    directory.invites.listOpen(shopId, now),
  ]);
  const others = members.filter(({ membership }) => membership.role !== "owner").length;
  return { members: others, invites: openInvites.length, total: others + openInvites.length };
}

/** Own addresses that hold a place: verified ones and claims still live (a lapsed claim serves nothing). */
export async function countDomains(deps: Deps, shopId: string, now: number): Promise<number> {
  const domains = await platform(deps.database.db).domains.listForShop(shopId);
  return domains.filter((domain) => domain.verifiedAt !== null || domain.createdAt + deps.config.domainClaimTtlMs > now)
    .length;
}
