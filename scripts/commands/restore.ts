// `npm run stall -- restore <file>`: put a backup in place of the embedded database, with Stall stopped
// (decision 024). The replaced database is kept beside it.
import { parseEnv } from "@stall/api/env";
import { BackupError, filePathOf, restoreDatabase } from "@stall/db";
import { formatBytes, formatTables, totalRows } from "../lib/format.ts";
import { type Command, UsageError } from "./command.ts";

async function run(args: string[]): Promise<number> {
  const [source, ...extra] = args;
  if (!source || extra.length > 0 || source.startsWith("-")) {
    throw new UsageError("Name the backup file to restore; stop the API first.");
  }
  const env = parseEnv(process.env);
  const databasePath = filePathOf(env.DATABASE_URL);
  if (databasePath === undefined || databasePath === ":memory:") {
    process.stderr.write(
      `DATABASE_URL (${env.DATABASE_URL}) is a libSQL server, not a file. Restore on the server: ` +
        "see the README, Backups (sqld).\n",
    );
    return 1;
  }
  try {
    const report = await restoreDatabase({ source, databasePath });
    process.stdout.write(
      `Restored ${report.database}\n` +
        `    from ${source}\n` +
        `${formatBytes(report.bytes)}, ${report.tables.length} tables, ${totalRows(report.tables).toLocaleString("en")} rows, ` +
        "integrity check ok\n" +
        (report.keptAs ? `The database it replaced is kept as ${report.keptAs}\n` : "") +
        `${formatTables(report.tables)}\n` +
        "Start Stall again; it applies any newer migrations to the restored database.\n",
    );
    return 0;
  } catch (error) {
    if (!(error instanceof BackupError)) throw error;
    process.stderr.write(`Restore failed: ${error.message}\n`);
    return 1;
  }
}

const restore: Command = {
  name: "restore",
  summary: "replace the database with a backup (stop Stall first; the old one is kept)",
  usage: "restore <file>",
  run,
};
export default restore;
