// The notifications outbox: use-cases enqueue rows in the same batch as the change they announce;
// workers (any number of processes) claim due rows with a lease, deliver them and record the outcome.
import { and, asc, desc, eq, gte, inArray, isNotNull, lt, lte, or, type SQL, sql } from "drizzle-orm";
import type { Db } from "../client.ts";
import { type NotificationFailure, notifications } from "../schema/index.ts";
import { statementOf, writeGrouped } from "./grouped-writes.ts";
import { returnedRows } from "./returned-rows.ts";
import { EmptyFilterError } from "./scope.ts";

export type NotificationRow = typeof notifications.$inferSelect;

/** What a use-case supplies; status, attempts and the delivery columns start at their defaults. */
export type NewNotification = Omit<
  typeof notifications.$inferInsert,
  "channel" | "status" | "attempts" | "lockedUntil" | "lastError" | "failure" | "sentAt"
>;

/** Longest `last_error` kept: enough to diagnose, never a whole SMTP transcript. */
const MAX_ERROR_LENGTH = 1000;

/** Due: pending and its time has come, or stuck in `sending` because the worker holding it died. */
function dueCondition(now: number): SQL {
  return or(
    and(eq(notifications.status, "pending"), lte(notifications.nextAttemptAt, now)),
    and(eq(notifications.status, "sending"), lt(notifications.lockedUntil, now)),
  ) as SQL;
}

/**
 * The ids of the `limit` oldest due rows (by next attempt, then id). Each kind of due row is read in
 * that order straight off `notifications_due_idx` and only the first `limit` of each are merged: a
 * single query over the OR would sort every due row, and during a sale thousands wait, once per claim.
 */
function oldestDue(now: number, limit: number): SQL {
  const { id, status, nextAttemptAt, lockedUntil } = notifications;
  const oldest = (kind: SQL) =>
    sql`select ${id} as id, ${nextAttemptAt} as at from ${notifications} where ${kind} order by ${nextAttemptAt}, ${id} limit ${limit}`;
  const pending = oldest(sql`${status} = 'pending' and ${nextAttemptAt} <= ${now}`);
  const stuck = oldest(sql`${status} = 'sending' and ${lockedUntil} < ${now}`);
  return sql`(select id from (select * from (${pending}) union all select * from (${stuck})) order by at, id limit ${limit})`;
}

/**
 * `dueCondition` again, for rows already chosen by id. The `+` keeps SQLite from reading it off
 * `notifications_due_idx`, which would walk every due row and look each up in the chosen ids.
 */
function stillDue(now: number): SQL {
  const { status, nextAttemptAt, lockedUntil } = notifications;
  return sql`((+${status} = 'pending' and ${nextAttemptAt} <= ${now}) or (+${status} = 'sending' and ${lockedUntil} < ${now}))`;
}

function byId(id: string): SQL {
  if (id === "") throw new EmptyFilterError("update", "notifications");
  return eq(notifications.id, id);
}

/** The row is still being sent, under the claim whose lease is `lockedUntil` when one is given. */
function stillSending(id: string, lockedUntil: number | undefined): SQL {
  return and(
    byId(id),
    eq(notifications.status, "sending"),
    lockedUntil === undefined ? undefined : eq(notifications.lockedUntil, lockedUntil),
  ) as SQL;
}

