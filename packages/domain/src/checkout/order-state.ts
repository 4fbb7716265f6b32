/**
 * The order state machine: which step may happen in which status, by whom, and what it sets off.
 *
 * How an order moves
 * ------------------
 * Placing an order reserves its stock. A Stripe order starts `pending_payment` (Checkout Session open);
 * a manual one (pay at pickup, cash on delivery, bank transfer) starts `awaiting_payment`.
 *
 *   pending_payment  --payment_succeeded--> paid          (Stripe or the reconciler; buyer and owner told)
 *   pending_payment  --payment_failed-----> cancelled     (stock released)
 *   pending_payment  --session_expired----> expired       (stock released; abandoned, nobody emailed)
 *   pending_payment  --cancel-------------> cancelled     (stock released; the caller expires the session)
 *   pending_payment  --payment_mismatch---> on_hold       (Stripe took an amount that is not the order's total)
 *   on_hold          --mark_paid----------> paid          (the owner checked the payment and accepts it)
 *   on_hold          --refund_full--------> refunded      (stock released)
 *   awaiting_payment --mark_paid----------> paid          (a shop member or operator, manual methods only)
 *   awaiting_payment --cancel-------------> cancelled     (stock released)
 *   paid --mark_ready--> ready --fulfil--> fulfilled --complete--> completed
 *   paid --fulfil--> fulfilled                            (handed over at the counter without a "ready" step)
 *
 * Decisions
 * ---------
 * - Payment comes before the goods steps, for every method. One status cannot say both "ready" and
 *   "unpaid", and a status that hides whether money arrived is how a small shop loses it; marking a
 *   manual order paid is one tap. (Pay-at-pickup shops that want a "ready" email before payment would
 *   need payment and fulfilment tracked as two fields; not done here.)
 * - Stripe orders are marked paid only by Stripe (`payment_succeeded`); manual ones only by a person
 *   (`mark_paid`). Stripe events on a manual order, and `mark_paid` on a Stripe order, are refused.
 * - A paid order cannot be cancelled: the owner is told to refund it, which is what returns the money.
 *   A full refund before hand-over puts the stock back; after hand-over the goods are with the buyer, so
 *   stock is left alone (the owner restocks returned goods by hand).
 * - The status follows the goods until they are handed over, then the money: a partial refund of a paid
 *   or ready order keeps its status (the rest still has to be handed over; the refunded amount is kept
 *   on the order), and a partial refund after hand-over makes it `partially_refunded`, from which only
 *   further refunds are possible.
 * - Stripe and the reconciler may report events late, twice, or out of order. An event the order has
 *   already moved past is a no-op (`isNoop: true`, no side effects): payment_succeeded on a paid (or
 *   later) order, session_expired on anything but pending_payment, payment_failed after the order is
 *   paid or closed, a refund reported for an order already fully refunded.
 * - A late payment (payment_succeeded on an expired, or cancelled, Stripe order) still makes it `paid`,
 *   since the buyer's money has been taken, but its stock was released: `needsStock: true` tells the
 *   caller to reserve it again, or flag the order for the owner to refund if it is gone.
 * - A refund Stripe reports before the payment itself (`charge.refunded` before
 *   `checkout.session.completed`) is applied to the pending order: a full refund makes it `refunded` and
 *   releases its stock; the payment report that follows is then a no-op.
 * - People repeating a step (double taps, retried requests, a stale dashboard tab) get a no-op when the
 *   fact they ask for already holds: mark_paid on a paid or later order, mark_ready on a ready or later
 *   one, fulfil on a handed-over one, complete on a completed one, cancel on a cancelled one, a full
 *   refund on a refunded one. Anything else out of place is refused, in plain words.
 * - A payment whose amount or currency is not the order's total (`payment_mismatch`) is never taken as
 *   "paid": the order goes `on_hold`, keeps its stock (no hold expiry), and nobody is told it is
 *   confirmed. The owner checks it in Stripe and either accepts it (`mark_paid`, the one case where a
 *   person marks a Stripe order paid) or refunds it. A mismatch on a cancelled or expired order takes its
 *   stock again, like a late payment.
 * - A discount use goes back with the stock when an order ends unpaid (cancelled, expired):
 *   `return_discount` comes with `release_stock` on exactly those steps, so it happens once; a late
 *   payment that takes the stock again (`needsStock`) takes the discount use again too.
 * - Who: buyers may only cancel (their own unpaid order); shop members and operators run the shop's
 *   steps; Stripe and the system (the reconciler, timers) report payments, expiry and refunds, and the
 *   system may also complete orders.
 * - Stock is released exactly once along any path (release_stock appears only while the order holds
 *   stock), which the tests check over random walks.
 */
