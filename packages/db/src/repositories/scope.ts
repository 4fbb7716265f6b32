import { and, eq, type SQL } from "drizzle-orm";
import type { SQLiteColumn } from "drizzle-orm/sqlite-core";

/** A row of a shop's table as a repository takes it: the shop comes from the repository. */
export type WithoutShop<T> = Omit<T, "shopId">;

/** Thrown when code asks to update or delete with no filter: that would touch every row. */
export class EmptyFilterError extends Error {
  constructor(operation: "update" | "delete", table: string) {
    super(`Refusing to ${operation} ${table} without a filter: that would touch every row of the shop`);
    this.name = "EmptyFilterError";
  }
}

/**
 * The filter every shop-bound query uses: `shop_id = ?` AND the caller's condition. For writes the
 * caller's condition is required; an absent one throws instead of widening to the whole shop.
 */
export function shopFilter(column: SQLiteColumn, shopId: string, where?: SQL): SQL {
  return and(eq(column, shopId), where) as SQL;
}

export function writeFilter(
  operation: "update" | "delete",
  table: string,
  column: SQLiteColumn,
  shopId: string,
  where: SQL | undefined,
): SQL {
  if (where === undefined) throw new EmptyFilterError(operation, table);
  return shopFilter(column, shopId, where);
}
