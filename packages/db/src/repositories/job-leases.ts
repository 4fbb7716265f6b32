// Leases on named singleton jobs (decision 039): work that is not a queue of rows (payment
// reconciliation) is held by one process at a time through one row per job. Every change is one
// statement, so two processes racing for a lease can never both get it; every write of a holder
// names its fencing token, so a holder that stalled past its lease and was replaced writes nothing.
import { and, eq, type SQL, sql } from "drizzle-orm";
import type { Db } from "../client.ts";
import { jobLeases } from "../schema/index.ts";
import { EmptyFilterError } from "./scope.ts";

export type JobLeaseRow = typeof jobLeases.$inferSelect;

/** A lease as its holder knows it: the token is what proves it is still the holder. */
export type JobLease = { name: string; holder: string; token: number; expiresAt: number };

/** Longest outcome kept: a summary, never a whole report. */
const MAX_OUTCOME_LENGTH = 2000;

function clip(outcome: string): string {
  return outcome.length > MAX_OUTCOME_LENGTH ? `${outcome.slice(0, MAX_OUTCOME_LENGTH - 1)}…` : outcome;
}

function held(lease: JobLease): SQL {
  if (lease.name === "" || lease.holder === "") throw new EmptyFilterError("update", "job_leases");
  return and(
    eq(jobLeases.name, lease.name),
    eq(jobLeases.holder, lease.holder),
    eq(jobLeases.token, lease.token),
  ) as SQL;
}

export function jobLeaseRepository(db: Db) {
  return {
    /**
     * Takes the lease on `name` for `leaseMs`, or renews it when `holder` already holds it, in one
     * statement (INSERT … ON CONFLICT DO UPDATE … WHERE … RETURNING). Another holder gets it only once
     * it has run out or been released, and, for a periodic job, once its next run is due. A new holder
     * gets the next fencing token; a renewal keeps it. Undefined when someone else holds it or it is
     * not due.
     */
    async acquire(name: string, holder: string, now: number, leaseMs: number): Promise<JobLease | undefined> {
      if (name === "" || holder === "") throw new EmptyFilterError("update", "job_leases");
      if (!(leaseMs > 0)) throw new RangeError(`acquire leaseMs must be > 0 (got ${leaseMs})`);
      const isLiveAndOurs = sql`${jobLeases.holder} = excluded.holder AND ${jobLeases.expiresAt} > ${now}`;
      const [row] = await db
        .insert(jobLeases)
        .values({ name, holder, token: 1, expiresAt: now + leaseMs, nextRunAt: 0, updatedAt: now })
        .onConflictDoUpdate({
          target: jobLeases.name,
          set: {
            holder: sql`excluded.holder`,
            token: sql`CASE WHEN ${isLiveAndOurs} THEN ${jobLeases.token} ELSE ${jobLeases.token} + 1 END`,
            expiresAt: sql`excluded.expires_at`,
            updatedAt: now,
          },
          setWhere: sql`(${isLiveAndOurs}) OR (${jobLeases.expiresAt} <= ${now} AND ${jobLeases.nextRunAt} <= ${now})`,
        })
        .returning({
          name: jobLeases.name,
          holder: jobLeases.holder,
          token: jobLeases.token,
          expiresAt: jobLeases.expiresAt,
        });
      return row;
    },

    /**
     * Extends a lease its holder still has: the token must be unchanged, which it is as long as nobody
     * took the lease over (even past `expiresAt`, when no one else wanted it). Undefined when lost.
     */
    async renew(lease: JobLease, now: number, leaseMs: number): Promise<JobLease | undefined> {
      const [row] = await db
        .update(jobLeases)
        .set({ expiresAt: now + leaseMs, updatedAt: now })
        .where(held(lease))
        .returning({ expiresAt: jobLeases.expiresAt });
      return row ? { ...lease, expiresAt: row.expiresAt } : undefined;
    },

    /**
     * Records a finished run and lets the lease go: nobody takes the job again before `nextRunAt`.
     * Fenced: false (and nothing written) when the lease went to another holder meanwhile.
     */
    async finish(lease: JobLease, now: number, result: { nextRunAt: number; outcome: string }): Promise<boolean> {
      const rows = await db
        .update(jobLeases)
        .set({
          expiresAt: 0,
          nextRunAt: result.nextRunAt,
          lastFinishedAt: now,
          lastOutcome: clip(result.outcome),
          updatedAt: now,
        })
        .where(held(lease))
        .returning({ name: jobLeases.name });
      return rows.length === 1;
    },

    /** Lets the lease go without recording a run (a stopping process); the job stays due. Fenced. */
    async release(lease: JobLease, now: number): Promise<boolean> {
      const rows = await db
        .update(jobLeases)
        .set({ expiresAt: 0, updatedAt: now })
        .where(held(lease))
        .returning({ name: jobLeases.name });
      return rows.length === 1;
    },

    async get(name: string): Promise<JobLeaseRow | undefined> {
      const [row] = await db.select().from(jobLeases).where(eq(jobLeases.name, name));
      return row;
    },
  };
}

export type JobLeaseRepository = ReturnType<typeof jobLeaseRepository>;
