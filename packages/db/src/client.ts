import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { type Client, createClient, type InStatement, type TransactionMode } from "@libsql/client";
import { drizzle, type LibSQLDatabase } from "drizzle-orm/libsql";
import pLimit from "p-limit";
import { isDatabaseBusy } from "./errors.ts";
import * as schema from "./schema/index.ts";
import { keepPreparedStatements } from "./statement-cache.ts";

export type Schema = typeof schema;
/** The drizzle handle, with the libSQL client under it (`$client`) for the few writes built by hand. */
export type Db = LibSQLDatabase<Schema> & { $client: Client };

export type Database = {
  db: Db;
  client: Client;
  /** `file` for the embedded default, `remote` for sqld / Turso over HTTP or WebSocket. */
  kind: "file" | "remote";
  close(): void;
};

export type CreateDbOptions = {
  authToken?: string | undefined;
  /** How long a writer waits for the file lock before failing (ms). Never 0: see docs/toolchain.md, libSQL. */
  busyTimeoutMs?: number;
  /**
   * At most this many write batches and write transactions of this process at once on a remote
   * database (sqld takes one writer at a time; more in flight only wait there, holding its lock
   * queue and our sockets). The rest wait here, in order. Ignored for a file. Default 8.
   */
  maxWriters?: number;
};

/** The default for `maxWriters` (DATABASE_MAX_WRITERS). Decision 035 has the figures behind it. */
export const DEFAULT_MAX_WRITERS = 2;

/** The file path of a `file:` URL, or undefined for a remote URL. */
export function filePathOf(url: string): string | undefined {
  if (!url.startsWith("file:")) return undefined;
  if (url.startsWith("file://")) return fileURLToPath(url);
  return url.slice("file:".length);
}

/**
 * Opens the database at `url`: `file:./data/stall.db` (embedded, WAL, busy timeout, foreign keys)
 * or `http(s)://`, `ws(s)://`, `libsql://` (sqld or Turso). Make one per process and share it.
 */
export async function createDb(url: string, options: CreateDbOptions = {}): Promise<Database> {
  const path = filePathOf(url);
  if (path !== undefined && path !== ":memory:") mkdirSync(dirname(path), { recursive: true });
  // Embedded connections keep their prepared statements (decision 046); remote ones prepare on the server.
  if (path !== undefined) keepPreparedStatements();
  const client = createClient({
    url,
    ...(options.authToken ? { authToken: options.authToken } : {}),
    // Without a busy timeout two writers on one file get SQLITE_BUSY and lose writes.
    timeout: options.busyTimeoutMs ?? 5000,
    intMode: "number",
  });
  if (path !== undefined) retireConnectionsAfterBusy(client);
  else boundWriters(client, options.maxWriters ?? DEFAULT_MAX_WRITERS);
  try {
    if (path !== undefined) {
      // WAL is stored in the file: set once, it holds for every later connection.
      const journal = await client.execute("PRAGMA journal_mode=WAL");
      const mode = String(journal.rows[0]?.[0] ?? "");
      if (path !== ":memory:" && mode.toLowerCase() !== "wal") {
        throw new Error(`Could not switch ${path} to WAL journal mode (got "${mode}")`);
      }
      // libSQL opens every pooled connection with foreign keys on; check rather than trust.
      const foreignKeys = await client.execute("PRAGMA foreign_keys");
      if (Number(foreignKeys.rows[0]?.[0]) !== 1) {
        throw new Error("This libSQL build opens connections with foreign keys off; Stall needs them on");
      }
    } else {
      await client.execute("SELECT 1");
    }
  } catch (error) {
    client.close();
    throw error;
  }
  return {
    db: drizzle(client, { schema }),
    client,
    kind: path === undefined ? "remote" : "file",
    close: () => client.close(),
  };
}

/**
 * After SQLITE_BUSY the embedded libSQL binding (libsql 0.5.29) leaves the failed statement un-reset
 * on its connection, and the client's pool hands that connection out again: the next transaction on
 * it cannot commit ("SQL statements in progress"), keeps the write lock, and every other writer then
 * waits in vain until garbage collection happens to finalise the statement. So a busy error retires
 * the client's connections (`reconnect`): the next call opens a clean one. An interactive transaction
 * open in this process at that instant fails and rolls back rather than committing half.
 */
