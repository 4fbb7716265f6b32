import { and, asc, eq, gt, isNotNull, sql } from "drizzle-orm";
import type { Db } from "../client.ts";
import { memberships, plans, shopDomains, shops, taxSettings, type users } from "../schema/index.ts";
import { passwordResetRepository, sessionRepository, throttleRepository, userRepository } from "./accounts.ts";
import { cohortRepository } from "./cohorts.ts";
import { auditRepository, domainRepository, inviteRepository, membershipRepository } from "./members.ts";
import { notificationRepository } from "./notifications.ts";
import { orderDirectory } from "./orders.ts";
import { pageWeightDirectory } from "./page-weights.ts";

export type PlanRow = typeof plans.$inferSelect;
export type UserRow = typeof users.$inferSelect;
export type ShopRow = typeof shops.$inferSelect;
export type MembershipRow = typeof memberships.$inferSelect;

/** The plan every new shop starts on unless an operator says otherwise. */
export const DEFAULT_PLAN = {
  id: "plan_free",
  name: "Free",
  priceAmount: 0,
  currency: "USD",
  maxProducts: 500,
  storageQuotaBytes: 1024 * 1024 * 1024,
  applicationFeeBasisPoints: 0,
  isDefault: true,
} as const;

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

/**
 * The few cross-tenant reads and writes: sign-up, shop creation, host resolution, operator views.
 * Nothing here reads a shop's own tables (products, orders, …): those go through `forShop`.
 */
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
    },

    users: userRepository(db),
    sessions: sessionRepository(db),
    passwordResets: passwordResetRepository(db),
    throttles: throttleRepository(db),
    memberships: membershipRepository(db),
    invites: inviteRepository(db),
    audit: auditRepository(db),
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
        const [row] = await db.update(shops).set({ planId, updatedAt: now }).where(eq(shops.id, shopId)).returning();
        return row;
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
        const [row] = await db.select().from(shops).where(eq(shops.slug, slug));
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
