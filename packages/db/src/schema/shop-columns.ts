import { foreignKey, type SQLiteColumn, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { shops } from "./platform.ts";

/** `shop_id`, the first column of every shop table. */
export const shopIdColumn = () =>
  text("shop_id")
    .notNull()
    .references(() => shops.id, { onDelete: "cascade" });

/** The `(shop_id, id)` unique key every shop table has, so foreign keys can include the shop. */
export const shopKey = (table: string, columns: { shopId: SQLiteColumn; id: SQLiteColumn }) =>
  uniqueIndex(`${table}_shop_id_id_unique`).on(columns.shopId, columns.id);

/**
 * A composite foreign key `(shop_id, x_id) -> parent(shop_id, id)`: a row can only point at a row
 * of its own shop, whatever the application does.
 */
export const sameShopReference = (
  name: string,
  local: [SQLiteColumn, SQLiteColumn],
  parent: [SQLiteColumn, SQLiteColumn],
  onDelete: "cascade" | "restrict" = "cascade",
) => foreignKey({ name, columns: local, foreignColumns: parent }).onDelete(onDelete);
