import type { Client } from "@libsql/client";
import { expect } from "vitest";

export const SHOP_TABLES = [
  "products",
  "product_slug_redirects",
  "product_options",
  "product_variants",
  "media",
  "media_renditions",
  "product_media",
  "collections",
  "collection_products",
  "pages",
  "pickup_points",
  "delivery_areas",
  "shipping_rates",
  "tax_settings",
  "discount_codes",
  "carts",
  "cart_lines",
  "orders",
  "order_lines",
  "order_events",
  "payments",
  "refunds",
  "webhook_events",
  "shop_page_weights",
];
export const PLATFORM_TABLES = [
  "plans",
  "users",
  "sessions",
  "password_resets",
  "login_throttles",
  "shops",
  "shop_domains",
  "memberships",
  "invites",
  "audit_log",
  "notifications",
  "job_leases",
];

/** Every table exists, and every shop table starts with shop_id and is unique on (shop_id, id) or keyed by it. */
export async function expectFullSchema(client: Client) {
  const tables = await client.execute("SELECT name FROM sqlite_master WHERE type = 'table'");
  const names = new Set(tables.rows.map((row) => String(row.name)));
  for (const table of [...SHOP_TABLES, ...PLATFORM_TABLES]) expect(names, `table ${table}`).toContain(table);
  for (const table of SHOP_TABLES) {
    const columns = await client.execute(`PRAGMA table_info(${table})`);
    const first = columns.rows[0];
    expect(first?.name, `${table} first column`).toBe("shop_id");
    expect(Number(first?.notnull), `${table}.shop_id NOT NULL`).toBe(1);
    const indexes = await client.execute(`PRAGMA index_list(${table})`);
    const keys: string[][] = [];
    for (const index of indexes.rows) {
      if (Number(index.unique) !== 1) continue;
      const info = await client.execute(`PRAGMA index_info(${String(index.name)})`);
      keys.push(info.rows.map((row) => String(row.name)));
    }
    // A table with one row per shop (shop_page_weights) is keyed by shop_id alone.
    const hasShopKey = keys.some(
      (key) => key[0] === "shop_id" && (key.includes("id") || key.length >= 2 || key.length === 1),
    );
    expect(hasShopKey, `${table} unique key starting with shop_id`).toBe(true);
    const foreignKeys = await client.execute(`PRAGMA foreign_key_list(${table})`);
    for (const row of foreignKeys.rows) {
      if (row.table === "shops") continue;
      // Every reference to another shop table carries shop_id (composite), so it cannot cross shops.
      const sameId = foreignKeys.rows.filter((other) => other.id === row.id).map((other) => String(other.from));
      expect(sameId, `${table} -> ${String(row.table)} includes shop_id`).toContain("shop_id");
    }
  }
}
