import { and, asc, desc, eq, exists, gt, gte, inArray, isNotNull, isNull, lt, or, sql } from "drizzle-orm";
import type { Db } from "../client.ts";
import { memberships, plans, shopDirectoryChanges, shopDomains, shops, taxSettings, users } from "../schema/index.ts";
import { passwordResetRepository, sessionRepository, throttleRepository, userRepository } from "./accounts.ts";
import { builtOnce } from "./built-once.ts";
import { cohortRepository } from "./cohorts.ts";
import { auditRepository, domainRepository, inviteRepository, membershipRepository } from "./members.ts";
import { notificationRepository } from "./notifications.ts";
import { orderDirectory } from "./orders.ts";
import { pageWeightDirectory } from "./page-weights.ts";
import { shopDeletionRepository } from "./shop-data.ts";

export type PlanRow = typeof plans.$inferSelect;
export type UserRow = typeof users.$inferSelect;
export type ShopRow = typeof shops.$inferSelect;
export type MembershipRow = typeof memberships.$inferSelect;

/**
 * The plan every new shop starts on unless an operator says otherwise. It must serve a market stall
 * whole (decision 027): room for every product a stall sells with photos of each, two people to help,
 * every way of getting paid, no platform fee, and the one own web address shops could always connect.
 */
export const DEFAULT_PLAN = {
  id: "plan_free",
  name: "Free",
  // Empty: the owner's plan page then explains the plan in the owner's own language.
  description: "",
  priceAmount: 0,
  currency: "USD",
  maxProducts: 500,
  storageQuotaBytes: 1024 * 1024 * 1024,
  maxMembers: 2,
  maxCustomDomains: 1,
  paymentMethods: ["stripe", "pay_at_pickup", "cash_on_delivery", "bank_transfer"],
  applicationFeeBasisPoints: 0,
  isDefault: true,
} satisfies Omit<typeof plans.$inferInsert, "createdAt">;

/** Settings an owner may change; never id, slug ownership, status, plan, version or counters. */
export type ShopSettingsPatch = Partial<
  Omit<
    typeof shops.$inferInsert,
    | "id"
    | "status"
    | "statusReason"
    | "planId"
    | "version"
    | "nextOrderNumber"
    | "storageUsedBytes"
    | "createdAt"
    | "updatedAt"
    | "isPublished"
    | "publishedAt"
    | "stripeAccountId"
    | "stripeChargesEnabled"
  >
>;

export type NewShop = {
  id: string;
  slug: string;
  name: string;
  currency: string;
  locale: string;
  ownerUserId: string;
  membershipId: string;
  taxSettingsId: string;
  planId?: string;
  /** The programme whose invitation link the shop was opened through. */
  cohortId?: string | null;
};

/** Operators' shop list filters (times are epoch ms; `…Before` is exclusive). */
export type ShopSearch = {
  q?: string | undefined;
  status?: ShopRow["status"] | undefined;
  planId?: string | undefined;
  cohortId?: string | undefined;
  createdFrom?: number | undefined;
  createdBefore?: number | undefined;
  lastOrderFrom?: number | undefined;
  lastOrderBefore?: number | undefined;
  isPublished?: boolean | undefined;
  limit: number;
  cursor?: string | undefined;
};

/**
 * The few cross-tenant reads and writes: sign-up, shop creation, host resolution, operator views.
 * Nothing here reads a shop's own tables (products, orders, …): those go through `forShop`.
 */
/** Every storefront request and order reads its shop by slug. */
const shopBySlug = builtOnce((db) =>
  db
    .select()
    .from(shops)
    .where(eq(shops.slug, sql.placeholder("slug")))
    .prepare(),
);

