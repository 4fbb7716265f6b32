// The one loop behind every queue whose rows are claimed with a lease in the database: the outbox,
// photo imports and AVIF (decision 039). Every API process runs one per queue; the claim is a single
// statement, so two processes never take the same row, and a row whose process died comes back once
// its lease runs out. The loop claims only the room it has (`concurrency` minus the jobs in flight),
// claims again once half of that room is free, waits `intervalMs` when nothing was due and longer after a
// failed claim (a busy or unreachable database), and stops cleanly: no new claims, in-flight jobs finish.
import { type Logger, logWorkerFailure } from "../http/logger.ts";

export type LeasedWorkerOptions<Job, Outcome extends string> = {
  /** Names the worker in its log lines ("AVIF", "photo import", "outbox"). */
  name: string;
  logger: Logger;
  /** Jobs this process runs at once. */
  concurrency: number;
  /** Claims up to `room` due jobs with a lease, in one statement, and returns them. */
  claim(room: number): Promise<Job[]>;
  /**
   * Runs one claimed job and records its outcome under the job's lease. "lost" means another worker
   * took the job over (the lease ran out first). A throw means the outcome could not be recorded: the
   * lease brings the job back.
   */
  run(job: Job): Promise<Outcome>;
  /** Log fields naming a job: ids, never a payload. */
  describe(job: Job): Record<string, unknown>;
  /** Every outcome `run` may return, for the counts. */
  outcomes: readonly Outcome[];
  /** Runs once when `start` is called, before the first claim. */
  beforeStart?: () => Promise<unknown>;
  /** The wait when nothing was due, unless `start` is given another. */
  intervalMs: number;
};

export type LeasedWorker<Outcome extends string> = {
  /** Claims what there is room for and runs it, waiting for every claimed job. */
  runOnce(): Promise<{ claimed: number; outcomes: Outcome[] }>;
  /** Claims at once, then whenever a job finishes, and every `intervalMs` while nothing is due. */
  start(intervalMs?: number): void;
  /** Outcomes since this worker was made. */
  counts(): Record<Outcome, number>;
  /** Stops claiming and waits for the claim and the jobs in flight. */
  stop(): Promise<void>;
};

/** The longest wait after failed claims in a row: the database is checked at least this often. */
const MAX_FAILURE_WAIT_MS = 60_000;

export function createLeasedWorker<Job, Outcome extends string>(
  options: LeasedWorkerOptions<Job, Outcome>,
): LeasedWorker<Outcome> {
  const { name, logger } = options;
  const totals = Object.fromEntries(options.outcomes.map((outcome) => [outcome, 0])) as Record<Outcome, number>;
  const inFlight = new Set<Promise<Outcome | undefined>>();
  let isRunning = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let claiming: Promise<void> | undefined;
  let intervalMs = options.intervalMs;
  let failuresInARow = 0;
  let isClaimWanted = false;
  let beforeStart: (() => Promise<unknown>) | undefined;

  async function runOne(job: Job): Promise<Outcome | undefined> {
    try {
      const outcome = await options.run(job);
      totals[outcome]++;
      if (outcome === "lost") logger.log("warn", `${name} job was taken over by another worker`, options.describe(job));
      return outcome;
    } catch (error) {
      logWorkerFailure(logger, `${name} job could not be recorded`, error, options.describe(job));
      return undefined;
    }
  }

  /** Claims as many jobs as there is room for and starts them; returns their promises. */
  async function claimAndStart(): Promise<Promise<Outcome | undefined>[]> {
    const room = options.concurrency - inFlight.size;
    if (room <= 0) return [];
    const jobs = await options.claim(room);
    return jobs.map((job) => {
      const running = runOne(job).finally(() => {
        inFlight.delete(running);
        // Claim again once half the room is free, not per finished job: a claim is a write, and
        // claiming one row at a time would double the writes of a busy queue.
        if (inFlight.size <= options.concurrency / 2) schedule(0);
      });
      inFlight.add(running);
      return running;
    });
  }

  function round() {
    timer = undefined;
    if (!isRunning) return;
    if (claiming) {
      // A job finished while a claim was under way: claim again as soon as that one is done.
      isClaimWanted = true;
      return;
    }
    let wait = intervalMs;
    claiming = (async () => {
      if (beforeStart) {
        const prepare = beforeStart;
        beforeStart = undefined;
        await prepare().catch((error: unknown) => logWorkerFailure(logger, `${name} could not prepare`, error));
      }
      try {
        await claimAndStart();
        failuresInARow = 0;
      } catch (error) {
        failuresInARow++;
        wait = Math.min(MAX_FAILURE_WAIT_MS, intervalMs * 2 ** failuresInARow);
        logWorkerFailure(logger, `${name} claim failed`, error, { retryInMs: wait });
      }
    })().finally(() => {
      claiming = undefined;
      if (isClaimWanted && failuresInARow === 0) wait = 0;
      isClaimWanted = false;
      // A job that finished meanwhile may already have asked for a claim at once.
      if (timer === undefined) schedule(wait);
    });
  }

  function schedule(delayMs: number) {
    if (!isRunning) return;
    if (timer !== undefined) clearTimeout(timer);
    timer = setTimeout(round, delayMs);
    // The loop alone never keeps the process alive.
    timer.unref();
  }

  return {
    async runOnce() {
      const started = await claimAndStart();
      const outcomes = await Promise.all(started);
      return { claimed: started.length, outcomes: outcomes.filter((outcome) => outcome !== undefined) };
    },
    start(every = options.intervalMs) {
      if (isRunning) return;
      isRunning = true;
      intervalMs = every;
      beforeStart = options.beforeStart;
      // The first round starts now, not on a timer, so a `stop` right after `start` still waits for it.
      round();
    },
    counts: () => ({ ...totals }),
    async stop() {
      isRunning = false;
      if (timer !== undefined) clearTimeout(timer);
      timer = undefined;
      await claiming;
      await Promise.all([...inFlight]);
    },
  };
}
