// A job that runs once per period across every API process, not once per process (payment
// reconciliation; decision 039). Each process asks every `pollMs` for the job's lease in the database;
// the one that gets it (only once the job is due) runs it, renewing the lease while it runs, and then
// records the run, which sets when the job is next due. A process that dies mid-run leaves a lease that
// runs out, and another process runs the job. A process that stalled past its lease while another took
// over is fenced: its renewals and its record are refused (the token moved on) and its run is aborted.
import { randomBytes } from "node:crypto";
import { hostname } from "node:os";
import { type Db, errorChain, type JobLease, jobLeaseRepository } from "@stall/db";
import { type Logger, logWorkerFailure } from "../http/logger.ts";
import { retryWhenBusy } from "./retry-when-busy.ts";

export type PeriodicJobOptions = {
  /** The job's lease name, one row in `job_leases` ("reconcile_payments"). */
  name: string;
  db: Db;
  /** Who this process is, as stored in the lease (see `processHolder`). */
  holder: string;
  clock: { now(): number };
  logger: Logger;
  /** The job runs once per period, counted from the start of its last recorded run. */
  periodMs: number;
  /** How long the lease holds without renewal; a running job renews it every third of that. */
  leaseMs: number;
  /** How often this process asks whether the job is due (default: a tenth of the period, at most 1 minute). */
  pollMs?: number;
  /**
   * The work. It should stop early once `signal` aborts (the lease was lost, or the process is
   * stopping). What it returns is stored as the run's outcome (JSON, clipped).
   */
  run(signal: AbortSignal): Promise<unknown>;
};

/** How one try went: ran and recorded; not due (or held elsewhere); ran but lost the lease; failed; stopped. */
export type PeriodicRun = "ran" | "not_due" | "lost" | "failed" | "stopped";

export type PeriodicJob = {
  /** Runs the job if this process gets its lease now; never two runs at once in one process. */
  runOnce(): Promise<PeriodicRun>;
  /** Asks at once, then every `pollMs`. */
  start(): void;
  /** Stops asking; a run in progress is aborted and its lease released, so another process takes it. */
  stop(): Promise<void>;
};

/** A holder name for this process: host, pid and a random part (a restarted pid is another holder). */
export function processHolder(): string {
  return `${hostname()}:${process.pid}:${randomBytes(4).toString("hex")}`;
}

export function createPeriodicJob(options: PeriodicJobOptions): PeriodicJob {
  const { name, holder, clock, logger, periodMs, leaseMs } = options;
  const pollMs = options.pollMs ?? Math.min(60_000, Math.max(1, Math.round(periodMs / 10)));
  const leases = jobLeaseRepository(options.db);
  let current: Promise<PeriodicRun> | undefined;
  let running: AbortController | undefined;
  let isStarted = false;
  let timer: ReturnType<typeof setTimeout> | undefined;

  async function runHeld(acquired: JobLease): Promise<PeriodicRun> {
    let lease = acquired;
    const controller = new AbortController();
    running = controller;
    let isLost = false;
    const heartbeat = setInterval(() => {
      leases.renew(lease, clock.now(), leaseMs).then(
        (renewed) => {
          if (renewed) lease = renewed;
          else if (!controller.signal.aborted) {
            isLost = true;
            controller.abort(new Error(`the lease on ${name} went to another process`));
          }
        },
        (error: unknown) => logWorkerFailure(logger, `${name} lease could not be renewed`, error),
      );
    }, leaseMs / 3);
    heartbeat.unref();

    const startedAt = clock.now();
    let outcome: string;
    let failure: unknown;
    try {
      outcome = JSON.stringify((await options.run(controller.signal)) ?? null);
    } catch (error) {
      failure = error;
      outcome = `failed: ${errorChain(error)}`;
    } finally {
      clearInterval(heartbeat);
      running = undefined;
    }

    if (controller.signal.aborted && !isLost) {
      // Stopping: let the job go unrecorded, so another process runs it now rather than next period.
      await leases.release(lease, clock.now()).catch(() => false);
      return "stopped";
    }
    const isRecorded = await retryWhenBusy(() =>
      leases.finish(lease, clock.now(), { nextRunAt: startedAt + periodMs, outcome }),
    );
    if (!isRecorded) {
      logger.log("warn", `${name} ran after its lease went to another process; its run was not recorded`, {
        job: name,
        token: lease.token,
      });
      return "lost";
    }
    if (failure !== undefined) {
      logWorkerFailure(logger, `${name} failed`, failure, { job: name });
      return "failed";
    }
    logger.log("debug", "periodic job ran", {
      job: name,
      token: lease.token,
      startedAt,
      nextRunAt: startedAt + periodMs,
    });
    return "ran";
  }

  async function tryRun(): Promise<PeriodicRun> {
    const lease = await leases.acquire(name, holder, clock.now(), leaseMs);
    return lease ? runHeld(lease) : "not_due";
  }

  function runOnce(): Promise<PeriodicRun> {
    current ??= tryRun().finally(() => {
      current = undefined;
    });
    return current;
  }

  function poll() {
    timer = undefined;
    runOnce()
      .catch((error: unknown) => logWorkerFailure(logger, `${name} could not be started`, error, { job: name }))
      .finally(() => {
        if (!isStarted) return;
        timer = setTimeout(poll, pollMs);
        // The loop alone never keeps the process alive.
        timer.unref();
      });
  }

  return {
    runOnce,
    start() {
      if (isStarted) return;
      isStarted = true;
      poll();
    },
    async stop() {
      isStarted = false;
      if (timer !== undefined) clearTimeout(timer);
      timer = undefined;
      running?.abort(new Error("the process is stopping"));
      await current?.catch(() => undefined);
    },
  };
}