function retireConnectionsAfterBusy(client: Client): void {
  const retire = async (error: unknown) => {
    if (isDatabaseBusy(error) && !client.closed) await client.reconnect();
    throw error;
  };
  const execute = client.execute.bind(client);
  const batch = client.batch.bind(client);
  const transaction = client.transaction.bind(client);
  const executeMultiple = client.executeMultiple.bind(client);
  client.execute = ((...args: Parameters<typeof execute>) => execute(...args).catch(retire)) as typeof execute;
  client.batch = ((...args: Parameters<typeof batch>) => batch(...args).catch(retire)) as typeof batch;
  client.transaction = ((...args: Parameters<typeof transaction>) =>
    transaction(...args).catch(retire)) as typeof transaction;
  client.executeMultiple = ((...args: Parameters<typeof executeMultiple>) =>
    executeMultiple(...args).catch(retire)) as typeof executeMultiple;
}

/** Waits before each new try of a write batch sqld refused as busy: about 1.3 s in all, then the error. */
const BUSY_RETRY_DELAYS_MS = [20, 40, 80, 160, 320, 640];

/**
 * Runs a write batch, trying again while sqld answers SQLITE_BUSY (decision 041). sqld checkpoints its WAL
 * on a timer and refuses writers that meet the checkpoint; a batch is one transaction that then rolled
 * back whole, so trying it again cannot write anything twice. Interactive transactions are not retried:
 * their caller decided on reads made inside them.
 */
async function retryWhileBusy<T>(run: () => Promise<T>): Promise<T> {
  for (const delay of BUSY_RETRY_DELAYS_MS) {
    try {
      return await run();
    } catch (error) {
      if (!isDatabaseBusy(error)) throw error;
      await new Promise((resolve) => setTimeout(resolve, delay * (0.5 + Math.random())));
    }
  }
  return run();
}

/** A statement that writes: the ones that take the database's write lock when run alone. */
function isWriteStatement(statement: InStatement | string): boolean {
  const sqlText = typeof statement === "string" ? statement : statement.sql;
  return /^\s*(insert|update|delete|replace|with)\b/i.test(sqlText);
}

/**
 * Bounds a remote client's concurrent writers (decision 035): a write batch or a write transaction
 * takes a place for as long as it runs (a transaction until it commits, rolls back or closes); reads
 * never wait. A write batch refused as busy is tried again (retryWhileBusy). `writers` is the bound, counted in `pending` for /metrics-style checks in tests.
 */
export function boundWriters(client: Client, writers: number): { active(): number; pending(): number } {
  const limit = pLimit(Math.max(1, Math.floor(writers)));
  const batch = client.batch.bind(client);
  const transaction = client.transaction.bind(client);
  const isWrite = (mode: TransactionMode | undefined) => mode !== "read";
  client.batch = ((stmts: InStatement[], mode?: TransactionMode) =>
    isWrite(mode) ? limit(() => retryWhileBusy(() => batch(stmts, mode))) : batch(stmts, mode)) as typeof batch;
  // A single writing statement (drizzle sends one as `execute`) holds sqld's write lock too: it takes a
  // place like a batch, and a refusal as busy (it did not run) is tried again.
  const execute = client.execute.bind(client);
  client.execute = ((statement: InStatement | string, ...rest: unknown[]) =>
    isWriteStatement(statement)
      ? limit(() => retryWhileBusy(() => (execute as (...args: unknown[]) => Promise<unknown>)(statement, ...rest)))
      : (execute as (...args: unknown[]) => Promise<unknown>)(statement, ...rest)) as typeof execute;
  client.transaction = (async (mode?: TransactionMode) => {
    if (!isWrite(mode)) return transaction(mode);
    // A place held from opening until the transaction ends, however it ends.
    const release = await new Promise<() => void>((resolve) => {
      void limit(() => new Promise<void>((done) => resolve(done)));
    });
    let tx: Awaited<ReturnType<typeof transaction>>;
    try {
      tx = await transaction(mode);
    } catch (error) {
      release();
      throw error;
    }
    let isReleased = false;
    const releaseOnce = () => {
      if (!isReleased) {
        isReleased = true;
        release();
      }
    };
    const commit = tx.commit.bind(tx);
    const rollback = tx.rollback.bind(tx);
    const close = tx.close.bind(tx);
    tx.commit = () => commit().finally(releaseOnce);
    tx.rollback = () => rollback().finally(releaseOnce);
    tx.close = () => {
      try {
        close();
      } finally {
        releaseOnce();
      }
    };
    return tx;
  }) as typeof transaction;
  return { active: () => limit.activeCount, pending: () => limit.pendingCount };
}
