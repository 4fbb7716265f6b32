// Grouped writes on the embedded file are made by a thread of their own (decision 047). What must hold:
// a write is committed before it is answered, so the main connection reads it at once; a refusal keeps
// SQLite's words and code across the thread (the checkout tells a short size from a replayed key by
// them); a thread that cannot open its file refuses its writes instead of leaving them waiting; closing
// the database lets the writes under way finish and refuses later ones; and the thread never keeps a
// process alive once its writes are answered.
import { execFile } from "node:child_process";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { promisify } from "node:util";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb } from "../src/client.ts";
import { errorChain, isUniqueViolation } from "../src/errors.ts";
import { schema } from "../src/index.ts";
import { groupedWriteFigures, statementOf, writeGrouped } from "../src/repositories/grouped-writes.ts";
import { createShop, createTestDb, newTestId, type TestDatabase } from "../src/testing.ts";
import { createWriterThread, writerThreadOf } from "../src/writer-thread.ts";

const run = promisify(execFile);

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDb();
});
afterAll(() => database?.cleanup());

/** An outbox row for `shopId`, as a statement for a grouped write. */
function queueEmail(shopId: string, id = newTestId("notification")) {
  return statementOf(
    database.db.insert(schema.notifications).values({
      id,
      shopId,
      template: "order_placed_buyer",
      recipient: "ana@example.test",
      locale: "en",
      payload: { orderNumber: 1001, note: "ünïcödé ✓" },
      dedupeKey: `key-${id}`,
      nextAttemptAt: 1,
      createdAt: 1,
    }),
  );
}

