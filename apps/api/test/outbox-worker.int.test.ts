// The outbox worker end to end: a real libSQL file, the real mailer writing .eml files (and, for the
// SMTP path, talking to a small SMTP server started here), stub mailers only to make sending fail.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { createServer, type Socket } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type NewNotification, notificationRepository } from "@stall/db";
import { createTestDb, newTestId, type TestDatabase } from "@stall/db/testing";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createMailer, type Mailer, MailRejectedError } from "../src/adapters/mailer.ts";
import type { Logger } from "../src/http/logger.ts";
import {
  createOutboxWorker,
  exponentialBackoff,
  type OutboxWorkerDeps,
  REQUEUE_WINDOW_MS,
} from "../src/notifications/outbox-worker.ts";
import { renderNotification, TemplateError } from "../src/notifications/templates.ts";
import { readMessage } from "./mime.ts";

const T0 = Date.UTC(2026, 0, 15, 9, 0, 0);
const TOKEN = "tok_9f8e7d6c5b4a";
const resetUrl = `https://stall.test/reset-password?token=${TOKEN}`;
const FROM = "Stall <hello@stall.test>";

type LogEntry = { level: string; message: string; fields: Record<string, unknown> };

let database: TestDatabase;
let mailDir: string;
let now: number;
let logs: LogEntry[];
const clock = { now: () => now };
const logger: Logger = {
  log(level, message, fields = {}) {
    logs.push({ level, message, fields });
  },
};

beforeEach(async () => {
  database = await createTestDb();
  mailDir = mkdtempSync(join(tmpdir(), "stall-mail-"));
  now = T0;
  logs = [];
});
afterEach(() => {
  database?.cleanup();
  rmSync(mailDir, { recursive: true, force: true });
});

function worker(overrides: Partial<OutboxWorkerDeps> = {}) {
  return createOutboxWorker({
    db: database.db,
    mailer: createMailer({ mailDir, from: FROM }),
    clock,
    logger,
    ...overrides,
  });
}

async function enqueue(overrides: Partial<NewNotification> = {}): Promise<string> {
  const id = newTestId("notification");
  const repository = notificationRepository(database.db);
  await database.db.batch([
    repository.insertStatement({
      id,
      template: "password_reset",
      recipient: "mei@example.test",
      locale: "en",
      payload: { name: "Mei", resetUrl, expiresInMinutes: 30 },
      dedupeKey: `password_reset:${id}`,
      nextAttemptAt: now,
      createdAt: now,
      ...overrides,
    }),
  ]);
  return id;
}

const row = (id: string) => notificationRepository(database.db).get(id);
const emlFiles = () => readdirSync(mailDir).filter((name) => name.endsWith(".eml"));

/** A mailer that always fails the way a down mail server does, counting its calls. */
function failingMailer(error: () => Error = () => new Error("connect ECONNREFUSED 127.0.0.1:587")) {
  const mailer = {
    calls: 0,
    async send(): Promise<{ messageId: string }> {
      mailer.calls++;
      throw error();
    },
  };
  return mailer satisfies Mailer;
}

