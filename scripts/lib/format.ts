// How the backup and restore commands print sizes and table counts.
import type { TableCount } from "@stall/db";

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** One line per table that has rows, names padded so the counts line up, then how many are empty. */
export function formatTables(tables: TableCount[]): string {
  const filled = tables.filter((table) => table.rows > 0);
  const width = Math.max(0, ...filled.map((table) => table.table.length));
  const lines = filled.map((table) => `  ${table.table.padEnd(width)}  ${table.rows.toLocaleString("en")}`);
  const empty = tables.length - filled.length;
  if (empty > 0) lines.push(`  (${empty} more table${empty === 1 ? "" : "s"} with no rows)`);
  return lines.join("\n");
}

export function totalRows(tables: TableCount[]): number {
  return tables.reduce((sum, table) => sum + table.rows, 0);
}