import type { OrderStatus, PaymentMethod } from "../constants.ts";
import { DomainError } from "../errors.ts";

export const ORDER_EVENTS = [
  "payment_succeeded",
  "payment_failed",
  "session_expired",
  "mark_paid",
  "mark_ready",
  "fulfil",
  "complete",
  "cancel",
  "refund_partial",
  "refund_full",
  "payment_mismatch",
] as const;
export type OrderEvent = (typeof ORDER_EVENTS)[number];

/** Who asks for a step: `member` is someone of the shop, `system` the platform's own jobs (reconciler, timers). */
export const ORDER_ACTORS = ["buyer", "member", "system", "stripe", "operator"] as const;
export type OrderActor = (typeof ORDER_ACTORS)[number];

export const ORDER_SIDE_EFFECTS = [
  "release_stock",
  "return_discount",
  "notify_buyer_confirmed",
  "notify_buyer_paid",
  "notify_buyer_ready",
  "notify_buyer_dispatched",
  "notify_buyer_refunded",
  "notify_owner_new_order",
  "notify_buyer_cancelled",
] as const;
export type OrderSideEffect = (typeof ORDER_SIDE_EFFECTS)[number];

export type TransitionContext = { paymentMethod: PaymentMethod; actor: OrderActor };

/**
 * The outcome of a step. `isNoop`: nothing changes and nothing is sent (a replay or a repeat).
 * `needsStock`: the order is paid but its stock had been released; reserve it again.
 * `releasesStock` is true exactly when `sideEffects` holds "release_stock".
 */
export type OrderTransition = {
  to: OrderStatus;
  releasesStock: boolean;
  sideEffects: OrderSideEffect[];
  isNoop: boolean;
  needsStock: boolean;
};

/** Limits a cell to some actors; everyone else is refused with the hint. */
type OnlyBy = { actors: readonly OrderActor[]; hint: string };
type Cell =
  | { kind: "move"; to: OrderStatus; sideEffects: readonly OrderSideEffect[]; needsStock?: boolean; onlyBy?: OnlyBy }
  | { kind: "noop"; onlyBy?: OnlyBy }
  | { kind: "refuse"; hint?: string };

const move = (
  to: OrderStatus,
  sideEffects: readonly OrderSideEffect[] = [],
  extra: { needsStock?: boolean; onlyBy?: OnlyBy } = {},
): Cell => ({ kind: "move", to, sideEffects, ...extra });
const noop: Cell = { kind: "noop" };
const refuse = (hint?: string): Cell => (hint === undefined ? { kind: "refuse" } : { kind: "refuse", hint });

const NOT_PAID = "Nothing has been paid for it yet.";
const PAY_FIRST = "Mark it paid first.";
const HAND_OVER_FIRST = "Hand it over first.";
const REFUND_INSTEAD = "Refund it instead; a full refund also puts its stock back.";
const HANDED_OVER = "Its goods are with the buyer; refund it instead.";
const ONLY_REFUNDS = "Only further refunds are possible.";
const CLOSED = "It is closed.";
const NOT_STRIPE = "It was placed with a payment method Stripe does not handle.";
const STRIPE_PAYS = "Stripe marks it paid when the buyer pays.";
const FULLY_REFUNDED = "It is already refunded in full.";
const CHECK_PAYMENT_FIRST = "Its payment did not match the order total: accept it (mark it paid) or refund it first.";
const MONEY_TAKEN = "Money was taken for it; refund it instead, which also puts its stock back.";

/** Refunds Stripe reports for an order it has not yet reported paid; a person has nothing to refund there. */
const reportedOnly: OnlyBy = { actors: ["stripe", "system"], hint: NOT_PAID };

const CONFIRMED: readonly OrderSideEffect[] = ["notify_buyer_confirmed", "notify_owner_new_order"];
const RELEASE_AND_TELL: readonly OrderSideEffect[] = ["release_stock", "return_discount", "notify_buyer_cancelled"];

