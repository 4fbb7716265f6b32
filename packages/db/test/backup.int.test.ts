// Backup and restore of the embedded file (decision 024), and what works for sqld: real files, a real
// sqld, a real second process for "is the database in use".
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import {
  closeSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
  writeSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { backupDatabase, checkDatabaseFile, createDb, isDatabaseInUse, restoreDatabase } from "../src/index.ts";
import { createShop, createTestDb, startSqld, type TestDatabase } from "../src/testing.ts";

let source: TestDatabase;
let dir: string;

beforeAll(async () => {
  source = await createTestDb();
  dir = mkdtempSync(join(tmpdir(), "stall-backup-"));
  for (let i = 0; i < 3; i++) await createShop(source.db);
});
afterAll(() => {
  source?.cleanup();
  rmSync(dir, { recursive: true, force: true });
});

function rowsOf(tables: { table: string; rows: number }[], table: string) {
  return tables.find((entry) => entry.table === table)?.rows;
}

/** Leftovers a backup or restore must not leave: its temporary files start with a dot. */
function temporaryFiles(folder: string) {
  return readdirSync(folder).filter((name) => name.startsWith("."));
}

describe("backup", () => {
  it("copies the open database, checks it and reports tables and rows", async () => {
    const target = join(dir, "first.db");
    const report = await backupDatabase(source, target);
    expect(report.file).toBe(target);
    expect(report.bytes).toBeGreaterThan(0);
    expect(rowsOf(report.tables, "shops")).toBe(3);
    const checked = await checkDatabaseFile(target);
    expect(rowsOf(checked.tables, "shops")).toBe(3);
    expect(temporaryFiles(dir)).toEqual([]);
  });

  it("never overwrites a file and refuses a folder that does not exist", async () => {
    const target = join(dir, "taken.db");
    writeFileSync(target, "keep me");
    await expect(backupDatabase(source, target)).rejects.toThrow(/already exists/);
    await expect(backupDatabase(source, join(dir, "nowhere", "x.db"))).rejects.toThrow(/does not exist/);
    expect(temporaryFiles(dir)).toEqual([]);
  });

  it("keeps a file that appears under the name while the copy is made, and leaves nothing behind", async () => {
    // A second backup to the same name, finishing first. The clock is read after the checks, before the
    // copy: the file is made there.
    const target = join(dir, "raced.db");
    const appearAfterChecks = () => {
      if (!existsSync(target)) writeFileSync(target, "the other backup");
      return Date.now();
    };
    await expect(backupDatabase(source, target, appearAfterChecks)).rejects.toThrow(
      new RegExp(`${target}.*already exists.*backups never overwrite`),
    );
    expect(readFileSync(target, "utf8")).toBe("the other backup");
    expect(temporaryFiles(dir)).toEqual([]);
  });

  it("refuses a libSQL server and says where to look", async () => {
    await expect(backupDatabase({ client: source.client, kind: "remote" }, join(dir, "remote.db"))).rejects.toThrow(
      /libSQL server.*README, Backups/,
    );
  });
});

describe("restore", () => {
  it("swaps the backup in and keeps the replaced database with its WAL", async () => {
    const backup = join(dir, "for-restore.db");
    await backupDatabase(source, backup);
    const live = join(dir, "live.db");
    // A database that is not the backup, left by a process that stopped with its last write still in the WAL.
    runInChild(live, ["PRAGMA journal_mode=WAL", "CREATE TABLE marker (id INTEGER)", "INSERT INTO marker VALUES (7)"]);
    expect(existsSync(`${live}-wal`)).toBe(true);

    const report = await restoreDatabase({ source: backup, databasePath: live, now: Date.UTC(2026, 11, 3, 18, 4, 5) });
    expect(report.keptAs).toBe(`${live}.before-restore-2026-12-03T18-04-05Z`);
    expect(existsSync(`${live}-wal`)).toBe(false);
    expect(rowsOf(report.tables, "shops")).toBe(3);

    const restored = await createDb(`file:${live}`);
    expect((await restored.client.execute("SELECT COUNT(*) AS n FROM shops")).rows[0]?.n).toBe(3);
    restored.close();
    // The kept database opens with its WAL and still has the write that was only in the WAL.
    const kept = await createDb(`file:${report.keptAs}`);
    expect((await kept.client.execute("SELECT id FROM marker")).rows[0]?.id).toBe(7);
    kept.close();
    expect(temporaryFiles(dir)).toEqual([]);
  });

  it("restores into a folder with no database yet", async () => {
    const backup = join(dir, "for-fresh.db");
    await backupDatabase(source, backup);
    const fresh = join(dir, "fresh");
    mkdirSync(fresh);
    const report = await restoreDatabase({ source: backup, databasePath: join(fresh, "stall.db") });
    expect(report.keptAs).toBeUndefined();
    expect(readdirSync(fresh)).toEqual(["stall.db"]);
  });

  it("refuses a damaged file, another SQLite file and one from a newer Stall, changing nothing", async () => {
    const live = join(dir, "untouched.db");
    await backupDatabase(source, live);

    const damaged = join(dir, "damaged.db");
    copyFileSync(live, damaged);
    const bytes = Buffer.alloc(4096, 0xab);
    const fd = openSync(damaged, "r+");
    writeSync(fd, bytes, 0, bytes.length, 8192); // overwrite a page in the middle
    closeSync(fd);

    await expect(restoreDatabase({ source: damaged, databasePath: live })).rejects.toThrow(
      /integrity check|not a readable/,
    );

    const other = join(dir, "other.db");
    runInChild(other, ["CREATE TABLE notes (body TEXT)"]);
    await expect(restoreDatabase({ source: other, databasePath: live })).rejects.toThrow(/not a Stall database/);

    const newer = join(dir, "newer.db");
    await backupDatabase(source, newer);
    runInChild(newer, [
      "INSERT INTO __drizzle_migrations (hash, created_at) VALUES ('from-the-future', 9999999999999)",
    ]);
    await expect(restoreDatabase({ source: newer, databasePath: live })).rejects.toThrow(/newer Stall/);

    const walLeft = join(dir, "wal-left.db");
    await backupDatabase(source, walLeft);
    runInChild(walLeft, ["PRAGMA journal_mode=WAL", "DELETE FROM shops"]);
    await expect(restoreDatabase({ source: walLeft, databasePath: live })).rejects.toThrow(/unsaved changes/);

    await expect(restoreDatabase({ source: join(dir, "missing.db"), databasePath: live })).rejects.toThrow(/No backup/);
    expect(readdirSync(dir).filter((name) => name.startsWith("untouched.db."))).toEqual([]);
    expect(rowsOf((await checkDatabaseFile(live)).tables, "shops")).toBe(3);
    expect(temporaryFiles(dir)).toEqual([]);
  });

  it("refuses while another process has the database open, and goes ahead once it has stopped", async () => {
    const live = join(dir, "busy.db");
    await backupDatabase(source, live);
    const backup = join(dir, "for-busy.db");
    await backupDatabase(source, backup);
    const holder = await holdOpen(live);
    try {
      expect(isDatabaseInUse(live)).toBe(true);
      await expect(restoreDatabase({ source: backup, databasePath: live })).rejects.toThrow(/is the API running/);
    } finally {
      await holder.stop();
    }
    expect(isDatabaseInUse(live)).toBe(false);
    const report = await restoreDatabase({ source: backup, databasePath: live });
    expect(report.keptAs).toBeDefined();
  });
});

/**
 * Runs statements in a child process that then exits without closing, as a stopped process leaves a
 * database (anything in the WAL stays there); this process keeps no connection to the file.
 */
function runInChild(path: string, statements: string[]): void {
  const script = `
    const { createClient } = await import(process.argv[1]);
    const client = createClient({ url: "file:" + process.argv[2], timeout: 5000 });
    for (const sql of JSON.parse(process.argv[3])) await client.execute(sql);
    process.exit(0);
  `;
  const child = spawnSync(
    process.execPath,
    ["--input-type=module", "-e", script, import.meta.resolve("@libsql/client"), path, JSON.stringify(statements)],
    { encoding: "utf8" },
  );
  if (child.status !== 0) throw new Error(`child failed: ${child.stderr}`);
}

/** A second process that opens the database, reads it, and keeps it open until stopped (like an idle API). */
async function holdOpen(path: string): Promise<{ stop(): Promise<void> }> {
  const script = `
    const { createClient } = await import(process.argv[1]);
    const client = createClient({ url: "file:" + process.argv[2], timeout: 5000 });
    await client.execute("PRAGMA journal_mode=WAL");
    await client.execute("SELECT COUNT(*) FROM shops");
    process.stdout.write("open\\n");
    setInterval(() => {}, 1000);
  `;
  const child: ChildProcess = spawn(
    process.execPath,
    ["--input-type=module", "-e", script, import.meta.resolve("@libsql/client"), path],
    { stdio: ["ignore", "pipe", "inherit"] },
  );
  await new Promise<void>((resolve, reject) => {
    child.once("exit", (code) => reject(new Error(`holder exited with ${code}`)));
    child.stdout?.once("data", () => resolve());
  });
  return {
    stop: () =>
      new Promise<void>((resolve) => {
        child.removeAllListeners("exit");
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      }),
  };
}

describe("sqld (the libSQL server)", () => {
  it("has no VACUUM INTO; a copy of its data file taken while it writes restores into a new sqld", async () => {
    const server = await startSqld();
    const folder = mkdtempSync(join(tmpdir(), "stall-sqld-restore-"));
    try {
      const remote = await createDb(server.url);
      await expect(remote.client.execute({ sql: "VACUUM INTO ?", args: [join(folder, "x.db")] })).rejects.toThrow(
        /unsupported statement/,
      );
      await remote.client.execute("CREATE TABLE shops (id INTEGER PRIMARY KEY, note TEXT)");
      await remote.client.execute(
        "CREATE TABLE __drizzle_migrations (id INTEGER PRIMARY KEY, hash TEXT, created_at INTEGER)",
      );
      let acknowledged = 0;
      let stop = false;
      const writer = (async () => {
        while (!stop) {
          await remote.client.execute({ sql: "INSERT INTO shops (note) VALUES (?)", args: ["x".repeat(100)] });
          acknowledged += 1;
        }
      })();
      while (acknowledged < 50) await new Promise((resolve) => setImmediate(resolve));

      // Same machine, sqld running: open its data file as an embedded database and back that up.
      const dataFile = join(server.dbPath, "dbs", "default", "data");
      const local = await createDb(`file:${dataFile}`);
      const before = acknowledged;
      const copy = join(folder, "copy.db");
      const report = await backupDatabase(local, copy);
      local.close();
      stop = true;
      await writer;
      const copied = rowsOf(report.tables, "shops") ?? 0;
      expect(copied).toBeGreaterThanOrEqual(before);
      expect(copied).toBeLessThanOrEqual(acknowledged);
      remote.close();

      // Restore: a new sqld folder whose dbs/default/data is the copy; sqld rebuilds its log from it.
      const restoredPath = join(folder, "restored.sqld");
      mkdirSync(join(restoredPath, "dbs", "default"), { recursive: true });
      copyFileSync(copy, join(restoredPath, "dbs", "default", "data"));
      const restoredServer = await startSqld({ dbPath: restoredPath });
      try {
        const restored = await createDb(restoredServer.url);
        expect((await restored.client.execute("SELECT COUNT(*) AS n FROM shops")).rows[0]?.n).toBe(copied);
        await restored.client.execute("INSERT INTO shops (note) VALUES ('after restore')");
        expect((await restored.client.execute("PRAGMA integrity_check")).rows[0]?.[0]).toBe("ok");
        restored.close();
      } finally {
        await restoredServer.stop();
      }
    } finally {
      await server.stop();
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
