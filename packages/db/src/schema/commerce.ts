// Shop tables for buying: carts, orders and their lines and history, payments, refunds, webhooks.
import { ORDER_STATUSES, PAYMENT_METHODS } from "@stall/domain";
import { sql } from "drizzle-orm";
import { check, index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { productVariants } from "./catalogue.ts";
import { amount, createdAt, json, timestamp, updatedAt } from "./columns.ts";
import { sameShopReference, shopIdColumn, shopKey } from "./shop-columns.ts";

export const carts = sqliteTable(
  "carts",
  {
    shopId: shopIdColumn(),
    id: text("id").primaryKey(),
    currency: text("currency").notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    expiresAt: timestamp("expires_at").notNull(),
  },
  (t) => [shopKey("carts", t), index("carts_expiry_idx").on(t.expiresAt)],
);

export const cartLines = sqliteTable(
  "cart_lines",
  {
    shopId: shopIdColumn(),
    id: text("id").primaryKey(),
    cartId: text("cart_id").notNull(),
    variantId: text("variant_id").notNull(),
    quantity: integer("quantity").notNull(),
    /** The unit price when the line was added, so a later price change can be shown to the buyer. */
    unitPriceAmount: amount("unit_price_amount").notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    shopKey("cart_lines", t),
    uniqueIndex("cart_lines_cart_variant_unique").on(t.shopId, t.cartId, t.variantId),
    sameShopReference("cart_lines_cart_fk", [t.shopId, t.cartId], [carts.shopId, carts.id]),
    sameShopReference("cart_lines_variant_fk", [t.shopId, t.variantId], [productVariants.shopId, productVariants.id]),
    check("cart_lines_quantity_positive", sql`${t.quantity} > 0`),
  ],
);

/** What the buyer chose for getting the goods, copied at purchase so later edits change nothing. */
export type FulfilmentSnapshot =
  | { type: "pickup"; pickupPointId: string; name: string; address: string; instructions: string }
  | { type: "delivery"; deliveryAreaId: string; name: string; address: string; instructions?: string }
  | { type: "shipping"; shippingRateId: string; name: string; address: Record<string, string> };

export const orders = sqliteTable(
  "orders",
  {
    shopId: shopIdColumn(),
    id: text("id").primaryKey(),
    /** Per-shop sequential number people say out loud ("order 1042"). */
    number: integer("number").notNull(),
    status: text("status", { enum: ORDER_STATUSES }).notNull(),
    /** SHA-256 of the buyer's order-page token; the token itself is only ever in the buyer's link. */
    buyerTokenHash: text("buyer_token_hash").notNull(),
    idempotencyKey: text("idempotency_key").notNull(),
    /** Hash of the checkout request, so a reused key with a different request is refused. */
    requestHash: text("request_hash").notNull(),
    currency: text("currency").notNull(),
    subtotalAmount: amount("subtotal_amount").notNull(),
    discountAmount: amount("discount_amount").notNull().default(0),
    fulfilmentAmount: amount("fulfilment_amount").notNull().default(0),
    taxAmount: amount("tax_amount").notNull().default(0),
    taxMode: text("tax_mode", { enum: ["included", "added", "none"] })
      .notNull()
      .default("none"),
    totalAmount: amount("total_amount").notNull(),
    refundedAmount: amount("refunded_amount").notNull().default(0),
    applicationFeeAmount: amount("application_fee_amount").notNull().default(0),
    discountCode: text("discount_code"),
    /** The code whose use this order counted, so a cancel gives that use back even if the code was renamed. */
    discountCodeId: text("discount_code_id"),
    buyerName: text("buyer_name").notNull(),
    buyerEmail: text("buyer_email"),
    buyerPhone: text("buyer_phone"),
    buyerLocale: text("buyer_locale").notNull(),
    fulfilment: json<FulfilmentSnapshot>("fulfilment").notNull(),
    paymentMethod: text("payment_method", { enum: PAYMENT_METHODS }).notNull(),
    note: text("note").notNull().default(""),
    stripeCheckoutSessionId: text("stripe_checkout_session_id"),
    /** When unpaid held stock goes back on the shelf. */
    holdExpiresAt: timestamp("hold_expires_at"),
    /** Set once, when held stock is returned: releasing twice is impossible. */
    stockReleasedAt: timestamp("stock_released_at"),
    placedAt: timestamp("placed_at").notNull(),
    paidAt: timestamp("paid_at"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    shopKey("orders", t),
    uniqueIndex("orders_shop_number_unique").on(t.shopId, t.number),
    uniqueIndex("orders_shop_idempotency_unique").on(t.shopId, t.idempotencyKey),
    uniqueIndex("orders_checkout_session_unique").on(t.stripeCheckoutSessionId),
    index("orders_shop_status_idx").on(t.shopId, t.status, t.placedAt),
    index("orders_hold_expiry_idx").on(t.holdExpiresAt),
    check(
      "orders_amounts_non_negative",
      sql`${t.subtotalAmount} >= 0 AND ${t.discountAmount} >= 0 AND ${t.fulfilmentAmount} >= 0 AND ${t.taxAmount} >= 0 AND ${t.totalAmount} >= 0`,
    ),
    check("orders_refund_within_total", sql`${t.refundedAmount} >= 0 AND ${t.refundedAmount} <= ${t.totalAmount}`),
  ],
);

/**
 * A line as it was bought: title, options and price are copied, so editing or deleting the product
 * later never changes an order. `variant_id` is kept for stock release but has no foreign key.
 */
export const orderLines = sqliteTable(
  "order_lines",
  {
    shopId: shopIdColumn(),
    id: text("id").primaryKey(),
    orderId: text("order_id").notNull(),
    productId: text("product_id").notNull(),
    variantId: text("variant_id").notNull(),
    title: text("title").notNull(),
    variantTitle: text("variant_title").notNull().default(""),
    optionValues: json<string[]>("option_values").notNull().default(sql`'[]'`),
    sku: text("sku"),
    quantity: integer("quantity").notNull(),
    unitPriceAmount: amount("unit_price_amount").notNull(),
    subtotalAmount: amount("subtotal_amount").notNull(),
    discountAmount: amount("discount_amount").notNull().default(0),
    taxAmount: amount("tax_amount").notNull().default(0),
    totalAmount: amount("total_amount").notNull(),
    currency: text("currency").notNull(),
    /** Whether stock was decremented for this line (tracked variants only). */
    isStockTracked: integer("is_stock_tracked", { mode: "boolean" }).notNull(),
    position: integer("position").notNull(),
  },
  (t) => [
    shopKey("order_lines", t),
    index("order_lines_order_idx").on(t.shopId, t.orderId, t.position),
    sameShopReference("order_lines_order_fk", [t.shopId, t.orderId], [orders.shopId, orders.id]),
    check("order_lines_quantity_positive", sql`${t.quantity} > 0`),
  ],
);

/** Every status change of an order: from, to, who and when. */
export const orderEvents = sqliteTable(
  "order_events",
  {
    shopId: shopIdColumn(),
    id: text("id").primaryKey(),
    orderId: text("order_id").notNull(),
    fromStatus: text("from_status"),
    toStatus: text("to_status").notNull(),
    actorType: text("actor_type", { enum: ["buyer", "member", "system", "stripe", "operator"] }).notNull(),
    actorId: text("actor_id"),
    note: text("note").notNull().default(""),
    createdAt: createdAt(),
  },
  (t) => [
    shopKey("order_events", t),
    index("order_events_order_idx").on(t.shopId, t.orderId, t.createdAt),
    sameShopReference("order_events_order_fk", [t.shopId, t.orderId], [orders.shopId, orders.id]),
  ],
);

export const payments = sqliteTable(
  "payments",
  {
    shopId: shopIdColumn(),
    id: text("id").primaryKey(),
    orderId: text("order_id").notNull(),
    provider: text("provider", { enum: ["stripe", "manual"] }).notNull(),
    method: text("method").notNull(),
    status: text("status", { enum: ["pending", "succeeded", "failed", "cancelled"] }).notNull(),
    amount: amount("amount").notNull(),
    currency: text("currency").notNull(),
    /** Stripe payment intent or checkout session id. */
    providerReference: text("provider_reference"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    shopKey("payments", t),
    index("payments_order_idx").on(t.shopId, t.orderId),
    uniqueIndex("payments_provider_reference_unique").on(t.provider, t.providerReference),
    sameShopReference("payments_order_fk", [t.shopId, t.orderId], [orders.shopId, orders.id]),
    check("payments_amount_positive", sql`${t.amount} >= 0`),
  ],
);

export const refunds = sqliteTable(
  "refunds",
  {
    shopId: shopIdColumn(),
    id: text("id").primaryKey(),
    orderId: text("order_id").notNull(),
    paymentId: text("payment_id"),
    amount: amount("amount").notNull(),
    currency: text("currency").notNull(),
    reason: text("reason").notNull().default(""),
    status: text("status", { enum: ["pending", "succeeded", "failed"] }).notNull(),
    /** Stripe's refund id (`re_…`): each Stripe refund is recorded once, whoever reports it first. */
    providerReference: text("provider_reference"),
    idempotencyKey: text("idempotency_key").notNull(),
    createdBy: text("created_by"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    shopKey("refunds", t),
    uniqueIndex("refunds_idempotency_unique").on(t.shopId, t.idempotencyKey),
    uniqueIndex("refunds_provider_reference_unique").on(t.providerReference),
    sameShopReference("refunds_order_fk", [t.shopId, t.orderId], [orders.shopId, orders.id]),
    sameShopReference("refunds_payment_fk", [t.shopId, t.paymentId], [payments.shopId, payments.id]),
    check("refunds_amount_positive", sql`${t.amount} > 0`),
  ],
);

/** Provider events already handled: a replay finds its row and does nothing. */
export const webhookEvents = sqliteTable(
  "webhook_events",
  {
    shopId: shopIdColumn(),
    id: text("id").primaryKey(),
    provider: text("provider", { enum: ["stripe"] }).notNull(),
    eventId: text("event_id").notNull(),
    type: text("type").notNull(),
    objectId: text("object_id"),
    receivedAt: timestamp("received_at").notNull(),
    processedAt: timestamp("processed_at"),
    outcome: text("outcome").notNull().default(""),
    payload: json<Record<string, unknown>>("payload"),
  },
  (t) => [
    shopKey("webhook_events", t),
    uniqueIndex("webhook_events_provider_event_unique").on(t.provider, t.eventId),
    index("webhook_events_object_idx").on(t.provider, t.objectId, t.type),
  ],
);