export function notificationRepository(db: Db) {
  return {
    /**
     * The insert, not yet run, for a `db.batch([...])` next to the change it announces. A second
     * insert with the same `dedupeKey` (a replayed event) is ignored.
     */
    insertStatement(row: NewNotification) {
      return db.insert(notifications).values(row).onConflictDoNothing({ target: notifications.dedupeKey });
    },

    /**
     * The outbox's backlog for metrics: messages waiting or being sent, when the oldest of them was
     * queued, and how many gave up. Platform-wide counts, no rows: nothing of any one shop leaves here.
     */
    async backlog(): Promise<{ waiting: number; oldestWaitingCreatedAt: number | null; failed: number }> {
      const [row] = await db
        .select({
          waiting: sql<number>`sum(case when ${notifications.status} in ('pending', 'sending') then 1 else 0 end)`,
          oldest: sql<
            number | null
          >`min(case when ${notifications.status} in ('pending', 'sending') then ${notifications.createdAt} end)`,
          failed: sql<number>`sum(case when ${notifications.status} = 'failed' then 1 else 0 end)`,
        })
        .from(notifications)
        .where(inArray(notifications.status, ["pending", "sending", "failed"]));
      return {
        waiting: Number(row?.waiting ?? 0),
        oldestWaitingCreatedAt: row?.oldest === null || row?.oldest === undefined ? null : Number(row.oldest),
        failed: Number(row?.failed ?? 0),
      };
    },

    /**
     * Claims up to `limit` due rows for `leaseMs` and returns them, oldest due first. One statement
     * (SQLite takes the write lock before reading), so concurrent workers never claim the same row.
     * `attempts` on the returned rows already counts this attempt.
     */
    async claimDue(
      now: number,
      limit: number,
      leaseMs: number,
      options: { probe?: boolean } = {},
    ): Promise<NotificationRow[]> {
      if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`claimDue limit must be >= 1 (got ${limit})`);
      if (!(leaseMs > 0)) throw new RangeError(`claimDue leaseMs must be > 0 (got ${leaseMs})`);
      // A cheap read first: most of the time nothing is due, and a claim is a write (on sqld, a round
      // for the one writer every process shares). A caller whose last claim came back full knows more
      // is likely due and skips it (`probe: false`): on sqld that is one request less a claim.
      if (options.probe !== false) {
        const [any] = await db.select({ id: notifications.id }).from(notifications).where(dueCondition(now)).limit(1);
        if (!any) return [];
      }
      // The claim is a grouped write (decision 047): on the embedded file it is made in the writer's
      // thread, so it never waits for the write lock here. The claimed rows come back from it whole
      // (RETURNING *), so claiming is one request: on sqld, one round trip.
      const [claim] = await writeGrouped(db, [
        statementOf(
          db
            .update(notifications)
            .set({
              status: "sending",
              lockedUntil: now + leaseMs,
              attempts: sql`${notifications.attempts} + 1`,
            })
            // The due condition is repeated so a row that stopped being due can never be claimed.
            .where(and(inArray(notifications.id, oldestDue(now, limit)), stillDue(now)))
            .returning(),
        ),
      ]);
      const claimed = returnedRows(notifications, claim);
      // RETURNING gives no order guarantee.
      return claimed.sort((a, b) => a.nextAttemptAt - b.nextAttemptAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    },

    /**
     * Records a delivery. Only a row still in `sending` changes, and with `lockedUntil` (the claim's
     * lease) only while that claim still holds it; returns whether one did.
     */
    async markSent(id: string, now: number, lockedUntil?: number): Promise<boolean> {
      return (await this.markSentMany([{ id, lockedUntil }], now)).has(id);
    },

    /**
     * `markSent` for several deliveries in one statement, a grouped write (decision 047); answers the ids
     * it recorded.
     */
    async markSentMany(sent: { id: string; lockedUntil: number | undefined }[], now: number): Promise<Set<string>> {
      if (sent.length === 0) return new Set();
      const [recorded] = await writeGrouped(db, [
        statementOf(
          db
            .update(notifications)
            .set({ status: "sent", sentAt: now, lockedUntil: null, lastError: null })
            .where(or(...sent.map((row) => stillSending(row.id, row.lockedUntil))))
            .returning({ id: notifications.id }),
        ),
      ]);
      return new Set((recorded?.rows ?? []).map((row) => String(row.id)));
    },

    /**
     * Records a failed attempt: with `retryAt` the row goes back to `pending` until then; with a
     * `failure` it is `failed` for good, for that reason. Only a row still in `sending` changes (and with
     * `lockedUntil`, only under that claim), so a slow worker cannot undo the delivery another worker
     * recorded after the lease ran out.
     */
    async markFailed(
      id: string,
      now: number,
      error: string,
      next: { retryAt: number } | { failure: NotificationFailure },
      lockedUntil?: number,
    ): Promise<boolean> {
      const lastError = error.length > MAX_ERROR_LENGTH ? `${error.slice(0, MAX_ERROR_LENGTH - 1)}…` : error;
      const rows = await db
        .update(notifications)
        .set(
          "failure" in next
            ? { status: "failed", lockedUntil: null, lastError, failure: next.failure }
            : { status: "pending", lockedUntil: null, lastError, nextAttemptAt: Math.max(next.retryAt, now) },
        )
        .where(stillSending(id, lockedUntil))
        .returning({ id: notifications.id });
      return rows.length === 1;
    },

    /**
     * Puts rows that failed because their template refused them (created at or after `since`) back in
     * the queue, due now, with a fresh budget of attempts: a worker calls this when it starts, so a
     * fixed template sends what the broken one could not (decision 010). `last_error` stays until the
     * next outcome. Returns how many rows went back.
     */
    async requeueUnrenderable(now: number, since: number): Promise<number> {
      const rows = await db
        .update(notifications)
        .set({ status: "pending", failure: null, attempts: 0, nextAttemptAt: now, lockedUntil: null })
        .where(
          and(
            eq(notifications.status, "failed"),
            eq(notifications.failure, "unrenderable"),
            gte(notifications.createdAt, since),
          ),
        )
        .returning({ id: notifications.id });
      return rows.length;
    },

    async get(id: string): Promise<NotificationRow | undefined> {
      const [row] = await db.select().from(notifications).where(eq(notifications.id, id));
      return row;
    },

    /** Every notification to one address, oldest first (tests and debugging). */
    listForRecipient(recipient: string): Promise<NotificationRow[]> {
      return db
        .select()
        .from(notifications)
        .where(eq(notifications.recipient, recipient))
        .orderBy(asc(notifications.createdAt), asc(notifications.id));
    },
  };
}

