// Platform rows about who may work on a shop: memberships, invites, the audit log, custom domains.

import type { HelperPermission } from "@stall/domain";
import { and, asc, desc, eq, gt, gte, isNotNull, isNull, lt, ne, notExists, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import type { Db } from "../client.ts";
import { isUniqueViolation } from "../errors.ts";
import { auditLog, invites, memberships, shopDomains, shops, users } from "../schema/index.ts";

export type InviteRow = typeof invites.$inferSelect;
export type AuditRow = typeof auditLog.$inferSelect;
export type DomainRow = typeof shopDomains.$inferSelect;

export function membershipRepository(db: Db) {
  return {
    async forUser(userId: string) {
      return db
        .select()
        .from(memberships)
        .where(and(eq(memberships.userId, userId), isNull(memberships.revokedAt)))
        .orderBy(asc(memberships.createdAt));
    },
    async find(shopId: string, userId: string) {
      const [row] = await db
        .select()
        .from(memberships)
        .where(and(eq(memberships.shopId, shopId), eq(memberships.userId, userId), isNull(memberships.revokedAt)));
      return row;
    },
    /** Members of a shop with their names and emails. */
    async listForShop(shopId: string) {
      return db
        .select({ membership: memberships, user: { id: users.id, name: users.name, email: users.email } })
        .from(memberships)
        .innerJoin(users, eq(users.id, memberships.userId))
        .where(and(eq(memberships.shopId, shopId), isNull(memberships.revokedAt)))
        .orderBy(asc(memberships.createdAt));
    },
    async revoke(shopId: string, membershipId: string, now: number) {
      const [row] = await db
        .update(memberships)
        .set({ revokedAt: now })
        .where(and(eq(memberships.shopId, shopId), eq(memberships.id, membershipId), isNull(memberships.revokedAt)))
        .returning();
      return row;
    },
    /** New rights for a member who is not the owner (the owner's row never changes here). */
    async changeRights(
      shopId: string,
      membershipId: string,
      rights: { role: "staff" | "helper"; permissions: HelperPermission[] },
    ) {
      const [row] = await db
        .update(memberships)
        .set(rights)
        .where(
          and(
            eq(memberships.shopId, shopId),
            eq(memberships.id, membershipId),
            isNull(memberships.revokedAt),
            ne(memberships.role, "owner"),
          ),
        )
        .returning();
      return row;
    },
    /**
     * Statement making the user a member from an invite, only if that invite was accepted by this
     * user (put it after `invites.acceptStatement` in one batch: a lost race adds no member).
     */
    fromAcceptedInviteStatement(options: { membershipId: string; inviteId: string; userId: string; now: number }) {
      const { membershipId, inviteId, userId, now } = options;
      return db.run(sql`
        INSERT INTO ${memberships} (id, shop_id, user_id, role, permissions, invited_by, created_at, revoked_at)
        SELECT ${membershipId}, shop_id, ${userId}, role, permissions, created_by, ${now}, NULL
        FROM ${invites} WHERE id = ${inviteId} AND accepted_by = ${userId}
        ON CONFLICT (shop_id, user_id) DO UPDATE SET
          role = excluded.role, permissions = excluded.permissions, invited_by = excluded.invited_by, revoked_at = NULL`);
    },
  };
}

export function inviteRepository(db: Db) {
  return {
    insertStatement: (row: typeof invites.$inferInsert) => db.insert(invites).values(row),
    async findUsable(tokenHash: string, now: number): Promise<InviteRow | undefined> {
      const [row] = await db
        .select()
        .from(invites)
        .where(
          and(
            eq(invites.tokenHash, tokenHash),
            isNull(invites.acceptedAt),
            isNull(invites.revokedAt),
            gt(invites.expiresAt, now),
          ),
        );
      return row;
    },
    /** Guarded: only an open, unexpired invite is accepted, once. */
    acceptStatement(inviteId: string, userId: string, now: number) {
      return db
        .update(invites)
        .set({ acceptedAt: now, acceptedBy: userId })
        .where(
          and(
            eq(invites.id, inviteId),
            isNull(invites.acceptedAt),
            isNull(invites.revokedAt),
            gt(invites.expiresAt, now),
          ),
        )
        .returning({ id: invites.id });
    },
    async listOpen(shopId: string, now: number): Promise<InviteRow[]> {
      return db
        .select()
        .from(invites)
        .where(
          and(
            eq(invites.shopId, shopId),
            isNull(invites.acceptedAt),
            isNull(invites.revokedAt),
            gt(invites.expiresAt, now),
          ),
        )
        .orderBy(asc(invites.createdAt));
    },
    async revoke(shopId: string, inviteId: string, now: number): Promise<boolean> {
      const rows = await db
        .update(invites)
        .set({ revokedAt: now })
        .where(
          and(
            eq(invites.shopId, shopId),
            eq(invites.id, inviteId),
            isNull(invites.revokedAt),
            isNull(invites.acceptedAt),
          ),
        )
        .returning({ id: invites.id });
      return rows.length === 1;
    },
  };
}

/** What an audit listing may be narrowed to; every field is optional. */
export type AuditFilter = {
  shopId?: string | undefined;
  /** A user's id, or their email address. */
  actor?: string | undefined;
  /** Entries whose action starts with this (`auth.`, `POST /v1/shops/:shopId/products`). */
  action?: string | undefined;
  /** Epoch ms, inclusive. */
  from?: number | undefined;
  /** Epoch ms, exclusive. */
  to?: number | undefined;
};

/** An entry as an operator reads it: who (with their email) and which shop (with its address, if it still exists). */
export type AuditListing = AuditRow & { actorEmail: string | null; shopSlug: string | null };

function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (match) => `\\${match}`);
}

