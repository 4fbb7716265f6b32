// Online backup and offline restore of the embedded database file (decision 024).
//
// Backup: `VACUUM INTO` a temporary file beside the target. It runs as one read transaction, so in WAL
// mode writers carry on and the copy is the database as it stood when the backup began (every commit
// acknowledged before that point is in it). The copy is checked with `PRAGMA integrity_check`, flushed
// to disk, and only then renamed into place: a failed or interrupted backup never leaves a file under
// the target's name.
//
// Restore: the source is copied beside the database, checked, and swapped in with one rename. The
// replaced database (and its -wal/-shm, if any) is kept as `<db>.before-restore-<time>`. It refuses
// while another process has the database open, because an API still running would keep writing to the
// replaced file through its open handles.
import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import {
  closeSync,
  copyFileSync,
  existsSync,
  fsyncSync,
  linkSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
} from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { ProbeAnswer } from "./backup-probe.ts";
import type { Database } from "./client.ts";
import { migrationsFolder } from "./migrate.ts";

export type TableCount = { table: string; rows: number };

export type BackupReport = {
  /** Absolute path of the finished backup. */
  file: string;
  bytes: number;
  tables: TableCount[];
  /** Wall time of the copy and the check, for the operator's information. */
  durationMs: number;
};

export type RestoreReport = {
  /** The database file that now holds the backup. */
  database: string;
  /** Where the replaced database was kept, or undefined when there was none. */
  keptAs: string | undefined;
  bytes: number;
  tables: TableCount[];
};

/** A backup or restore that cannot go ahead; the message says why and what to do. */
export class BackupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "BackupError";
  }
}

const SIDE_FILES = ["-wal", "-shm", "-journal"] as const;

function temporaryBeside(path: string, label: string): string {
  return join(dirname(path), `.${basename(path)}.${label}-${randomBytes(6).toString("hex")}`);
}

function removeWithSideFiles(path: string): void {
  rmSync(path, { force: true });
  for (const suffix of SIDE_FILES) rmSync(path + suffix, { force: true });
}

