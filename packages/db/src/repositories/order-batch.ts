// The statements that place an order, their SQL built once per shape of order (decision 046).
//
// Drizzle builds a statement's text anew at every call; for the order batch (ten statements) that cost
// about as much as the database's own work. The batch's text depends only on the order's shape (how many
// sizes take stock, whether a code is used, how many lines, which fields are set, which emails carry the
// order number), so each shape is built once with drizzle, every value a placeholder, and an order only
// fills the placeholders in. Drizzle still writes the SQL and still encodes each value for its column
// (JSON, booleans): only the repetition is gone.
import { LOW_STOCK } from "@stall/domain";
import { eq, fillPlaceholders, inArray, type Placeholder, type SQL, sql } from "drizzle-orm";
import { LRUCache } from "lru-cache";
import type { Db } from "../client.ts";
import {
  discountCodes,
  notifications,
  orderEvents,
  orderLines,
  orders,
  payments,
  productVariants,
  shops,
} from "../schema/index.ts";
import { builtOnce } from "./built-once.ts";
import { type WithoutShop, writeFilter } from "./scope.ts";
import { bumpShopVersion } from "./shop-version.ts";

/** An order as `orders.place` writes it. */
export type NewOrder = {
  /** Without `number`: `place` takes it from the shop's counter inside its batch. */
  order: Omit<WithoutShop<typeof orders.$inferInsert>, "number">;
  lines: Omit<WithoutShop<typeof orderLines.$inferInsert>, "orderId">[];
  event: Omit<WithoutShop<typeof orderEvents.$inferInsert>, "orderId">;
  payment: Omit<WithoutShop<typeof payments.$inferInsert>, "orderId">;
  /** Units to take per tracked variant. */
  stock: { variantId: string; quantity: number }[];
  discountCodeId: string | null;
  notifications: (typeof notifications.$inferInsert)[];
};

type Built = { sql: string; params: unknown[] };
type Template = { statements: Built[]; numberAt: number };

/** Shapes kept per database handle, the least recently used going first. */
const MAX_SHAPES = 64;
const shapesOf = builtOnce((_db) => new LRUCache<string, Template>({ max: MAX_SHAPES }));

const hasOrderNumber = (payload: unknown) =>
  payload !== null && typeof payload === "object" && "orderNumber" in (payload as object);

/** Placeholders where a table's row type wants values: the types cannot say "filled in later". */
const asRow = <T>(fields: object) => fields as unknown as T;

/** The fields `row` sets: one left undefined takes its column's default, as drizzle does with a value. */
function fieldsOf(row: object): string[] {
  return Object.entries(row).flatMap(([key, value]) => (value === undefined ? [] : [key]));
}

/** The placeholder for each field of `row`, named `{prefix}{field}`, for a drizzle `.values(...)`. */
function placeholders(prefix: string, row: object): Record<string, Placeholder> {
  return Object.fromEntries(fieldsOf(row).map((key) => [key, sql.placeholder(`${prefix}${key}`)]));
}

/** What decides the batch's text: counts, and the fields each row sets. */
function shapeOf(order: NewOrder): string {
  return [
    order.stock.length,
    order.discountCodeId ? "code" : "",
    fieldsOf(order.order).join(),
    ...order.lines.map((line) => fieldsOf(line).join()),
    fieldsOf(order.event).join(),
    fieldsOf(order.payment).join(),
    ...order.notifications.map((row) => `${fieldsOf(row).join()}:${hasOrderNumber(row.payload) ? "n" : ""}`),
  ].join("|");
}

/** Every placeholder's value for this order. */
function valuesOf(shopId: string, order: NewOrder, now: number): Record<string, unknown> {
  const values: Record<string, unknown> = {
    shopId,
    now,
    orderId: order.order.id,
    discountCodeId: order.discountCodeId,
    lowStock: LOW_STOCK,
  };
  const put = (prefix: string, row: object) => {
    for (const [key, value] of Object.entries(row)) values[`${prefix}${key}`] = value;
  };
  for (const [index, take] of order.stock.entries()) {
    values[`take${index}_variantId`] = take.variantId;
    values[`take${index}_quantity`] = take.quantity;
  }
  put("order_", order.order);
  for (const [index, line] of order.lines.entries()) put(`line${index}_`, line);
  put("event_", order.event);
  put("payment_", order.payment);
  for (const [index, row] of order.notifications.entries()) {
    put(`email${index}_`, row);
    if (hasOrderNumber(row.payload)) values[`email${index}_payload`] = JSON.stringify(row.payload);
  }
  return values;
}

