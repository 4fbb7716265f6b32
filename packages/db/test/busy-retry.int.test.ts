// sqld checkpoints its WAL on a timer (`--checkpoint-interval-s`), and a write batch that meets the
// checkpoint is refused with SQLITE_BUSY. A batch is one transaction: refused, nothing of it was written, so
// the client tries it again (decision 041) and the caller never sees the refusal. Here sqld checkpoints
// every second under 32 writers for a few seconds: no caller gets an error, and every batch's rows landed.
import { afterAll, beforeAll, expect, it } from "vitest";
import { createDb, type Database } from "../src/index.ts";
import { type SqldServer, startSqld } from "../src/testing.ts";

let server: SqldServer;
let database: Database;
beforeAll(async () => {
  server = await startSqld({ args: ["--checkpoint-interval-s", "1"] });
  database = await createDb(server.url);
  await database.client.execute("CREATE TABLE writes (writer INTEGER NOT NULL, n INTEGER NOT NULL, pad TEXT NOT NULL)");
});
afterAll(async () => {
  database?.close();
  await server?.stop();
});

it("tries a batch refused as busy again: under checkpoints every second, no writer sees an error", async () => {
  const WRITERS = 32;
  const until = Date.now() + 6000;
  const errors: string[] = [];
  let batches = 0;
  await Promise.all(
    Array.from({ length: WRITERS }, async (_, writer) => {
      for (let n = 0; Date.now() < until; n++) {
        try {
          // Rows with some weight, so the WAL has pages to checkpoint.
          await database.client.batch(
            [
              { sql: "INSERT INTO writes (writer, n, pad) VALUES (?, ?, ?)", args: [writer, n, "x".repeat(2000)] },
              { sql: "INSERT INTO writes (writer, n, pad) VALUES (?, ?, ?)", args: [writer, -n - 1, "y".repeat(2000)] },
            ],
            "write",
          );
          batches += 1;
        } catch (error) {
          errors.push(String(error));
        }
      }
    }),
  );
  expect(errors).toEqual([]);
  const rows = await database.client.execute("SELECT count(*) AS n FROM writes");
  expect(Number(rows.rows[0]?.n)).toBe(batches * 2);
  expect(batches).toBeGreaterThan(0);
}, 60_000);
