// `npm run stall -- backup <file>`: a consistent copy of the embedded database while Stall keeps running
// (decision 024).
import { parseEnv } from "@stall/api/env";
import { BackupError, backupDatabase, createDb } from "@stall/db";
import { formatBytes, formatTables, totalRows } from "../lib/format.ts";
import { type Command, UsageError } from "./command.ts";

async function run(args: string[]): Promise<number> {
  const [target, ...extra] = args;
  if (!target || extra.length > 0 || target.startsWith("-")) {
    throw new UsageError("Name one new file to write the backup to (a backup never overwrites a file).");
  }
  const env = parseEnv(process.env);
  if (!env.DATABASE_URL.startsWith("file:")) {
    process.stderr.write(
      `DATABASE_URL (${env.DATABASE_URL}) is a libSQL server, not a file. Back it up on the server: ` +
        "see the README, Backups (sqld).\n",
    );
    return 1;
  }
  const database = await createDb(env.DATABASE_URL);
  try {
    const report = await backupDatabase(database, target);
    process.stdout.write(
      `Backed up ${env.DATABASE_URL.slice("file:".length)}\n` +
        `       to ${report.file}\n` +
        `${formatBytes(report.bytes)}, ${report.tables.length} tables, ${totalRows(report.tables).toLocaleString("en")} rows, ` +
        `integrity check ok, ${(report.durationMs / 1000).toFixed(1)} s\n` +
        `${formatTables(report.tables)}\n`,
    );
    return 0;
  } catch (error) {
    if (!(error instanceof BackupError)) throw error;
    process.stderr.write(`Backup failed: ${error.message}\n`);
    return 1;
  } finally {
    database.close();
  }
}

const backup: Command = {
  name: "backup",
  summary: "copy the database to a new file while Stall keeps running",
  usage: "backup <file>",
  run,
};
export default backup;