/** Status (row) by event (column). A missing cell is refused with the default message. */
const TABLE: Record<OrderStatus, Partial<Record<OrderEvent, Cell>>> = {
  pending_payment: {
    payment_succeeded: move("paid", CONFIRMED),
    payment_failed: move("cancelled", RELEASE_AND_TELL),
    session_expired: move("expired", ["release_stock", "return_discount"]),
    mark_paid: refuse(STRIPE_PAYS),
    mark_ready: refuse(NOT_PAID),
    fulfil: refuse(NOT_PAID),
    complete: refuse(NOT_PAID),
    cancel: move("cancelled", RELEASE_AND_TELL),
    refund_partial: move("pending_payment", ["notify_buyer_refunded"], { onlyBy: reportedOnly }),
    refund_full: move("refunded", ["release_stock", "notify_buyer_refunded"], { onlyBy: reportedOnly }),
    payment_mismatch: move("on_hold"),
  },
  awaiting_payment: {
    payment_succeeded: refuse(NOT_STRIPE),
    payment_failed: refuse(NOT_STRIPE),
    session_expired: refuse(NOT_STRIPE),
    // The buyer already has the order's confirmation from when it was placed; now a receipt.
    mark_paid: move("paid", ["notify_buyer_paid"]),
    mark_ready: refuse(PAY_FIRST),
    fulfil: refuse(PAY_FIRST),
    complete: refuse(PAY_FIRST),
    cancel: move("cancelled", RELEASE_AND_TELL),
    refund_partial: refuse(NOT_PAID),
    refund_full: refuse(NOT_PAID),
    payment_mismatch: refuse(NOT_STRIPE),
  },
  paid: {
    payment_succeeded: noop,
    payment_failed: noop,
    session_expired: noop,
    mark_paid: noop,
    mark_ready: move("ready", ["notify_buyer_ready"]),
    fulfil: move("fulfilled", ["notify_buyer_dispatched"]),
    complete: refuse(HAND_OVER_FIRST),
    cancel: refuse(REFUND_INSTEAD),
    refund_partial: move("paid", ["notify_buyer_refunded"]),
    refund_full: move("refunded", ["release_stock", "notify_buyer_refunded"]),
    payment_mismatch: noop,
  },
  ready: {
    payment_succeeded: noop,
    payment_failed: noop,
    session_expired: noop,
    mark_paid: noop,
    mark_ready: noop,
    fulfil: move("fulfilled", ["notify_buyer_dispatched"]),
    complete: refuse(HAND_OVER_FIRST),
    cancel: refuse(REFUND_INSTEAD),
    refund_partial: move("ready", ["notify_buyer_refunded"]),
    refund_full: move("refunded", ["release_stock", "notify_buyer_refunded"]),
    payment_mismatch: noop,
  },
  fulfilled: {
    payment_succeeded: noop,
    payment_failed: noop,
    session_expired: noop,
    mark_paid: noop,
    mark_ready: noop,
    fulfil: noop,
    complete: move("completed"),
    cancel: refuse(HANDED_OVER),
    refund_partial: move("partially_refunded", ["notify_buyer_refunded"]),
    refund_full: move("refunded", ["notify_buyer_refunded"]),
    payment_mismatch: noop,
  },
  completed: {
    payment_succeeded: noop,
    payment_failed: noop,
    session_expired: noop,
    mark_paid: noop,
    mark_ready: noop,
    fulfil: noop,
    complete: noop,
    cancel: refuse(HANDED_OVER),
    refund_partial: move("partially_refunded", ["notify_buyer_refunded"]),
    refund_full: move("refunded", ["notify_buyer_refunded"]),
    payment_mismatch: noop,
  },
  cancelled: {
    payment_succeeded: move("paid", CONFIRMED, { needsStock: true }),
    payment_failed: noop,
    session_expired: noop,
    mark_paid: refuse(CLOSED),
    mark_ready: refuse(CLOSED),
    fulfil: refuse(CLOSED),
    complete: refuse(CLOSED),
    cancel: noop,
    refund_partial: move("cancelled", ["notify_buyer_refunded"], { onlyBy: reportedOnly }),
    refund_full: move("refunded", ["notify_buyer_refunded"], { onlyBy: reportedOnly }),
    payment_mismatch: move("on_hold", [], { needsStock: true }),
  },
  expired: {
    payment_succeeded: move("paid", CONFIRMED, { needsStock: true }),
    payment_failed: noop,
    session_expired: noop,
    mark_paid: refuse(CLOSED),
    mark_ready: refuse(CLOSED),
    fulfil: refuse(CLOSED),
    complete: refuse(CLOSED),
    cancel: refuse("It is already closed, and its stock is back on sale."),
    refund_partial: move("expired", ["notify_buyer_refunded"], { onlyBy: reportedOnly }),
    refund_full: move("refunded", ["notify_buyer_refunded"], { onlyBy: reportedOnly }),
    payment_mismatch: move("on_hold", [], { needsStock: true }),
  },
  refunded: {
    payment_succeeded: noop,
    payment_failed: noop,
    session_expired: noop,
    mark_paid: refuse(CLOSED),
    mark_ready: refuse(CLOSED),
    fulfil: refuse(CLOSED),
    complete: refuse(CLOSED),
    cancel: refuse(CLOSED),
    refund_partial: { kind: "noop", onlyBy: { actors: ["stripe", "system"], hint: FULLY_REFUNDED } },
    refund_full: noop,
    payment_mismatch: noop,
  },
  partially_refunded: {
    payment_succeeded: noop,
    payment_failed: noop,
    session_expired: noop,
    mark_paid: refuse(ONLY_REFUNDS),
    mark_ready: refuse(ONLY_REFUNDS),
    fulfil: refuse(ONLY_REFUNDS),
    complete: refuse(ONLY_REFUNDS),
    cancel: refuse(HANDED_OVER),
    refund_partial: move("partially_refunded", ["notify_buyer_refunded"]),
    refund_full: move("refunded", ["notify_buyer_refunded"]),
    payment_mismatch: noop,
  },
  on_hold: {
    payment_succeeded: noop,
    payment_failed: noop,
    session_expired: noop,
    mark_paid: move("paid", CONFIRMED),
    mark_ready: refuse(CHECK_PAYMENT_FIRST),
    fulfil: refuse(CHECK_PAYMENT_FIRST),
    complete: refuse(CHECK_PAYMENT_FIRST),
    cancel: refuse(MONEY_TAKEN),
    refund_partial: move("on_hold", ["notify_buyer_refunded"]),
    refund_full: move("refunded", ["release_stock", "notify_buyer_refunded"]),
    payment_mismatch: noop,
  },
};

