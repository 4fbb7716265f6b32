// Platform rows about people: sessions, password resets, sign-in throttling.
import { randomUUID } from "node:crypto";
import { and, eq, gt, inArray, isNull, ne, sql } from "drizzle-orm";
import type { Db } from "../client.ts";
import { loginThrottles, passwordResets, sessions, users } from "../schema/index.ts";

export type SessionRow = typeof sessions.$inferSelect;
export type ThrottleRow = typeof loginThrottles.$inferSelect;

export function sessionRepository(db: Db) {
  return {
    insertStatement: (row: typeof sessions.$inferInsert) => db.insert(sessions).values(row),
    async create(row: typeof sessions.$inferInsert): Promise<void> {
      await db.insert(sessions).values(row);
    },
    /** The live session for a token hash, with its user; undefined when unknown, revoked or expired. */
    async findActive(tokenHash: string, now: number) {
      const [row] = await db
        .select({ session: sessions, user: users })
        .from(sessions)
        .innerJoin(users, eq(users.id, sessions.userId))
        .where(and(eq(sessions.tokenHash, tokenHash), isNull(sessions.revokedAt), gt(sessions.expiresAt, now)));
      return row;
    },
    async touch(sessionId: string, now: number, expiresAt: number): Promise<void> {
      await db.update(sessions).set({ lastUsedAt: now, expiresAt }).where(eq(sessions.id, sessionId));
    },
    /** Records that the password was entered again on this session (operators' recent sign-in). */
    async confirm(sessionId: string, now: number): Promise<void> {
      await db.update(sessions).set({ confirmedAt: now }).where(eq(sessions.id, sessionId));
    },
    async revoke(sessionId: string, now: number): Promise<void> {
      await db
        .update(sessions)
        .set({ revokedAt: now })
        .where(and(eq(sessions.id, sessionId), isNull(sessions.revokedAt)));
    },
    /** Statement revoking every live session of a user, except `keepSessionId` if given. */
    revokeAllStatement(userId: string, now: number, keepSessionId?: string) {
      return db
        .update(sessions)
        .set({ revokedAt: now })
        .where(
          and(
            eq(sessions.userId, userId),
            isNull(sessions.revokedAt),
            keepSessionId ? ne(sessions.id, keepSessionId) : undefined,
          ),
        );
    },
  };
}

export function passwordResetRepository(db: Db) {
  return {
    insertStatement: (row: typeof passwordResets.$inferInsert) => db.insert(passwordResets).values(row),
    /** Statement using up every outstanding reset token of a user (put it in the password-change batch). */
    useUpAllStatement(userId: string, now: number) {
      return db
        .update(passwordResets)
        .set({ usedAt: now })
        .where(and(eq(passwordResets.userId, userId), isNull(passwordResets.usedAt)));
    },
    /** The user an unused, unexpired reset token belongs to (a cheap look-up before any hashing). */
    async findUsable(tokenHash: string, now: number): Promise<{ userId: string } | undefined> {
      const [row] = await db
        .select({ userId: passwordResets.userId })
        .from(passwordResets)
        .where(
          and(
            eq(passwordResets.tokenHash, tokenHash),
            isNull(passwordResets.usedAt),
            gt(passwordResets.expiresAt, now),
          ),
        );
      return row;
    },
    /**
     * Uses a reset token once and sets the new password, signs out every session and uses up every
     * other outstanding reset token of the account, all in one atomic write. Returns the user id, or undefined for an unknown, used or expired token.
     */
    async consumeAndSetPassword(tokenHash: string, passwordHash: string, now: number): Promise<string | undefined> {
      // The consuming update renames the hash to a marker unique to this attempt, so the next two
      // statements act only if this very attempt used the token (a double submit changes nothing).
      const marker = `${tokenHash}:used:${randomUUID()}`;
      const thisUse = db
        .select({ userId: passwordResets.userId })
        .from(passwordResets)
        .where(eq(passwordResets.tokenHash, marker));
      const [used] = await db.batch([
        db
          .update(passwordResets)
          .set({ usedAt: now, tokenHash: marker })
          .where(
            and(
              eq(passwordResets.tokenHash, tokenHash),
              isNull(passwordResets.usedAt),
              gt(passwordResets.expiresAt, now),
            ),
          )
          .returning({ userId: passwordResets.userId }),
        db
          .update(users)
          .set({ passwordHash, passwordChangedAt: now, updatedAt: now })
          .where(inArray(users.id, thisUse)),
        db
          .update(sessions)
          .set({ revokedAt: now })
          .where(and(inArray(sessions.userId, thisUse), isNull(sessions.revokedAt))),
        // An older link mailed earlier must not work after this one (or a later one) was used.
        db
          .update(passwordResets)
          .set({ usedAt: now })
          .where(and(inArray(passwordResets.userId, thisUse), isNull(passwordResets.usedAt))),
      ]);
      return used[0]?.userId;
    },
  };
}

export type ThrottlePolicy = { maxFailures: number; windowMs: number; lockMs: number };
/** At most `limit` attempts per fixed window of `windowMs`. */
export type AttemptPolicy = { limit: number; windowMs: number };