/** The batch for an order of this shape, every value a placeholder (see valuesOf for the names). */
function build(db: Db, order: NewOrder): Template {
  const p = sql.placeholder;
  const shopId = p("shopId") as unknown as string;
  const now = sql`${p("now")}`;
  const orderId = p("orderId");
  const numberOfThisOrder = sql`(SELECT ${orders.number} FROM ${orders} WHERE ${orders.id} = ${orderId})`;
  const queries: { toSQL(): Built }[] = [
    ...order.stock.map((_, index) => {
      const quantity = p(`take${index}_quantity`);
      return (
        db
          .update(productVariants)
          // A variant that keeps selling when out of stock (decision 033) stops at 0 instead of tripping
          // the CHECK; every other variant still fails the whole write when short.
          .set({
            stock: sql`CASE WHEN ${productVariants.isSoldWhenOutOfStock} THEN MAX(0, ${productVariants.stock} - ${quantity}) ELSE ${productVariants.stock} - ${quantity} END`,
            updatedAt: now,
          })
          .where(
            writeFilter(
              "update",
              "product_variants",
              productVariants.shopId,
              shopId,
              eq(productVariants.id, p(`take${index}_variantId`) as unknown as string),
            ),
          )
      );
    }),
    ...(order.discountCodeId
      ? [
          db
            .update(discountCodes)
            .set({ usageCount: sql`${discountCodes.usageCount} + 1` })
            .where(
              writeFilter(
                "update",
                "discount_codes",
                discountCodes.shopId,
                shopId,
                eq(discountCodes.id, p("discountCodeId") as unknown as string),
              ),
            ),
        ]
      : []),
    db
      .insert(orders)
      .values(
        asRow<typeof orders.$inferInsert>({
          ...placeholders("order_", order.order),
          shopId,
          number: sql`(SELECT ${shops.nextOrderNumber} FROM ${shops} WHERE ${shops.id} = ${shopId})`,
        }),
      )
      .returning({ number: orders.number }),
    // The counter and, for operators' "last order" filter, when the shop last sold.
    db
      .update(shops)
      .set({ nextOrderNumber: sql`${shops.nextOrderNumber} + 1`, lastOrderAt: now, updatedAt: now })
      .where(eq(shops.id, shopId)),
    // The version only when what buyers see of stock can have changed (a size now low or gone, decision
    // 043): a shop selling from deep stock keeps its cached pages. A separate statement, because a trigger
    // "OF version" fires whenever the column is set, even to itself.
    ...(order.stock.length > 0
      ? [
          bumpShopVersion(
            db,
            shopId,
            now as unknown as number,
            sql`EXISTS (SELECT 1 FROM ${productVariants} WHERE ${productVariants.shopId} = ${shopId} AND ${inArray(
              productVariants.id,
              order.stock.map((_, index) => p(`take${index}_variantId`) as unknown as string),
            )} AND ${productVariants.stock} <= ${p("lowStock")})`,
          ),
        ]
      : []),
    db
      .insert(orderLines)
      .values(
        order.lines.map((line, index) =>
          asRow<typeof orderLines.$inferInsert>({ ...placeholders(`line${index}_`, line), shopId, orderId }),
        ),
      ),
    db
      .insert(orderEvents)
      .values(asRow<typeof orderEvents.$inferInsert>({ ...placeholders("event_", order.event), shopId, orderId })),
    db
      .insert(payments)
      .values(asRow<typeof payments.$inferInsert>({ ...placeholders("payment_", order.payment), shopId, orderId })),
    ...order.notifications.map((row, index) => {
      const fields: Record<string, Placeholder | SQL> = placeholders(`email${index}_`, row);
      // The order's number is known only inside the write: the payload gets it with json_set.
      if (hasOrderNumber(row.payload)) {
        fields.payload = sql`json_set(${p(`email${index}_payload`)}, '$.orderNumber', ${numberOfThisOrder})`;
      }
      return db.insert(notifications).values(asRow<typeof notifications.$inferInsert>(fields)).onConflictDoNothing();
    }),
  ];
  return {
    statements: queries.map((query) => query.toSQL()),
    numberAt: order.stock.length + (order.discountCodeId ? 1 : 0),
  };
}

/** The order batch's statements with this order's values, and which statement answers its number. */
export function orderBatch(
  db: Db,
  shopId: string,
  order: NewOrder,
  now: number,
): { statements: { sql: string; args: unknown[] }[]; numberAt: number } {
  const shapes = shapesOf(db);
  const shape = shapeOf(order);
  let template = shapes.get(shape);
  if (!template) {
    template = build(db, order);
    shapes.set(shape, template);
  }
  const values = valuesOf(shopId, order, now);
  return {
    statements: template.statements.map((statement) => ({
      sql: statement.sql,
      args: fillPlaceholders(statement.params, values),
    })),
    numberAt: template.numberAt,
  };
}
