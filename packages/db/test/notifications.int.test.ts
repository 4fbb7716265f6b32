// The notifications outbox against a real libSQL file: dedupe, due rows, leases, concurrent claimers.
import { execFile } from "node:child_process";
import { fileURLToPath, pathToFileURL } from "node:url";
import { promisify } from "node:util";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createDb } from "../src/client.ts";
import {
  type NewNotification,
  notificationRepository,
  shopNotificationRepository,
} from "../src/repositories/notifications.ts";
import { EmptyFilterError } from "../src/repositories/scope.ts";
import { createShop, createTestDb, newTestId, type TestDatabase } from "../src/testing.ts";

const run = promisify(execFile);
const T0 = 1_700_000_000_000;
const LEASE = 60_000;

let database: TestDatabase;
beforeEach(async () => {
  database = await createTestDb();
});
afterEach(() => database?.cleanup());

function notification(overrides: Partial<NewNotification> = {}): NewNotification {
  const id = newTestId("notification");
  return {
    id,
    template: "password_reset",
    recipient: "owner@example.test",
    locale: "en",
    payload: { name: "Mei", resetUrl: "https://stall.test/reset?token=secret", expiresInMinutes: 30 },
    dedupeKey: `password_reset:${id}`,
    nextAttemptAt: T0,
    createdAt: T0,
    ...overrides,
  };
}

async function enqueue(count: number, overrides: Partial<NewNotification> = {}): Promise<string[]> {
  const repository = notificationRepository(database.db);
  const rows = Array.from({ length: count }, () => notification(overrides));
  const [first, ...rest] = rows.map((row) => repository.insertStatement(row));
  if (first) await database.db.batch([first, ...rest]);
  return rows.map((row) => row.id);
}

function expectDisjoint(claims: { id: string }[][], expected: string[]) {
  const ids = claims.flat().map((row) => row.id);
  expect(new Set(ids).size, "a row was claimed twice").toBe(ids.length);
  expect(ids.sort()).toEqual([...expected].sort());
}

describe("insertStatement", () => {
  it("enqueues inside a batch and ignores a replay with the same dedupe key", async () => {
    const repository = notificationRepository(database.db);
    const original = notification({ dedupeKey: "password_reset:prt_1" });
    await database.db.batch([repository.insertStatement(original)]);
    // The same event replayed: a new row id, the same dedupe key, in a batch with other work.
    const replay = notification({ dedupeKey: "password_reset:prt_1" });
    const other = notification({ dedupeKey: "password_reset:prt_2" });
    await database.db.batch([repository.insertStatement(replay), repository.insertStatement(other)]);

    const rows = await repository.listForRecipient("owner@example.test");
    expect(rows.map((row) => row.id).sort()).toEqual([original.id, other.id].sort());
    expect(rows[0]).toMatchObject({ status: "pending", attempts: 0, channel: "email", lockedUntil: null });
  });
});

