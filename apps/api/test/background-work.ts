// Background work across processes (decision 039), run against a file (background-work.int.test.ts)
// and a real sqld (background-work.sqld.int.test.ts). Each "process" is its own database connection
// with its own worker or job: the claims and leases in the database are all they share.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Database, jobLeaseRepository, notificationRepository } from "@stall/db";
import type { TestDatabase } from "@stall/db/testing";
import { newTestId } from "@stall/db/testing";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { createMailer, type Mailer } from "../src/adapters/mailer.ts";
import { createPeriodicJob, type PeriodicRun } from "../src/background/periodic-job.ts";
import { createReconcileJob } from "../src/background/start-background-work.ts";
import type { Logger } from "../src/http/logger.ts";
import { createOutboxWorker } from "../src/notifications/outbox-worker.ts";
import { createHarness, type Harness } from "./harness.ts";
import { readMessage } from "./mime.ts";

type LogEntry = { level: string; message: string; fields: Record<string, unknown> };

/** A gate a test opens when it chooses: what waits on it stays stuck until then. */
function gate() {
  let open: () => void = () => {};
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { opened, open };
}

export function backgroundWorkSuite(kind: "file" | "sqld", openSecond: (url: string) => Promise<Database>) {
  let harness: Harness;
  let database: TestDatabase;
  /** The second "process": its own connection to the same database. */
  let second: Database;
  let mailDir: string;
  let logs: LogEntry[];
  const logger: Logger = {
    log(level, message, fields = {}) {
      logs.push({ level, message, fields });
    },
  };
  const clock = { now: () => harness.clock.now() };

  beforeAll(async () => {
    harness = await createHarness({ database: kind });
    database = harness.database;
    second = await openSecond(database.url);
  });
  afterAll(() => {
    second?.close();
    harness?.cleanup();
  });
  beforeEach(() => {
    mailDir = mkdtempSync(join(tmpdir(), "stall-mail-"));
    logs = [];
  });
  afterEach(() => rmSync(mailDir, { recursive: true, force: true }));

  const fileMailer = () => createMailer({ mailDir, from: "Stall <hello@stall.test>" });
  const emlFiles = () => readdirSync(mailDir).filter((name) => name.endsWith(".eml"));

  async function enqueue(count: number): Promise<string[]> {
    const repository = notificationRepository(database.db);
    const ids: string[] = [];
    for (let index = 0; index < count; index++) {
      const id = newTestId("notification");
      ids.push(id);
      await database.db.batch([
        repository.insertStatement({
          id,
          template: "password_reset",
          recipient: `owner${index}@example.test`,
          locale: "en",
          payload: { name: "Mei", resetUrl: "https://stall.test/reset-password?token=t", expiresInMinutes: 30 },
          dedupeKey: `password_reset:${id}`,
          nextAttemptAt: clock.now(),
          createdAt: clock.now(),
        }),
      ]);
    }
    return ids;
  }

  /** Counts every send by notification id, then hands the message on. */
  function counting(inner: Mailer, sends: Map<string, number>, before?: () => Promise<void>): Mailer {
    return {
      async send(message) {
        const id = message.id ?? "";
        sends.set(id, (sends.get(id) ?? 0) + 1);
        await before?.();
        return inner.send(message);
      },
    };
  }

  describe(`leased workers on one database (${kind})`, () => {
    it("two outbox workers in two connections send each of 40 emails exactly once and leave none", async () => {
      const ids = await enqueue(40);
      const sends = new Map<string, number>();
      const mailer = counting(fileMailer(), sends);
      const one = createOutboxWorker({ db: database.db, mailer, clock, logger, batchSize: 4 });
      const two = createOutboxWorker({ db: second.db, mailer, clock, logger, batchSize: 4 });
      one.start(5);
      two.start(5);
      try {
        await vi.waitFor(async () => expect((await notificationRepository(database.db).backlog()).waiting).toBe(0), {
          timeout: 30_000,
          interval: 25,
        });
      } finally {
        await Promise.all([one.stop(), two.stop()]);
      }
      expect([...sends.keys()].sort()).toEqual([...ids].sort());
      expect(
        [...sends.values()].every((count) => count === 1),
        "no email went out twice",
      ).toBe(true);
      expect(one.counts().sent + two.counts().sent).toBe(40);
      expect(one.counts().sent, "the first worker took a share").toBeGreaterThan(0);
      expect(two.counts().sent, "the second worker took a share").toBeGreaterThan(0);
      for (const id of ids) {
        expect(await notificationRepository(database.db).get(id)).toMatchObject({ status: "sent", attempts: 1 });
      }
      expect(emlFiles()).toHaveLength(40);
      expect(logs.filter((entry) => entry.level !== "info")).toEqual([]);
    });

    it("a worker that dies holding emails: the other sends them once the lease runs out; the first, woken, cannot record, and its copies replace the files", async () => {
      const ids = await enqueue(3);
      const sends = new Map<string, number>();
      const [stuck, slow] = [gate(), gate()];
      const leaseMs = 60_000;
      const dying = createOutboxWorker({
        db: database.db,
        mailer: counting(fileMailer(), sends, () => stuck.opened),
        clock,
        logger,
        leaseMs,
      });
      const survivor = createOutboxWorker({
        db: second.db,
        mailer: counting(fileMailer(), sends, () => slow.opened),
        clock,
        logger,
      });
      const rows = () => Promise.all(ids.map((id) => notificationRepository(database.db).get(id)));

      const dyingRun = dying.runOnce(); // claims all three, then hangs mid-send
      await vi.waitFor(() => expect(sends.size).toBe(3));
      expect(await survivor.runOnce(), "the dying worker's leases still hold").toEqual({
        sent: 0,
        failed: 0,
        retried: 0,
      });
      harness.clock.advance(leaseMs + 1);
      const survivorRun = survivor.runOnce(); // takes all three over, and is mid-send too
      await vi.waitFor(() => expect([...sends.values()]).toEqual([2, 2, 2]));

      stuck.open(); // the first worker wakes and finishes its sends: it may not record them
      await dyingRun;
      expect((await rows()).map((row) => [row?.status, row?.attempts])).toEqual([
        ["sending", 2],
        ["sending", 2],
        ["sending", 2],
      ]);
      expect(
        logs.filter((entry) => entry.message.startsWith("notification sent after its claim ran out")),
      ).toHaveLength(3);

      slow.open();
      expect(await survivorRun).toEqual({ sent: 3, failed: 0, retried: 0 });
      expect((await rows()).map((row) => row?.status)).toEqual(["sent", "sent", "sent"]);
      // Sent twice (SMTP cannot be exactly once), but as the same message: one file and one Message-ID each.
      expect(emlFiles().sort()).toEqual(ids.map((id) => `${id}.eml`).sort());
      for (const id of ids) {
        const email = readMessage(readFileSync(join(mailDir, `${id}.eml`), "utf8"));
        expect(email.header("Message-ID")).toBe(`<${id}@stall.test>`);
      }
    });
  });

  describe(`a periodic job in two processes (${kind})`, () => {
    let jobs = 0;
    const PERIOD = 300_000;
    const LEASE = 60_000;

    function twoProcesses(run: (by: string, signal: AbortSignal) => Promise<unknown>) {
      const name = `test_job_${++jobs}`;
      const make = (db: Database, holder: string) =>
        createPeriodicJob({
          name,
          db: db.db,
          holder,
          clock,
          logger,
          periodMs: PERIOD,
          leaseMs: LEASE,
          run: (signal) => run(holder, signal),
        });
      return { name, a: make(database, "process-a"), b: make(second, "process-b") };
    }

    const sorted = (runs: PeriodicRun[]) => [...runs].sort();

    it("runs once per period, whichever process asks and however often", async () => {
      const ranBy: string[] = [];
      const { name, a, b } = twoProcesses(async (by) => {
        ranBy.push(by);
        return { by };
      });
      for (let period = 0; period < 5; period++) {
        expect(sorted(await Promise.all([a.runOnce(), b.runOnce()]))).toEqual(["not_due", "ran"]);
        expect(sorted(await Promise.all([a.runOnce(), b.runOnce(), a.runOnce()]))).toEqual([
          "not_due",
          "not_due",
          "not_due",
        ]);
        harness.clock.advance(PERIOD - 1);
        expect(sorted(await Promise.all([a.runOnce(), b.runOnce()])), "not a moment early").toEqual([
          "not_due",
          "not_due",
        ]);
        harness.clock.advance(1);
      }
      expect(ranBy).toHaveLength(5);
      expect(await jobLeaseRepository(database.db).get(name)).toMatchObject({ token: 5, expiresAt: 0 });
    });

    it("a process that died holding the lease: the other runs the job once the lease runs out", async () => {
      let runs = 0;
      const { name, a, b } = twoProcesses(async () => ++runs);
      await jobLeaseRepository(database.db).acquire(name, "process-that-died", clock.now(), LEASE);
      expect(await Promise.all([a.runOnce(), b.runOnce()])).toEqual(["not_due", "not_due"]);
      harness.clock.advance(LEASE);
      expect(sorted(await Promise.all([a.runOnce(), b.runOnce()]))).toEqual(["not_due", "ran"]);
      expect(runs).toBe(1);
    });

    it("a holder that stalled past its lease is fenced: the other's run is the one recorded", async () => {
      const stalled = gate();
      let isRunning = false;
      const { name, a, b } = twoProcesses(async (by) => {
        if (by === "process-a") {
          isRunning = true;
          await stalled.opened;
        }
        return { by };
      });
      const first = a.runOnce();
      await vi.waitFor(() => expect(isRunning).toBe(true));
      harness.clock.advance(LEASE + 1);
      expect(await b.runOnce()).toBe("ran");
      stalled.open();
      expect(await first).toBe("lost");
      expect(await jobLeaseRepository(database.db).get(name)).toMatchObject({
        holder: "process-b",
        token: 2,
        lastOutcome: '{"by":"process-b"}',
      });
      expect(logs.some((entry) => entry.level === "warn" && entry.message.includes("its run was not recorded"))).toBe(
        true,
      );
    });

    it("a running job renews its lease, and is aborted once another process has taken the lease", async () => {
      const name = `test_job_${++jobs}`;
      let reason: unknown;
      const job = createPeriodicJob({
        name,
        db: database.db,
        holder: "process-a",
        // Real time here: the renewals run on a timer, a third of this short lease apart.
        clock: { now: () => Date.now() },
        logger,
        periodMs: PERIOD,
        leaseMs: 300,
        run: (signal) =>
          new Promise((resolve) => {
            signal.addEventListener("abort", () => {
              reason = signal.reason;
              resolve("aborted");
            });
          }),
      });
      const leases = jobLeaseRepository(database.db);
      const run = job.runOnce();
      await vi.waitFor(async () => expect((await leases.get(name))?.token).toBe(1));
      const firstExpiry = (await leases.get(name))?.expiresAt ?? 0;
      await vi.waitFor(async () => expect((await leases.get(name))?.expiresAt).toBeGreaterThan(firstExpiry), {
        timeout: 5_000,
      });
      // Another process takes it over (as it could after a long pause of this one).
      const taken = await leases.acquire(name, "process-b", Date.now() + 10 * 60_000, 60_000);
      expect(taken?.token).toBe(2);
      expect(await run).toBe("lost");
      expect(String(reason)).toContain("went to another process");
      expect(await leases.get(name)).toMatchObject({ holder: "process-b", token: 2, lastOutcome: null });
    });

    it("a process that stops mid-run hands the job back: another runs it at once", async () => {
      let isRunning = false;
      const { a, b } = twoProcesses(async (by, signal) => {
        if (by === "process-a") {
          isRunning = true;
          await new Promise((resolve) => signal.addEventListener("abort", resolve));
        }
        return { by };
      });
      const first = a.runOnce();
      await vi.waitFor(() => expect(isRunning).toBe(true));
      await a.stop();
      expect(await first).toBe("stopped");
      expect(await b.runOnce()).toBe("ran");
    });

    it("payment reconciliation started in two processes at once runs once per period", async () => {
      const deps = harness.deps;
      const one = createReconcileJob(deps, { holder: "process-a", periodMs: PERIOD });
      const two = createReconcileJob(
        { ...deps, database: { ...deps.database, db: second.db } },
        {
          holder: "process-b",
          periodMs: PERIOD,
        },
      );
      const leases = jobLeaseRepository(database.db);
      const before = (await leases.get("reconcile_payments"))?.token ?? 0;
      for (let period = 1; period <= 3; period++) {
        expect(sorted(await Promise.all([one.runOnce(), two.runOnce()]))).toEqual(["not_due", "ran"]);
        expect(sorted(await Promise.all([one.runOnce(), two.runOnce()]))).toEqual(["not_due", "not_due"]);
        harness.clock.advance(PERIOD);
      }
      const row = await leases.get("reconcile_payments");
      expect(row?.token).toBe(before + 3);
      expect(JSON.parse(row?.lastOutcome ?? "null")).toEqual({
        shops: 0,
        sessions: 0,
        refunds: 0,
        repaired: 0,
        failures: 0,
      });
    });
  });
}
