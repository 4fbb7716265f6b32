// Delivers the notifications outbox: claims due rows (any number of workers may run, each row goes
// to one; the leased-worker loop, decision 039), renders, sends, and records the outcome under the
// claim's lease. Delivery is at least once: a worker that dies after sending but before recording
// leaves a row whose lease runs out and is sent again. That copy carries the same Message-ID (the
// notification's id), so mail servers and clients can drop it, and the .eml mailer overwrites its file.
// An email its template cannot render is never lost quietly (decision 010): it is logged as an error,
// counted, listed for the shop's owner, and put back in the queue when a worker next starts (a deploy).
import {
  createGroupedCall,
  type Db,
  type NotificationFailure,
  type NotificationRow,
  notificationRepository,
  platform,
} from "@stall/db";
import { z } from "zod";
import { type Mailer, MailRejectedError } from "../adapters/mailer.ts";

import { createLeasedWorker } from "../background/leased-worker.ts";
import { retryWhenBusy } from "../background/retry-when-busy.ts";
import type { Logger } from "../http/logger.ts";
import { isFromShop, renderNotification, toTemplateLocale } from "./templates.ts";

export type OutboxWorkerDeps = {
  db: Db;
  /** Where shop rows are read (home, when `db` is another pod's, decision 040); default `db`. */
  directoryDb?: Db;
  mailer: Mailer;
  clock: { now(): number };
  logger: Logger;
  /** Rows this worker sends at once; a claim takes up to that many (default 10). */
  batchSize?: number;
  /** How long a claim holds before another worker may take the row over (default 5 minutes). */
  leaseMs?: number;
  /** Sends tried before a row fails for good (default 8). */
  maxAttempts?: number;
  /** Delay before the next try after failed attempt number `attempt` (1-based). */
  backoff?: (attempt: number) => number;
  /** The templates (default: this build's); tests pass an older build's to act out a fix being deployed. */
  render?: typeof renderNotification;
};

export type OutboxRunResult = { sent: number; failed: number; retried: number };

/** Totals since this worker was created, for health checks and logs. */
export type OutboxCounts = OutboxRunResult & { unrenderable: number; requeued: number };

export type OutboxWorker = {
  runOnce(): Promise<OutboxRunResult>;
  /**
   * Puts emails that failed because their template refused them (in the last week) back in the queue,
   * due now. `start` does this first, so the build that fixed a template sends what the old one could not.
   */
  requeueUnrenderable(): Promise<number>;
  /**
   * Re-queues unrenderable emails once, then claims at once, again whenever a send finishes, and every
   * `intervalMs` (default 5 s) while nothing is due.
   */
  start(intervalMs?: number): void;
  counts(): OutboxCounts;
  /** Stops the loop and waits for the sends in progress. */
  stop(): Promise<void>;
};

export const OUTBOX_DEFAULTS = {
  batchSize: 10,
  leaseMs: 5 * 60_000,
  maxAttempts: 8,
  intervalMs: 5_000,
} as const;

/**
 * How far back a starting worker re-queues unrenderable emails: long enough to cover a fix shipped
 * days later, short enough that nobody gets "thanks for your order" for last month's order.
 */
export const REQUEUE_WINDOW_MS = 7 * 24 * 60 * 60_000;

const FIRST_RETRY_MS = 30_000;
const MAX_RETRY_MS = 60 * 60_000;

/**
 * 30 s, 1 min, 2 min, … doubling per attempt, capped at 1 h, minus up to 10 % jitter so rows that
 * failed together (a mail server outage) do not all come back in the same second.
 *
 * @example exponentialBackoff(3) // between 108_000 and 120_000
 */
export function exponentialBackoff(attempt: number, random: () => number = Math.random): number {
  const base = Math.min(MAX_RETRY_MS, FIRST_RETRY_MS * 2 ** Math.max(0, attempt - 1));
  return Math.round(base * (1 - 0.1 * random()));
}

const Recipient = z.email();

type Outcome = keyof OutboxRunResult;