describe("the outbox worker with the .eml mailer", () => {
  it("turns a pending password reset into one .eml file with both parts and marks it sent", async () => {
    const id = await enqueue();
    expect(await worker().runOnce()).toEqual({ sent: 1, failed: 0, retried: 0 });

    const files = readdirSync(mailDir);
    expect(files, "no temporary file is left behind; the file is named by the notification").toEqual([`${id}.eml`]);
    const [file] = files as [string];

    const email = readMessage(readFileSync(join(mailDir, file), "utf8"));
    expect(email.header("To")).toBe("mei@example.test");
    expect(email.header("From")).toBe("Stall <hello@stall.test>");
    expect(email.header("Subject")).toBe("Reset your Stall password");
    expect(email.header("Message-ID"), "one Message-ID per notification, however often it is sent").toBe(
      `<${id}@stall.test>`,
    );
    expect(email.header("Auto-Submitted")).toBe("auto-generated");
    expect(email.header("X-Stall-Notification-Id")).toBe(id);
    expect(email.text).toContain("Hi Mei,");
    expect(email.text).toContain(resetUrl);
    expect(email.html).toContain('<html lang="en"');
    expect(email.html).toContain(`<a href="${resetUrl}"`);

    expect(await row(id)).toMatchObject({
      status: "sent",
      sentAt: T0,
      attempts: 1,
      lockedUntil: null,
      lastError: null,
    });
    expect(logs).toEqual([
      {
        level: "info",
        message: "notification sent",
        fields: {
          notificationId: id,
          shopId: null,
          template: "password_reset",
          attempt: 1,
          messageId: expect.any(String),
        },
      },
    ]);
  });

  it("renders a zh-CN notification with a Chinese subject and body", async () => {
    await enqueue({ locale: "zh-CN", payload: { name: "林美", resetUrl, expiresInMinutes: 30 } });
    await worker().runOnce();
    const [file] = emlFiles() as [string];
    const raw = readFileSync(join(mailDir, file), "utf8");
    expect(raw, "the subject header is encoded, not raw UTF-8").toMatch(/^Subject: =\?UTF-8\?/im);
    const email = readMessage(raw);
    expect(email.header("Subject")).toBe("重置您的 Stall 密码");
    expect(email.text).toContain("林美，您好：");
    expect(email.html).toContain('<html lang="zh-CN"');
    expect(email.html).toContain("设置新密码");
  });

  it("never sends a notification twice: a second run and a replayed event send nothing", async () => {
    const id = await enqueue({ dedupeKey: "password_reset:prt_1" });
    const outbox = worker();
    expect(await outbox.runOnce()).toEqual({ sent: 1, failed: 0, retried: 0 });
    await enqueue({ dedupeKey: "password_reset:prt_1" }); // the same event, replayed
    now += 24 * 60 * 60_000;
    expect(await outbox.runOnce()).toEqual({ sent: 0, failed: 0, retried: 0 });
    expect(emlFiles()).toHaveLength(1);
    expect(await notificationRepository(database.db).listForRecipient("mei@example.test")).toMatchObject([
      { id, status: "sent" },
    ]);
  });

  it("two workers on one database send each of many notifications once", async () => {
    for (let index = 0; index < 25; index++) await enqueue({ recipient: `owner${index}@example.test` });
    const [a, b] = [worker({ batchSize: 4 }), worker({ batchSize: 4 })];
    const totals = { sent: 0, failed: 0, retried: 0 };
    for (;;) {
      const results = await Promise.all([a.runOnce(), b.runOnce()]);
      const sent = results.reduce((sum, result) => sum + result.sent, 0);
      if (sent === 0) break;
      totals.sent += sent;
    }
    expect(totals.sent).toBe(25);
    const recipients = emlFiles().map((file) => readMessage(readFileSync(join(mailDir, file), "utf8")).header("To"));
    expect(new Set(recipients).size).toBe(25);
  });
});

