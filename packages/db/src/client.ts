import { fileURLToPath } from "node:url";
import { type Client, createClient, type InStatement, type TransactionMode } from "@libsql/client";
import { drizzle, type LibSQLDatabase } from "drizzle-orm/libsql";
import pLimit from "p-limit";
import { openEmbeddedFile } from "./embedded-file.ts";
import { isDatabaseBusy } from "./errors.ts";
import { type KeptStreamCounts, type KeptStreams, keepStreams } from "./kept-streams.ts";
import * as schema from "./schema/index.ts";
import { closeWriterThread, writeInThread } from "./writer-thread.ts";

export type Schema = typeof schema;
/** The drizzle handle, with the libSQL client under it (`$client`) for the few writes built by hand. */
export type Db = LibSQLDatabase<Schema> & { $client: Client };

export type Database = {
  db: Db;
  client: Client;
  /** `file` for the embedded default, `remote` for sqld / Turso over HTTP or WebSocket. */
  kind: "file" | "remote";
  /** Over HTTP, the sqld streams kept open between requests (decision 051); undefined otherwise. */
  streams?: () => KeptStreamCounts;
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
  /**
   * Where an embedded file's grouped writes (orders, the outbox's records) are made: `thread` (the
   * default, decision 047), a thread of their own, or `inline`, on this connection (the writer's
   * thread itself opens its file so).
   */
  writer?: "thread" | "inline";
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
  const busyTimeoutMs = options.busyTimeoutMs ?? 5000;
  if (path === undefined) {
    const { client, streams } = await openRemote(url, options);
    return {
      db: drizzle(client, { schema }),
      client,
      kind: "remote",
      ...(streams ? { streams: streams.counts } : {}),
      close: () => {
        streams?.closeAll();
        client.close();
      },
    };
  }
  const client = await openEmbeddedFile(url, path, busyTimeoutMs);
  // An in-memory database lives on one connection only: nothing can be written to it from another.
  if (path !== ":memory:" && options.writer !== "inline") {
    writeInThread(client, { url, path, busyTimeoutMs });
  }
  return {
    db: drizzle(client, { schema }),
    client,
    kind: "file",
    close: () => {
      closeWriterThread(client);
      client.close();
    },
  };
}

/** Requests of this process to sqld or Turso at once (@libsql/client's own default); the rest wait in turn. */
const REMOTE_REQUESTS_IN_FLIGHT = 20;

/**
 * sqld or Turso: at most `maxWriters` writes of this process at once, over HTTP its streams kept open
 * between requests (decision 051), and a first round trip to check.
 */
async function openRemote(url: string, options: CreateDbOptions): Promise<{ client: Client; streams?: KeptStreams }> {
  // As many streams kept as the client has requests in flight (its own bound, 20 by default), so none
  // is opened or closed only because a burst came.
  const streams = /^(https?|libsql):/i.test(url) ? keepStreams({ maxKept: REMOTE_REQUESTS_IN_FLIGHT }) : undefined;
  const client = createClient({
    url,
    ...(options.authToken ? { authToken: options.authToken } : {}),
    timeout: options.busyTimeoutMs ?? 5000,
    intMode: "number",
    concurrency: REMOTE_REQUESTS_IN_FLIGHT,
    ...(streams ? { fetch: streams.fetch } : {}),
  });
  boundWriters(client, options.maxWriters ?? DEFAULT_MAX_WRITERS);
  try {
    await client.execute("SELECT 1");
  } catch (error) {
    client.close();
    throw error;
  }
  return streams ? { client, streams } : { client };
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