/** The recipient, the mail server and the attempt count are the usual failures; unrenderable is ours. */
const FAILURE_LOG: Record<NotificationFailure, string> = {
  unrenderable:
    "notification could not be rendered; the shop owner is shown it and it is tried again when a worker starts",
  recipient_invalid: "notification failed for good",
  recipient_refused: "notification failed for good",
  gave_up: "notification failed for good",
};

/** The claim a row was taken under: its outcome is recorded only while that claim still holds. */
function leaseOf(row: NotificationRow): number | undefined {
  return row.lockedUntil ?? undefined;
}

type Sender = { fromName?: string; replyTo?: string };
/** How long a shop's name and reply address are used for its emails before the shop row is read again. */
const SENDER_TTL_MS = 1000;
/** Shops whose sender is held at once; past it the memory is simply emptied (it refills in a second). */
const MAX_SENDERS_HELD = 1000;

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export function createOutboxWorker(deps: OutboxWorkerDeps): OutboxWorker {
  const { mailer, clock, logger } = deps;
  const batchSize = deps.batchSize ?? OUTBOX_DEFAULTS.batchSize;
  const leaseMs = deps.leaseMs ?? OUTBOX_DEFAULTS.leaseMs;
  const maxAttempts = deps.maxAttempts ?? OUTBOX_DEFAULTS.maxAttempts;
  const backoff = deps.backoff ?? ((attempt: number) => exponentialBackoff(attempt));
  const render = deps.render ?? renderNotification;
  const repository = notificationRepository(deps.db);
  const totals = { unrenderable: 0, requeued: 0 };
  let wasLastClaimFull = false;
  const senders = new Map<string, { readAt: number; sender: Promise<Sender> }>();
  // Deliveries finishing while one is being recorded are recorded together: one write for many emails.
  // A busy database is waited for, since giving up means sending the email again.
  const recordSent = createGroupedCall(async (rows: NotificationRow[]) => {
    const recorded = await retryWhenBusy(() =>
      repository.markSentMany(
        rows.map((row) => ({ id: row.id, lockedUntil: leaseOf(row) })),
        clock.now(),
      ),
    );
    return rows.map((row) => recorded.has(row.id));
  });

  /** Fields for a log line: never the payload (it may hold a token) and never the recipient. */
  const describe = (row: NotificationRow) => ({
    notificationId: row.id,
    shopId: row.shopId,
    template: row.template,
    attempt: row.attempts,
  });

  async function failForGood(row: NotificationRow, reason: string, failure: NotificationFailure): Promise<Outcome> {
    await repository.markFailed(row.id, clock.now(), reason, { failure }, leaseOf(row));
    if (failure === "unrenderable") totals.unrenderable++;
    logger.log("error", FAILURE_LOG[failure], {
      ...describe(row),
      failure,
      error: reason,
      ...(failure === "unrenderable" ? { unrenderableSinceStart: totals.unrenderable } : {}),
    });
    return "failed";
  }

  /**
   * A buyer's email goes out under the shop's name, from the platform's address, and replies reach the
   * shop's contact address when it has one (decision 032). Read at sending time: the shop's name and
   * address as they are now, or at most SENDER_TTL_MS ago (an order's two emails, or a busy hour's
   * hundreds, share one read of the shop row). The owner's sign-in address is never used: it is private
   * to the owner.
   */
  function senderOf(row: NotificationRow): Promise<Sender> {
    if (!row.shopId || !isFromShop(row.template)) return Promise.resolve({});
    const now = clock.now();
    const held = senders.get(row.shopId);
    if (held && now - held.readAt < SENDER_TTL_MS) return held.sender;
    if (senders.size >= MAX_SENDERS_HELD) senders.clear();
    const sender = readSender(row.shopId);
    senders.set(row.shopId, { readAt: now, sender });
    // A failed read is not held: the next email reads again.
    sender.catch(() => senders.delete(row.shopId ?? ""));
    return sender;
  }

  async function readSender(shopId: string): Promise<Sender> {
    const shop = await platform(deps.directoryDb ?? deps.db).shops.findById(shopId);
    if (!shop) return {};
    const replyTo = shop.contactEmail?.trim();
    return {
      fromName: shop.name,
      ...(replyTo && Recipient.safeParse(replyTo).success ? { replyTo } : {}),
    };
  }

  async function deliver(row: NotificationRow): Promise<Outcome> {
    if (row.attempts > maxAttempts) {
      // A worker died holding this row on its last attempt: do not try an extra time.
      return failForGood(row, `Gave up after ${maxAttempts} attempts; the last one never reported back`, "gave_up");
    }
    if (!Recipient.safeParse(row.recipient).success) {
      return failForGood(row, "The recipient is not an email address", "recipient_invalid");
    }
    let email: ReturnType<typeof renderNotification>;
    try {
      email = render(row.template, toTemplateLocale(row.locale), row.payload);
    } catch (error) {
      return failForGood(row, messageOf(error), "unrenderable");
    }

    const sender = await senderOf(row);
    let messageId: string;
    try {
      ({ messageId } = await mailer.send({
        to: row.recipient,
        ...email,
        ...sender,
        // One Message-ID per notification, however often it is sent (decision 039).
        id: row.id,
        // RFC 3834: tells auto-responders not to answer; the id lets support trace a message to its row.
        headers: { "Auto-Submitted": "auto-generated", "X-Stall-Notification-Id": row.id },
      }));
    } catch (error) {
      if (error instanceof MailRejectedError) return failForGood(row, messageOf(error), "recipient_refused");
      if (row.attempts >= maxAttempts) {
        return failForGood(row, `Gave up after ${maxAttempts} attempts: ${messageOf(error)}`, "gave_up");
      }
      const delayMs = backoff(row.attempts);
      await repository.markFailed(
        row.id,
        clock.now(),
        messageOf(error),
        { retryAt: clock.now() + delayMs },
        leaseOf(row),
      );
      logger.log("warn", "notification send failed; will retry", {
        ...describe(row),
        error: messageOf(error),
        retryInMs: delayMs,
      });
      return "retried";
    }

    let isRecorded: boolean;
    try {
      isRecorded = await recordSent(row);
    } catch (error) {
      // The row stays `sending` and is sent again (same Message-ID) once its lease runs out.
      logger.log("error", "notification sent but not recorded; it may be sent again", {
        ...describe(row),
        messageId,
        error: messageOf(error),
      });
      return "sent";
    }
    if (!isRecorded) {
      // The lease ran out mid-send and another worker took the row over: it sends its own copy.
      logger.log("warn", "notification sent after its claim ran out; another worker may send it too", {
        ...describe(row),
        messageId,
      });
      return "sent";
    }
    logger.log("info", "notification sent", { ...describe(row), messageId });
    return "sent";
  }

  async function requeueUnrenderable(): Promise<number> {
    const now = clock.now();
    const count = await repository.requeueUnrenderable(now, now - REQUEUE_WINDOW_MS);
    totals.requeued += count;
    if (count > 0) logger.log("warn", "notifications that could not be rendered are queued again", { count });
    return count;
  }

  const worker = createLeasedWorker<NotificationRow, Outcome>({
    name: "outbox",
    logger,
    concurrency: batchSize,
    claim: async (room) => {
      // While claims come back full the queue is busy: skip the "anything due?" read (decision 048).
      const claimed = await repository.claimDue(clock.now(), room, leaseMs, { probe: !wasLastClaimFull });
      wasLastClaimFull = claimed.length === room;
      return claimed;
    },
    run: deliver,
    describe,
    outcomes: ["sent", "failed", "retried"],
    beforeStart: requeueUnrenderable,
    intervalMs: OUTBOX_DEFAULTS.intervalMs,
  });

  return {
    async runOnce() {
      const { outcomes } = await worker.runOnce();
      const result: OutboxRunResult = { sent: 0, failed: 0, retried: 0 };
      for (const outcome of outcomes) result[outcome]++;
      return result;
    },
    requeueUnrenderable,
    counts: () => ({ ...worker.counts(), ...totals }),
    start: worker.start,
    stop: worker.stop,
  };
}
