// Opening the embedded libSQL file: the one way both the main thread (createDb) and the writer's
// thread (writer-thread.worker.ts) open it, kept apart from drizzle and the schema so the thread
// starts in a tenth of the time.
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { type Client, createClient } from "@libsql/client";
import { isDatabaseBusy } from "./errors.ts";
import { keepPreparedStatements } from "./statement-cache.ts";

/**
 * Opens `url` (a `file:` URL whose path is `path`, or `:memory:`): WAL, the busy timeout, kept
 * statements (decision 046), and a check that foreign keys are on.
 */
export async function openEmbeddedFile(url: string, path: string, busyTimeoutMs: number): Promise<Client> {
  if (path !== ":memory:") mkdirSync(dirname(path), { recursive: true });
  // Embedded connections keep their prepared statements (decision 046); remote ones prepare on the server.
  keepPreparedStatements();
  const client = createClient({
    url,
    // Without a busy timeout two writers on one file get SQLITE_BUSY and lose writes.
    timeout: busyTimeoutMs,
    intMode: "number",
  });
  retireConnectionsAfterBusy(client);
  try {
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
  } catch (error) {
    client.close();
    throw error;
  }
  return client;
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
