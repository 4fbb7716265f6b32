// Leases on named singleton jobs against a real libSQL file: one holder at a time, due times, and
// fencing (a holder that lost its lease writes nothing), also with two connections racing.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, type Database } from "../src/client.ts";
import { jobLeaseRepository } from "../src/repositories/job-leases.ts";
import { EmptyFilterError } from "../src/repositories/scope.ts";
import { createTestDb, type TestDatabase } from "../src/testing.ts";

const T0 = 1_700_000_000_000;
const LEASE = 60_000;

let database: TestDatabase;
let second: Database;
beforeAll(async () => {
  database = await createTestDb();
  second = await createDb(database.url);
});
afterAll(() => {
  second?.close();
  database?.cleanup();
});

let jobCount = 0;
const newJob = () => `job_${++jobCount}`;

describe("job leases", () => {
  it("go to one holder at a time; the holder renews in the same statement, keeping its token", async () => {
    const leases = jobLeaseRepository(database.db);
    const name = newJob();
    const a = await leases.acquire(name, "a", T0, LEASE);
    expect(a).toEqual({ name, holder: "a", token: 1, expiresAt: T0 + LEASE });
    expect(await leases.acquire(name, "b", T0 + LEASE - 1, LEASE), "b waits while a's lease holds").toBeUndefined();
    expect(await leases.acquire(name, "a", T0 + 10, LEASE)).toEqual({ ...a, expiresAt: T0 + 10 + LEASE });
    const b = await leases.acquire(name, "b", T0 + 10 + LEASE, LEASE);
    expect(b, "once a's lease ran out, b takes it with the next token").toMatchObject({ holder: "b", token: 2 });
  });

  it("fence a holder that lost its lease: its renewal, record and release are refused", async () => {
    const leases = jobLeaseRepository(database.db);
    const name = newJob();
    const stalled = await leases.acquire(name, "a", T0, LEASE);
    if (!stalled) throw new Error("a should hold the lease");
    const taker = await leases.acquire(name, "b", T0 + LEASE + 1, LEASE);
    if (!taker) throw new Error("b should take the lease over");

    expect(await leases.renew(stalled, T0 + LEASE + 2, LEASE)).toBeUndefined();
    expect(await leases.finish(stalled, T0 + LEASE + 2, { nextRunAt: T0 + 10 * LEASE, outcome: "a's" })).toBe(false);
    expect(await leases.release(stalled, T0 + LEASE + 2)).toBe(false);
    expect(await leases.get(name)).toMatchObject({ holder: "b", token: 2, lastOutcome: null, nextRunAt: 0 });

    // The same process taking it again later is a new holding: the old token stays fenced.
    expect(await leases.finish(taker, T0 + LEASE + 3, { nextRunAt: 0, outcome: "b's" })).toBe(true);
    const again = await leases.acquire(name, "a", T0 + LEASE + 4, LEASE);
    expect(again?.token).toBe(3);
    expect(await leases.finish(stalled, T0 + LEASE + 5, { nextRunAt: 0, outcome: "a's old run" })).toBe(false);
    expect((await leases.get(name))?.lastOutcome).toBe("b's");
  });

  it("renew past their end while nobody else took them (the token is unchanged)", async () => {
    const leases = jobLeaseRepository(database.db);
    const lease = await leases.acquire(newJob(), "a", T0, LEASE);
    if (!lease) throw new Error("a should hold the lease");
    expect(await leases.renew(lease, T0 + 5 * LEASE, LEASE)).toEqual({ ...lease, expiresAt: T0 + 6 * LEASE });
  });

  it("for a periodic job: a finished run is not taken again before its next run is due, by anyone", async () => {
    const leases = jobLeaseRepository(database.db);
    const name = newJob();
    const run = await leases.acquire(name, "a", T0, LEASE);
    if (!run) throw new Error("a should hold the lease");
    expect(await leases.finish(run, T0 + 100, { nextRunAt: T0 + 300_000, outcome: '{"shops":0}' })).toBe(true);
    expect(await leases.get(name)).toMatchObject({
      expiresAt: 0,
      nextRunAt: T0 + 300_000,
      lastFinishedAt: T0 + 100,
      lastOutcome: '{"shops":0}',
    });
    expect(await leases.acquire(name, "a", T0 + 299_999, LEASE)).toBeUndefined();
    expect(await leases.acquire(name, "b", T0 + 299_999, LEASE)).toBeUndefined();
    expect(await leases.acquire(name, "b", T0 + 300_000, LEASE)).toMatchObject({ holder: "b", token: 2 });
  });

  it("released, are free at once for another holder, and the job stays due", async () => {
    const leases = jobLeaseRepository(database.db);
    const name = newJob();
    const lease = await leases.acquire(name, "a", T0, LEASE);
    if (!lease) throw new Error("a should hold the lease");
    expect(await leases.release(lease, T0 + 1)).toBe(true);
    expect(await leases.acquire(name, "b", T0 + 2, LEASE)).toMatchObject({ holder: "b", token: 2 });
  });

  it("raced for by two connections, go to exactly one holder each round", async () => {
    const name = newJob();
    const connections = [jobLeaseRepository(database.db), jobLeaseRepository(second.db)];
    for (let round = 0; round < 10; round++) {
      const now = T0 + round * (LEASE + 1);
      const attempts = await Promise.all(
        Array.from({ length: 20 }, (_, index) =>
          (connections[index % 2] ?? connections[0])?.acquire(name, `holder-${index}`, now, LEASE),
        ),
      );
      const winners = attempts.filter((lease) => lease !== undefined);
      expect(winners, `round ${round}`).toHaveLength(1);
      expect(winners[0]?.token).toBe(round + 1);
    }
  });

  it("refuse an empty name or holder, and a lease of no length", async () => {
    const leases = jobLeaseRepository(database.db);
    await expect(leases.acquire("", "a", T0, LEASE)).rejects.toThrow(EmptyFilterError);
    await expect(leases.acquire("x", "", T0, LEASE)).rejects.toThrow(EmptyFilterError);
    await expect(leases.acquire("x", "a", T0, 0)).rejects.toThrow("leaseMs must be > 0");
    await expect(
      leases.finish({ name: "", holder: "a", token: 1, expiresAt: 0 }, T0, { nextRunAt: 0, outcome: "" }),
    ).rejects.toThrow(EmptyFilterError);
  });
});
