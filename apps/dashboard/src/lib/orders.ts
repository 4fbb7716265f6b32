// Orders as the dashboard shows them: the API's owner view of an order, its statuses and its steps.
import type { components } from "@stall/api-client";
import type { DashboardMessages } from "@stall/i18n/dashboard";

export type OwnerOrder = components["schemas"]["Order"];
export type OrderStatus = OwnerOrder["status"];
export type OrderAction = OwnerOrder["actions"][number];

/**
 * The steps the order page offers as one tap. Cancel and money back are not taps: each has a page that
 * says what happens first (`/cancel`, `/refund`).
 */
export type TapAction = Exclude<OrderAction, "refund_partial" | "refund_full" | "cancel">;

type ActionSegment = "mark-paid" | "mark-ready" | "fulfil" | "complete" | "cancel" | "refund";

/** The route segment for a step: mark_paid -> mark-paid; a full refund is `refund` with no amount. */
export function actionPath(action: TapAction): ActionSegment {
  return action.replaceAll("_", "-") as ActionSegment;
}

export function isTapAction(value: string): value is TapAction {
  return ["mark_paid", "mark_ready", "fulfil", "complete"].includes(value);
}

/** The one-tap steps for an order now. "Ready to collect" only for orders the buyer collects. */
export function tapActionsOf(order: OwnerOrder): TapAction[] {
  return order.actions
    .filter(isTapAction)
    .filter((action) => action !== "mark_ready" || order.fulfilment.type === "pickup");
}

/** The button words for a step: a delivered or posted order is "dispatched", not "handed over". */
export function actionLabel(t: DashboardMessages, order: OwnerOrder, action: TapAction): string {
  if (action === "fulfil" && order.fulfilment.type !== "pickup") return t.action_fulfil_send;
  return t[`action_${action}`];
}

/** What the owner filters the list by: what needs doing (the API's stages), or everything. */
export const LIST_VIEWS = ["needs_action", "to_pay", "to_hand_over", "done", "cancelled", "all"] as const;
export type ListView = (typeof LIST_VIEWS)[number];
export function isListView(value: string | null): value is ListView {
  return (LIST_VIEWS as readonly string[]).includes(value ?? "");
}

/** Where the buyer collects, or where it goes, as one line. */
export function placeOf(order: OwnerOrder): string {
  const { fulfilment } = order;
  const address = fulfilment.address;
  const where =
    typeof address === "string"
      ? address
      : address && typeof address === "object"
        ? Object.values(address as Record<string, unknown>)
            .filter((part) => typeof part === "string" && part)
            .join(", ")
        : "";
  return [fulfilment.name, where].filter(Boolean).join(", ");
}

/** The text the owner pastes into a chat with the buyer: the order, what is in it, the total, where. */
export function chatMessageOf(
  t: DashboardMessages,
  order: OwnerOrder,
  shopName: string,
  money: (amount: number) => string,
): string {
  return [
    t.chatMessage(String(order.number), shopName),
    ...order.lines.map(
      (line) =>
        `${line.quantity} × ${line.title}${line.variantTitle ? ` (${line.variantTitle})` : ""}: ${money(line.total)}`,
    ),
    t.chatTotal(money(order.totals.total)),
    order.fulfilment.type === "pickup" ? t.chatCollect(placeOf(order)) : t.chatDeliver(placeOf(order)),
  ].join("\n");
}

/**
 * A moment as the owner reads it. Shops have no time zone of their own yet, so times are UTC and the
 * page says so (`TIME_ZONE_NAME`).
 */
export const TIME_ZONE = "UTC";
export const TIME_ZONE_NAME = "UTC";
export function formatWhen(at: number, lang: string): string {
  return new Intl.DateTimeFormat(lang, {
    timeZone: TIME_ZONE,
    year: "numeric",
    month: "short",
    day: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }).format(new Date(at));
}

/** One line of the order's timeline. */
export function timelineOf(t: DashboardMessages, order: OwnerOrder): { at: number; what: string; who: string }[] {
  return order.history.map((step) => ({
    at: step.at,
    what:
      step.from === null
        ? t.event_placed
        : step.undone
          ? t.event_undone(statusLabel(t, step.to))
          : t.event_to(statusLabel(t, step.to)),
    who:
      step.actor === "buyer"
        ? t.byBuyer
        : step.actor === "member" || step.actor === "operator"
          ? t.byShop
          : step.actor === "stripe"
            ? t.byStripe
            : t.bySystem,
  }));
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