/** Pushes a file's bytes (or a directory's entries, after a rename) to the disk. */
function flush(path: string): void {
  const fd = openSync(path, "r");
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

const PROBE = fileURLToPath(new URL("./backup-probe.ts", import.meta.url));

function probe(command: "check" | "in-use", path: string): ProbeAnswer {
  const child = spawnSync(process.execPath, [PROBE, command, path], { encoding: "utf8", timeout: 10 * 60_000 });
  try {
    return JSON.parse(child.stdout) as ProbeAnswer;
  } catch {
    return { kind: "error", message: child.stderr.trim() || String(child.error ?? `exit ${child.status}`) };
  }
}

/** Checks a database file: intact, and a Stall database this code can run (not from a newer Stall). */
export async function checkDatabaseFile(path: string): Promise<{ bytes: number; tables: TableCount[] }> {
  if (!existsSync(path) || !statSync(path).isFile()) throw new BackupError(`${path} is not a file`);
  const answer = probe("check", path);
  if (answer.kind === "error") throw new BackupError(`${path} is not a readable SQLite database (${answer.message})`);
  if (answer.kind !== "check") throw new BackupError(`Unexpected answer checking ${path}`);
  if (answer.problems.length > 0) {
    throw new BackupError(`${path} failed the integrity check:\n  ${answer.problems.slice(0, 10).join("\n  ")}`);
  }
  const names = new Set(answer.tables.map((table) => table.table));
  if (!names.has("shops") || answer.lastMigration === null) {
    throw new BackupError(`${path} is a SQLite database but not a Stall database (no shops or migrations table)`);
  }
  if (answer.lastMigration > lastKnownMigration()) {
    throw new BackupError(
      `${path} was written by a newer Stall (it has migrations this version does not know); update Stall first`,
    );
  }
  return { bytes: statSync(path).size, tables: answer.tables };
}

function lastKnownMigration(): number {
  const journal = JSON.parse(readFileSync(join(migrationsFolder, "meta", "_journal.json"), "utf8")) as {
    entries: { when: number }[];
  };
  return Math.max(0, ...journal.entries.map((entry) => entry.when));
}

/**
 * Copies the open embedded database to `target` while it keeps serving: `VACUUM INTO` a temporary
 * file beside the target, `integrity_check` it, flush it, link it into place. Refuses a target that
 * exists (never overwrites an older backup by mistake) and a remote database (sqld has its own ways).
 */
export async function backupDatabase(
  database: Pick<Database, "client" | "kind">,
  target: string,
  clock: () => number = Date.now,
): Promise<BackupReport> {
  if (database.kind !== "file") {
    throw new BackupError(
      "DATABASE_URL points at a libSQL server (sqld or Turso); back it up on the server (see the README, Backups)",
    );
  }
  const file = resolve(target);
  if (existsSync(file)) throw alreadyExists(file);
  if (!existsSync(dirname(file))) throw new BackupError(`The folder ${dirname(file)} does not exist`);
  const started = clock();
  const partial = temporaryBeside(file, "partial");
  try {
    await database.client.execute({ sql: "VACUUM INTO ?", args: [partial] });
    const checked = await checkDatabaseFile(partial);
    // The copy is complete and intact; make it durable before it takes the real name.
    flush(partial);
    giveName(partial, file);
    flush(dirname(file));
    return { file, bytes: checked.bytes, tables: checked.tables, durationMs: clock() - started };
  } finally {
    removeWithSideFiles(partial);
  }
}

/**
 * Gives the finished copy its name by a link, not a rename: a rename would replace a file that appeared
 * under that name while the copy was made (a second backup to the same name), where a link refuses it.
 * A disk that has no links (a FAT or exFAT USB stick) gets the rename, after one more look.
 */
function giveName(partial: string, file: string): void {
  try {
    linkSync(partial, file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "EEXIST") throw alreadyExists(file);
    if (code !== "EPERM" && code !== "ENOTSUP" && code !== "EOPNOTSUPP" && code !== "ENOSYS") throw error;
    if (existsSync(file)) throw alreadyExists(file);
    renameSync(partial, file);
  }
}

function alreadyExists(file: string): BackupError {
  return new BackupError(`${file} already exists; choose a new name (backups never overwrite)`);
}

/**
 * True when another process has the database open (an API that has read from it holds a lock for as
 * long as it runs). Asked in a child process, like every check here (see backup-probe.ts).
 */
export function isDatabaseInUse(path: string): boolean {
  if (!existsSync(path)) return false;
  const answer = probe("in-use", path);
  if (answer.kind === "in-use") return answer.inUse;
  throw new BackupError(`Could not tell whether ${path} is in use: ${answer.kind === "error" ? answer.message : "?"}`);
}

function timestamp(ms: number): string {
  return new Date(ms)
    .toISOString()
    .replaceAll(":", "-")
    .replace(/\.\d+Z$/, "Z");
}

/**
 * Puts the backup at `source` in place of the database file at `databasePath` (the API must be
 * stopped). The source is copied beside the database and checked first, so a bad backup changes
 * nothing; the replaced database is kept as `<db>.before-restore-<time>`.
 */
export async function restoreDatabase(options: {
  source: string;
  databasePath: string;
  now?: number;
}): Promise<RestoreReport> {
  const source = resolve(options.source);
  const databasePath = resolve(options.databasePath);
  if (source === databasePath) throw new BackupError("The backup and the database are the same file");
  if (!existsSync(source)) throw new BackupError(`No backup at ${source}`);
  if (existsSync(`${source}-wal`) && statSync(`${source}-wal`).size > 0) {
    // Part of that database is still in its WAL, which a file copy would leave behind.
    throw new BackupError(
      `${source} has unsaved changes in ${source}-wal (is it a live database?); restore a file made by stall backup`,
    );
  }
  if (!existsSync(dirname(databasePath))) throw new BackupError(`The folder ${dirname(databasePath)} does not exist`);
  if (isDatabaseInUse(databasePath)) {
    throw new BackupError(`${databasePath} is open in another process (is the API running?); stop it, then restore`);
  }
  const incoming = temporaryBeside(databasePath, "restoring");
  try {
    copyFileSync(source, incoming);
    flush(incoming);
    // Check the bytes that will go into place, not the original: a copy can fail too.
    const checked = await checkDatabaseFile(incoming);
    for (const suffix of SIDE_FILES) rmSync(incoming + suffix, { force: true });
    let keptAs: string | undefined;
    if (existsSync(databasePath)) {
      keptAs = `${databasePath}.before-restore-${timestamp(options.now ?? Date.now())}`;
      if (existsSync(keptAs)) throw new BackupError(`${keptAs} already exists; try again in a second`);
      // The WAL and shared-memory files belong to the replaced database: they move with it, so neither
      // is replayed into the restored file and the kept copy stays whole.
      renameSync(databasePath, keptAs);
      for (const suffix of SIDE_FILES) {
        if (existsSync(databasePath + suffix)) renameSync(databasePath + suffix, keptAs + suffix);
      }
    }
    renameSync(incoming, databasePath);
    flush(dirname(databasePath));
    return { database: databasePath, keptAs, bytes: checked.bytes, tables: checked.tables };
  } finally {
    removeWithSideFiles(incoming);
  }
}