export type NotificationRepository = ReturnType<typeof notificationRepository>;

/** What an owner may see of an email that has not gone out: never the payload (it may hold a token). */
export type UndeliveredNotification = Pick<
  NotificationRow,
  "id" | "template" | "recipient" | "dedupeKey" | "status" | "failure" | "attempts" | "lastError" | "createdAt"
> & { nextAttemptAt: number | null };

/**
 * One shop's outbox rows, bound to `shopId` like every repository `forShop` hands out: the emails that
 * failed for good and those waiting to be tried again after a failed attempt.
 */
export function shopNotificationRepository(db: Db, shopId: string) {
  return {
    /** Newest first, at most `limit`. */
    async listUndelivered(limit: number): Promise<UndeliveredNotification[]> {
      const rows = await db
        .select({
          id: notifications.id,
          template: notifications.template,
          recipient: notifications.recipient,
          dedupeKey: notifications.dedupeKey,
          status: notifications.status,
          failure: notifications.failure,
          attempts: notifications.attempts,
          lastError: notifications.lastError,
          createdAt: notifications.createdAt,
          nextAttemptAt: notifications.nextAttemptAt,
        })
        .from(notifications)
        .where(
          and(
            eq(notifications.shopId, shopId),
            or(
              eq(notifications.status, "failed"),
              and(eq(notifications.status, "pending"), isNotNull(notifications.lastError)),
            ),
          ),
        )
        .orderBy(desc(notifications.createdAt), desc(notifications.id))
        .limit(limit);
      return rows.map((row) => ({ ...row, nextAttemptAt: row.status === "pending" ? row.nextAttemptAt : null }));
    },
  };
}
