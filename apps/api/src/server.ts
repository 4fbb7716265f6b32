// The API process: parse env, open the database, serve, and shut down gracefully.

import type { Server } from "node:http";
import { join } from "node:path";
import { serve } from "@hono/node-server";
import { createDb, pendingMigrations } from "@stall/db";
import { createDrainer } from "@stall/http-edge";
import { createMailer } from "./adapters/mailer.ts";
import { createApp } from "./app.ts";
import { createDeps, createMediaFetcherFromEnv } from "./boot/create-deps.ts";
import { EnvError, parseEnv } from "./env.ts";
import { createJsonLogger } from "./http/logger.ts";
import { createOutboxWorker } from "./notifications/outbox-worker.ts";
import { createPhotoImportWorker } from "./photo-imports/photo-import-worker.ts";
import { createAvifWorker } from "./photos/avif-worker.ts";
import { openPods } from "./pods/open-pods.ts";
import { onPod } from "./pods/shop-db.ts";
import { reconcilePayments } from "./use-cases/payments/reconcile-payments.ts";
import { startShopPurge } from "./use-cases/shops/purge-due-shops.ts";

async function main() {
  const env = parseEnv(process.env);
  const logger = createJsonLogger(env.LOG_LEVEL);
  const database = await createDb(env.DATABASE_URL, {
    authToken: env.DATABASE_AUTH_TOKEN,
    maxWriters: env.DATABASE_MAX_WRITERS,
  });
  const pending = await pendingMigrations(database);
  if (pending.length > 0) {
    database.close();
    throw new EnvError([
      `DATABASE_URL: ${env.DATABASE_URL} has ${pending.length} migration(s) to apply (${pending.join(", ")}); run "npm run db:migrate" first (npm start does it for you)`,
    ]);
  }
  // Other databases shops may be placed on (decision 040); none by default.
  const pods = await openPods(env, database);
  const deps = { ...createDeps(env, database, logger), pods };
  const app = createApp(deps);
  // Every API process also delivers queued mail; claims are atomic, so several processes share the work.
  // Queues live with the shops' rows, so there are workers for every pod (decision 040).
  const mailer = createMailer({ smtpUrl: env.SMTP_URL, mailDir: join(env.dataDir, "mail"), from: env.MAIL_FROM });
  const outboxes = pods
    .all()
    .map((pod) =>
      createOutboxWorker({ db: pod.database.db, directoryDb: database.db, mailer, clock: deps.clock, logger }),
    );
  for (const outbox of outboxes) outbox.start();
  // Every API process also fetches imported photos; claims are atomic and the limits hold across processes.
  const photoImports = pods.all().map((pod) =>
    createPhotoImportWorker(onPod(deps, pod), {
      fetcher: createMediaFetcherFromEnv(env),
      perShop: env.MEDIA_FETCH_PER_SHOP,
      global: env.MEDIA_FETCH_GLOBAL,
    }),
  );
  for (const worker of photoImports) worker.start();
  // Every API process also makes the AVIF copies uploads leave for later; claims hold a lease in the database.
  const avifs = pods.all().map((pod) => createAvifWorker(onPod(deps, pod), { concurrency: env.AVIF_CONCURRENCY }));
  for (const avif of avifs) avif.start();
  // Missed webhooks and ended stock holds are repaired every five minutes (and by `npm run reconcile`).
  const reconcile = setInterval(() => {
    reconcilePayments(deps, { sinceMs: Date.now() - 48 * 3_600_000 })
      .then((report) => {
        if (report.repaired.length || report.failures.length) logger.log("info", "payments reconciled", report);
      })
      .catch((error: unknown) => logger.log("error", "reconciliation failed", { error: String(error) }));
  }, 5 * 60_000);
  reconcile.unref();
  // Shops whose 14 days are up are purged; each due shop is claimed by one process (decision 025).
  const purge = startShopPurge(deps);

  const server = serve(
    { fetch: app.fetch, port: env.API_PORT, ...(env.API_HOST ? { hostname: env.API_HOST } : {}) },
    (info) => {
      logger.log("info", "api listening", { url: env.PUBLIC_API_URL, port: info.port, database: database.kind });
    },
  );

  // Requests are watched from the first one, so a stop can let those in flight finish.
  const drainer = createDrainer([server as Server]);
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.log("info", "api stopping", { signal, inFlight: drainer.inFlight });
    clearInterval(reconcile);
    // Should the mail worker or the database hang after the drain, stop anyway.
    setTimeout(() => process.exit(1), env.SHUTDOWN_TIMEOUT_MS + 5_000).unref();
    // Stop accepting, let requests in flight finish (closing keep-alive connections as they go idle),
    // then stop the mail worker and close the database. Past SHUTDOWN_TIMEOUT_MS the rest are cut.
    const isDrained = await drainer.drain(env.SHUTDOWN_TIMEOUT_MS);
    if (!isDrained) logger.log("warn", "api forced to stop", { afterMs: env.SHUTDOWN_TIMEOUT_MS });
    for (const worker of [...outboxes, ...photoImports, ...avifs]) await worker.stop();
    await purge.stop();
    for (const pod of pods.all()) pod.database.close();
    logger.log("info", "api stopped");
    process.exit(isDrained ? 0 : 1);
  };
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
  process.on("SIGINT", () => void shutdown("SIGINT"));
}

main().catch((error: unknown) => {
  process.stderr.write(
    `${error instanceof EnvError ? error.message : error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