describe("claimDue", () => {
  it("claims due rows only, oldest first, up to the limit", async () => {
    const repository = notificationRepository(database.db);
    const [early] = await enqueue(1, { nextAttemptAt: T0 - 5000 });
    const [onTime] = await enqueue(1, { nextAttemptAt: T0 });
    await enqueue(1, { nextAttemptAt: T0 + 1 }); // not yet
    const [extra] = await enqueue(1, { nextAttemptAt: T0 - 1000 });

    const first = await repository.claimDue(T0, 2, LEASE);
    expect(first.map((row) => row.id)).toEqual([early, extra]);
    for (const row of first) {
      expect(row).toMatchObject({ status: "sending", attempts: 1, lockedUntil: T0 + LEASE });
    }
    const second = await repository.claimDue(T0, 10, LEASE);
    expect(second.map((row) => row.id)).toEqual([onTime]);
    expect(await repository.claimDue(T0, 10, LEASE)).toEqual([]);
  });

  it("hands back each claimed row exactly as a select reads it: payload parsed, times as numbers, nulls kept", async () => {
    const repository = notificationRepository(database.db);
    const shop = await createShop(database.db);
    const payload = { name: "Mei 梅", items: [{ title: "Honey", quantity: 2 }], note: null, paid: false };
    const [withShop] = await enqueue(1, { shopId: shop.id, payload, locale: "zh-CN" });
    const [withoutShop] = await enqueue(1, { nextAttemptAt: T0 - 1 });

    const claimed = await repository.claimDue(T0, 10, LEASE, { probe: false });
    const read = [await repository.get(withoutShop as string), await repository.get(withShop as string)];
    expect(claimed.map((row) => row.id)).toEqual([withoutShop, withShop]);
    expect(claimed).toEqual(read);
    expect(claimed[1]).toMatchObject({ shopId: shop.id, payload, locale: "zh-CN", lockedUntil: T0 + LEASE });
    expect(claimed[0]).toMatchObject({ shopId: null, lastError: null, failure: null, sentAt: null });
  });

  it("with thousands waiting, claims the oldest of pending and stuck rows together, ties by id, none twice", async () => {
    const repository = notificationRepository(database.db);
    // A row stuck in sending (its worker died): due again once its lease ran out, by its next attempt.
    const [stuck] = await enqueue(1, { nextAttemptAt: T0 - 200 });
    expect((await repository.claimDue(T0 - 200, 1, 50)).map((row) => row.id)).toEqual([stuck]);
    // A sale's backlog: 3,000 due at the same moment, and an older one.
    const backlog = await enqueue(3000, { nextAttemptAt: T0 - 100 });
    const [oldest] = await enqueue(1, { nextAttemptAt: T0 - 300 });
    const first = await repository.claimDue(T0, 5, LEASE);
    const byId = [...backlog].sort();
    expect(first.map((row) => row.id)).toEqual([oldest, stuck, ...byId.slice(0, 3)]);
    expect(first.find((row) => row.id === stuck)?.attempts).toBe(2);
    // The rest go in order, each once.
    const claimed = [...first];
    for (let claim = await repository.claimDue(T0, 500, LEASE); claim.length > 0; ) {
      claimed.push(...claim);
      claim = await repository.claimDue(T0, 500, LEASE);
    }
    expect(claimed.map((row) => row.id)).toEqual([oldest, stuck, ...byId]);
  });

  it("without the first read (probe: false) claims the same rows, and nothing when nothing is due", async () => {
    const repository = notificationRepository(database.db);
    const [early, later] = await enqueue(2, { nextAttemptAt: T0 - 10 });
    await enqueue(1, { nextAttemptAt: T0 + 1 }); // not yet
    const claimed = await repository.claimDue(T0, 10, LEASE, { probe: false });
    expect(claimed.map((row) => row.id).sort()).toEqual([early, later].sort());
    expect(await repository.claimDue(T0, 10, LEASE, { probe: false })).toEqual([]);
  });

  it("never claims sent, failed or leased rows", async () => {
    const repository = notificationRepository(database.db);
    const [toSend, toFail] = await enqueue(2);
    await repository.claimDue(T0, 10, LEASE);
    expect(await repository.markSent(toSend as string, T0 + 1)).toBe(true);
    expect(
      await repository.markFailed(toFail as string, T0 + 1, "550 mailbox unavailable", {
        failure: "recipient_refused",
      }),
    ).toBe(true);
    await enqueue(1); // due, then leased below
    expect(await repository.claimDue(T0 + 2, 10, LEASE)).toHaveLength(1);

    expect(await repository.claimDue(T0 + LEASE, 10, LEASE)).toEqual([]);
    expect(await repository.get(toSend as string)).toMatchObject({ status: "sent", sentAt: T0 + 1, lockedUntil: null });
  });

  it("reclaims a row whose lease ran out (a worker died mid-send)", async () => {
    const repository = notificationRepository(database.db);
    const [id] = await enqueue(1);
    await repository.claimDue(T0, 10, 1000);
    expect(await repository.claimDue(T0 + 1000, 10, 1000), "lease still held at its last ms").toEqual([]);
    const [reclaimed] = await repository.claimDue(T0 + 1001, 10, 1000);
    expect(reclaimed).toMatchObject({ id, status: "sending", attempts: 2, lockedUntil: T0 + 2001 });
  });

  it("hands each row to exactly one of two concurrent claims on one client", async () => {
    const repository = notificationRepository(database.db);
    const ids = await enqueue(30);
    const claims = await Promise.all([repository.claimDue(T0, 20, LEASE), repository.claimDue(T0, 20, LEASE)]);
    expectDisjoint(claims, ids);
    expect(claims.map((claim) => claim.length).sort()).toEqual([10, 20]);
  });

  it("hands each row to exactly one of two clients on the same file", async () => {
    const ids = await enqueue(40);
    const [a, b] = await Promise.all([createDb(database.url), createDb(database.url)]);
    try {
      const claims: { id: string }[][] = [];
      const claimer = async (client: typeof a) => {
        const repository = notificationRepository(client.db);
        for (;;) {
          const claim = await repository.claimDue(T0, 3, LEASE);
          if (claim.length === 0) return;
          claims.push(claim);
        }
      };
      await Promise.all([claimer(a), claimer(b), claimer(a), claimer(b)]);
      expectDisjoint(claims, ids);
    } finally {
      a.close();
      b.close();
    }
  });

  it("hands each row to exactly one of several worker processes", async () => {
    const ids = await enqueue(150);
    const src = (path: string) => pathToFileURL(fileURLToPath(new URL(`../src/${path}`, import.meta.url))).href;
    // Each child claims small batches until nothing is due and prints the ids it got.
    const script = `
      const { createDb } = await import(${JSON.stringify(src("client.ts"))});
      const { notificationRepository } = await import(${JSON.stringify(src("repositories/notifications.ts"))});
      const database = await createDb(process.argv[1]);
      const repository = notificationRepository(database.db);
      const ids = [];
      for (;;) {
        const claim = await repository.claimDue(${T0}, 2, ${LEASE});
        if (claim.length === 0) break;
        ids.push(...claim.map((row) => row.id));
      }
      database.close();
      process.stdout.write(JSON.stringify(ids));
    `;
    const results = await Promise.all(
      [1, 2, 3].map(() =>
        run(process.execPath, ["--input-type=module", "-e", script, database.url], { timeout: 60_000 }),
      ),
    );
    const claims = results.map((result) => (JSON.parse(result.stdout) as string[]).map((id) => ({ id })));
    expectDisjoint(claims, ids);
  }, 90_000);

  it("refuses a limit below one", async () => {
    await expect(notificationRepository(database.db).claimDue(T0, 0, LEASE)).rejects.toThrow(RangeError);
  });
});