export function platform(db: Db) {
  return {
    plans: {
      /** Makes sure the default plan exists; returns it. */
      async ensureDefault(now: number): Promise<PlanRow> {
        await db
          .insert(plans)
          .values({ ...DEFAULT_PLAN, createdAt: now })
          .onConflictDoNothing();
        const [plan] = await db.select().from(plans).where(eq(plans.isDefault, true)).limit(1);
        if (!plan) throw new Error("No default plan");
        return plan;
      },
      /** Creates or changes a plan (operators). */
      async upsert(plan: typeof plans.$inferInsert): Promise<PlanRow> {
        const { id: _id, createdAt: _created, ...changes } = plan;
        const [row] = await db
          .insert(plans)
          .values(plan)
          .onConflictDoUpdate({ target: plans.id, set: changes })
          .returning();
        if (!row) throw new Error(`Plan ${plan.id} upsert returned nothing`);
        return row;
      },
      async get(planId: string): Promise<PlanRow | undefined> {
        const [plan] = await db.select().from(plans).where(eq(plans.id, planId));
        return plan;
      },
      /** Creates a plan; never replaces one (operators; batched with the audit entry). */
      insertStatement(plan: typeof plans.$inferInsert) {
        return db.insert(plans).values(plan).returning();
      },
      /** Changes some of a plan's fields; the id, default flag and creation time stay. */
      updateStatement(
        planId: string,
        changes: Partial<Omit<typeof plans.$inferInsert, "id" | "isDefault" | "createdAt" | "updatedAt">>,
        now: number,
      ) {
        return db
          .update(plans)
          .set({ ...changes, updatedAt: now })
          .where(eq(plans.id, planId))
          .returning();
      },
      async findByName(name: string): Promise<PlanRow | undefined> {
        const [plan] = await db.select().from(plans).where(sql`lower(${plans.name}) = lower(${name})`).limit(1);
        return plan;
      },
      /** Every plan, the default first, each with how many shops are on it (operators). */
      async listWithShopCounts(): Promise<(PlanRow & { shopCount: number })[]> {
        const rows = await db
          .select({ plan: plans, shopCount: sql<number>`count(${shops.id})` })
          .from(plans)
          .leftJoin(shops, eq(shops.planId, plans.id))
          .groupBy(plans.id)
          .orderBy(desc(plans.isDefault), asc(plans.createdAt), asc(plans.id));
        return rows.map((row) => ({ ...row.plan, shopCount: Number(row.shopCount) }));
      },
    },

    users: userRepository(db),
    sessions: sessionRepository(db),
    passwordResets: passwordResetRepository(db),
    throttles: throttleRepository(db),
    memberships: membershipRepository(db),
    invites: inviteRepository(db),
    audit: auditRepository(db),
    /** Scheduling, undoing and claiming shop deletions; the purge itself is `purgeShop`. */
    deletions: shopDeletionRepository(db),
    domains: domainRepository(db),
    notifications: notificationRepository(db),
    orders: orderDirectory(db),
    cohorts: cohortRepository(db),
    pageWeights: pageWeightDirectory(db),
    shops: {
      /** Creates a shop, its owner's membership and its tax settings in one atomic write. */
      async create(shop: NewShop, now: number): Promise<ShopRow> {
        const planId = shop.planId ?? (await this.defaultPlanId(now));
        await db.batch([
          db.insert(shops).values({
            id: shop.id,
            slug: shop.slug,
            name: shop.name,
            currency: shop.currency,
            locale: shop.locale,
            planId,
            cohortId: shop.cohortId ?? null,
            createdAt: now,
            updatedAt: now,
          }),
          db.insert(memberships).values({
            id: shop.membershipId,
            shopId: shop.id,
            userId: shop.ownerUserId,
            role: "owner",
            createdAt: now,
          }),
          db.insert(taxSettings).values({ id: shop.taxSettingsId, shopId: shop.id, updatedAt: now }),
        ]);
        const created = await this.findById(shop.id);
        if (!created) throw new Error(`Shop ${shop.id} vanished right after it was created`);
        return created;
      },
      /**
       * Changes a shop's settings and bumps its version (shoppers see settings). Identity and
       * bookkeeping columns cannot be set through here.
       */
      async updateSettings(shopId: string, patch: ShopSettingsPatch, now: number): Promise<ShopRow | undefined> {
        const [row] = await db
          .update(shops)
          .set({ ...patch, version: sql`${shops.version} + 1`, updatedAt: now })
          .where(eq(shops.id, shopId))
          .returning();
        return row;
      },
      /** Moves a shop to another plan (operators). */
      async setPlan(shopId: string, planId: string, now: number): Promise<ShopRow | undefined> {
        const [row] = await this.setPlanStatement(shopId, planId, now);
        return row;
      },
      /**
       * The same as a statement, to batch with its audit entry. Bumps the version: the plan decides
       * which ways of paying the storefront offers, and storefronts cache by version.
       */
      setPlanStatement(shopId: string, planId: string, now: number) {
        return db
          .update(shops)
          .set({ planId, version: sql`${shops.version} + 1`, updatedAt: now })
          .where(eq(shops.id, shopId))
          .returning();
      },
      /** Every shop on a plan shows its storefront afresh (the plan's ways of paying changed). */
      bumpVersionsOnPlanStatement(planId: string) {
        return db
          .update(shops)
          .set({ version: sql`${shops.version} + 1` })
          .where(eq(shops.planId, planId));
      },
      async setPublished(shopId: string, isPublished: boolean, now: number): Promise<ShopRow | undefined> {
        const [row] = await db
          .update(shops)
          .set({
            isPublished,
            publishedAt: isPublished ? now : null,
            version: sql`${shops.version} + 1`,
            updatedAt: now,
          })
          .where(eq(shops.id, shopId))
          .returning();
        return row;
      },
      async defaultPlanId(now: number): Promise<string> {
        return (await platform(db).plans.ensureDefault(now)).id;
      },
      async findById(shopId: string): Promise<ShopRow | undefined> {
        const [row] = await db.select().from(shops).where(eq(shops.id, shopId));
        return row;
      },
      /** How many shops there are, by status and published or not (operators' overview). */
      async countByStatus(): Promise<{ status: string; isPublished: boolean; count: number }[]> {
        return db
          .select({ status: shops.status, isPublished: shops.isPublished, count: sql<number>`count(*)` })
          .from(shops)
          .groupBy(shops.status, shops.isPublished);
      },
      /**
       * Sets a shop's status (operators: suspend, restore, close) with the reason the owner reads, and
       * bumps its version so storefronts learn of it at their next revalidation.
       */
      setStatusStatement(shopId: string, change: { status: ShopRow["status"]; reason: string | null }, now: number) {
        return db
          .update(shops)
          .set({
            status: change.status,
            statusReason: change.reason,
            statusChangedAt: now,
            version: sql`${shops.version} + 1`,
            updatedAt: now,
          })
          .where(eq(shops.id, shopId));
      },
      /** Until when operators may open the shop for support (null: not at all). Shoppers see nothing of it. */
      async setSupportAccess(shopId: string, until: number | null, now: number): Promise<ShopRow | undefined> {
        const [row] = await db
          .update(shops)
          .set({ supportAccessUntil: until, updatedAt: now })
          .where(eq(shops.id, shopId))
          .returning();
        return row;
      },
      /**
       * Operators' shop list: newest first, keyset-paged by id. `q` matches the name, slug or an owner's
       * email (a substring, any case); every filter is optional. Reads only directory tables.
       */
      async search(filters: ShopSearch) {
        const term = filters.q ? `%${filters.q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%` : undefined;
        const ownerMatches = term
          ? exists(
              db
                .select({ one: sql`1` })
                .from(memberships)
                .innerJoin(users, eq(users.id, memberships.userId))
                .where(
                  and(
                    eq(memberships.shopId, shops.id),
                    eq(memberships.role, "owner"),
                    isNull(memberships.revokedAt),
                    sql`lower(${users.email}) LIKE ${term} ESCAPE '\\'`,
                  ),
                ),
            )
          : undefined;
        const rows = await db
          .select()
          .from(shops)
          .where(
            and(
              term
                ? or(
                    sql`lower(${shops.name}) LIKE ${term} ESCAPE '\\'`,
                    sql`lower(${shops.slug}) LIKE ${term} ESCAPE '\\'`,
                    ownerMatches,
                  )
                : undefined,
              filters.status ? eq(shops.status, filters.status) : undefined,
              filters.planId ? eq(shops.planId, filters.planId) : undefined,
              filters.cohortId ? eq(shops.cohortId, filters.cohortId) : undefined,
              filters.createdFrom !== undefined ? gte(shops.createdAt, filters.createdFrom) : undefined,
              filters.createdBefore !== undefined ? lt(shops.createdAt, filters.createdBefore) : undefined,
              filters.lastOrderFrom !== undefined ? gte(shops.lastOrderAt, filters.lastOrderFrom) : undefined,
              filters.lastOrderBefore !== undefined ? lt(shops.lastOrderAt, filters.lastOrderBefore) : undefined,
              filters.isPublished !== undefined ? eq(shops.isPublished, filters.isPublished) : undefined,
              filters.cursor ? lt(shops.id, filters.cursor) : undefined,
            ),
          )
          .orderBy(desc(shops.id))
          .limit(filters.limit + 1);
        const items = rows.slice(0, filters.limit);
        return { items, nextCursor: rows.length > filters.limit ? (items.at(-1)?.id ?? null) : null };
      },
      /** Owners' emails per shop, for a page of the operators' list. */
      async ownerEmails(shopIds: string[]): Promise<Map<string, string[]>> {
        const owners = new Map<string, string[]>();
        if (shopIds.length === 0) return owners;
        const rows = await db
          .select({ shopId: memberships.shopId, email: users.email })
          .from(memberships)
          .innerJoin(users, eq(users.id, memberships.userId))
          .where(
            and(inArray(memberships.shopId, shopIds), eq(memberships.role, "owner"), isNull(memberships.revokedAt)),
          );
        for (const row of rows) owners.set(row.shopId, [...(owners.get(row.shopId) ?? []), row.email]);
        return owners;
      },
      /** Shops that take payments by Stripe (for reconciliation). */
      async withStripeAccounts(): Promise<ShopRow[]> {
        return db.select().from(shops).where(isNotNull(shops.stripeAccountId));
      },
      async findByStripeAccount(accountId: string): Promise<ShopRow | undefined> {
        const [row] = await db.select().from(shops).where(eq(shops.stripeAccountId, accountId));
        return row;
      },
      async setStripeAccount(
        shopId: string,
        values: { stripeAccountId?: string; stripeChargesEnabled?: boolean },
        now: number,
      ) {
        const [row] = await db
          .update(shops)
          .set({ ...values, version: sql`${shops.version} + 1`, updatedAt: now })
          .where(eq(shops.id, shopId))
          .returning();
        return row;
      },
      async findBySlug(slug: string): Promise<ShopRow | undefined> {
        const [row] = await shopBySlug(db).all({ slug });
        return row;
      },
      /**
       * The shop a storefront host belongs to: `{slug}.{rootDomain}` or a verified custom domain.
       * Hosts are compared without port and case.
       */
      async resolveHost(host: string, rootDomain: string): Promise<ShopRow | undefined> {
        const hostname = host.toLowerCase().replace(/:\d+$/, "").replace(/\.$/, "");
        const suffix = `.${rootDomain.toLowerCase()}`;
        if (hostname.endsWith(suffix)) {
          const slug = hostname.slice(0, -suffix.length);
          if (slug && !slug.includes(".")) return this.findBySlug(slug);
        }
        const [row] = await db
          .select({ shop: shops })
          .from(shopDomains)
          .innerJoin(shops, eq(shops.id, shopDomains.shopId))
          .where(and(eq(shopDomains.hostname, hostname), isNotNull(shopDomains.verifiedAt)));
        return row?.shop;
      },
      /**
       * The shops whose host answers changed after change number `since` (migration 0014's triggers), and
       * the latest number. `since` undefined reads only the latest number. More than `limit` changed shops
       * come back as `shopIds: undefined`: then drop everything rather than read a long list.
       */
      async directoryChangesSince(
        since: number | undefined,
        limit = 500,
      ): Promise<{ latest: number; shopIds: string[] | undefined }> {
        const latestOf = async () => {
          const [row] = await db
            .select({ latest: sql<number | null>`max(${shopDirectoryChanges.seq})` })
            .from(shopDirectoryChanges);
          return Number(row?.latest ?? 0);
        };
        if (since === undefined) return { latest: await latestOf(), shopIds: [] };
        const rows = await db
          .select()
          .from(shopDirectoryChanges)
          .where(gt(shopDirectoryChanges.seq, since))
          .orderBy(shopDirectoryChanges.seq)
          .limit(limit + 1);
        if (rows.length > limit) return { latest: await latestOf(), shopIds: undefined };
        return { latest: rows.at(-1)?.seq ?? since, shopIds: rows.map((row) => row.shopId) };
      },
      /** Operator view: every shop, keyset-paged by id. */
      async list(options: { limit: number; cursor?: string | undefined }) {
        const rows = await db
          .select()
          .from(shops)
          .where(options.cursor ? gt(shops.id, options.cursor) : undefined)
          .orderBy(asc(shops.id))
          .limit(options.limit + 1);
        const items = rows.slice(0, options.limit);
        return { items, nextCursor: rows.length > options.limit ? (items.at(-1)?.id ?? null) : null };
      },
      async count(): Promise<number> {
        const [row] = await db.select({ count: sql<number>`count(*)` }).from(shops);
        return Number(row?.count ?? 0);
      },
    },
  };
}

export type Platform = ReturnType<typeof platform>;
