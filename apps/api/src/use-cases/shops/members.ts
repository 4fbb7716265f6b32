import { platform } from "@stall/db";
import { type ChangeMemberInput, type CreateInviteInput, DomainError, type HelperPermission } from "@stall/domain";
import { asLocale } from "@stall/i18n";
import type { Deps } from "../../deps.ts";
import { hashToken, newToken } from "../../security/tokens.ts";
import type { AuthUser, ShopAccess } from "../access.ts";
import { assertRoom, countPeople, planOf } from "../plans/plan-room.ts";

/**
 * Invites a staff member or a helper (a relative, a volunteer, a programme officer) by a link that
 * expires. Helpers get only the rights listed. With an email, the link is also sent there.
 */
export async function createInvite(
  deps: Deps,
  options: { access: ShopAccess; user: AuthUser; input: CreateInviteInput },
) {
  const { db } = deps.database;
  const directory = platform(db);
  const { access, input } = options;
  const now = deps.clock.now();
  const plan = await planOf(deps, access.shop);
  const people = await countPeople(deps, access.shop.id, now);
  assertRoom(deps, plan, "members", people.total, {
    allowed: plan.maxMembers,
    lead: `The shop has ${people.members} ${people.members === 1 ? "person" : "people"} besides you and ${people.invites} open ${people.invites === 1 ? "invitation" : "invitations"}.`,
  });
  const token = newToken();
  const id = deps.newId("invite");
  const expiresAt = now + deps.config.inviteTtlMs;
  const permissions: HelperPermission[] =
    input.role === "helper" ? [...new Set(input.permissions ?? ["catalogue" as const])] : [];
  const acceptUrl = `${deps.config.dashboardUrl}/invites/accept?token=${token}`;
  await db.batch([
    directory.invites.insertStatement({
      id,
      shopId: access.shop.id,
      role: input.role,
      permissions,
      email: input.email ?? null,
      tokenHash: hashToken(token),
      createdBy: options.user.id,
      createdAt: now,
      expiresAt,
    }),
    ...(input.email
      ? [
          directory.notifications.insertStatement({
            id: deps.newId("notification"),
            shopId: access.shop.id,
            template: "helper_invite",
            recipient: input.email,
            locale: asLocale(access.shop.locale),
            payload: {
              shopName: access.shop.name,
              inviterName: options.user.name,
              acceptUrl,
              expiresInHours: Math.round(deps.config.inviteTtlMs / 3_600_000),
            },
            dedupeKey: `invite:${id}`,
            nextAttemptAt: now,
            createdAt: now,
          }),
        ]
      : []),
  ]);
  return { id, role: input.role, permissions, email: input.email ?? null, token, acceptUrl, expiresAt };
}

/** The signed-in user joins the shop the invite is for; an invite works once. */
export async function acceptInvite(deps: Deps, options: { user: AuthUser; token: string }) {
  const { db } = deps.database;
  const directory = platform(db);
  const now = deps.clock.now();
  const invite = await directory.invites.findUsable(hashToken(options.token), now);
  if (!invite)
    throw new DomainError("gone", "This invitation has expired, was used, or was withdrawn; ask for a new one");
  const existing = await directory.memberships.find(invite.shopId, options.user.id);
  if (existing?.role === "owner") throw new DomainError("conflict", "You already own this shop");
  const [accepted] = await db.batch([
    directory.invites.acceptStatement(invite.id, options.user.id, now),
    directory.memberships.fromAcceptedInviteStatement({
      membershipId: deps.newId("membership"),
      inviteId: invite.id,
      userId: options.user.id,
      now,
    }),
  ]);
  if (accepted.length !== 1) throw new DomainError("gone", "This invitation was just used");
  return { shopId: invite.shopId, role: invite.role, permissions: invite.permissions };
}

export async function listMembers(deps: Deps, options: { access: ShopAccess }) {
  const directory = platform(deps.database.db);
  const [members, invites] = await Promise.all([
    directory.memberships.listForShop(options.access.shop.id),
    directory.invites.listOpen(options.access.shop.id, deps.clock.now()),
  ]);
  return {
    members: members.map(({ membership, user }) => ({
      id: membership.id,
      role: membership.role,
      permissions: membership.permissions,
      user,
      createdAt: membership.createdAt,
    })),
    invites: invites.map((invite) => ({
      id: invite.id,
      role: invite.role,
      permissions: invite.permissions,
      email: invite.email,
      expiresAt: invite.expiresAt,
    })),
  };
}

/** The owner takes a member's access away at once. The owner cannot remove themself. */
export async function revokeMember(deps: Deps, options: { access: ShopAccess; membershipId: string }) {
  if (options.membershipId === options.access.membershipId) {
    throw new DomainError("conflict", "You cannot remove yourself as the owner");
  }
  const revoked = await platform(deps.database.db).memberships.revoke(
    options.access.shop.id,
    options.membershipId,
    deps.clock.now(),
  );
  if (!revoked) throw new DomainError("not_found", "No such member in this shop");
}

/**
 * The owner changes what someone already in the shop may do; it applies from their next request.
 * The owner's own access cannot change (409); the change is in the audit log like every other.
 */
export async function changeMemberRights(
  deps: Deps,
  options: { access: ShopAccess; membershipId: string; input: ChangeMemberInput },
) {
  const { access, membershipId, input } = options;
  if (membershipId === access.membershipId) {
    throw new DomainError("conflict", "The owner's own access cannot change");
  }
  const directory = platform(deps.database.db);
  const permissions = input.role === "helper" ? [...new Set(input.permissions ?? [])] : [];
  const changed = await directory.memberships.changeRights(access.shop.id, membershipId, {
    role: input.role,
    permissions,
  });
  if (!changed) throw new DomainError("not_found", "No such member in this shop (the owner's access cannot change)");
  return { id: changed.id, role: changed.role, permissions: changed.permissions };
}

export async function revokeInvite(deps: Deps, options: { access: ShopAccess; inviteId: string }) {
  if (!(await platform(deps.database.db).invites.revoke(options.access.shop.id, options.inviteId, deps.clock.now()))) {
    throw new DomainError("not_found", "No open invitation with that id in this shop");
  }
}
