// Builds the real app on a real libSQL file for one test file.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createTestDb, type TestDatabase } from "@stall/db/testing";
import { createLocalMediaStore, type MediaStore } from "../src/adapters/media-store.ts";
import { createApp } from "../src/app.ts";
import { type Logger, silentLogger } from "../src/http/logger.ts";

/** A parsed JSON body in tests, where the shape is what is being asserted. */
// biome-ignore lint/suspicious/noExplicitAny: test assertions read arbitrary JSON
export type Json = Record<string, any>;

export type Harness = {
  app: ReturnType<typeof createApp>;
  database: TestDatabase;
  mediaStore: MediaStore;
  mediaDir: string;
  logs: { level: string; message: string; fields: Record<string, unknown> }[];
  cleanup(): void;
};

export async function createHarness(options: { bodyLimitBytes?: number } = {}): Promise<Harness> {
  const database = await createTestDb();
  const mediaDir = mkdtempSync(join(tmpdir(), "stall-media-"));
  const mediaStore = createLocalMediaStore(mediaDir);
  const logs: Harness["logs"] = [];
  const logger: Logger = {
    log(level, message, fields = {}) {
      logs.push({ level, message, fields });
      silentLogger.log(level, message, fields);
    },
  };
  const app = createApp({
    database,
    clock: { now: () => Date.now() },
    logger,
    bodyLimitBytes: options.bodyLimitBytes ?? 1024 * 1024,
    mediaStore,
  });
  return {
    app,
    database,
    mediaStore,
    mediaDir,
    logs,
    cleanup() {
      database.cleanup();
      rmSync(mediaDir, { recursive: true, force: true });
    },
  };
}
