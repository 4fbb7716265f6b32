// The statements that place an order, their SQL built once per shape of order (decision 046).
//
// Drizzle builds a statement's text anew at every call; for the order batch (ten statements) that cost
// about as much as the database's own work. The batch's text depends only on the order's shape (how many
// sizes take stock, whether a code is used, how many lines, which fields are set, which emails carry the
// order number), so each shape is built once with drizzle, every value a placeholder, and an order only
// fills the placeholders in. Drizzle still writes the SQL and still encodes each value for its column
// (JSON, booleans): only the repetition is gone. Each placeholder is made with the way to read its value
// from the order, so filling a batch in is a list of small reads, compiled once per shape (decision 057).
import { LOW_STOCK } from "@stall/domain";
import { eq, inArray, is, Param, Placeholder, type SQL, sql } from "drizzle-orm";
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

/** What a batch is filled in from. */
type Input = { shopId: string; order: NewOrder; now: number };
/** One statement parameter's value for an order. */
type Fill = (input: Input) => unknown;
type Template = { statements: { sql: string; fills: Fill[] }[]; numberAt: number };

/** Shapes kept per database handle, the least recently used going first. */
const MAX_SHAPES = 64;
const shapesOf = builtOnce((_db) => new LRUCache<string, Template>({ max: MAX_SHAPES }));

const hasOrderNumber = (payload: unknown) =>
  payload !== null && typeof payload === "object" && "orderNumber" in (payload as object);

/** Placeholders where a table's row type wants values: the types cannot say "filled in later". */
const asRow = <T>(fields: object) => fields as unknown as T;

/** The fields `row` sets: one left undefined takes its column's default, as drizzle does with a value. */
function fieldsOf(row: object): string[] {
  const fields: string[] = [];
  for (const key in row) if ((row as Record<string, unknown>)[key] !== undefined) fields.push(key);
  return fields;
}

/** What decides the batch's text: counts, and the fields each row sets. */
function shapeOf(order: NewOrder): string {
  let shape = `${order.stock.length}|${order.discountCodeId ? "code" : ""}|${fieldsOf(order.order).join()}`;
  for (const line of order.lines) shape += `|${fieldsOf(line).join()}`;
  shape += `|${fieldsOf(order.event).join()}|${fieldsOf(order.payment).join()}`;
  for (const row of order.notifications) shape += `|${fieldsOf(row).join()}:${hasOrderNumber(row.payload) ? "n" : ""}`;
  return shape;
}

/** Each placeholder's reader, by name, as `build` makes them. */
type Slots = Map<string, Fill>;

/** A placeholder named `name` whose value `read` takes from the order. */
function slot(slots: Slots, name: string, read: Fill): Placeholder {
  slots.set(name, read);
  return sql.placeholder(name);
}

/** A placeholder for each field `row` sets, named `{prefix}{field}`, for a drizzle `.values(...)`. */
function placeholders(
  slots: Slots,
  prefix: string,
  row: object,
  rowOf: (input: Input) => object,
): Record<string, Placeholder> {
  const fields: Record<string, Placeholder> = {};
  for (const key of fieldsOf(row)) {
    fields[key] = slot(slots, `${prefix}${key}`, (input) => (rowOf(input) as Record<string, unknown>)[key]);
  }
  return fields;
}

/**
 * How each parameter of a statement drizzle built is filled in: a placeholder reads the order, one under
 * a column's encoder (JSON, booleans) is encoded as drizzle's fillPlaceholders would, the rest are constants.
 */
function fillsOf(params: unknown[], slots: Slots): Fill[] {
  const readerOf = (name: string): Fill => {
    const read = slots.get(name);
    if (!read) throw new Error(`No reader for placeholder "${name}"`);
    return read;
  };
  return params.map((param): Fill => {
    if (is(param, Placeholder)) return readerOf(param.name);
    if (is(param, Param) && is(param.value, Placeholder)) {
      const read = readerOf(param.value.name);
      const { encoder } = param;
      return (input) => encoder.mapToDriverValue(read(input));
    }
    return () => param;
  });
}

/** The batch for an order of this shape, every value a placeholder that knows where the order keeps it. */
function build(db: Db, order: NewOrder): Template {
  const slots: Slots = new Map();
  const p = (name: string, read: Fill) => slot(slots, name, read);
  const shopId = p("shopId", (input) => input.shopId) as unknown as string;
  const now = sql`${p("now", (input) => input.now)}`;
  const orderId = p("orderId", (input) => input.order.order.id);
  const variantIdAt = (index: number) =>
    p(`take${index}_variantId`, (input) => input.order.stock[index]?.variantId) as unknown as string;
  const numberOfThisOrder = sql`(SELECT ${orders.number} FROM ${orders} WHERE ${orders.id} = ${orderId})`;
  const queries: { toSQL(): { sql: string; params: unknown[] } }[] = [
    ...order.stock.map((_, index) => {
      const quantity = p(`take${index}_quantity`, (input) => input.order.stock[index]?.quantity);
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
              eq(productVariants.id, variantIdAt(index)),
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
                eq(discountCodes.id, p("discountCodeId", (input) => input.order.discountCodeId) as unknown as string),
              ),
            ),
        ]
      : []),
    db
      .insert(orders)
      .values(
        asRow<typeof orders.$inferInsert>({
          ...placeholders(slots, "order_", order.order, (input) => input.order.order),
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
              order.stock.map((_, index) => variantIdAt(index)),
            )} AND ${productVariants.stock} <= ${p("lowStock", () => LOW_STOCK)})`,
          ),
        ]
      : []),
    db.insert(orderLines).values(
      order.lines.map((line, index) =>
        asRow<typeof orderLines.$inferInsert>({
          ...placeholders(slots, `line${index}_`, line, (input) => input.order.lines[index] ?? {}),
          shopId,
          orderId,
        }),
      ),
    ),
    db.insert(orderEvents).values(
      asRow<typeof orderEvents.$inferInsert>({
        ...placeholders(slots, "event_", order.event, (input) => input.order.event),
        shopId,
        orderId,
      }),
    ),
    db.insert(payments).values(
      asRow<typeof payments.$inferInsert>({
        ...placeholders(slots, "payment_", order.payment, (input) => input.order.payment),
        shopId,
        orderId,
      }),
    ),
    ...order.notifications.map((row, index) => {
      const rowOf = (input: Input) => input.order.notifications[index] ?? {};
      const fields: Record<string, Placeholder | SQL> = placeholders(slots, `email${index}_`, row, rowOf);
      // The order's number is known only inside the write: the payload, as JSON text, gets it with json_set.
      if (hasOrderNumber(row.payload)) {
        const payload = p(`email${index}_payload`, (input) =>
          JSON.stringify(input.order.notifications[index]?.payload),
        );
        fields.payload = sql`json_set(${payload}, '$.orderNumber', ${numberOfThisOrder})`;
      }
      return db.insert(notifications).values(asRow<typeof notifications.$inferInsert>(fields)).onConflictDoNothing();
    }),
  ];
  return {
    statements: queries.map((query) => {
      const built = query.toSQL();
      return { sql: built.sql, fills: fillsOf(built.params, slots) };
    }),
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
  const input: Input = { shopId, order, now };
  return {
    statements: template.statements.map((statement) => ({
      sql: statement.sql,
      args: statement.fills.map((fill) => fill(input)),
    })),
    numberAt: template.numberAt,
  };
}
