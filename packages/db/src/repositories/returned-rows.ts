// Rows a grouped write's RETURNING * gave back, as drizzle's select would give them.
//
// A grouped write (grouped-writes.ts) travels as plain SQL and comes back as the driver's rows, keyed by
// column name and holding what the database stored (JSON as text, times as integers). Reading them again
// through drizzle would cost a request more (on sqld, a round trip), so they are mapped here, column by
// column, with each column's own conversion: the same one drizzle's select applies.
import type { ResultSet } from "@libsql/client";
import { getTableColumns, type InferSelectModel, type Table } from "drizzle-orm";

/** The rows of `result` as `table`'s select model; a column the rows lack is an error, not undefined. */
export function returnedRows<T extends Table>(table: T, result: ResultSet | undefined): InferSelectModel<T>[] {
  if (!result) return [];
  const columns = Object.entries(getTableColumns(table));
  return result.rows.map((row) => {
    const mapped: Record<string, unknown> = {};
    for (const [key, column] of columns) {
      if (!(column.name in row)) throw new Error(`RETURNING gave no ${column.name} column`);
      const value = row[column.name];
      mapped[key] = value === null || value === undefined ? null : column.mapFromDriverValue(value);
    }
    return mapped as InferSelectModel<T>;
  });
}
