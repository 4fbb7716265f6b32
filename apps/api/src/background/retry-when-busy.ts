// A write that records what already happened outside the database (an email sent) is worth waiting
// for: done again later it would repeat the outside effect. So a busy database is tried again a few
// times, with growing pauses, before the caller gives up; any other error is thrown at once.
import { setTimeout as sleep } from "node:timers/promises";
import { isDatabaseBusy } from "@stall/db";

export type BusyRetry = {
  /** Tries in all (default 5). */
  attempts?: number;
  /** The first pause; each later one doubles (default 200 ms: 0.2 + 0.4 + 0.8 + 1.6 s). */
  firstDelayMs?: number;
};

export async function retryWhenBusy<T>(write: () => Promise<T>, options: BusyRetry = {}): Promise<T> {
  const attempts = options.attempts ?? 5;
  let delayMs = options.firstDelayMs ?? 200;
  for (let attempt = 1; ; attempt++) {
    try {
      return await write();
    } catch (error) {
      if (!isDatabaseBusy(error) || attempt >= attempts) throw error;
      await sleep(delayMs);
      delayMs *= 2;
    }
  }
}