describe("markSent and markFailed", () => {
  it("markFailed with a next attempt puts the row back to pending until then", async () => {
    const repository = notificationRepository(database.db);
    const [id] = (await enqueue(1)) as [string];
    await repository.claimDue(T0, 10, LEASE);
    expect(await repository.markFailed(id, T0 + 10, "connection refused", { retryAt: T0 + 30_000 })).toBe(true);
    expect(await repository.get(id)).toMatchObject({
      status: "pending",
      nextAttemptAt: T0 + 30_000,
      lockedUntil: null,
      lastError: "connection refused",
      attempts: 1,
    });
    expect(await repository.claimDue(T0 + 29_999, 10, LEASE)).toEqual([]);
    expect(await repository.claimDue(T0 + 30_000, 10, LEASE)).toHaveLength(1);
  });

  it("markFailed with a failure fails the row for good", async () => {
    const repository = notificationRepository(database.db);
    const [id] = (await enqueue(1)) as [string];
    await repository.claimDue(T0, 10, LEASE);
    expect(await repository.markFailed(id, T0 + 10, "x".repeat(5000), { failure: "gave_up" })).toBe(true);
    const row = await repository.get(id);
    expect(row).toMatchObject({ status: "failed", lockedUntil: null, sentAt: null });
    expect(row?.lastError?.length).toBe(1000);
    // Far in the future, long after any lease: still never due again.
    expect(await repository.claimDue(T0 + 365 * 86_400_000, 10, LEASE)).toEqual([]);
  });

  it("changes only a row that is being sent, and never with an empty id", async () => {
    const repository = notificationRepository(database.db);
    const [pending, other] = (await enqueue(2)) as [string, string];
    expect(await repository.markSent(pending, T0), "a pending row is not marked sent").toBe(false);
    expect(await repository.markFailed(pending, T0, "nope", { failure: "gave_up" })).toBe(false);
    await repository.claimDue(T0, 10, LEASE);
    await repository.markSent(pending, T0 + 1);
    expect(await repository.markFailed(pending, T0 + 2, "late failure report", { retryAt: T0 + 60_000 })).toBe(false);
    expect(await repository.get(pending)).toMatchObject({ status: "sent" });
    expect(await repository.get(other)).toMatchObject({ status: "sending" });

    await expect(repository.markSent("", T0)).rejects.toThrow(EmptyFilterError);
    await expect(repository.markFailed("", T0, "x", { failure: "gave_up" })).rejects.toThrow(EmptyFilterError);
    expect(await repository.get(other)).toMatchObject({ status: "sending" });
  });
});

