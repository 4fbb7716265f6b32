// How the backup and restore commands print sizes and table counts.
import type { TableCount } from "@stall/db";

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** One line per table, names padded so the counts line up. */
export function formatTables(tables: TableCount[]): string {
  const width = Math.max(0, ...tables.map((table) => table.table.length));
  return tables.map((table) => `  ${table.table.padEnd(width)}  ${table.rows.toLocaleString("en")}`).join("\n");
}

export function totalRows(tables: TableCount[]): number {
  return tables.reduce((sum, table) => sum + table.rows, 0);
}
