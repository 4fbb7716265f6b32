// Run as a child process by backup.ts: `node backup-probe.ts check|in-use <file>`, answering one line of
// JSON. A libSQL connection is only really closed when garbage collection finalises its statements, so
// a check run in the caller's process would keep the file locked (and, once finally closed, tidy up the
// WAL by name) long after it answered; a child's connections end with it.
import { type Client, createClient } from "@libsql/client";

export type ProbeAnswer =
  | { kind: "check"; problems: string[]; tables: { table: string; rows: number }[]; lastMigration: number | null }
  | { kind: "in-use"; inUse: boolean }
  | { kind: "error"; message: string };

async function check(client: Client): Promise<ProbeAnswer> {
  const integrity = await client.execute("PRAGMA integrity_check");
  const lines = integrity.rows.map((row) => String(row[0]));
  const problems = lines.length === 1 && lines[0] === "ok" ? [] : lines;
  if (problems.length > 0) return { kind: "check", problems, tables: [], lastMigration: null };
  const names = await client.execute(
    "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
  );
  const tables: { table: string; rows: number }[] = [];
  for (const row of names.rows) {
    const table = String(row[0]);
    const count = await client.execute(`SELECT COUNT(*) FROM "${table.replaceAll('"', '""')}"`);
    tables.push({ table, rows: Number(count.rows[0]?.[0] ?? 0) });
  }
  let lastMigration: number | null = null;
  if (tables.some((entry) => entry.table === "__drizzle_migrations")) {
    const applied = await client.execute("SELECT MAX(CAST(created_at AS INTEGER)) FROM __drizzle_migrations");
    lastMigration = Number(applied.rows[0]?.[0] ?? 0);
  }
  return { kind: "check", problems, tables, lastMigration };
}

/**
 * A connection asking for exclusive locking mode cannot take the file while another process holds a
 * lock on it; in WAL mode an open connection that has read holds one for as long as it is open.
 */
async function inUse(client: Client): Promise<ProbeAnswer> {
  try {
    await client.executeMultiple("PRAGMA locking_mode=EXCLUSIVE; BEGIN EXCLUSIVE; COMMIT;");
    return { kind: "in-use", inUse: false };
  } catch (error) {
    if (/SQLITE_BUSY|database is locked/i.test(String((error as Error).message)))
      return { kind: "in-use", inUse: true };
    throw error;
  }
}

const [command, path] = process.argv.slice(2);
let answer: ProbeAnswer;
try {
  const client = createClient({ url: `file:${path}`, timeout: command === "in-use" ? 200 : 5000, intMode: "number" });
  answer = command === "in-use" ? await inUse(client) : await check(client);
} catch (error) {
  answer = { kind: "error", message: (error as Error).message };
}
process.stdout.write(`${JSON.stringify(answer)}\n`);
process.exit(0);