describe("requeueUnrenderable", () => {
  it("puts recent rows its template refused back in the queue with fresh attempts; nothing else", async () => {
    const repository = notificationRepository(database.db);
    const [old, recent, bounced, pending] = (await enqueue(1, { createdAt: T0 - 10 * 86_400_000 }))
      .concat(await enqueue(3))
      .map(String) as [string, string, string, string];
    await repository.claimDue(T0, 10, LEASE);
    await repository.markFailed(old, T0, "Invalid payload", { failure: "unrenderable" });
    await repository.markFailed(recent, T0, "Invalid payload", { failure: "unrenderable" });
    await repository.markFailed(bounced, T0, "550 no such mailbox", { failure: "recipient_refused" });
    await repository.markFailed(pending, T0, "timeout", { retryAt: T0 + 30_000 });

    expect(await repository.requeueUnrenderable(T0 + 5, T0 - 7 * 86_400_000)).toBe(1);
    expect(await repository.get(recent)).toMatchObject({
      status: "pending",
      failure: null,
      attempts: 0,
      nextAttemptAt: T0 + 5,
      lastError: "Invalid payload",
    });
    expect(await repository.get(old)).toMatchObject({ status: "failed", failure: "unrenderable" });
    expect(await repository.get(bounced)).toMatchObject({ status: "failed", failure: "recipient_refused" });
    expect(await repository.get(pending)).toMatchObject({ status: "pending", nextAttemptAt: T0 + 30_000 });
    expect(await repository.requeueUnrenderable(T0 + 6, T0 - 7 * 86_400_000)).toBe(0);
  });
});

describe("a shop's undelivered emails", () => {
  it("lists failed and retrying rows of that shop only, newest first, without payloads", async () => {
    const shopA = await createShop(database.db);
    const shopB = await createShop(database.db);
    const repository = notificationRepository(database.db);
    const [failedA] = await enqueue(1, { shopId: shopA.id, createdAt: T0 });
    const [retryingA] = await enqueue(1, { shopId: shopA.id, createdAt: T0 + 1 });
    await enqueue(1, { shopId: shopA.id, createdAt: T0 + 2 }); // pending, never tried: not listed
    const [failedB] = await enqueue(1, { shopId: shopB.id, createdAt: T0 });
    await repository.claimDue(T0, 10, LEASE);
    await repository.markFailed(failedA as string, T0, "Invalid payload", { failure: "unrenderable" });
    await repository.markFailed(retryingA as string, T0, "timeout", { retryAt: T0 + 30_000 });
    await repository.markFailed(failedB as string, T0, "Invalid payload", { failure: "unrenderable" });

    const listed = await shopNotificationRepository(database.db, shopA.id).listUndelivered(10);
    expect(listed.map((row) => [row.id, row.status, row.failure, row.nextAttemptAt])).toEqual([
      [retryingA, "pending", null, T0 + 30_000],
      [failedA, "failed", "unrenderable", null],
    ]);
    expect(listed[0]).not.toHaveProperty("payload");
  });
});

describe("backlog", () => {
  it("counts waiting rows (pending or being sent) with the oldest's time, and failed ones apart; sent rows not at all", async () => {
    const repository = notificationRepository(database.db);
    expect(await repository.backlog()).toEqual({ waiting: 0, oldestWaitingCreatedAt: null, failed: 0 });
    const [toSend, toFail] = await enqueue(2, { createdAt: T0 - 5000 });
    await repository.claimDue(T0, 10, LEASE);
    await repository.markSent(toSend as string, T0 + 1);
    await repository.markFailed(toFail as string, T0 + 1, "550 mailbox unavailable", { failure: "recipient_refused" });
    await enqueue(1, { createdAt: T0 - 3000 });
    await repository.claimDue(T0 + 2, 10, LEASE); // now being sent
    await enqueue(2, { createdAt: T0 - 1000 });
    expect(await repository.backlog()).toEqual({ waiting: 3, oldestWaitingCreatedAt: T0 - 3000, failed: 1 });
  });
});
