// The notifications outbox: use-cases enqueue rows in the same batch as the change they announce;
// workers (any number of processes) claim due rows with a lease, deliver them and record the outcome.
import { and, asc, eq, inArray, lt, lte, or, type SQL, sql } from "drizzle-orm";
import type { Db } from "../client.ts";
import { notifications } from "../schema/index.ts";
import { EmptyFilterError } from "./scope.ts";

export type NotificationRow = typeof notifications.$inferSelect;

/** What a use-case supplies; status, attempts and the delivery columns start at their defaults. */
export type NewNotification = Omit<
  typeof notifications.$inferInsert,
  "channel" | "status" | "attempts" | "lockedUntil" | "lastError" | "sentAt"
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

function byId(id: string): SQL {
  if (id === "") throw new EmptyFilterError("update", "notifications");
  return eq(notifications.id, id);
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
     * Claims up to `limit` due rows for `leaseMs` and returns them, oldest due first. One statement
     * (SQLite takes the write lock before reading), so concurrent workers never claim the same row.
     * `attempts` on the returned rows already counts this attempt.
     */
    async claimDue(now: number, limit: number, leaseMs: number): Promise<NotificationRow[]> {
      if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`claimDue limit must be >= 1 (got ${limit})`);
      if (!(leaseMs > 0)) throw new RangeError(`claimDue leaseMs must be > 0 (got ${leaseMs})`);
      const due = dueCondition(now);
      const candidates = db
        .select({ id: notifications.id })
        .from(notifications)
        .where(due)
        .orderBy(asc(notifications.nextAttemptAt), asc(notifications.id))
        .limit(limit);
      const claimed = await db
        .update(notifications)
        .set({
          status: "sending",
          lockedUntil: now + leaseMs,
          attempts: sql`${notifications.attempts} + 1`,
        })
        // The due condition is repeated so a row that stopped being due can never be claimed.
        .where(and(inArray(notifications.id, candidates), due))
        .returning();
      // RETURNING gives no order guarantee.
      return claimed.sort((a, b) => a.nextAttemptAt - b.nextAttemptAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    },

    /** Records a delivery. Only a row still in `sending` changes; returns whether one did. */
    async markSent(id: string, now: number): Promise<boolean> {
      const rows = await db
        .update(notifications)
        .set({ status: "sent", sentAt: now, lockedUntil: null, lastError: null })
        .where(and(byId(id), eq(notifications.status, "sending")))
        .returning({ id: notifications.id });
      return rows.length === 1;
    },

    /**
     * Records a failed attempt: with `nextAttemptAt` the row goes back to `pending` until then; with
     * `null` it is `failed` for good. Only a row still in `sending` changes, so a slow worker cannot
     * undo the delivery another worker recorded after the lease ran out.
     */
    async markFailed(id: string, now: number, error: string, nextAttemptAt: number | null): Promise<boolean> {
      const lastError = error.length > MAX_ERROR_LENGTH ? `${error.slice(0, MAX_ERROR_LENGTH - 1)}…` : error;
      const rows = await db
        .update(notifications)
        .set(
          nextAttemptAt === null
            ? { status: "failed", lockedUntil: null, lastError }
            : { status: "pending", lockedUntil: null, lastError, nextAttemptAt: Math.max(nextAttemptAt, now) },
        )
        .where(and(byId(id), eq(notifications.status, "sending")))
        .returning({ id: notifications.id });
      return rows.length === 1;
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
