// Orders as the dashboard shows them: the API's owner view of an order, its statuses and its steps.
import type { components } from "@stall/api-client";
import type { DashboardMessages } from "@stall/i18n/dashboard";

export type OwnerOrder = components["schemas"]["Order"];
export type OrderStatus = OwnerOrder["status"];
export type OrderAction = OwnerOrder["actions"][number];

/** The steps the order page offers as one tap; a partial refund needs an amount, so it has its own page (later). */
export type TapAction = Exclude<OrderAction, "refund_partial">;

type ActionSegment = "mark-paid" | "mark-ready" | "fulfil" | "complete" | "cancel" | "refund";

/** The route segment for a step: mark_paid -> mark-paid; a full refund is `refund` with no amount. */
export function actionPath(action: TapAction): ActionSegment {
  return action === "refund_full" ? "refund" : (action.replaceAll("_", "-") as ActionSegment);
}

export function isTapAction(value: string): value is TapAction {
  return ["mark_paid", "mark_ready", "fulfil", "complete", "cancel", "refund_full"].includes(value);
}

/** New and unpaid first (they need the owner), then the rest; newest first within each. */
export function byUrgency(orders: OwnerOrder[]): OwnerOrder[] {
  const rank = (order: OwnerOrder) =>
    order.status === "awaiting_payment" || order.status === "paid" || order.status === "on_hold"
      ? 0
      : order.status === "ready"
        ? 1
        : 2;
  return [...orders].sort((a, b) => rank(a) - rank(b) || b.placedAt - a.placedAt);
}

export function statusLabel(t: DashboardMessages, status: OrderStatus): string {
  return t[`status_${status}`];
}

/** Midnight today and the start of the week (Monday), in the server's time zone, as epoch ms. */
export function periodStarts(now: Date): { today: number; week: number } {
  const today = new Date(now.getFullYear(), now.getMonth(), now.getDate());
  const sinceMonday = (today.getDay() + 6) % 7;
  const week = new Date(today.getFullYear(), today.getMonth(), today.getDate() - sinceMonday);
  return { today: today.getTime(), week: week.getTime() };
}

const COUNTED: ReadonlySet<OrderStatus> = new Set(["awaiting_payment", "paid", "ready", "fulfilled", "completed"]);

/** Orders and sales since a moment; cancelled, expired and unpaid card orders do not count. */
export function figuresSince(orders: OwnerOrder[], since: number): { count: number; sales: number } {
  const counted = orders.filter((order) => order.placedAt >= since && COUNTED.has(order.status));
  return { count: counted.length, sales: counted.reduce((sum, order) => sum + order.totals.total, 0) };
}