describe("failures", () => {
  it("retries a failing send with growing delays, then fails for good after maxAttempts", async () => {
    const id = await enqueue();
    const mailer = failingMailer();
    const outbox = worker({ mailer, maxAttempts: 3 });

    expect(await outbox.runOnce()).toEqual({ sent: 0, failed: 0, retried: 1 });
    let state = await row(id);
    expect(state).toMatchObject({ status: "pending", attempts: 1, lockedUntil: null });
    expect(state?.lastError).toBe("connect ECONNREFUSED 127.0.0.1:587");
    const firstDelay = (state?.nextAttemptAt ?? 0) - now;
    expect(firstDelay).toBeGreaterThanOrEqual(27_000);
    expect(firstDelay).toBeLessThanOrEqual(30_000);

    now += firstDelay - 1;
    expect(await outbox.runOnce(), "not due yet").toEqual({ sent: 0, failed: 0, retried: 0 });
    now += 1;
    expect(await outbox.runOnce()).toEqual({ sent: 0, failed: 0, retried: 1 });
    state = await row(id);
    const secondDelay = (state?.nextAttemptAt ?? 0) - now;
    expect(secondDelay).toBeGreaterThanOrEqual(54_000);
    expect(secondDelay).toBeLessThanOrEqual(60_000);

    now += secondDelay;
    expect(await outbox.runOnce()).toEqual({ sent: 0, failed: 1, retried: 0 });
    expect(await row(id)).toMatchObject({
      status: "failed",
      attempts: 3,
      lastError: "Gave up after 3 attempts: connect ECONNREFUSED 127.0.0.1:587",
    });
    now += 365 * 24 * 60 * 60_000;
    expect(await outbox.runOnce()).toEqual({ sent: 0, failed: 0, retried: 0 });
    expect(mailer.calls).toBe(3);

    expect(logs.map((entry) => [entry.level, entry.message])).toEqual([
      ["warn", "notification send failed; will retry"],
      ["warn", "notification send failed; will retry"],
      ["error", "notification failed for good"],
    ]);
    expect(logs[0]?.fields).toEqual({
      notificationId: id,
      shopId: null,
      template: "password_reset",
      attempt: 1,
      error: "connect ECONNREFUSED 127.0.0.1:587",
      retryInMs: firstDelay,
    });
    expect(JSON.stringify(logs), "logs never hold the payload").not.toContain(TOKEN);
  });

  it("uses the backoff it is given", async () => {
    const id = await enqueue();
    const backoff = vi.fn((attempt: number) => attempt * 1000);
    await worker({ mailer: failingMailer(), backoff }).runOnce();
    expect(backoff).toHaveBeenCalledWith(1);
    expect(await row(id)).toMatchObject({ status: "pending", nextAttemptAt: T0 + 1000 });
  });

  it("fails an unknown template for good without sending", async () => {
    const id = await enqueue({ template: "order_shipped", payload: { orderId: "ord_1" } });
    const mailer = failingMailer();
    expect(await worker({ mailer }).runOnce()).toEqual({ sent: 0, failed: 1, retried: 0 });
    expect(mailer.calls).toBe(0);
    expect(await row(id)).toMatchObject({ status: "failed", attempts: 1 });
    expect((await row(id))?.lastError).toContain('Unknown notification template "order_shipped"');
    expect(logs[0]).toMatchObject({ level: "error", fields: { notificationId: id, template: "order_shipped" } });
  });

  it("fails an invalid payload for good, naming the field and not its value", async () => {
    const id = await enqueue({ payload: { name: "Mei", resetUrl: `ftp://x/${TOKEN}`, expiresInMinutes: 30 } });
    expect(await worker().runOnce()).toEqual({ sent: 0, failed: 1, retried: 0 });
    const state = await row(id);
    expect(state?.status).toBe("failed");
    expect(state?.lastError).toContain("resetUrl");
    expect(JSON.stringify({ state: state?.lastError, logs })).not.toContain(TOKEN);
    expect(emlFiles()).toEqual([]);
  });

  it("fails a recipient the mail server refuses for good, without retrying", async () => {
    const id = await enqueue();
    const mailer = failingMailer(() => new MailRejectedError("The mail server refused the recipient (550)"));
    expect(await worker({ mailer }).runOnce()).toEqual({ sent: 0, failed: 1, retried: 0 });
    expect(await row(id)).toMatchObject({ status: "failed", lastError: "The mail server refused the recipient (550)" });
  });

  it("fails a row that is not addressed to an email address", async () => {
    const id = await enqueue({ recipient: "not an address" });
    expect(await worker().runOnce()).toEqual({ sent: 0, failed: 1, retried: 0 });
    expect(await row(id)).toMatchObject({ status: "failed", lastError: "The recipient is not an email address" });
  });

  it("takes over a row whose worker died mid-send, but not past maxAttempts", async () => {
    const repository = notificationRepository(database.db);
    const resumed = await enqueue({ recipient: "resumed@example.test" });
    await repository.claimDue(now, 10, 60_000); // a worker claims it and dies
    now += 60_001;
    expect(await worker({ leaseMs: 60_000 }).runOnce()).toEqual({ sent: 1, failed: 0, retried: 0 });
    expect(await row(resumed)).toMatchObject({ status: "sent", attempts: 2 });

    const exhausted = await enqueue({ recipient: "exhausted@example.test" });
    for (let attempt = 0; attempt < 2; attempt++) {
      await repository.claimDue(now, 10, 60_000);
      now += 60_001;
    }
    expect(await worker({ leaseMs: 60_000, maxAttempts: 2 }).runOnce()).toEqual({ sent: 0, failed: 1, retried: 0 });
    expect(await row(exhausted)).toMatchObject({ status: "failed", attempts: 3 });
    expect(emlFiles()).toHaveLength(1);
  });
});

