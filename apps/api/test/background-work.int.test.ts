// Background work across processes on the embedded default: two connections to one libSQL file (the
// shared suite), a record that waits out a busy database, and two real API processes on one file.
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { createDb, jobLeaseRepository, migrate, notificationRepository } from "@stall/db";
import { freePort, newTestId } from "@stall/db/testing";
import { afterAll, describe, expect, it, vi } from "vitest";
import { createMailer, type Mailer } from "../src/adapters/mailer.ts";
import type { Logger } from "../src/http/logger.ts";
import { createOutboxWorker } from "../src/notifications/outbox-worker.ts";
import { backgroundWorkSuite } from "./background-work.ts";

backgroundWorkSuite("file", (url) => createDb(url));

const dir = mkdtempSync(join(tmpdir(), "stall-background-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function seedEmails(url: string, count: number, now: number): Promise<string[]> {
  const database = await createDb(url);
  try {
    await migrate(database.db);
    const repository = notificationRepository(database.db);
    const ids = Array.from({ length: count }, () => newTestId("notification"));
    await database.db.batch(
      ids.map((id, index) =>
        repository.insertStatement({
          id,
          template: "password_reset",
          recipient: `owner${index}@example.test`,
          locale: "en",
          payload: { name: "Mei", resetUrl: "https://stall.test/reset-password?token=t", expiresInMinutes: 30 },
          dedupeKey: `password_reset:${id}`,
          nextAttemptAt: now,
          createdAt: now,
        }),
      ) as [ReturnType<typeof repository.insertStatement>],
    );
    return ids;
  } finally {
    database.close();
  }
}

describe("recording a sent email", () => {
  it("waits out a busy database instead of leaving the email to be sent again", async () => {
    const url = `file:${join(dir, "busy.db")}`;
    const [id] = (await seedEmails(url, 1, Date.now())) as [string];
    // The worker's connection gives up on the lock after 50 ms; another connection holds it while the
    // email goes out and for a while after, so the first try to record it finds the database busy.
    const impatient = await createDb(url, { busyTimeoutMs: 50 });
    const holder = await createDb(url);
    const mailDir = join(dir, "busy-mail");
    const fileMailer = createMailer({ mailDir, from: "Stall <hello@stall.test>" });
    const logs: { level: string; message: string }[] = [];
    const logger: Logger = { log: (level, message) => logs.push({ level, message }) };
    const lockedMailer: Mailer = {
      async send(message) {
        const sent = await fileMailer.send(message);
        const lock = await holder.client.transaction("write"); // BEGIN IMMEDIATE
        setTimeout(() => void lock.rollback(), 300);
        return sent;
      },
    };
    try {
      const outbox = createOutboxWorker({ db: impatient.db, mailer: lockedMailer, clock: Date, logger });
      expect(await outbox.runOnce()).toEqual({ sent: 1, failed: 0, retried: 0 });
      expect(await notificationRepository(holder.db).get(id)).toMatchObject({ status: "sent", attempts: 1 });
      expect(logs).toEqual([{ level: "info", message: "notification sent" }]);
      expect(readdirSync(mailDir)).toEqual([`${id}.eml`]);
    } finally {
      impatient.close();
      holder.close();
    }
  });
});

describe("two API processes on one database file", () => {
  const serverEntry = fileURLToPath(new URL("../src/server.ts", import.meta.url));
  const children: ChildProcess[] = [];
  afterAll(() => {
    for (const child of children) if (child.exitCode === null) child.kill("SIGKILL");
  });

  function startApi(env: Record<string, string>) {
    const child = spawn(process.execPath, [serverEntry], {
      env: { PATH: process.env.PATH ?? "", ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    children.push(child);
    const output = { stdout: "", stderr: "" };
    child.stdout?.on("data", (chunk: Buffer) => {
      output.stdout += chunk.toString();
    });
    child.stderr?.on("data", (chunk: Buffer) => {
      output.stderr += chunk.toString();
    });
    const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
    const lines = () =>
      output.stdout
        .split("\n")
        .filter((line) => line.startsWith("{"))
        .map((line) => JSON.parse(line) as { msg: string } & Record<string, unknown>);
    return { child, output, exited, lines };
  }

  it("send every queued email exactly once between them, and reconcile once per period", async () => {
    const url = `file:${join(dir, "two.db")}`;
    const ids = await seedEmails(url, 60, Date.now());
    const period = 1000;
    const env = {
      DATA_DIR: join(dir, "two-data"),
      DATABASE_URL: url,
      API_HOST: "127.0.0.1",
      LOG_LEVEL: "debug",
      RECONCILE_INTERVAL_MS: String(period),
    };
    const apis = [
      startApi({ ...env, API_PORT: String(await freePort()) }),
      startApi({ ...env, API_PORT: String(await freePort()) }),
    ];
    const database = await createDb(url);
    try {
      await vi.waitFor(
        async () => {
          expect((await notificationRepository(database.db).backlog()).waiting).toBe(0);
          expect((await jobLeaseRepository(database.db).get("reconcile_payments"))?.token).toBeGreaterThanOrEqual(3);
        },
        { timeout: 60_000, interval: 100 },
      );
      for (const api of apis) api.child.kill("SIGTERM");
      expect(await Promise.all(apis.map((api) => api.exited))).toEqual([0, 0]);

      const sent = apis.map((api) => api.lines().filter((line) => line.msg === "notification sent"));
      const sentIds = sent.flat().map((line) => String(line.notificationId));
      expect(sentIds.sort(), "each email sent once, by one process or the other").toEqual([...ids].sort());
      for (const id of ids) {
        expect(await notificationRepository(database.db).get(id)).toMatchObject({ status: "sent", attempts: 1 });
      }
      expect(readdirSync(join(env.DATA_DIR, "mail")).filter((name) => name.endsWith(".eml"))).toHaveLength(60);

      // Every reconciliation either process ran, in order: one per token, each a full period after the last.
      const runs = apis
        .flatMap((api) => api.lines().filter((line) => line.msg === "periodic job ran"))
        .map((line) => ({ token: Number(line.token), startedAt: Number(line.startedAt) }))
        .sort((a, b) => a.token - b.token);
      const lease = await jobLeaseRepository(database.db).get("reconcile_payments");
      expect(runs.map((run) => run.token)).toEqual(Array.from({ length: lease?.token ?? 0 }, (_, i) => i + 1));
      for (let index = 1; index < runs.length; index++) {
        const gap = (runs[index]?.startedAt ?? 0) - (runs[index - 1]?.startedAt ?? 0);
        expect(gap, "never two runs in one period").toBeGreaterThanOrEqual(period);
      }
      for (const api of apis) expect(api.output.stderr).toBe("");
    } finally {
      database.close();
    }
  });
});