/** Who may ask for each step at all; cells can narrow it further. */
const EVENT_ACTORS: Record<OrderEvent, readonly OrderActor[]> = {
  payment_succeeded: ["stripe", "system"],
  payment_failed: ["stripe", "system"],
  session_expired: ["stripe", "system"],
  mark_paid: ["member", "operator"],
  mark_ready: ["member", "operator"],
  fulfil: ["member", "operator"],
  complete: ["member", "operator", "system"],
  cancel: ["buyer", "member", "operator", "system"],
  refund_partial: ["member", "operator", "stripe", "system"],
  refund_full: ["member", "operator", "stripe", "system"],
  payment_mismatch: ["stripe", "system"],
};

const STRIPE_EVENTS: ReadonlySet<OrderEvent> = new Set([
  "payment_succeeded",
  "payment_failed",
  "session_expired",
  "payment_mismatch",
]);

const STATUS_TEXT: Record<OrderStatus, string> = {
  pending_payment: "is still waiting for its online payment",
  awaiting_payment: "is still waiting to be paid",
  paid: "is already paid",
  ready: "is already ready",
  fulfilled: "has already been handed over",
  completed: "is already completed",
  cancelled: "was cancelled",
  expired: "expired unpaid",
  refunded: "is already refunded",
  partially_refunded: "was handed over and partly refunded",
  on_hold: "is on hold until its payment is checked",
};

/** What the step would do to the order, after "cannot". */
const EVENT_TEXT: Record<OrderEvent, string> = {
  payment_succeeded: "be paid through Stripe",
  payment_failed: "have a Stripe payment fail",
  session_expired: "expire as an unpaid Stripe checkout",
  mark_paid: "be marked paid",
  mark_ready: "be marked ready",
  fulfil: "be handed over",
  complete: "be completed",
  cancel: "be cancelled",
  refund_partial: "be partly refunded",
  refund_full: "be refunded",
  payment_mismatch: "be held for a payment that does not match",
};

