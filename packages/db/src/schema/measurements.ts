// Measurements taken of a shop from outside: the weight of its storefront pages (for the green figure).
import { integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { json, timestamp } from "./columns.ts";
import { shopIdColumn } from "./shop-columns.ts";

/**
 * The latest measured weight of a shop's storefront pages: compressed bytes a phone downloads for one
 * view (HTML, CSS, script and the images the page loads), averaged over the pages measured. One row per
 * shop, replaced by each measurement (`npm run stall -- measure-pages`).
 */
export const shopPageWeights = sqliteTable("shop_page_weights", {
  shopId: shopIdColumn().primaryKey(),
  /** Average bytes per page view over the pages measured. */
  bytesPerView: integer("bytes_per_view").notNull(),
  /** Each page measured: its path and its bytes. */
  pages: json<{ path: string; bytes: number }[]>("pages").notNull(),
  measuredAt: timestamp("measured_at").notNull(),
  /** The storefront address the pages were fetched from, so a figure says where it came from. */
  source: text("source").notNull(),
});
