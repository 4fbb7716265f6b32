// The API process: parse env, open the database, serve, and shut down gracefully.

import { join } from "node:path";
import { serve } from "@hono/node-server";
import { createDb } from "@stall/db";
import { createLocalMediaStore } from "./adapters/media-store.ts";
import { createApp } from "./app.ts";
import { EnvError, parseEnv } from "./env.ts";
import { createJsonLogger } from "./http/logger.ts";

async function main() {
  const env = parseEnv(process.env);
  const logger = createJsonLogger(env.LOG_LEVEL);
  const database = await createDb(env.DATABASE_URL, { authToken: env.DATABASE_AUTH_TOKEN });
  const app = createApp({
    database,
    clock: { now: () => Date.now() },
    logger,
    bodyLimitBytes: env.BODY_LIMIT_BYTES,
    mediaStore: createLocalMediaStore(join(env.dataDir, "media")),
  });

  const server = serve(
    { fetch: app.fetch, port: env.API_PORT, ...(env.API_HOST ? { hostname: env.API_HOST } : {}) },
    (info) => {
      logger.log("info", "api listening", { url: env.PUBLIC_API_URL, port: info.port, database: database.kind });
    },
  );

  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.log("info", "api stopping", { signal });
    // Stop accepting, let in-flight requests finish, then close the database.
    const force = setTimeout(() => {
      logger.log("warn", "api forced to stop", { afterMs: env.SHUTDOWN_TIMEOUT_MS });
      process.exit(1);
    }, env.SHUTDOWN_TIMEOUT_MS);
    force.unref();
    server.close(() => {
      database.close();
      logger.log("info", "api stopped");
      process.exit(0);
    });
    if ("closeIdleConnections" in server) server.closeIdleConnections();
  };
  process.on("SIGTERM", () => shutdown("SIGTERM"));
  process.on("SIGINT", () => shutdown("SIGINT"));
}

main().catch((error: unknown) => {
  process.stderr.write(
    `${error instanceof EnvError ? error.message : error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
