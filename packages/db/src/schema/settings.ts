// Shop tables for how a shop gets goods to buyers and charges for them.
import { sql } from "drizzle-orm";
import { check, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { amount, createdAt, flag, json, timestamp, updatedAt } from "./columns.ts";
import { shopIdColumn, shopKey } from "./shop-columns.ts";

/** Opening hours by weekday (0 = Sunday), each a list of "HH:MM-HH:MM" ranges in the shop's time. */
export type OpeningHours = { day: number; opens: string; closes: string }[];

export const pickupPoints = sqliteTable(
  "pickup_points",
  {
    shopId: shopIdColumn(),
    id: text("id").primaryKey(),
    name: text("name").notNull(),
    address: text("address").notNull(),
    hours: json<OpeningHours>("hours").notNull().default(sql`'[]'`),
    instructions: text("instructions").notNull().default(""),
    isActive: flag("is_active").notNull().default(true),
    position: integer("position").notNull().default(0),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [shopKey("pickup_points", t)],
);

/** Local delivery described the way people describe places: a name, landmarks, not only postcodes. */
export const deliveryAreas = sqliteTable(
  "delivery_areas",
  {
    shopId: shopIdColumn(),
    id: text("id").primaryKey(),
    name: text("name").notNull(),
    description: text("description").notNull().default(""),
    postcodes: json<string[]>("postcodes").notNull().default(sql`'[]'`),
    feeAmount: amount("fee_amount").notNull(),
    minimumOrderAmount: amount("minimum_order_amount").notNull().default(0),
    freeOverAmount: amount("free_over_amount"),
    currency: text("currency").notNull(),
    /** Weekdays deliveries go out (0 = Sunday). */
    deliveryDays: json<number[]>("delivery_days").notNull().default(sql`'[]'`),
    isActive: flag("is_active").notNull().default(true),
    position: integer("position").notNull().default(0),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    shopKey("delivery_areas", t),
    check("delivery_areas_fee_non_negative", sql`${t.feeAmount} >= 0 AND ${t.minimumOrderAmount} >= 0`),
  ],
);

export const shippingRates = sqliteTable(
  "shipping_rates",
  {
    shopId: shopIdColumn(),
    id: text("id").primaryKey(),
    name: text("name").notNull(),
    /** ISO 3166-1 alpha-2 codes; ["*"] for everywhere else. */
    countries: json<string[]>("countries").notNull(),
    priceAmount: amount("price_amount").notNull(),
    freeOverAmount: amount("free_over_amount"),
    currency: text("currency").notNull(),
    minDays: integer("min_days"),
    maxDays: integer("max_days"),
    /** The rate applies to orders weighing at least / at most this many grams (null: no bound). */
    minWeightGrams: integer("min_weight_grams"),
    maxWeightGrams: integer("max_weight_grams"),
    isActive: flag("is_active").notNull().default(true),
    position: integer("position").notNull().default(0),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [shopKey("shipping_rates", t), check("shipping_rates_price_non_negative", sql`${t.priceAmount} >= 0`)],
);

/** One row per shop: whether prices include tax or have it added, and the rate. */
export const taxSettings = sqliteTable(
  "tax_settings",
  {
    shopId: shopIdColumn(),
    id: text("id").primaryKey(),
    mode: text("mode", { enum: ["included", "added", "none"] })
      .notNull()
      .default("none"),
    rateBasisPoints: integer("rate_bps").notNull().default(0),
    label: text("label").notNull().default("Tax"),
    appliesToFulfilment: flag("applies_to_fulfilment").notNull().default(false),
    updatedAt: updatedAt(),
  },
  (t) => [
    shopKey("tax_settings", t),
    uniqueIndex("tax_settings_shop_unique").on(t.shopId),
    check("tax_settings_rate_range", sql`${t.rateBasisPoints} BETWEEN 0 AND 10000`),
  ],
);

export const discountCodes = sqliteTable(
  "discount_codes",
  {
    shopId: shopIdColumn(),
    id: text("id").primaryKey(),
    /** Stored upper-case; buyers type it in any case. */
    code: text("code").notNull(),
    kind: text("kind", { enum: ["percent", "fixed"] }).notNull(),
    /** Basis points for `percent` (1000 = 10%), minor units for `fixed`. */
    value: integer("value").notNull(),
    currency: text("currency").notNull(),
    minimumSubtotalAmount: amount("minimum_subtotal_amount").notNull().default(0),
    startsAt: timestamp("starts_at"),
    endsAt: timestamp("ends_at"),
    usageLimit: integer("usage_limit"),
    usageCount: integer("usage_count").notNull().default(0),
    isActive: flag("is_active").notNull().default(true),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    shopKey("discount_codes", t),
    uniqueIndex("discount_codes_shop_code_unique").on(t.shopId, t.code),
    check("discount_codes_value_positive", sql`${t.value} > 0`),
    check(
      "discount_codes_usage_within_limit",
      sql`${t.usageCount} >= 0 AND (${t.usageLimit} IS NULL OR ${t.usageCount} <= ${t.usageLimit})`,
    ),
  ],
);
