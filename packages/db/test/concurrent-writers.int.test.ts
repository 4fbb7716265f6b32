// The data-loss trap in docs/toolchain.md (libSQL): two processes writing one file database must lose nothing.
import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, expect, it } from "vitest";
import { auditLog } from "../src/schema/index.ts";
import { createTestDb, type TestDatabase } from "../src/testing.ts";

const run = promisify(execFile);
const writer = fileURLToPath(new URL("./fixtures/writer.ts", import.meta.url));

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDb();
});
afterAll(() => database?.cleanup());

it("two processes writing the same file database lose no write", async () => {
  const perProcess = 1500;
  const results = await Promise.all(
    ["a", "b"].map((tag) =>
      run(process.execPath, [writer, database.url, tag, String(perProcess)], { timeout: 60_000 }),
    ),
  );
  expect(results.map((result) => Number(result.stdout.trim()))).toEqual([perProcess, perProcess]);
  for (const tag of ["a", "b"]) {
    const [row] = await database.db
      .select({ count: sql<number>`count(*)` })
      .from(auditLog)
      .where(eq(auditLog.action, `write.${tag}`));
    expect(Number(row?.count), `rows written by process ${tag}`).toBe(perProcess);
  }
}, 90_000);
