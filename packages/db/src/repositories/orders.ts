import type { InStatement } from "@libsql/client";
import { and, asc, desc, eq, inArray, lt, notInArray, sql } from "drizzle-orm";
import type { Db } from "../client.ts";
import {
  discountCodes,
  notifications,
  orderEvents,
  orderLines,
  orders,
  payments,
  productVariants,
  refunds,
  shops,
  webhookEvents,
} from "../schema/index.ts";
import { writeGrouped } from "./grouped-writes.ts";
import { type NewOrder, orderBatch } from "./order-batch.ts";
import { shopFilter, type WithoutShop, writeFilter } from "./scope.ts";

export type OrderRow = typeof orders.$inferSelect;
export type OrderLineRow = typeof orderLines.$inferSelect;
export type OrderEventRow = typeof orderEvents.$inferSelect;
export type PaymentRow = typeof payments.$inferSelect;
export type RefundRow = typeof refunds.$inferSelect;
export type Order = OrderRow & { lines: OrderLineRow[] };

export type { NewOrder };

/** Writes that accompany a status change, applied in the same transaction. */
export type OrderChange = {
  patch: Partial<
    Pick<
      OrderRow,
      "status" | "paidAt" | "refundedAmount" | "stockReleasedAt" | "holdExpiresAt" | "stripeCheckoutSessionId"
    >
  >;
  event: Omit<WithoutShop<typeof orderEvents.$inferInsert>, "orderId">;
  /** Put held stock back (positive) or take it again (negative, for a late payment). */
  restock?: { variantId: string; quantity: number }[];
  /**
   * Give a discount use back (-1, never below zero) or take it again (+1, for a late payment; skipped
   * if the code has since been used up, since the buyer has paid with it anyway).
   */
  discountUse?: { codeId: string; delta: 1 | -1 };
  /** `providerReference` undefined keeps the one recorded; `amount` is what the provider actually took. */
  payment?:
    | { providerReference?: string | undefined; status: PaymentRow["status"]; amount?: number | undefined }
    | undefined;
  refunds?: Omit<WithoutShop<typeof refunds.$inferInsert>, "orderId">[];
  notifications?: (typeof notifications.$inferInsert)[];
  /**
   * Emails to take back before they go (an undone step): the outbox rows with these dedupe keys that
   * are still held until `heldUntil` and not yet tried. Anything already sent or being sent stays.
   */
  withdrawNotifications?: { dedupeKeys: string[]; heldUntil: number };
};

// Interactive transactions on one client must not overlap (docs/toolchain.md, libSQL): one at a time per process.
const queues = new WeakMap<Db, Promise<unknown>>();
function serialise<T>(db: Db, task: () => Promise<T>): Promise<T> {
  const previous = queues.get(db) ?? Promise.resolve();
  const next = previous.then(task, task);
  queues.set(
    db,
    next.catch(() => undefined),
  );
  return next;
}

