import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createDb, migrate } from "../src/index.ts";
import { expectFullSchema } from "./schema-expectations.ts";

describe("migrations on a libSQL file", () => {
  const dir = mkdtempSync(join(tmpdir(), "stall-migrate-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("apply to an empty file, twice without harm, with WAL, foreign keys and a busy timeout", async () => {
    const database = await createDb(`file:${join(dir, "nested", "stall.db")}`);
    try {
      expect(database.kind).toBe("file");
      await migrate(database.db);
      await migrate(database.db);
      await expectFullSchema(database.client);
      const journal = await database.client.execute("PRAGMA journal_mode");
      expect(String(journal.rows[0]?.[0])).toBe("wal");
      const foreignKeys = await database.client.execute("PRAGMA foreign_keys");
      expect(Number(foreignKeys.rows[0]?.[0])).toBe(1);
      const timeout = await database.client.execute("PRAGMA busy_timeout");
      expect(Number(timeout.rows[0]?.[0])).toBe(5000);
    } finally {
      database.close();
    }
  });

  it("keep foreign keys on for connections opened after a transaction", async () => {
    const database = await createDb(`file:${join(dir, "tx.db")}`);
    try {
      const transaction = await database.client.transaction("write");
      const during = await database.client.execute("PRAGMA foreign_keys");
      await transaction.commit();
      const after = await database.client.execute("PRAGMA foreign_keys");
      expect([Number(during.rows[0]?.[0]), Number(after.rows[0]?.[0])]).toEqual([1, 1]);
    } finally {
      database.close();
    }
  });
});