/** The step as something an actor does, after "cannot". */
const EVENT_ACTION: Record<OrderEvent, string> = {
  payment_succeeded: "report a Stripe payment",
  payment_failed: "report a failed Stripe payment",
  session_expired: "expire a Stripe checkout",
  mark_paid: "mark an order paid",
  mark_ready: "mark an order ready",
  fulfil: "hand an order over",
  complete: "complete an order",
  cancel: "cancel an order",
  refund_partial: "partly refund an order",
  refund_full: "refund an order",
  payment_mismatch: "report a payment that does not match",
};

const ACTOR_TEXT: Record<OrderActor, string> = {
  buyer: "a buyer",
  member: "a shop member",
  system: "the system",
  stripe: "Stripe",
  operator: "an operator",
};

const METHOD_TEXT: Record<PaymentMethod, string> = {
  stripe: "an online (Stripe)",
  pay_at_pickup: "a pay-at-pickup",
  cash_on_delivery: "a cash-on-delivery",
  bank_transfer: "a bank-transfer",
};

const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

function listOf(actors: readonly OrderActor[]): string {
  const names = actors.map((actor) => ACTOR_TEXT[actor]);
  return names.length <= 1 ? (names[0] ?? "") : `${names.slice(0, -1).join(", ")} or ${names.at(-1)}`;
}

function refusal(status: OrderStatus, event: OrderEvent, context: TransitionContext, message: string): DomainError {
  return new DomainError("invalid_state_transition", message, {
    details: { orderStatus: status, event, paymentMethod: context.paymentMethod, actor: context.actor },
  });
}

const outOfPlace = (status: OrderStatus, event: OrderEvent, hint?: string) =>
  `An order that ${STATUS_TEXT[status]} cannot ${EVENT_TEXT[event]}.${hint ? ` ${hint}` : ""}`;

/**
 * Applies a step to an order's status and says where it ends up and what to set off, or throws
 * `DomainError("invalid_state_transition")` saying what was refused and why. See the decisions at the
 * top of this file.
 * @example transition("paid", "payment_succeeded", { paymentMethod: "stripe", actor: "stripe" })
 * // { to: "paid", isNoop: true, sideEffects: [], releasesStock: false, needsStock: false }: a webhook replay
 * @example transition("paid", "cancel", { paymentMethod: "pay_at_pickup", actor: "member" })
 * // throws: "An order that is already paid cannot be cancelled. Refund it instead; …"
 */
export function transition(status: OrderStatus, event: OrderEvent, context: TransitionContext): OrderTransition {
  const row = (TABLE as Partial<Record<string, Partial<Record<string, Cell>>>>)[status];
  if (!row || !(ORDER_EVENTS as readonly string[]).includes(event)) {
    throw new DomainError("validation_failed", `Unknown order status "${status}" or step "${event}"`);
  }
  const { actor, paymentMethod } = context;

  const actors = EVENT_ACTORS[event];
  if (!actors.includes(actor)) {
    const message = `${capitalise(ACTOR_TEXT[actor] ?? String(actor))} cannot ${EVENT_ACTION[event]}; only ${listOf(actors)} can.`;
    throw refusal(status, event, context, message);
  }
  if (STRIPE_EVENTS.has(event) && paymentMethod !== "stripe") {
    const message = `${capitalise(METHOD_TEXT[paymentMethod])} order is not paid through Stripe, so there is no Stripe payment or checkout to report on.`;
    throw refusal(status, event, context, message);
  }
  // The one exception: an order on hold, whose mismatched payment the owner checked and accepts.
  if (event === "mark_paid" && paymentMethod === "stripe" && status !== "on_hold") {
    const message =
      "An order paid online through Stripe cannot be marked paid by hand; it becomes paid when Stripe confirms the buyer's payment.";
    throw refusal(status, event, context, message);
  }
  if ((actor === "stripe" || actor === "system") && event.startsWith("refund_") && paymentMethod !== "stripe") {
    const message = `${capitalise(METHOD_TEXT[paymentMethod])} order is not paid through Stripe, so its refunds are made and recorded by the shop, not reported by Stripe.`;
    throw refusal(status, event, context, message);
  }

  const cell = row[event] ?? refuse();
  if (cell.kind === "refuse") throw refusal(status, event, context, outOfPlace(status, event, cell.hint));
  if (cell.onlyBy && !cell.onlyBy.actors.includes(actor)) {
    throw refusal(status, event, context, outOfPlace(status, event, cell.onlyBy.hint));
  }
  if (cell.kind === "noop") {
    return { to: status, releasesStock: false, sideEffects: [], isNoop: true, needsStock: false };
  }
  return {
    to: cell.to,
    releasesStock: cell.sideEffects.includes("release_stock"),
    sideEffects: [...cell.sideEffects],
    isNoop: false,
    needsStock: cell.needsStock ?? false,
  };
}