/**
 * Counters shared by every API process, in the database: failed sign-ins keyed like `email:ann@x`
 * or `ip:1.2.3.4`, and attempts at password work (hashing) keyed like `password:ip:1.2.3.4`.
 */
export function throttleRepository(db: Db) {
  return {
    async get(key: string): Promise<ThrottleRow | undefined> {
      const [row] = await db.select().from(loginThrottles).where(eq(loginThrottles.key, key));
      return row;
    },
    /**
     * Counts one failure in one statement (upsert): a new window starts when the old one has passed;
     * reaching the limit locks the key until `now + lockMs`.
     */
    async recordFailure(key: string, now: number, policy: ThrottlePolicy): Promise<ThrottleRow> {
      const windowStart = now - policy.windowMs;
      const [row] = await db
        .insert(loginThrottles)
        .values({
          key,
          failures: 1,
          windowStartedAt: now,
          lockedUntil: policy.maxFailures <= 1 ? now + policy.lockMs : null,
        })
        .onConflictDoUpdate({
          target: loginThrottles.key,
          set: {
            failures: sql`CASE WHEN ${loginThrottles.windowStartedAt} < ${windowStart} THEN 1 ELSE ${loginThrottles.failures} + 1 END`,
            windowStartedAt: sql`CASE WHEN ${loginThrottles.windowStartedAt} < ${windowStart} THEN ${now} ELSE ${loginThrottles.windowStartedAt} END`,
            lockedUntil: sql`CASE WHEN (CASE WHEN ${loginThrottles.windowStartedAt} < ${windowStart} THEN 1 ELSE ${loginThrottles.failures} + 1 END) >= ${policy.maxFailures} THEN ${now + policy.lockMs} ELSE ${loginThrottles.lockedUntil} END`,
          },
        })
        .returning();
      if (!row) throw new Error(`Throttle upsert for ${key} returned nothing`);
      return row;
    },
    async reset(key: string): Promise<void> {
      await db.delete(loginThrottles).where(eq(loginThrottles.key, key));
    },
    /**
     * Counts one attempt in one statement (upsert) and says whether it is within the allowance: a
     * fixed window that starts again once `windowMs` has passed. Concurrent attempts are counted one
     * by one by the database, so of a burst exactly `limit` are allowed, in any number of processes.
     */
    async hit(key: string, now: number, policy: AttemptPolicy): Promise<{ isAllowed: boolean; retryAfterMs: number }> {
      const windowStart = now - policy.windowMs;
      const isNewWindow = sql`${loginThrottles.windowStartedAt} <= ${windowStart}`;
      const [row] = await db
        .insert(loginThrottles)
        .values({ key, failures: 1, windowStartedAt: now, lockedUntil: null })
        .onConflictDoUpdate({
          target: loginThrottles.key,
          set: {
            failures: sql`CASE WHEN ${isNewWindow} THEN 1 ELSE ${loginThrottles.failures} + 1 END`,
            windowStartedAt: sql`CASE WHEN ${isNewWindow} THEN ${now} ELSE ${loginThrottles.windowStartedAt} END`,
          },
        })
        .returning();
      if (!row) throw new Error(`Attempt upsert for ${key} returned nothing`);
      return {
        isAllowed: row.failures <= policy.limit,
        retryAfterMs: Math.max(0, row.windowStartedAt + policy.windowMs - now),
      };
    },
  };
}

export function userRepository(db: Db) {
  return {
    insertStatement: (user: typeof users.$inferInsert) => db.insert(users).values(user),
    async create(user: typeof users.$inferInsert) {
      const [row] = await db.insert(users).values(user).returning();
      if (!row) throw new Error("User insert returned nothing");
      return row;
    },
    async findByEmail(email: string) {
      const [row] = await db.select().from(users).where(eq(users.email, email.toLowerCase()));
      return row;
    },
    async findById(userId: string) {
      const [row] = await db.select().from(users).where(eq(users.id, userId));
      return row;
    },
    async update(
      userId: string,
      patch: Partial<Pick<typeof users.$inferInsert, "name" | "locale" | "ageBand">>,
      now: number,
    ) {
      const [row] = await db
        .update(users)
        .set({ ...patch, updatedAt: now })
        .where(eq(users.id, userId))
        .returning();
      return row;
    },
    setRoleStatement(userId: string, role: (typeof users.$inferInsert)["role"], now: number) {
      return db.update(users).set({ role, updatedAt: now }).where(eq(users.id, userId));
    },
    /** Makes a user an operator or takes it away (the `stall operator:create` command, tests). */
    async setRole(userId: string, role: (typeof users.$inferInsert)["role"], now: number) {
      const [row] = await db.update(users).set({ role, updatedAt: now }).where(eq(users.id, userId)).returning();
      return row;
    },
    setPasswordStatement(userId: string, passwordHash: string, now: number) {
      return db.update(users).set({ passwordHash, passwordChangedAt: now, updatedAt: now }).where(eq(users.id, userId));
    },
  };
}