describe("the writer thread", () => {
  it("is what writes an embedded file's grouped writes, and answers only once the main connection can read them", async () => {
    const shop = await createShop(database.db);
    expect(writerThreadOf(database.client)).toBeDefined();
    const before = { ...groupedWriteFigures };
    const ids = Array.from({ length: 20 }, () => newTestId("notification"));
    // Twenty writes at once: answered by the thread, several to a commit.
    await Promise.all(ids.map((id) => writeGrouped(database.db, [queueEmail(shop.id, id)])));
    expect(groupedWriteFigures.batches - before.batches).toBe(20);
    expect(groupedWriteFigures.writes - before.writes).toBeLessThan(20);
    const rows = await database.db.select().from(schema.notifications).where(eq(schema.notifications.shopId, shop.id));
    expect(rows.map((row) => row.id).sort()).toEqual([...ids].sort());
    // JSON crosses the thread as written.
    expect(rows[0]?.payload).toEqual({ orderNumber: 1001, note: "ünïcödé ✓" });
  });

  it("answers RETURNING rows by name and by position, as the main connection does", async () => {
    const shop = await createShop(database.db);
    const bump = (db: typeof database.db) =>
      writeGrouped(db, [
        statementOf(
          db
            .update(schema.shops)
            .set({ nextOrderNumber: sql`${schema.shops.nextOrderNumber} + 1` })
            .where(eq(schema.shops.id, shop.id))
            .returning({ next: schema.shops.nextOrderNumber, id: schema.shops.id }),
        ),
      ]);
    const [threaded] = await bump(database.db);
    expect(threaded?.columns).toEqual(["next_order_number", "id"]);
    expect(threaded?.rows[0]?.next_order_number).toBe(shop.nextOrderNumber + 1);
    expect(threaded?.rows[0]?.[0]).toBe(shop.nextOrderNumber + 1);
    expect(threaded?.rows[0]?.id).toBe(shop.id);

    const inline = await createDb(database.url, { writer: "inline" });
    try {
      const [direct] = await bump(inline.db);
      expect(threaded?.columns).toEqual(direct?.columns);
      expect(threaded?.rowsAffected).toBe(direct?.rowsAffected);
      expect(direct?.rows[0]?.next_order_number).toBe(shop.nextOrderNumber + 2);
      expect(Object.keys(threaded?.rows[0] ?? {}).sort()).toEqual(Object.keys(direct?.rows[0] ?? {}).sort());
    } finally {
      inline.close();
    }
  });

  it("keeps SQLite's words and code when it refuses a write, as a write on the main connection does, and writes nothing of the refused batch", async () => {
    const shop = await createShop(database.db);
    const id = newTestId("notification");
    await writeGrouped(database.db, [queueEmail(shop.id, id)]);
    const refusalOf = (db: typeof database.db, other: string) =>
      // The same id again: the second statement is refused, so the first of its batch is not kept either.
      writeGrouped(db, [queueEmail(shop.id, other), queueEmail(shop.id, id)]).then(
        () => undefined,
        (error: unknown) => error,
      );
    const other = newTestId("notification");
    const refusal = await refusalOf(database.db, other);
    expect(refusal).toBeInstanceOf(Error);
    expect(isUniqueViolation(refusal)).toBe(true);
    expect(errorChain(refusal)).toMatch(/UNIQUE constraint failed: notifications\.dedupe_key/);
    expect((refusal as { code?: string }).code).toBe("SQLITE_CONSTRAINT");
    const kept = await database.db.select().from(schema.notifications).where(eq(schema.notifications.id, other));
    expect(kept).toEqual([]);

    const inline = await createDb(database.url, { writer: "inline" });
    try {
      expect(writerThreadOf(inline.client)).toBeUndefined();
      const inlineRefusal = await refusalOf(inline.db, newTestId("notification"));
      expect(errorChain(refusal)).toBe(errorChain(inlineRefusal));
      expect((refusal as { code?: string }).code).toBe((inlineRefusal as { code?: string }).code);
    } finally {
      inline.close();
    }
  });

  it("refuses the writes of a thread that cannot open its file, with the reason, and leaves nothing waiting", async () => {
    const thread = createWriterThread({
      // A path under a file: the folder cannot be made.
      url: `file:${join(database.dir, "stall.db", "inside", "x.db")}`,
      path: join(database.dir, "stall.db", "inside", "x.db"),
      busyTimeoutMs: 1000,
    });
    await expect(thread.write([[{ sql: "SELECT 1", args: [] }]])).rejects.toThrow(
      /The database writer's thread failed: .*(ENOTDIR|not a directory)/,
    );
    thread.close();
  });

  it("on close, finishes the writes under way and refuses later ones", async () => {
    const own = await createDb(database.url);
    const shop = await createShop(own.db);
    const ids = Array.from({ length: 10 }, () => newTestId("notification"));
    const writes = ids.map((id) => writeGrouped(own.db, [queueEmail(shop.id, id)]));
    // Let the group reach the thread, then close while it writes.
    await new Promise((resolve) => setImmediate(resolve));
    own.close();
    await expect(Promise.all(writes)).resolves.toHaveLength(10);
    await expect(writeGrouped(own.db, [queueEmail(shop.id)])).rejects.toThrow(/The database is closed/);
    const rows = await database.db.select().from(schema.notifications).where(eq(schema.notifications.shopId, shop.id));
    expect(rows).toHaveLength(10);
  });

  it("ends a thread left idle, and starts another for the next write", async () => {
    const thread = createWriterThread(
      { url: database.url, path: database.url.slice("file:".length), busyTimeoutMs: 1000 },
      { idleMs: 50 },
    );
    try {
      const select = [[{ sql: "SELECT count(*) AS n FROM shops", args: [] }]];
      await thread.write(select);
      await thread.write(select);
      expect(thread.threadsStarted()).toBe(1);
      await new Promise((resolve) => setTimeout(resolve, 300));
      const { outcomes } = await thread.write(select);
      expect(outcomes[0]).toHaveProperty("results");
      expect(thread.threadsStarted()).toBe(2);
    } finally {
      thread.close();
    }
  });

  it("lets a process that wrote, and never closed its database, end on its own", async () => {
    const source = (file: string) => pathToFileURL(join(import.meta.dirname, "..", "src", file)).href;
    const script = `
      const { createDb } = await import(${JSON.stringify(source("client.ts"))});
      const { schema } = await import(${JSON.stringify(source("index.ts"))});
      const { writeGrouped } = await import(${JSON.stringify(source("repositories/grouped-writes.ts"))});
      const { db } = await createDb(process.argv[1]);
      const [shop] = await db.select().from(schema.shops).limit(1);
      const [named] = await writeGrouped(db, [
        { sql: "UPDATE shops SET name = 'Written by a child' WHERE id = ? RETURNING name", args: [shop.id] },
      ]);
      process.stdout.write(String(named.rows[0].name));
    `;
    await createShop(database.db);
    // A thread that kept the process alive would run into the timeout, which fails the test.
    const { stdout } = await run(process.execPath, ["--input-type=module", "-e", script, database.url], {
      timeout: 30_000,
    });
    expect(stdout).toBe("Written by a child");
  });
});
