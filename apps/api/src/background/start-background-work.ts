// Every API process runs the background work (decision 039): the queues whose rows are claimed with a
// lease (outbox, photo imports, AVIF, shop purge) share their rows among the processes, and payment
// reconciliation, which is not a queue, runs once per period across all of them under a job lease.
import { join } from "node:path";
import { createMailer } from "../adapters/mailer.ts";
import { createMediaFetcherFromEnv } from "../boot/create-deps.ts";
import type { Deps } from "../deps.ts";
import type { Env } from "../env.ts";
import { createOutboxWorker } from "../notifications/outbox-worker.ts";
import { createPhotoImportWorker } from "../photo-imports/photo-import-worker.ts";
import { createAvifWorker } from "../photos/avif-worker.ts";
import { onPod } from "../pods/shop-db.ts";
import { reconcilePayments } from "../use-cases/payments/reconcile-payments.ts";
import { startShopPurge } from "../use-cases/shops/purge-due-shops.ts";
import { createPeriodicJob, processHolder } from "./periodic-job.ts";

/** How far back reconciliation re-reads Stripe: two days covers a weekend of missed webhooks. */
const RECONCILE_WINDOW_MS = 48 * 3_600_000;
/** A reconciliation renews its lease every 40 s; a dead process's lease runs out within 2 minutes. */
const RECONCILE_LEASE_MS = 2 * 60_000;

/**
 * Missed webhooks and ended stock holds are repaired once per `periodMs` across every process that
 * makes this job (and by `npm run reconcile`); without Stripe keys a run only records that it ran.
 */
export function createReconcileJob(deps: Deps, options: { holder: string; periodMs: number }) {
  return createPeriodicJob({
    name: "reconcile_payments",
    db: deps.database.db,
    holder: options.holder,
    clock: deps.clock,
    logger: deps.logger,
    periodMs: options.periodMs,
    leaseMs: RECONCILE_LEASE_MS,
    async run(signal) {
      const report = await reconcilePayments(deps, { sinceMs: deps.clock.now() - RECONCILE_WINDOW_MS, signal });
      if (report.repaired.length || report.failures.length) deps.logger.log("info", "payments reconciled", report);
      return { ...report, repaired: report.repaired.length, failures: report.failures.length };
    },
  });
}

export function startBackgroundWork(env: Env, deps: Deps) {
  const { logger } = deps;
  const mailer = createMailer({ smtpUrl: env.SMTP_URL, mailDir: join(env.dataDir, "mail"), from: env.MAIL_FROM });
  // Queues live with the shops' rows, so each pod has its workers (decision 040); without pods, home only.
  const pods = deps.pods?.all() ?? [{ name: "home", database: deps.database }];
  const workers = pods.flatMap((pod) => {
    const podDeps = onPod(deps, pod);
    return [
      createOutboxWorker({ db: pod.database.db, directoryDb: deps.database.db, mailer, clock: deps.clock, logger }),
      createPhotoImportWorker(podDeps, {
        fetcher: createMediaFetcherFromEnv(env),
        perShop: env.MEDIA_FETCH_PER_SHOP,
        global: env.MEDIA_FETCH_GLOBAL,
      }),
      createAvifWorker(podDeps, { concurrency: env.AVIF_CONCURRENCY }),
    ];
  });
  const reconcile = createReconcileJob(deps, { holder: processHolder(), periodMs: env.RECONCILE_INTERVAL_MS });
  for (const worker of workers) worker.start();
  reconcile.start();
  // Shops whose 14 days are up are purged; each due shop is claimed by one process (decision 025).
  const purge = startShopPurge(deps);

  return {
    /** Stops claiming and waits for the work in flight; a reconciliation under way is handed back. */
    async stop() {
      await Promise.all([...workers.map((worker) => worker.stop()), reconcile.stop(), purge.stop()]);
    },
  };
}
