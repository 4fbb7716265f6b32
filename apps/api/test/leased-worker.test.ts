// The leased-worker loop's claiming policy: it claims again once half its room is free, not after every
// finished job (a claim is a write; claiming one row at a time doubled a busy queue's writes).
import { afterEach, describe, expect, it } from "vitest";
import { createLeasedWorker, type LeasedWorker } from "../src/background/leased-worker.ts";
import { silentLogger } from "../src/http/logger.ts";

/** A queue of `total` jobs; each job runs until the test finishes it. */
function heldQueue(total: number) {
  let next = 0;
  const claims: number[] = [];
  const finishers = new Map<number, () => void>();
  return {
    claims,
    claim: async (room: number) => {
      const jobs = Array.from({ length: Math.min(room, total - next) }, () => next++);
      if (jobs.length > 0) claims.push(jobs.length);
      return jobs;
    },
    run: (job: number) => new Promise<"done">((resolve) => finishers.set(job, () => resolve("done"))),
    finish(job: number) {
      const finish = finishers.get(job);
      if (!finish) throw new Error(`job ${job} is not running`);
      finishers.delete(job);
      finish();
    },
    running: () => [...finishers.keys()],
  };
}

/** Lets the loop's timers (`setTimeout(…, 0)`) and promises run. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

let worker: LeasedWorker<"done"> | undefined;

/** A started loop over `queue` with room for `concurrency` jobs (intervals long enough never to fire). */
function startOn(queue: ReturnType<typeof heldQueue>, concurrency: number) {
  worker = createLeasedWorker({
    name: "test",
    logger: silentLogger,
    concurrency,
    claim: queue.claim,
    run: queue.run,
    describe: (job) => ({ job }),
    outcomes: ["done"],
    intervalMs: 60_000,
  });
  worker.start();
  return worker;
}
afterEach(async () => {
  await worker?.stop();
  worker = undefined;
});

describe("the leased-worker loop", () => {
  it("claims its whole room at start, then again only once half of it is free", async () => {
    const queue = heldQueue(100);
    const loop = startOn(queue, 10);
    await settle();
    expect(queue.claims).toEqual([10]);

    for (const job of [0, 1, 2, 3]) queue.finish(job);
    await settle();
    // Six still running: more than half the room is taken, so no claim yet.
    expect(queue.claims).toEqual([10]);
    expect(queue.running()).toHaveLength(6);

    queue.finish(4);
    await settle();
    // Five free: one claim fills them all.
    expect(queue.claims).toEqual([10, 5]);
    expect(queue.running()).toHaveLength(10);

    // Every job still runs: finishing them all drains the queue in claims of at least half the room.
    while (queue.running().length > 0) {
      for (const job of queue.running()) queue.finish(job);
      await settle();
    }
    expect(queue.claims.reduce((sum, size) => sum + size, 0)).toBe(100);
    expect(queue.claims.every((size) => size >= 5)).toBe(true);
    expect(loop.counts().done).toBe(100);
  });

  it("with room for one job, claims again as soon as it finishes", async () => {
    const queue = heldQueue(3);
    startOn(queue, 1);
    for (const job of [0, 1, 2]) {
      await settle();
      expect(queue.running()).toEqual([job]);
      queue.finish(job);
    }
    await settle();
    expect(queue.claims).toEqual([1, 1, 1]);
  });
});
