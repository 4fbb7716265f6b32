// A remote database's writers are bounded per process (decision 035): no more than DATABASE_MAX_WRITERS
// write batches, write transactions or single writing statements of one process are in flight on sqld at
// once; the rest wait their turn and all of them land; reads never wait behind writers.
import type { InStatement, TransactionMode } from "@libsql/client";
import { afterAll, beforeAll, expect, it } from "vitest";
import { boundWriters, createDb, type Database } from "../src/index.ts";
import { type SqldServer, startSqld } from "../src/testing.ts";

let server: SqldServer;
beforeAll(async () => {
  server = await startSqld();
});
afterAll(async () => server?.stop());

/** A client whose raw batches count how many are in flight at once, bounded to `writers`. */
async function countedClient(writers: number) {
  const database = await createDb(server.url, { maxWriters: 1000 });
  const seen = { inFlight: 0, most: 0 };
  const raw = database.client.batch.bind(database.client);
  database.client.batch = (async (stmts: InStatement[], mode?: TransactionMode) => {
    seen.inFlight += 1;
    seen.most = Math.max(seen.most, seen.inFlight);
    try {
      return await raw(stmts, mode);
    } finally {
      seen.inFlight -= 1;
    }
  }) as typeof database.client.batch;
  const bound = boundWriters(database.client, writers);
  return { database, seen, bound };
}

async function withTable(database: Database, name: string) {
  await database.client.execute(`CREATE TABLE IF NOT EXISTS ${name} (n INTEGER NOT NULL)`);
}

it("runs at most the bound of write batches at once, and every one of them lands", async () => {
  const { database, seen } = await countedClient(2);
  try {
    await withTable(database, "bounded_batches");
    await Promise.all(
      Array.from({ length: 20 }, (_, n) =>
        database.client.batch([{ sql: "INSERT INTO bounded_batches (n) VALUES (?)", args: [n] }], "write"),
      ),
    );
    expect(seen.most).toBe(2);
    const count = await database.client.execute("SELECT count(*) FROM bounded_batches");
    expect(Number(count.rows[0]?.[0])).toBe(20);
  } finally {
    database.close();
  }
});

it("a write transaction holds its place until it commits; reads go past it", async () => {
  const { database, bound } = await countedClient(1);
  try {
    await withTable(database, "bounded_tx");
    const tx = await database.client.transaction("write");
    await tx.execute({ sql: "INSERT INTO bounded_tx (n) VALUES (?)", args: [1] });
    let isBatchDone = false;
    const waiting = database.client
      .batch([{ sql: "INSERT INTO bounded_tx (n) VALUES (?)", args: [2] }], "write")
      .then(() => {
        isBatchDone = true;
      });
    // A read answers while the writer's place is taken, and the batch is still queued behind it.
    const read = await database.client.execute("SELECT 1");
    expect(read.rows).toHaveLength(1);
    expect(bound.pending()).toBe(1);
    expect(isBatchDone).toBe(false);
    await tx.commit();
    await waiting;
    expect(isBatchDone).toBe(true);
    expect(bound.active() + bound.pending()).toBe(0);
    const count = await database.client.execute("SELECT count(*) FROM bounded_tx");
    expect(Number(count.rows[0]?.[0])).toBe(2);
  } finally {
    database.close();
  }
});

it("a transaction that fails to commit or is closed gives its place back", async () => {
  const { database, bound } = await countedClient(1);
  try {
    await withTable(database, "bounded_rollback");
    const first = await database.client.transaction("write");
    await first.execute({ sql: "INSERT INTO bounded_rollback (n) VALUES (?)", args: [1] });
    await first.rollback();
    const second = await database.client.transaction("write");
    second.close();
    // With one place, this batch only runs if both transactions gave theirs back.
    await database.client.batch([{ sql: "INSERT INTO bounded_rollback (n) VALUES (?)", args: [3] }], "write");
    expect(bound.active() + bound.pending()).toBe(0);
    const count = await database.client.execute("SELECT count(*) FROM bounded_rollback");
    expect(Number(count.rows[0]?.[0])).toBe(1);
  } finally {
    database.close();
  }
});

it("bounds single writing statements too (drizzle's one-statement writes), while reads go past", async () => {
  const database = await createDb(server.url, { maxWriters: 1000 });
  const seen = { writes: 0, most: 0, reads: 0 };
  const raw = database.client.execute.bind(database.client);
  database.client.execute = (async (statement: InStatement) => {
    const isRead = typeof statement !== "string" && /^\s*select/i.test(statement.sql);
    if (isRead) seen.reads += 1;
    else seen.writes += 1;
    seen.most = Math.max(seen.most, seen.writes);
    try {
      return await raw(statement);
    } finally {
      if (!isRead) seen.writes -= 1;
    }
  }) as typeof database.client.execute;
  const bound = boundWriters(database.client, 2);
  try {
    await raw("CREATE TABLE IF NOT EXISTS bounded_statements (n INTEGER NOT NULL)");
    const writes = Array.from({ length: 30 }, (_, n) =>
      database.client.execute({ sql: "INSERT INTO bounded_statements (n) VALUES (?)", args: [n] }),
    );
    expect(bound.pending()).toBeGreaterThan(0);
    const read = await database.client.execute({ sql: "SELECT count(*) FROM bounded_statements", args: [] });
    expect(read.rows).toHaveLength(1);
    await Promise.all(writes);
    expect(seen.most).toBe(2);
    const count = await database.client.execute({ sql: "SELECT count(*) FROM bounded_statements", args: [] });
    expect(Number(count.rows[0]?.[0])).toBe(30);
  } finally {
    database.close();
  }
});
