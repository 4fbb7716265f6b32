import { and, asc, eq, isNotNull, isNull, sql } from "drizzle-orm";
import type { Db } from "../client.ts";
import { cohorts, memberships, shops, users } from "../schema/index.ts";

export type CohortRow = typeof cohorts.$inferSelect;

/** Programmes (cohorts): platform rows, read and written by operators; shops point at them. */
export function cohortRepository(db: Db) {
  return {
    async create(row: typeof cohorts.$inferInsert): Promise<CohortRow> {
      const [created] = await db.insert(cohorts).values(row).returning();
      if (!created) throw new Error("Cohort insert returned nothing");
      return created;
    },
    /** Every cohort, newest first, with how many shops joined it (one grouped query). */
    async list(): Promise<(CohortRow & { shopCount: number })[]> {
      const counts = db
        .select({ cohortId: shops.cohortId, shopCount: sql<number>`count(*)`.as("shop_count") })
        .from(shops)
        .where(isNotNull(shops.cohortId))
        .groupBy(shops.cohortId)
        .as("counts");
      const rows = await db
        .select({ cohort: cohorts, shopCount: counts.shopCount })
        .from(cohorts)
        .leftJoin(counts, eq(counts.cohortId, cohorts.id))
        .orderBy(sql`${cohorts.createdAt} desc`, sql`${cohorts.id} desc`);
      return rows.map((row) => ({ ...row.cohort, shopCount: Number(row.shopCount ?? 0) }));
    },
    async get(cohortId: string): Promise<CohortRow | undefined> {
      const [row] = await db.select().from(cohorts).where(eq(cohorts.id, cohortId));
      return row;
    },
    async findByInviteCode(inviteCode: string): Promise<CohortRow | undefined> {
      const [row] = await db.select().from(cohorts).where(eq(cohorts.inviteCode, inviteCode));
      return row;
    },
    async update(
      cohortId: string,
      patch: Partial<Pick<CohortRow, "name" | "description" | "archivedAt">>,
    ): Promise<CohortRow | undefined> {
      // An empty patch (PATCH with `{}`) changes nothing; drizzle refuses an UPDATE without columns.
      if (Object.values(patch).every((value) => value === undefined)) {
        const [row] = await db.select().from(cohorts).where(eq(cohorts.id, cohortId));
        return row;
      }
      const [row] = await db.update(cohorts).set(patch).where(eq(cohorts.id, cohortId)).returning();
      return row;
    },
    /** The cohort's shops: the directory columns the figures need (never a shop's own tables). */
    async shops(cohortId: string) {
      return db
        .select({
          id: shops.id,
          name: shops.name,
          slug: shops.slug,
          currency: shops.currency,
          createdAt: shops.createdAt,
          isPublished: shops.isPublished,
          publishedAt: shops.publishedAt,
          lastOrderAt: shops.lastOrderAt,
        })
        .from(shops)
        .where(eq(shops.cohortId, cohortId))
        .orderBy(asc(shops.createdAt), asc(shops.id));
    },
    /**
     * The stated age band of each distinct owner of the cohort's shops (null = did not say). Only for
     * the aggregate with k >= 5: callers never show it per shop or per owner.
     */
    async ownerAgeBands(cohortId: string) {
      return db
        .selectDistinct({ userId: users.id, ageBand: users.ageBand })
        .from(memberships)
        .innerJoin(shops, eq(shops.id, memberships.shopId))
        .innerJoin(users, eq(users.id, memberships.userId))
        .where(and(eq(shops.cohortId, cohortId), eq(memberships.role, "owner"), isNull(memberships.revokedAt)));
    },
  };
}
