// The emails an order step sends, as outbox rows written in the same transaction as the step.
import { type Order, platform, type ShopRow } from "@stall/db";
import { formatMoney, money, type OrderSideEffect } from "@stall/domain";
import { asLocale } from "@stall/i18n";
import { apiMessages } from "@stall/i18n/api";
import type { Deps } from "../../deps.ts";
import { orderToken } from "../../security/order-token.ts";
import { storefrontUrl } from "../storefront/get-snapshot.ts";

type NotificationRow = Parameters<ReturnType<typeof platform>["notifications"]["insertStatement"]>[0];

const UPDATE_KINDS: Partial<Record<OrderSideEffect, "paid" | "ready" | "dispatched" | "cancelled" | "refunded">> = {
  notify_buyer_paid: "paid",
  notify_buyer_ready: "ready",
  notify_buyer_dispatched: "dispatched",
  notify_buyer_cancelled: "cancelled",
  notify_buyer_refunded: "refunded",
};

function paymentSummary(order: Pick<Order, "paymentMethod" | "status">, locale: string): string {
  const text = apiMessages[asLocale(locale)];
  if (order.paymentMethod === "stripe") return text.paidOnline;
  if (order.paymentMethod === "pay_at_pickup") return text.payAtPickup;
  if (order.paymentMethod === "cash_on_delivery") return text.cashOnDelivery;
  return text.bankTransfer;
}

function fulfilmentSummary(order: Order): string {
  const fulfilment = order.fulfilment;
  if (fulfilment.type === "pickup") return `${fulfilment.name}, ${fulfilment.address}`;
  if (fulfilment.type === "delivery") return `${fulfilment.name}: ${fulfilment.address}`;
  return `${fulfilment.name}: ${Object.values(fulfilment.address).join(", ")}`;
}

/** The outbox dedupe key of an order's email: one email per order and step. */
export function orderNotificationKey(orderId: string, key: string): string {
  return `order:${orderId}:${key}`;
}

/**
 * The dedupe keys of the buyer emails an undoable step queued (see `orderNotifications`), so an undo can
 * withdraw them while they are held.
 */
export function undoableStepKeys(orderId: string, step: "mark_paid" | "mark_ready" | "fulfil", refunded: number) {
  // The same keys `orderNotifications` writes for these steps: `{kind}:{event}:{refunded so far}`.
  const kind = step === "mark_paid" ? "paid" : step === "mark_ready" ? "ready" : "dispatched";
  return [orderNotificationKey(orderId, `${kind}:${step}:${refunded}`)];
}

/** The shop owner's user row (for the new-order email), or undefined for a shop without one. */
export async function shopOwner(deps: Deps, shopId: string) {
  const members = await platform(deps.database.db).memberships.listForShop(shopId);
  return members.find((member) => member.membership.role === "owner")?.user;
}

/** Outbox rows for an order's side effects; `key` makes each email once per order step. */
export async function orderNotifications(
  deps: Deps,
  options: {
    shop: ShopRow;
    order: Order;
    sideEffects: OrderSideEffect[];
    step: string;
    amount?: number;
    /** Hold the emails until then: the step can be undone until that moment (decision 018). */
    holdUntil?: number;
    /**
     * The shop owner's address, when the caller read it already (checkout reads it in its one round of
     * reads); without it the owner is looked up here if a step tells the owner.
     */
    owner?: { email: string } | null;
  },
): Promise<NotificationRow[]> {
  const { shop, order, sideEffects } = options;
  const now = deps.clock.now();
  const locale = asLocale(order.buyerLocale);
  const format = (amount: number) => formatMoney(money(amount, order.currency), locale);
  const orderUrl = `${storefrontUrl(deps, shop.slug)}/orders/${order.id}?token=${orderToken(deps.config.secretKey, order.id)}`;
  const contact = [shop.contactEmail, shop.contactPhone].filter(Boolean).join(", ") || null;
  const rows: NotificationRow[] = [];
  const row = (template: string, recipient: string, rowLocale: string, payload: Record<string, unknown>, key: string) =>
    rows.push({
      id: deps.newId("notification"),
      shopId: shop.id,
      template,
      recipient,
      locale: rowLocale,
      payload,
      dedupeKey: orderNotificationKey(order.id, key),
      nextAttemptAt: options.holdUntil ?? now,
      createdAt: now,
    });

  for (const effect of sideEffects) {
    if (effect === "notify_buyer_confirmed" && order.buyerEmail) {
      row(
        "order_placed",
        order.buyerEmail,
        locale,
        {
          shopName: shop.name,
          orderNumber: order.number,
          orderUrl,
          buyerName: order.buyerName,
          isPaid: order.paidAt !== null || order.paymentMethod === "stripe",
          items: order.lines.map((line) => ({
            title: line.title,
            variantTitle: line.variantTitle,
            quantity: line.quantity,
            lineTotal: format(line.subtotalAmount),
          })),
          subtotal: format(order.subtotalAmount),
          discount: order.discountAmount > 0 ? format(order.discountAmount) : null,
          fulfilmentFee: order.fulfilmentAmount > 0 ? format(order.fulfilmentAmount) : null,
          tax: order.taxAmount > 0 ? format(order.taxAmount) : null,
          taxLabel: order.taxAmount > 0 ? "Tax" : null,
          taxIncluded: order.taxMode === "included",
          total: format(order.totalAmount),
          fulfilmentSummary: fulfilmentSummary(order),
          paymentSummary: paymentSummary(order, locale),
          // Empty instructions are no instructions (a template refusing "" once lost the whole email).
          paymentInstructions:
            order.paymentMethod === "bank_transfer" && shop.bankTransferInstructions
              ? shop.bankTransferInstructions
              : null,
          contact,
        },
        "confirmed",
      );
    }
    const kind = UPDATE_KINDS[effect];
    if (kind && order.buyerEmail) {
      row(
        "order_update",
        order.buyerEmail,
        locale,
        {
          shopName: shop.name,
          orderNumber: order.number,
          orderUrl,
          buyerName: order.buyerName,
          kind,
          fulfilmentType: order.fulfilment.type,
          place: order.fulfilment.type === "pickup" ? fulfilmentSummary(order) : null,
          amount: kind === "refunded" && options.amount ? format(options.amount) : null,
          contact,
        },
        `${kind}:${options.step}`,
      );
    }
    if (effect === "notify_owner_new_order") {
      const owner = options.owner === undefined ? await shopOwner(deps, shop.id) : options.owner;
      if (owner) {
        row(
          "owner_new_order",
          owner.email,
          shop.locale,
          {
            shopName: shop.name,
            orderNumber: order.number,
            buyerName: order.buyerName,
            total: formatMoney(money(order.totalAmount, order.currency), shop.locale),
            itemCount: order.lines.reduce((total, line) => total + line.quantity, 0),
            fulfilmentSummary: fulfilmentSummary(order),
            paymentSummary: paymentSummary(order, shop.locale),
            isPaid: order.paidAt !== null,
            dashboardUrl: `${deps.config.dashboardUrl}/shops/${shop.id}/orders/${order.id}`,
          },
          "owner-new",
        );
      }
    }
  }
  return rows;
}