/**
 * Which refund step an amount is, given what the order has already had back: the step that reaches
 * the total is the full refund.
 * @example refundEvent({ totalAmount: 600, refundedAmount: 300 }, 300) // "refund_full"
 */
export function refundEvent(
  order: { totalAmount: number; refundedAmount: number },
  amount: number,
): "refund_partial" | "refund_full" {
  return order.refundedAmount + amount >= order.totalAmount ? "refund_full" : "refund_partial";
}

/**
 * Whether a payment provider took exactly the order's total, in its currency (currency codes in any
 * case). Anything else is `payment_mismatch`, never `payment_succeeded`.
 * @example isPaidInFull({ totalAmount: 1200, currency: "USD" }, { amount: 1100, currency: "usd" }) // false
 */
export function isPaidInFull(
  order: { totalAmount: number; currency: string },
  paid: { amount: number | null; currency: string | null },
): boolean {
  return paid.amount === order.totalAmount && paid.currency?.toUpperCase() === order.currency.toUpperCase();
}

/** True when `transition` would accept the step (a no-op counts as accepted). */
export function canTransition(status: OrderStatus, event: OrderEvent, context: TransitionContext): boolean {
  try {
    transition(status, event, context);
    return true;
  } catch (error) {
    if (error instanceof DomainError) return false;
    throw error;
  }
}

/** The steps a shop member can take on an order. */
export const SHOP_ACTIONS = [
  "mark_paid",
  "mark_ready",
  "fulfil",
  "complete",
  "cancel",
  "refund_partial",
  "refund_full",
] as const satisfies readonly OrderEvent[];
export type OrderAction = (typeof SHOP_ACTIONS)[number];

/**
 * The steps a shop member can take on an order now, in workflow order: the dashboard's buttons.
 * Steps that would be no-ops are left out.
 * @example availableActions("awaiting_payment", "pay_at_pickup") // ["mark_paid", "cancel"]
 */
export function availableActions(status: OrderStatus, paymentMethod: PaymentMethod): OrderAction[] {
  return SHOP_ACTIONS.filter((event) => {
    if (!canTransition(status, event, { paymentMethod, actor: "member" })) return false;
    return !transition(status, event, { paymentMethod, actor: "member" }).isNoop;
  });
}

const TERMINAL: ReadonlySet<OrderStatus> = new Set<OrderStatus>([
  "completed",
  "cancelled",
  "expired",
  "refunded",
  "partially_refunded",
]);

/**
 * True when the order is closed: nothing more is expected of the buyer or the shop, and no workflow step
 * (pay, ready, hand over, complete, cancel) applies. Money can still move afterwards: a completed order can
 * be refunded, and a late Stripe payment reopens an expired or cancelled one as paid.
 */
export function isTerminal(status: OrderStatus): boolean {
  return TERMINAL.has(status);
}

/**
 * Where a newly placed order starts, and what placing it sets off. Stripe orders wait for the payment
 * before anyone is told; manual orders are confirmed to the buyer (with the payment instructions) and
 * announced to the owner at once.
 * @example initialOrderState("bank_transfer") // { status: "awaiting_payment", sideEffects: [confirmed, new order] }
 */
export function initialOrderState(paymentMethod: PaymentMethod): {
  status: OrderStatus;
  sideEffects: OrderSideEffect[];
} {
  return paymentMethod === "stripe"
    ? { status: "pending_payment", sideEffects: [] }
    : { status: "awaiting_payment", sideEffects: ["notify_buyer_confirmed", "notify_owner_new_order"] };
}

/**
 * How long a shop member can take back a step they just took (decision 018). The buyer's email for an
 * undoable step is held in the outbox for this long, so an undone step is never announced.
 */
export const UNDO_WINDOW_MS = 10_000;

/**
 * The steps that can be undone, as the status move they made, and the step each is. Nothing else moves
 * an order along these pairs, so a recorded event names its step. None of them moves stock, money or a
 * discount use; marking paid records a payment, which the undo takes back.
 */
