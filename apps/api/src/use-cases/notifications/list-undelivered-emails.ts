// The shop's emails that have not gone out, so the owner can see them (the dashboard shows this list):
// an order email that could not be written or was refused is never a silent loss (decision 010).
import type { UndeliveredNotification } from "@stall/db";
import type { Deps } from "../../deps.ts";
import type { ShopAccess } from "../access.ts";

/** Why an email has not gone out: a failure for good, or `retrying` after a failed attempt. */
export type UndeliveredReason = NonNullable<UndeliveredNotification["failure"]> | "retrying";

export type UndeliveredEmail = {
  id: string;
  template: string;
  recipient: string;
  /** The order it is about, for order emails. */
  orderId: string | null;
  reason: UndeliveredReason;
  /** What went wrong, in the words of the template or the mail server. */
  detail: string | null;
  attempts: number;
  createdAt: number;
  /** When it is tried next; null once it has failed for good. */
  nextAttemptAt: number | null;
};

const LIMIT = 100;

/** Order emails carry `order:<orderId>:<step>` as their dedupe key. */
function orderIdOf(dedupeKey: string): string | null {
  return /^order:([^:]+):/.exec(dedupeKey)?.[1] ?? null;
}

export async function listUndeliveredEmails(
  _deps: Deps,
  options: { access: ShopAccess },
): Promise<{ items: UndeliveredEmail[] }> {
  const rows = await options.access.repos.notifications.listUndelivered(LIMIT);
  return {
    items: rows.map((row) => ({
      id: row.id,
      template: row.template,
      recipient: row.recipient,
      orderId: orderIdOf(row.dedupeKey),
      reason: row.status === "failed" ? (row.failure ?? "gave_up") : "retrying",
      detail: row.lastError,
      attempts: row.attempts,
      createdAt: row.createdAt,
      nextAttemptAt: row.nextAttemptAt,
    })),
  };
}