describe("an email its template cannot render", () => {
  /** The templates as they were before decision 010: a line break in a name refused the whole email. */
  const oldBuild: typeof renderNotification = (template, locale, payload) => {
    if (/[\r\n]/.test(String(payload.name))) {
      throw new TemplateError(`Invalid payload for notification template "${template}": name: must be one line`);
    }
    return renderNotification(template, locale, payload);
  };
  const twoLineName = { name: "Mei\nWong", resetUrl, expiresInMinutes: 30 };

  it("is an alarm: failed as unrenderable, logged at error level, counted; never sent", async () => {
    const id = await enqueue({ payload: twoLineName });
    const outbox = worker({ render: oldBuild });
    expect(await outbox.runOnce()).toEqual({ sent: 0, failed: 1, retried: 0 });
    expect(await row(id)).toMatchObject({ status: "failed", failure: "unrenderable", attempts: 1 });
    expect((await row(id))?.lastError).toContain("name: must be one line");
    expect(outbox.counts()).toMatchObject({ failed: 1, unrenderable: 1 });
    expect(logs).toEqual([
      {
        level: "error",
        message:
          "notification could not be rendered; the shop owner is shown it and it is tried again when a worker starts",
        fields: expect.objectContaining({ notificationId: id, failure: "unrenderable", unrenderableSinceStart: 1 }),
      },
    ]);
    expect(emlFiles()).toEqual([]);
  });

  it("is sent by the next build: a starting worker queues it again, and it goes out once", async () => {
    const id = await enqueue({ payload: twoLineName });
    const old = await enqueue({ payload: twoLineName, createdAt: T0 - REQUEUE_WINDOW_MS - 1 });
    await worker({ render: oldBuild }).runOnce();
    now += 60_000;

    const fixed = worker();
    fixed.start(60_000);
    await fixed.stop(); // waits for the first run: re-queue, then deliver
    expect(await row(id)).toMatchObject({ status: "sent", failure: null, attempts: 1, lastError: null });
    expect(fixed.counts()).toMatchObject({ requeued: 1, sent: 1 });
    const [file] = emlFiles() as [string];
    expect(readMessage(readFileSync(join(mailDir, file), "utf8")).text).toContain("Hi Mei Wong,");
    expect(await row(old), "older than the window: left for the owner's list").toMatchObject({ status: "failed" });

    const again = worker();
    again.start(60_000);
    await again.stop();
    expect(again.counts()).toMatchObject({ requeued: 0, sent: 0 });
    expect(emlFiles()).toHaveLength(1);
  });

  it("fails an unknown template as unrenderable too (a later build may know it)", async () => {
    const id = await enqueue({ template: "order_shipped", payload: {} });
    await worker().runOnce();
    expect(await row(id)).toMatchObject({ status: "failed", failure: "unrenderable" });
  });
});

describe("start and stop", () => {
  it("delivers on an interval without overlapping runs, and stop waits for the run in progress", async () => {
    let inFlight = 0;
    let maxInFlight = 0;
    let release: () => void = () => {};
    const fileMailer = createMailer({ mailDir, from: FROM });
    const slowMailer: Mailer = {
      async send(message) {
        inFlight++;
        maxInFlight = Math.max(maxInFlight, inFlight);
        await new Promise<void>((resolve) => {
          release = resolve;
        });
        inFlight--;
        return fileMailer.send(message);
      },
    };
    const id = await enqueue();
    const outbox = worker({ mailer: slowMailer });
    // The worker's timers run on a fake clock, so "several intervals pass" is exact, not a sleep.
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    try {
      outbox.start(5);
      await vi.waitFor(() => expect(inFlight).toBe(1));
      await vi.advanceTimersByTimeAsync(30); // six intervals pass while it sends
      expect(maxInFlight).toBe(1);

      const stopped = outbox.stop();
      let hasStopped = false;
      void stopped.then(() => {
        hasStopped = true;
      });
      await vi.advanceTimersByTimeAsync(10);
      expect(hasStopped, "stop waits for the send in progress").toBe(false);
      release();
      await stopped;
      expect(await row(id)).toMatchObject({ status: "sent" });

      await enqueue();
      await vi.advanceTimersByTimeAsync(30);
      expect(vi.getTimerCount(), "no run is scheduled after stop").toBe(0);
      expect(emlFiles(), "nothing runs after stop").toHaveLength(1);
    } finally {
      vi.useRealTimers();
    }
  });

  it("keeps running after a run fails, logging it", async () => {
    const broken = worker({ leaseMs: 0 }); // claimDue refuses a lease of 0: every claim throws
    broken.start(5);
    await vi.waitFor(() =>
      expect(logs.filter((entry) => entry.message === "outbox claim failed").length).toBeGreaterThan(1),
    );
    await broken.stop();
    expect(logs[0]).toMatchObject({
      level: "error",
      fields: { error: expect.stringContaining("leaseMs must be > 0") },
    });
    const waits = logs.map((entry) => entry.fields.retryInMs);
    expect(waits.slice(0, 3), "each failed claim in a row waits twice as long").toEqual([10, 20, 40]);
  });
});

describe("exponentialBackoff", () => {
  it.each([
    [1, 30_000],
    [2, 60_000],
    [3, 120_000],
    [7, 1_920_000],
    [8, 3_600_000],
    [30, 3_600_000],
  ])("attempt %i waits up to %i ms, at most 10%% less", (attempt, most) => {
    expect(exponentialBackoff(attempt, () => 0)).toBe(most);
    expect(exponentialBackoff(attempt, () => 1)).toBe(most * 0.9);
  });
});