const UNDOABLE: Record<string, "mark_paid" | "mark_ready" | "fulfil"> = {
  "awaiting_payment>paid": "mark_paid",
  "paid>ready": "mark_ready",
  "paid>fulfilled": "fulfil",
  "ready>fulfilled": "fulfil",
};

/** One recorded step of an order, as the undo rule needs it. */
export type RecordedStep = {
  id: string;
  fromStatus: string | null;
  toStatus: string;
  actorType: string;
  actorId: string | null;
  createdAt: number;
};

/**
 * The step an order's latest event can still be undone as, and until when; undefined when it cannot.
 * Only a member's own step, only the latest one, only within the window.
 */
export function undoableStep(
  status: OrderStatus,
  latest: RecordedStep | undefined,
  now: number,
): { stepId: string; step: "mark_paid" | "mark_ready" | "fulfil"; back: OrderStatus; until: number } | undefined {
  if (latest?.actorType !== "member" || latest.toStatus !== status || latest.fromStatus === null) return;
  const step = UNDOABLE[`${latest.fromStatus}>${latest.toStatus}`];
  const until = latest.createdAt + UNDO_WINDOW_MS;
  if (!step || now >= until) return;
  return { stepId: latest.id, step, back: latest.fromStatus as OrderStatus, until };
}

/**
 * Takes back step `stepId` of an order: back to the status before it, with no emails (the held email of
 * the step is withdrawn by the caller). Refused, in plain words, when the window has closed, when the
 * step is not the order's latest (someone took another step since), or when another person took it.
 * @example undoStep("paid", latest, { stepId: latest.id, actorId: "usr_1", now }) // { to: "awaiting_payment", step: "mark_paid" }
 */
export function undoStep(
  status: OrderStatus,
  latest: RecordedStep | undefined,
  request: { stepId: string; actorId: string; now: number },
): { to: OrderStatus; step: "mark_paid" | "mark_ready" | "fulfil" } {
  const refuse = (message: string) =>
    new DomainError("invalid_state_transition", message, {
      details: { orderStatus: status, event: "undo", stepId: request.stepId },
    });
  if (!latest || latest.id !== request.stepId) {
    throw refuse("That step can no longer be undone: the order has changed since. Here is how it is now.");
  }
  const undoable = undoableStep(status, latest, request.now);
  if (!undoable) {
    if (latest.actorType === "member" && UNDOABLE[`${latest.fromStatus}>${latest.toStatus}`]) {
      throw refuse("It is too late to undo that step; the buyer has been told.");
    }
    throw refuse("That step cannot be undone.");
  }
  if (latest.actorId !== request.actorId) {
    throw refuse("Only the person who took that step can undo it.");
  }
  return { to: undoable.back, step: undoable.step };
}

/**
 * Orders by what the owner has to do, for the dashboard's filters and its "needs you" count:
 * to pay (a manual payment to mark, or a held one to check), to hand over (paid or ready), done, and
 * cancelled (including unpaid card checkouts that ran out). An open card checkout is the buyer's move,
 * so it is in none of the owner's to-do stages.
 */
export const ORDER_STAGES = {
  to_pay: ["awaiting_payment", "on_hold"],
  to_hand_over: ["paid", "ready"],
  done: ["fulfilled", "completed", "refunded", "partially_refunded"],
  cancelled: ["cancelled", "expired"],
} as const satisfies Record<string, readonly OrderStatus[]>;
export type OrderStage = keyof typeof ORDER_STAGES;
export const ORDER_STAGE_NAMES = Object.keys(ORDER_STAGES) as OrderStage[];

/** The statuses that need the shop's action: the badge on the dashboard's Orders link. */
export const NEEDS_ACTION: readonly OrderStatus[] = [...ORDER_STAGES.to_pay, ...ORDER_STAGES.to_hand_over];

/** True when a recorded move is an undoable step (its buyer email is held for the undo window). */
export function isUndoableMove(from: string | null, to: string): boolean {
  return from !== null && `${from}>${to}` in UNDOABLE;
}

/** True when a recorded move is an undo: the reverse of an undoable step, which nothing else does. */
export function isUndoMove(from: string | null, to: string): boolean {
  return from !== null && `${to}>${from}` in UNDOABLE;
}