/** Orders of one shop. Placing is one atomic batch; later changes are serialised transactions. */
export function orderRepository(db: Db, shopId: string) {
  async function withLines(rows: OrderRow[]): Promise<Order[]> {
    if (rows.length === 0) return [];
    const lines = await db
      .select()
      .from(orderLines)
      .where(
        shopFilter(
          orderLines.shopId,
          shopId,
          inArray(
            orderLines.orderId,
            rows.map((row) => row.id),
          ),
        ),
      )
      .orderBy(asc(orderLines.position));
    return rows.map((row) => ({ ...row, lines: lines.filter((line) => line.orderId === row.id) }));
  }

  return {
    /**
     * Places an order in ONE atomic write and answers its number: takes stock (the CHECK on stock
     * refuses going below zero and so undoes everything; keep-selling variants stop at zero), counts the
     * discount use (its CHECK refuses going past the limit), numbers the order from the shop's counter
     * and moves the counter on, writes the order, lines, first event, payment and notifications. The
     * number is taken inside the batch (no separate write that could be left behind by a failed order,
     * and no gap), and outbox payloads get it with json_set, so nothing is read back afterwards. Orders
     * placed at the same moment share one commit (grouped-writes.ts); each still succeeds or fails alone.
     */
    async place(order: NewOrder, now: number): Promise<number> {
      const { statements, numberAt } = orderBatch(db, shopId, order, now);
      const results = await writeGrouped(db, statements as InStatement[]);
      const number = results[numberAt]?.rows[0]?.number;
      if (typeof number !== "number") throw new Error(`Order ${order.order.id} was written without a number`);
      return number;
    },

    async get(orderId: string): Promise<Order | undefined> {
      const rows = await db
        .select()
        .from(orders)
        .where(shopFilter(orders.shopId, shopId, eq(orders.id, orderId)));
      return (await withLines(rows))[0];
    },

    async findByIdempotencyKey(key: string): Promise<Order | undefined> {
      const rows = await db
        .select()
        .from(orders)
        .where(shopFilter(orders.shopId, shopId, eq(orders.idempotencyKey, key)));
      return (await withLines(rows))[0];
    },

    /** Newest first; keyset by id. */
    async list(options: {
      limit: number;
      cursor?: string | undefined;
      status?: OrderRow["status"] | undefined;
      /** Any of these statuses (a dashboard filter); `notStatuses` leaves these out. */
      statuses?: readonly OrderRow["status"][] | undefined;
      notStatuses?: readonly OrderRow["status"][] | undefined;
    }) {
      const rows = await db
        .select()
        .from(orders)
        .where(
          shopFilter(
            orders.shopId,
            shopId,
            and(
              options.cursor ? lt(orders.id, options.cursor) : undefined,
              options.status ? eq(orders.status, options.status) : undefined,
              options.statuses ? inArray(orders.status, [...options.statuses]) : undefined,
              options.notStatuses ? notInArray(orders.status, [...options.notStatuses]) : undefined,
            ),
          ),
        )
        .orderBy(desc(orders.id))
        .limit(options.limit + 1);
      const items = await withLines(rows.slice(0, options.limit));
      return { items, nextCursor: rows.length > options.limit ? (items.at(-1)?.id ?? null) : null };
    },

    /** How many orders the shop has in each status: one grouped count over the (shop, status) index. */
    async countByStatus(): Promise<Partial<Record<OrderRow["status"], number>>> {
      const rows = await db
        .select({ status: orders.status, count: sql<number>`count(*)` })
        .from(orders)
        .where(shopFilter(orders.shopId, shopId))
        .groupBy(orders.status);
      return Object.fromEntries(rows.map((row) => [row.status, Number(row.count)]));
    },

    /**
     * Orders and takings per currency (operators' shop detail): every order placed, and the money of
     * those that were paid (not awaiting payment, cancelled or expired), less what was refunded.
     */
    async salesByCurrency(): Promise<{ currency: string; orders: number; paidOrders: number; salesAmount: number }[]> {
      const unpaid = ["pending_payment", "awaiting_payment", "cancelled", "expired"];
      const isPaid = sql`${orders.status} NOT IN (${sql.join(
        unpaid.map((status) => sql`${status}`),
        sql`, `,
      )})`;
      const rows = await db
        .select({
          currency: orders.currency,
          orders: sql<number>`count(*)`,
          paidOrders: sql<number>`sum(CASE WHEN ${isPaid} THEN 1 ELSE 0 END)`,
          salesAmount: sql<number>`sum(CASE WHEN ${isPaid} THEN ${orders.totalAmount} - ${orders.refundedAmount} ELSE 0 END)`,
        })
        .from(orders)
        .where(shopFilter(orders.shopId, shopId))
        .groupBy(orders.currency)
        .orderBy(asc(orders.currency));
      return rows.map((row) => ({
        currency: row.currency,
        orders: Number(row.orders),
        paidOrders: Number(row.paidOrders ?? 0),
        salesAmount: Number(row.salesAmount ?? 0),
      }));
    },

    async events(orderId: string): Promise<OrderEventRow[]> {
      return db
        .select()
        .from(orderEvents)
        .where(shopFilter(orderEvents.shopId, shopId, eq(orderEvents.orderId, orderId)))
        .orderBy(asc(orderEvents.createdAt), asc(orderEvents.id));
    },

    async refunds(orderId: string): Promise<RefundRow[]> {
      return db
        .select()
        .from(refunds)
        .where(shopFilter(refunds.shopId, shopId, eq(refunds.orderId, orderId)))
        .orderBy(asc(refunds.createdAt), asc(refunds.id));
    },

    /** The order a provider's payment (a Stripe PaymentIntent id) belongs to. */
    async findByPaymentReference(reference: string): Promise<Order | undefined> {
      const [payment] = await db
        .select({ orderId: payments.orderId })
        .from(payments)
        .where(shopFilter(payments.shopId, shopId, eq(payments.providerReference, reference)));
      return payment ? this.get(payment.orderId) : undefined;
    },

    async payments(orderId: string): Promise<PaymentRow[]> {
      return db
        .select()
        .from(payments)
        .where(shopFilter(payments.shopId, shopId, eq(payments.orderId, orderId)));
    },

    /**
     * Orders and sales (total less money back) per week and currency, in one grouped query, plus when the
     * first order was placed. Weeks start on Monday 00:00 UTC (1970-01-01 was a Thursday, hence the + 3).
     * Orders that never happened (card checkout abandoned, cancelled, expired) are not counted.
     */
    async weeklySales(): Promise<
      { weekStart: number; currency: string; orders: number; salesAmount: number; firstAt: number }[]
    > {
      const day = sql`(${orders.placedAt} / 86400000)`;
      const weekStart = sql<number>`((${day} - ((${day} + 3) % 7)) * 86400000)`;
      const rows = await db
        .select({
          weekStart: weekStart.as("week_start"),
          currency: orders.currency,
          orders: sql<number>`count(*)`,
          salesAmount: sql<number>`sum(${orders.totalAmount} - ${orders.refundedAmount})`,
          firstAt: sql<number>`min(${orders.placedAt})`,
        })
        .from(orders)
        .where(
          shopFilter(orders.shopId, shopId, notInArray(orders.status, ["pending_payment", "cancelled", "expired"])),
        )
        .groupBy(sql`week_start`, orders.currency);
      return rows.map((row) => ({
        weekStart: Number(row.weekStart),
        currency: row.currency,
        orders: Number(row.orders),
        salesAmount: Number(row.salesAmount),
        firstAt: Number(row.firstAt),
      }));
    },

    async setCheckoutSession(orderId: string, sessionId: string, now: number): Promise<void> {
      await db
        .update(orders)
        .set({ stripeCheckoutSessionId: sessionId, updatedAt: now })
        .where(writeFilter("update", "orders", orders.shopId, shopId, eq(orders.id, orderId)));
    },

    /**
     * Reads the order and applies the change `decide` returns, in one IMMEDIATE transaction serialised
     * in this process (and by SQLite's write lock across processes): the read decides the write, so
     * a replayed or concurrent event sees the result of the first. `decide` returning undefined writes
     * nothing. A `webhookEvent` row, if given, is inserted first: a replay hits its unique index.
     * `decide` also sees the refunds already recorded (so a refund reported twice is recorded once) and
     * the order's payments.
     */
    async change(
      orderId: string,
      decide: (
        order: Order,
        recorded: { refunds: RefundRow[]; payments: PaymentRow[]; latestEvent: OrderEventRow | undefined },
      ) => OrderChange | undefined | Promise<OrderChange | undefined>,
      now: number,
      webhookEvent?: WithoutShop<typeof webhookEvents.$inferInsert>,
    ): Promise<{ order: Order; changed: boolean } | undefined> {
      return serialise(db, () =>
        db.transaction(
          async (tx) => {
            if (webhookEvent) {
              const inserted = await tx
                .insert(webhookEvents)
                .values({ ...webhookEvent, shopId })
                .onConflictDoNothing()
                .returning({ id: webhookEvents.id });
              if (inserted.length === 0) {
                const current = await this.get(orderId);
                return current ? { order: current, changed: false } : undefined;
              }
            }
            const [row] = await tx
              .select()
              .from(orders)
              .where(shopFilter(orders.shopId, shopId, eq(orders.id, orderId)));
            if (!row) return undefined;
            const lines = await tx
              .select()
              .from(orderLines)
              .where(shopFilter(orderLines.shopId, shopId, eq(orderLines.orderId, orderId)));
            const order: Order = { ...row, lines };
            const recordedRefunds = await tx
              .select()
              .from(refunds)
              .where(shopFilter(refunds.shopId, shopId, eq(refunds.orderId, orderId)));
            const recordedPayments = await tx
              .select()
              .from(payments)
              .where(shopFilter(payments.shopId, shopId, eq(payments.orderId, orderId)));
            const [latestEvent] = await tx
              .select()
              .from(orderEvents)
              .where(shopFilter(orderEvents.shopId, shopId, eq(orderEvents.orderId, orderId)))
              .orderBy(desc(orderEvents.createdAt), desc(orderEvents.id))
              .limit(1);
            const change = await decide(order, { refunds: recordedRefunds, payments: recordedPayments, latestEvent });
            if (!change) return { order, changed: false };
            await tx
              .update(orders)
              .set({ ...change.patch, updatedAt: now })
              .where(writeFilter("update", "orders", orders.shopId, shopId, eq(orders.id, orderId)));
            await tx.insert(orderEvents).values({ ...change.event, shopId, orderId });
            for (const item of change.restock ?? []) {
              // Taking stock again for a late payment never goes below zero: the event notes it.
              await tx
                .update(productVariants)
                .set({ stock: sql`MAX(0, ${productVariants.stock} + ${item.quantity})`, updatedAt: now })
                .where(
                  writeFilter(
                    "update",
                    "product_variants",
                    productVariants.shopId,
                    shopId,
                    and(eq(productVariants.id, item.variantId), sql`${productVariants.stock} IS NOT NULL`),
                  ),
                );
            }
            if ((change.restock ?? []).length > 0) {
              await tx
                .update(shops)
                .set({ version: sql`${shops.version} + 1`, updatedAt: now })
                .where(eq(shops.id, shopId));
            }
            if (change.discountUse) {
              const { codeId, delta } = change.discountUse;
              await tx
                .update(discountCodes)
                .set({ usageCount: sql`${discountCodes.usageCount} + ${delta}`, updatedAt: now })
                .where(
                  writeFilter(
                    "update",
                    "discount_codes",
                    discountCodes.shopId,
                    shopId,
                    and(
                      eq(discountCodes.id, codeId),
                      delta < 0
                        ? sql`${discountCodes.usageCount} > 0`
                        : sql`(${discountCodes.usageLimit} IS NULL OR ${discountCodes.usageCount} < ${discountCodes.usageLimit})`,
                    ),
                  ),
                );
            }
            if (change.payment) {
              await tx
                .update(payments)
                .set({
                  status: change.payment.status,
                  ...(change.payment.providerReference !== undefined
                    ? { providerReference: change.payment.providerReference }
                    : {}),
                  ...(change.payment.amount !== undefined ? { amount: change.payment.amount } : {}),
                  updatedAt: now,
                })
                .where(writeFilter("update", "payments", payments.shopId, shopId, eq(payments.orderId, orderId)));
            }
            for (const refund of change.refunds ?? []) await tx.insert(refunds).values({ ...refund, shopId, orderId });
            for (const row of change.notifications ?? [])
              await tx.insert(notifications).values(row).onConflictDoNothing();
            if (change.withdrawNotifications && change.withdrawNotifications.dedupeKeys.length > 0) {
              await tx
                .delete(notifications)
                .where(
                  and(
                    eq(notifications.shopId, shopId),
                    inArray(notifications.dedupeKey, change.withdrawNotifications.dedupeKeys),
                    eq(notifications.status, "pending"),
                    eq(notifications.attempts, 0),
                    eq(notifications.nextAttemptAt, change.withdrawNotifications.heldUntil),
                  ),
                );
            }
            const [after] = await tx
              .select()
              .from(orders)
              .where(shopFilter(orders.shopId, shopId, eq(orders.id, orderId)));
            return { order: { ...(after as OrderRow), lines }, changed: true };
          },
          { behavior: "immediate" },
        ),
      );
    },
  };
}

/** Platform view for webhooks and reconciliation: which shop an event belongs to. */
export function orderDirectory(db: Db) {
  return {
    /** Unpaid Stripe orders whose hold has passed (missed expiry webhooks). */
    async overdueHolds(now: number, limit: number) {
      return db
        .select({ shopId: orders.shopId, id: orders.id, sessionId: orders.stripeCheckoutSessionId })
        .from(orders)
        .where(and(eq(orders.status, "pending_payment"), lt(orders.holdExpiresAt, now)))
        .limit(limit);
    },
  };
}