// The SMTP path, against a small SMTP server: enough of RFC 5321 for nodemailer without auth or TLS.

type Received = { from: string; to: string[]; data: string };

async function startSmtpServer() {
  const received: Received[] = [];
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    socket.setEncoding("utf8");
    const reply = (line: string) => socket.write(`${line}\r\n`);
    let buffer = "";
    let isData = false;
    let current: Received = { from: "", to: [], data: "" };
    reply("220 smtp.test ESMTP");
    socket.on("data", (chunk: string) => {
      buffer += chunk;
      for (;;) {
        if (isData) {
          const end = buffer.indexOf("\r\n.\r\n");
          if (end === -1) return;
          current.data = buffer.slice(0, end + 2).replace(/^\.\./gm, ".");
          buffer = buffer.slice(end + 5);
          isData = false;
          received.push(current);
          current = { from: "", to: [], data: "" };
          reply("250 2.0.0 queued");
          continue;
        }
        const end = buffer.indexOf("\r\n");
        if (end === -1) return;
        const line = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const verb = line.slice(0, 4).toUpperCase();
        if (verb === "EHLO") reply("250-smtp.test\r\n250 8BITMIME");
        else if (verb === "HELO" || verb === "RSET" || verb === "NOOP") reply("250 OK");
        else if (verb === "MAIL") {
          current.from = line;
          reply("250 2.1.0 OK");
        } else if (verb === "RCPT") {
          if (line.includes("bounce")) reply("550 5.1.1 No such user here");
          else {
            current.to.push(line);
            reply("250 2.1.5 OK");
          }
        } else if (verb === "DATA") {
          isData = true;
          reply("354 End data with <CR><LF>.<CR><LF>");
        } else if (verb === "QUIT") {
          reply("221 Bye");
          socket.end();
        } else reply("502 5.5.2 Not implemented");
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  if (typeof address !== "object" || !address) throw new Error("no address");
  return {
    url: `smtp://127.0.0.1:${address.port}`,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

describe("the SMTP mailer", () => {
  it("delivers real MIME to an SMTP server, and a refused recipient fails for good", async () => {
    const smtp = await startSmtpServer();
    try {
      const mailer = createMailer({ smtpUrl: smtp.url, mailDir, from: FROM });
      const delivered = await enqueue({ locale: "zh-CN", recipient: "mei@example.test" });
      const bounced = await enqueue({ recipient: "bounce@example.test" });
      expect(await worker({ mailer }).runOnce()).toEqual({ sent: 1, failed: 1, retried: 0 });

      expect(smtp.received).toHaveLength(1);
      const [message] = smtp.received as [Received];
      expect(message.from).toBe("MAIL FROM:<hello@stall.test>");
      expect(message.to).toEqual(["RCPT TO:<mei@example.test>"]);
      const email = readMessage(message.data);
      expect(email.header("Subject")).toBe("重置您的 Stall 密码");
      expect(email.text).toContain(resetUrl);
      expect(email.html).toContain(`<a href="${resetUrl}"`);

      expect(await row(delivered)).toMatchObject({ status: "sent" });
      expect(await row(bounced)).toMatchObject({
        status: "failed",
        attempts: 1,
        lastError: "The mail server refused the recipient (550)",
      });
      expect(emlFiles(), "with an SMTP URL nothing is written to the mail directory").toEqual([]);
    } finally {
      await smtp.close();
    }
  });

  it("retries when the SMTP server cannot be reached", async () => {
    const smtp = await startSmtpServer();
    await smtp.close(); // a port nobody listens on any more
    const id = await enqueue();
    const mailer = createMailer({ smtpUrl: smtp.url, mailDir, from: FROM });
    expect(await worker({ mailer }).runOnce()).toEqual({ sent: 0, failed: 0, retried: 1 });
    expect(await row(id)).toMatchObject({ status: "pending", attempts: 1 });
  });

  it("refuses an SMTP URL of another scheme without echoing it (it holds a password)", () => {
    expect(() => createMailer({ smtpUrl: "http://user:hunter2@mail.test", mailDir, from: FROM })).toThrow(
      "The SMTP URL must start with smtp:// or smtps:// (got http://)",
    );
    expect(() => createMailer({ smtpUrl: "not a url hunter2", mailDir, from: FROM })).toThrow(
      /^The SMTP URL is not a valid URL/,
    );
    expect(() => createMailer({ smtpUrl: "not a url hunter2", mailDir, from: FROM })).not.toThrow(/hunter2/);
  });
});
