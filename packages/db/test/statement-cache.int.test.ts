// The embedded database keeps prepared statements per connection (decision 046). What must hold: the same
// SQL is prepared once and then served from the cache; a write refused by a constraint leaves nothing
// behind that stops the next transaction committing; reads and writes keep answering as before (rows and
// column names, rows affected); a column added by another connection shows in a kept `SELECT *`;
// the cache is bounded; and closing a client lets go of its statements.
import { rmSync } from "node:fs";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createDb, STATEMENTS_PER_CONNECTION, statementCacheFigures } from "../src/index.ts";
import { createTestDb, type TestDatabase } from "../src/testing.ts";

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDb();
  await database.client.execute(
    "CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT NOT NULL, key TEXT NOT NULL UNIQUE, n INTEGER NOT NULL CHECK (n >= 0))",
  );
});
afterAll(() => database?.cleanup());

it("prepares a statement once and hands out the kept one after", async () => {
  const sql = "SELECT body, key AS the_key FROM notes WHERE id = ?";
  await database.client.execute({ sql, args: [1] });
  const before = statementCacheFigures();
  for (let index = 0; index < 5; index++) await database.client.execute({ sql, args: [index] });
  const after = statementCacheFigures();
  expect(after.hits - before.hits).toBe(5);
  expect(after.misses - before.misses).toBe(0);
});

it("answers reads with rows and column names and writes with rows affected, kept or not", async () => {
  for (let round = 0; round < 3; round++) {
    const insert = await database.client.execute({
      sql: "INSERT INTO notes (body, key, n) VALUES (?, ?, ?)",
      args: [`note ${round}`, `k${round}`, round],
    });
    expect(insert.rowsAffected).toBe(1);
    expect(insert.columns).toEqual([]);
    const read = await database.client.execute({
      sql: "SELECT body, n AS amount FROM notes WHERE key = ?",
      args: [`k${round}`],
    });
    expect(read.columns).toEqual(["body", "amount"]);
    expect(read.rows.map((row) => ({ ...row }))).toEqual([{ body: `note ${round}`, amount: round }]);
    const returning = await database.client.execute({
      sql: "UPDATE notes SET n = n + 1 WHERE key = ? RETURNING n",
      args: [`k${round}`],
    });
    expect(returning.rows[0]?.n).toBe(round + 1);
  }
});

it("after a batch refused by a constraint, the same statements commit the next time", async () => {
  const batch = (key: string, n: number) =>
    database.client.batch(
      [
        { sql: "INSERT INTO notes (body, key, n) VALUES (?, ?, ?)", args: ["first", `${key}-a`, 1] },
        { sql: "INSERT INTO notes (body, key, n) VALUES (?, ?, ?)", args: ["second", `${key}-b`, n] },
      ],
      "write",
    );
  await batch("ok", 1);
  // The unique key of the first statement, then the CHECK of the second: each undoes the whole batch.
  await expect(batch("ok", 1)).rejects.toThrow(/UNIQUE/);
  await expect(batch("fresh", -1)).rejects.toThrow(/CHECK/);
  // A statement whose run failed is not handed out again (it could be left mid-step): prepared anew.
  const figures = statementCacheFigures();
  await expect(batch("fresh", -1)).rejects.toThrow(/CHECK/);
  expect(statementCacheFigures().misses - figures.misses).toBeGreaterThanOrEqual(1);
  const fresh = await database.client.execute({ sql: "SELECT count(*) AS n FROM notes WHERE key LIKE 'fresh-%'" });
  expect(fresh.rows[0]?.n).toBe(0);
  await batch("again", 2);
  const again = await database.client.execute({ sql: "SELECT count(*) AS n FROM notes WHERE key LIKE 'again-%'" });
  expect(again.rows[0]?.n).toBe(2);
});

it("shows a column another connection added in a kept `SELECT *`", async () => {
  const sql = "SELECT * FROM notes WHERE key = 'k0'";
  const before = await database.client.execute(sql);
  expect(before.columns).not.toContain("colour");
  // Another process migrating the same file (its own client, its own connection).
  const other = await createDb(database.url);
  await other.client.execute("ALTER TABLE notes ADD COLUMN colour TEXT NOT NULL DEFAULT 'green'");
  other.close();
  // The first run after the change may still name the old columns: the client asks for the names before
  // the statement runs, and this connection learns of the new schema when it runs (kept or not, as before).
  await database.client.execute(sql);
  const after = await database.client.execute(sql);
  expect(after.columns).toContain("colour");
  expect({ ...after.rows[0] }).toMatchObject({ key: "k0", colour: "green" });
  const figures = statementCacheFigures();
  await database.client.execute(sql);
  expect(statementCacheFigures().hits - figures.hits).toBe(1);
});

it(`keeps at most ${STATEMENTS_PER_CONNECTION} statements a connection, dropping the least recently used`, async () => {
  const extra = 20;
  for (let index = 0; index < STATEMENTS_PER_CONNECTION + extra; index++) {
    await database.client.execute(`SELECT ${index} AS n`);
  }
  const full = statementCacheFigures();
  // Every open connection of every client in this file holds at most the limit.
  expect(full.kept).toBeLessThanOrEqual(STATEMENTS_PER_CONNECTION * 2);
  // The most recent ones are kept: asking again is a hit; the first ones went: asking again prepares.
  const recent = statementCacheFigures();
  await database.client.execute(`SELECT ${STATEMENTS_PER_CONNECTION + extra - 1} AS n`);
  expect(statementCacheFigures().hits - recent.hits).toBe(1);
  const old = statementCacheFigures();
  await database.client.execute("SELECT 0 AS n");
  expect(statementCacheFigures().misses - old.misses).toBe(1);
});

it("closing a client lets go of its statements and the file", async () => {
  const dir = database.dir;
  const url = `file:${dir}/closing.db`;
  const first = await createDb(url);
  await first.client.execute("CREATE TABLE t (n INTEGER)");
  for (let index = 0; index < 5; index++)
    await first.client.execute({ sql: "INSERT INTO t (n) VALUES (?)", args: [index] });
  const open = statementCacheFigures().kept;
  first.close();
  // Its connection's statements (at least the insert) are no longer held. The native side lets go of the
  // file when they are collected, as it did before statements were kept.
  expect(statementCacheFigures().kept).toBeLessThan(open);
  const second = await createDb(url, { busyTimeoutMs: 200 });
  await second.client.execute({ sql: "INSERT INTO t (n) VALUES (?)", args: [5] });
  const rows = await second.client.execute("SELECT count(*) AS n FROM t");
  expect(rows.rows[0]?.n).toBe(6);
  second.close();
  rmSync(`${dir}/closing.db`, { force: true });
});