/**
 * The audit log: append-only. There is deliberately no update or delete here, and the database refuses
 * both (migration 0007's triggers); entries go only with their shop when a shop is purged.
 */
export function auditRepository(db: Db) {
  const where = (filter: AuditFilter, cursor: string | undefined) =>
    and(
      filter.shopId ? eq(auditLog.shopId, filter.shopId) : undefined,
      filter.actor
        ? filter.actor.includes("@")
          ? eq(users.email, filter.actor.toLowerCase())
          : eq(auditLog.actorUserId, filter.actor)
        : undefined,
      filter.action ? sql`${auditLog.action} LIKE ${`${escapeLike(filter.action)}%`} ESCAPE '\\'` : undefined,
      filter.from !== undefined ? gte(auditLog.createdAt, filter.from) : undefined,
      filter.to !== undefined ? lt(auditLog.createdAt, filter.to) : undefined,
      cursor ? lt(auditLog.id, cursor) : undefined,
    );
  return {
    insertStatement: (row: typeof auditLog.$inferInsert) => db.insert(auditLog).values(row),
    async record(row: typeof auditLog.$inferInsert): Promise<void> {
      await db.insert(auditLog).values(row);
    },
    /** Newest first, keyset-paged by id. */
    async listForShop(shopId: string, options: { limit: number; cursor?: string | undefined }) {
      const rows = await db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.shopId, shopId), options.cursor ? lt(auditLog.id, options.cursor) : undefined))
        .orderBy(desc(auditLog.id))
        .limit(options.limit + 1);
      const items = rows.slice(0, options.limit);
      return { items, nextCursor: rows.length > options.limit ? (items.at(-1)?.id ?? null) : null };
    },
    /** Every shop's entries and the platform's, filtered, newest first, keyset-paged by id. */
    async list(filter: AuditFilter, options: { limit: number; cursor?: string | undefined }) {
      const rows = await db
        .select({ entry: auditLog, actorEmail: users.email, shopSlug: shops.slug })
        .from(auditLog)
        .leftJoin(users, eq(users.id, auditLog.actorUserId))
        .leftJoin(shops, eq(shops.id, auditLog.shopId))
        .where(where(filter, options.cursor))
        .orderBy(desc(auditLog.id))
        .limit(options.limit + 1);
      const items: AuditListing[] = rows
        .slice(0, options.limit)
        .map((row) => ({ ...row.entry, actorEmail: row.actorEmail, shopSlug: row.shopSlug }));
      return { items, nextCursor: rows.length > options.limit ? (items.at(-1)?.id ?? null) : null };
    },
  };
}

export function domainRepository(db: Db) {
  return {
    async add(row: typeof shopDomains.$inferInsert): Promise<DomainRow> {
      const [created] = await db.insert(shopDomains).values(row).returning();
      if (!created) throw new Error("Domain insert returned nothing");
      return created;
    },
    /** Every claim on a hostname: at most one verified, any number of pending ones from other shops. */
    async claimsOf(hostname: string): Promise<DomainRow[]> {
      return db.select().from(shopDomains).where(eq(shopDomains.hostname, hostname));
    },
    async listForShop(shopId: string): Promise<DomainRow[]> {
      return db.select().from(shopDomains).where(eq(shopDomains.shopId, shopId)).orderBy(asc(shopDomains.createdAt));
    },
    async get(shopId: string, domainId: string): Promise<DomainRow | undefined> {
      const [row] = await db
        .select()
        .from(shopDomains)
        .where(and(eq(shopDomains.shopId, shopId), eq(shopDomains.id, domainId)));
      return row;
    },
    /**
     * Marks a claim verified, only if it was made after `claimedAfter` (not expired) and no claim on
     * the same hostname is verified yet: the first shop to verify wins (the partial unique index on
     * verified hostnames backs this up). Undefined when the claim lost or is gone.
     */
    async markVerified(
      shopId: string,
      domainId: string,
      now: number,
      claimedAfter: number,
    ): Promise<DomainRow | undefined> {
      const other = alias(shopDomains, "verified_claim");
      try {
        const [row] = await db
          .update(shopDomains)
          .set({ verifiedAt: now })
          .where(
            and(
              eq(shopDomains.shopId, shopId),
              eq(shopDomains.id, domainId),
              isNull(shopDomains.verifiedAt),
              gt(shopDomains.createdAt, claimedAfter),
              notExists(
                db
                  .select({ id: other.id })
                  .from(other)
                  .where(and(eq(other.hostname, shopDomains.hostname), isNotNull(other.verifiedAt))),
              ),
            ),
          )
          .returning();
        return row;
      } catch (error) {
        if (isUniqueViolation(error)) return undefined;
        throw error;
      }
    },
    async remove(shopId: string, domainId: string): Promise<boolean> {
      const rows = await db
        .delete(shopDomains)
        .where(and(eq(shopDomains.shopId, shopId), eq(shopDomains.id, domainId)))
        .returning({ id: shopDomains.id });
      return rows.length === 1;
    },
  };
}
