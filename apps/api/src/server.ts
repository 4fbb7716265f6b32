// The API process: parse env, open the database, serve, and shut down gracefully.

import type { Server } from "node:http";
import { serve } from "@hono/node-server";
import { createDb, pendingMigrations } from "@stall/db";
import { createDrainer, releaseMemoryWhenIdle } from "@stall/http-edge";
import { createApp } from "./app.ts";
import { startBackgroundWork } from "./background/start-background-work.ts";
import { createDeps } from "./boot/create-deps.ts";
import { secretKeyWarning } from "./boot/secret-key.ts";
import { EnvError, parseEnv } from "./env.ts";
import { createJsonLogger } from "./http/logger.ts";
import { openPods } from "./pods/open-pods.ts";

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
  // Outbox, photo imports, AVIF, purges and reconciliation, shared with every other API process.
  const background = startBackgroundWork(env, deps);

  const server = serve(
    { fetch: app.fetch, port: env.API_PORT, ...(env.API_HOST ? { hostname: env.API_HOST } : {}) },
    (info) => {
      logger.log("info", "api listening", { url: env.PUBLIC_API_URL, port: info.port, database: database.kind });
      const warning = secretKeyWarning({ fromEnv: env.SECRET_KEY, databaseKind: database.kind });
      if (warning) logger.log("warn", warning);
    },
  );

  const idleMemory = releaseMemoryWhenIdle({
    idleMs: env.MEMORY_RELEASE_IDLE_S * 1000,
    log: ({ level, msg, ...fields }) => logger.log(level === "warn" ? "warn" : "info", String(msg), fields),
  });

  // Requests are watched from the first one, so a stop can let those in flight finish.
  const drainer = createDrainer([server as Server]);
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    idleMemory.stop();
    logger.log("info", "api stopping", { signal, inFlight: drainer.inFlight });
    // Should the mail worker or the database hang after the drain, stop anyway.
    setTimeout(() => process.exit(1), env.SHUTDOWN_TIMEOUT_MS + 5_000).unref();
    // Stop accepting, let requests in flight finish (closing keep-alive connections as they go idle),
    // then stop the mail worker and close the database. Past SHUTDOWN_TIMEOUT_MS the rest are cut.
    const isDrained = await drainer.drain(env.SHUTDOWN_TIMEOUT_MS);
    if (!isDrained) logger.log("warn", "api forced to stop", { afterMs: env.SHUTDOWN_TIMEOUT_MS });
    await background.stop();
    for (const pod of deps.pods.all()) pod.database.close();
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
