import { describe, expect, it } from "vitest";
import { ORDER_STATUSES, type OrderStatus, PAYMENT_METHODS, type PaymentMethod } from "../constants.ts";
import { DomainError } from "../errors.ts";
import {
  availableActions,
  canTransition,
  initialOrderState,
  isPaidInFull,
  isTerminal,
  isUndoMove,
  ORDER_ACTORS,
  ORDER_EVENTS,
  type OrderActor,
  type OrderEvent,
  type OrderSideEffect,
  type OrderTransition,
  type RecordedStep,
  refundEvent,
  transition,
  UNDO_WINDOW_MS,
  undoableStep,
  undoStep,
} from "./order-state.ts";

/*
 * Expectation grids: one row per status, one column per event, in ORDER_EVENTS order:
 *
 *   payment_succeeded | payment_failed | session_expired | mark_paid | mark_ready | fulfil | complete |
 *   cancel | refund_partial | refund_full | payment_mismatch
 *
 * Stripe events are sent by actor "stripe"; every other step by a shop "member".
 * A cell reads:
 *   "→ paid [confirmed, owner]"   moves to paid and sets off those side effects (short names below)
 *   "→ paid [confirmed] +stock"   the same, flagged needsStock (stock was released earlier)
 *   "="                           a no-op: same status, no side effects
 *   "✗ some words"                refused with invalid_state_transition; the message contains the words
 */
const SHORT: Record<string, OrderSideEffect> = {
  stock: "release_stock",
  discount: "return_discount",
  confirmed: "notify_buyer_confirmed",
  paid: "notify_buyer_paid",
  ready: "notify_buyer_ready",
  dispatched: "notify_buyer_dispatched",
  refunded: "notify_buyer_refunded",
  owner: "notify_owner_new_order",
  cancelled: "notify_buyer_cancelled",
};

const NOOP = "=";
const BY_HAND = "✗ An order paid online through Stripe cannot be marked paid by hand";
const NOT_VIA_STRIPE = "✗ A pay-at-pickup order is not paid through Stripe";
const UNPAID = "Nothing has been paid for it yet.";
const CLOSED = "It is closed.";
const REFUND_INSTEAD = "Refund it instead; a full refund also puts its stock back.";
const WITH_BUYER = "Its goods are with the buyer; refund it instead.";
const ONLY_REFUNDS = "Only further refunds are possible.";
const CHECK_FIRST = "Its payment did not match the order total: accept it (mark it paid) or refund it first.";
const MONEY_TAKEN = "Money was taken for it; refund it instead, which also puts its stock back.";

type Row = [string, string, string, string, string, string, string, string, string, string, string];

const STRIPE_ORDER: Record<OrderStatus, Row> = {
  pending_payment: [
    "→ paid [confirmed, owner]",
    "→ cancelled [stock, discount, cancelled]",
    "→ expired [stock, discount]",
    BY_HAND,
    `✗ An order that is still waiting for its online payment cannot be marked ready. ${UNPAID}`,
    `✗ An order that is still waiting for its online payment cannot be handed over. ${UNPAID}`,
    `✗ An order that is still waiting for its online payment cannot be completed. ${UNPAID}`,
    "→ cancelled [stock, discount, cancelled]",
    `✗ An order that is still waiting for its online payment cannot be partly refunded. ${UNPAID}`,
    `✗ An order that is still waiting for its online payment cannot be refunded. ${UNPAID}`,
    "→ on_hold []",
  ],
  awaiting_payment: [
    "✗ cannot be paid through Stripe. It was placed with a payment method Stripe does not handle.",
    "✗ cannot have a Stripe payment fail. It was placed with a payment method Stripe does not handle.",
    "✗ cannot expire as an unpaid Stripe checkout.",
    BY_HAND,
    "✗ An order that is still waiting to be paid cannot be marked ready. Mark it paid first.",
    "✗ cannot be handed over. Mark it paid first.",
    "✗ cannot be completed. Mark it paid first.",
    "→ cancelled [stock, discount, cancelled]",
    `✗ An order that is still waiting to be paid cannot be partly refunded. ${UNPAID}`,
    `✗ cannot be refunded. ${UNPAID}`,
    "✗ cannot be held for a payment that does not match. It was placed with a payment method Stripe does not handle.",
  ],
  paid: [
    NOOP,
    NOOP,
    NOOP,
    BY_HAND,
    "→ ready [ready]",
    "→ fulfilled [dispatched]",
    "✗ An order that is already paid cannot be completed. Hand it over first.",
    `✗ An order that is already paid cannot be cancelled. ${REFUND_INSTEAD}`,
    "→ paid [refunded]",
    "→ refunded [stock, refunded]",
    NOOP,
  ],
  ready: [
    NOOP,
    NOOP,
    NOOP,
    BY_HAND,
    NOOP,
    "→ fulfilled [dispatched]",
    "✗ An order that is already ready cannot be completed. Hand it over first.",
    `✗ An order that is already ready cannot be cancelled. ${REFUND_INSTEAD}`,
    "→ ready [refunded]",
    "→ refunded [stock, refunded]",
    NOOP,
  ],
  fulfilled: [
    NOOP,
    NOOP,
    NOOP,
    BY_HAND,
    NOOP,
    NOOP,
    "→ completed []",
    `✗ An order that has already been handed over cannot be cancelled. ${WITH_BUYER}`,
    "→ partially_refunded [refunded]",
    "→ refunded [refunded]",
    NOOP,
  ],
  completed: [
    NOOP,
    NOOP,
    NOOP,
    BY_HAND,
    NOOP,
    NOOP,
    NOOP,
    `✗ An order that is already completed cannot be cancelled. ${WITH_BUYER}`,
    "→ partially_refunded [refunded]",
    "→ refunded [refunded]",
    NOOP,
  ],
  cancelled: [
    "→ paid [confirmed, owner] +stock",
    NOOP,
    NOOP,
    BY_HAND,
    `✗ An order that was cancelled cannot be marked ready. ${CLOSED}`,
    `✗ An order that was cancelled cannot be handed over. ${CLOSED}`,
    `✗ An order that was cancelled cannot be completed. ${CLOSED}`,
    NOOP,
    `✗ An order that was cancelled cannot be partly refunded. ${UNPAID}`,
    `✗ An order that was cancelled cannot be refunded. ${UNPAID}`,
    "→ on_hold [] +stock",
  ],
  expired: [
    "→ paid [confirmed, owner] +stock",
    NOOP,
    NOOP,
    BY_HAND,
    `✗ An order that expired unpaid cannot be marked ready. ${CLOSED}`,
    `✗ An order that expired unpaid cannot be handed over. ${CLOSED}`,
    `✗ An order that expired unpaid cannot be completed. ${CLOSED}`,
    "✗ An order that expired unpaid cannot be cancelled. It is already closed, and its stock is back on sale.",
    `✗ An order that expired unpaid cannot be partly refunded. ${UNPAID}`,
    `✗ An order that expired unpaid cannot be refunded. ${UNPAID}`,
    "→ on_hold [] +stock",
  ],
  refunded: [
    NOOP,
    NOOP,
    NOOP,
    BY_HAND,
    `✗ An order that is already refunded cannot be marked ready. ${CLOSED}`,
    `✗ An order that is already refunded cannot be handed over. ${CLOSED}`,
    `✗ An order that is already refunded cannot be completed. ${CLOSED}`,
    `✗ An order that is already refunded cannot be cancelled. ${CLOSED}`,
    "✗ An order that is already refunded cannot be partly refunded. It is already refunded in full.",
    NOOP,
    NOOP,
  ],
  partially_refunded: [
    NOOP,
    NOOP,
    NOOP,
    BY_HAND,
    `✗ An order that was handed over and partly refunded cannot be marked ready. ${ONLY_REFUNDS}`,
    `✗ cannot be handed over. ${ONLY_REFUNDS}`,
    `✗ cannot be completed. ${ONLY_REFUNDS}`,
    `✗ An order that was handed over and partly refunded cannot be cancelled. ${WITH_BUYER}`,
    "→ partially_refunded [refunded]",
    "→ refunded [refunded]",
    NOOP,
  ],
  on_hold: [
    NOOP,
    NOOP,
    NOOP,
    "→ paid [confirmed, owner]",
    `✗ An order that is on hold until its payment is checked cannot be marked ready. ${CHECK_FIRST}`,
    `✗ cannot be handed over. ${CHECK_FIRST}`,
    `✗ cannot be completed. ${CHECK_FIRST}`,
    `✗ An order that is on hold until its payment is checked cannot be cancelled. ${MONEY_TAKEN}`,
    "→ on_hold [refunded]",
    "→ refunded [stock, refunded]",
    NOOP,
  ],
};

/** A pay-at-pickup order: Stripe events never apply, and the shop marks it paid. */
const PAY_AT_PICKUP_ORDER: Record<OrderStatus, Row> = {
  pending_payment: [
    NOT_VIA_STRIPE,
    NOT_VIA_STRIPE,
    NOT_VIA_STRIPE,
    "✗ An order that is still waiting for its online payment cannot be marked paid. Stripe marks it paid when the buyer pays.",
    `✗ cannot be marked ready. ${UNPAID}`,
    `✗ cannot be handed over. ${UNPAID}`,
    `✗ cannot be completed. ${UNPAID}`,
    "→ cancelled [stock, discount, cancelled]",
    `✗ cannot be partly refunded. ${UNPAID}`,
    `✗ cannot be refunded. ${UNPAID}`,
    NOT_VIA_STRIPE,
  ],
  awaiting_payment: [
    NOT_VIA_STRIPE,
    NOT_VIA_STRIPE,
    NOT_VIA_STRIPE,
    "→ paid [paid]",
    "✗ An order that is still waiting to be paid cannot be marked ready. Mark it paid first.",
    "✗ An order that is still waiting to be paid cannot be handed over. Mark it paid first.",
    "✗ An order that is still waiting to be paid cannot be completed. Mark it paid first.",
    "→ cancelled [stock, discount, cancelled]",
    `✗ cannot be partly refunded. ${UNPAID}`,
    `✗ An order that is still waiting to be paid cannot be refunded. ${UNPAID}`,
    NOT_VIA_STRIPE,
  ],
  paid: [
    NOT_VIA_STRIPE,
    NOT_VIA_STRIPE,
    NOT_VIA_STRIPE,
    NOOP,
    "→ ready [ready]",
    "→ fulfilled [dispatched]",
    "✗ Hand it over first.",
    `✗ An order that is already paid cannot be cancelled. ${REFUND_INSTEAD}`,
    "→ paid [refunded]",
    "→ refunded [stock, refunded]",
    NOT_VIA_STRIPE,
  ],
  ready: [
    NOT_VIA_STRIPE,
    NOT_VIA_STRIPE,
    NOT_VIA_STRIPE,
    NOOP,
    NOOP,
    "→ fulfilled [dispatched]",
    "✗ Hand it over first.",
    `✗ ${REFUND_INSTEAD}`,
    "→ ready [refunded]",
    "→ refunded [stock, refunded]",
    NOT_VIA_STRIPE,
  ],
  fulfilled: [
    NOT_VIA_STRIPE,
    NOT_VIA_STRIPE,
    NOT_VIA_STRIPE,
    NOOP,
    NOOP,
    NOOP,
    "→ completed []",
    `✗ ${WITH_BUYER}`,
    "→ partially_refunded [refunded]",
    "→ refunded [refunded]",
    NOT_VIA_STRIPE,
  ],
  completed: [
    NOT_VIA_STRIPE,
    NOT_VIA_STRIPE,
    NOT_VIA_STRIPE,
    NOOP,
    NOOP,
    NOOP,
    NOOP,
    `✗ ${WITH_BUYER}`,
    "→ partially_refunded [refunded]",
    "→ refunded [refunded]",
    NOT_VIA_STRIPE,
  ],
  cancelled: [
    NOT_VIA_STRIPE,
    NOT_VIA_STRIPE,
    NOT_VIA_STRIPE,
    `✗ An order that was cancelled cannot be marked paid. ${CLOSED}`,
    `✗ ${CLOSED}`,
    `✗ ${CLOSED}`,
    `✗ ${CLOSED}`,
    NOOP,
    `✗ ${UNPAID}`,
    `✗ ${UNPAID}`,
    NOT_VIA_STRIPE,
  ],
  expired: [
    NOT_VIA_STRIPE,
    NOT_VIA_STRIPE,
    NOT_VIA_STRIPE,
    `✗ An order that expired unpaid cannot be marked paid. ${CLOSED}`,
    `✗ ${CLOSED}`,
    `✗ ${CLOSED}`,
    `✗ ${CLOSED}`,
    "✗ It is already closed, and its stock is back on sale.",
    `✗ ${UNPAID}`,
    `✗ ${UNPAID}`,
    NOT_VIA_STRIPE,
  ],
  refunded: [
    NOT_VIA_STRIPE,
    NOT_VIA_STRIPE,
    NOT_VIA_STRIPE,
    `✗ An order that is already refunded cannot be marked paid. ${CLOSED}`,
    `✗ ${CLOSED}`,
    `✗ ${CLOSED}`,
    `✗ ${CLOSED}`,
    `✗ ${CLOSED}`,
    "✗ It is already refunded in full.",
    NOOP,
    NOT_VIA_STRIPE,
  ],
  partially_refunded: [
    NOT_VIA_STRIPE,
    NOT_VIA_STRIPE,
    NOT_VIA_STRIPE,
    `✗ An order that was handed over and partly refunded cannot be marked paid. ${ONLY_REFUNDS}`,
    `✗ ${ONLY_REFUNDS}`,
    `✗ ${ONLY_REFUNDS}`,
    `✗ ${ONLY_REFUNDS}`,
    `✗ ${WITH_BUYER}`,
    "→ partially_refunded [refunded]",
    "→ refunded [refunded]",
    NOT_VIA_STRIPE,
  ],
  // Unreachable for a manual order (only a Stripe payment can mismatch); the table still answers.
  on_hold: [
    NOT_VIA_STRIPE,
    NOT_VIA_STRIPE,
    NOT_VIA_STRIPE,
    "→ paid [confirmed, owner]",
    `✗ ${CHECK_FIRST}`,
    `✗ ${CHECK_FIRST}`,
    `✗ ${CHECK_FIRST}`,
    `✗ ${MONEY_TAKEN}`,
    "→ on_hold [refunded]",
    "→ refunded [stock, refunded]",
    NOT_VIA_STRIPE,
  ],
};

const STRIPE_EVENTS: readonly OrderEvent[] = [
  "payment_succeeded",
  "payment_failed",
  "session_expired",
  "payment_mismatch",
];
const naturalActor = (event: OrderEvent): OrderActor => (STRIPE_EVENTS.includes(event) ? "stripe" : "member");

type Expectation = { kind: "result"; result: OrderTransition } | { kind: "throws"; words: string };

function parseCell(status: OrderStatus, cell: string): Expectation {
  if (cell === NOOP) {
    return {
      kind: "result",
      result: { to: status, releasesStock: false, sideEffects: [], isNoop: true, needsStock: false },
    };
  }
  if (cell.startsWith("✗ ")) return { kind: "throws", words: cell.slice(2) };
  const match = /^→ (\w+) \[([\w, ]*)\]( \+stock)?$/.exec(cell);
  if (!match) throw new Error(`Unreadable expectation "${cell}"`);
  const [, to = "", effects = "", needsStock] = match;
  const sideEffects = effects === "" ? [] : effects.split(", ").map((name) => SHORT[name] ?? (name as OrderSideEffect));
  return {
    kind: "result",
    result: {
      to: to as OrderStatus,
      releasesStock: sideEffects.includes("release_stock"),
      sideEffects,
      isNoop: false,
      needsStock: needsStock !== undefined,
    },
  };
}

function crossProduct(grid: Record<OrderStatus, Row>) {
  return ORDER_STATUSES.flatMap((status) =>
    ORDER_EVENTS.map((event, column) => [status, event, grid[status][column] ?? "missing"] as const),
  );
}

function expectCell(status: OrderStatus, event: OrderEvent, paymentMethod: PaymentMethod, cell: string) {
  const context = { paymentMethod, actor: naturalActor(event) };
  const expectation = parseCell(status, cell);
  if (expectation.kind === "result") {
    expect(transition(status, event, context)).toEqual(expectation.result);
    expect(canTransition(status, event, context)).toBe(true);
    return;
  }
  let caught: unknown;
  try {
    transition(status, event, context);
  } catch (error) {
    caught = error;
  }
  expect(caught, `${status} + ${event} should be refused`).toBeInstanceOf(DomainError);
  const error = caught as DomainError;
  expect(error.code).toBe("invalid_state_transition");
  expect(error.status).toBe(409);
  expect(error.message).toContain(expectation.words);
  expect(error.details).toEqual({ orderStatus: status, event, paymentMethod, actor: context.actor });
  expect(canTransition(status, event, context)).toBe(false);
}

describe("transition: every status × every event", () => {
  it.each(crossProduct(STRIPE_ORDER))("stripe order: %s + %s is %s", (status, event, cell) => {
    expectCell(status, event, "stripe", cell);
  });

  it.each(crossProduct(PAY_AT_PICKUP_ORDER))("pay-at-pickup order: %s + %s is %s", (status, event, cell) => {
    expectCell(status, event, "pay_at_pickup", cell);
  });

  it("treats every manual method like pay at pickup", () => {
    for (const paymentMethod of ["cash_on_delivery", "bank_transfer"] as const) {
      for (const status of ORDER_STATUSES) {
        for (const event of ORDER_EVENTS) {
          const context = { paymentMethod, actor: naturalActor(event) };
          const pickup = { paymentMethod: "pay_at_pickup" as const, actor: naturalActor(event) };
          expect(canTransition(status, event, context)).toBe(canTransition(status, event, pickup));
          if (canTransition(status, event, context)) {
            expect(transition(status, event, context)).toEqual(transition(status, event, pickup));
          }
        }
      }
    }
  });
});

describe("transition: who may ask", () => {
  const cases: [event: OrderEvent, status: OrderStatus, method: PaymentMethod, allowed: OrderActor[]][] = [
    ["payment_succeeded", "pending_payment", "stripe", ["stripe", "system"]],
    ["payment_failed", "pending_payment", "stripe", ["stripe", "system"]],
    ["session_expired", "pending_payment", "stripe", ["stripe", "system"]],
    ["mark_paid", "awaiting_payment", "bank_transfer", ["member", "operator"]],
    ["mark_ready", "paid", "stripe", ["member", "operator"]],
    ["fulfil", "ready", "cash_on_delivery", ["member", "operator"]],
    ["complete", "fulfilled", "stripe", ["member", "operator", "system"]],
    ["cancel", "pending_payment", "stripe", ["buyer", "member", "operator", "system"]],
    ["cancel", "awaiting_payment", "pay_at_pickup", ["buyer", "member", "operator", "system"]],
    ["refund_full", "paid", "stripe", ["member", "operator", "stripe", "system"]],
    ["refund_partial", "completed", "stripe", ["member", "operator", "stripe", "system"]],
    // Stripe reports a refund before the payment; a person has nothing to refund yet.
    ["refund_full", "pending_payment", "stripe", ["stripe", "system"]],
    ["refund_partial", "expired", "stripe", ["stripe", "system"]],
    ["refund_full", "cancelled", "stripe", ["stripe", "system"]],
    // A manual order's refunds are the shop's to record.
    ["refund_full", "paid", "pay_at_pickup", ["member", "operator"]],
    // A late partial-refund report after a full refund is a replay; a person asking is a mistake.
    ["refund_partial", "refunded", "stripe", ["stripe", "system"]],
  ];

  it.each(cases)("%s on a %s %s order: only %j", (event, status, paymentMethod, allowed) => {
    for (const actor of ORDER_ACTORS) {
      expect(canTransition(status, event, { paymentMethod, actor }), `${actor}`).toBe(allowed.includes(actor));
    }
  });

  it.each([
    ["buyer", "mark_paid", "A buyer cannot mark an order paid; only a shop member or an operator can."],
    ["stripe", "cancel", "Stripe cannot cancel an order; only a buyer, a shop member, an operator or the system can."],
    ["member", "payment_succeeded", "A shop member cannot report a Stripe payment; only Stripe or the system can."],
    [
      "buyer",
      "refund_full",
      "A buyer cannot refund an order; only a shop member, an operator, Stripe or the system can.",
    ],
  ] as const)("explains why %s cannot %s", (actor, event, message) => {
    expect(() => transition("awaiting_payment", event, { paymentMethod: "bank_transfer", actor })).toThrow(message);
  });

  it("says Stripe has no say over a manual order's refunds", () => {
    expect(() => transition("paid", "refund_full", { paymentMethod: "cash_on_delivery", actor: "stripe" })).toThrow(
      "A cash-on-delivery order is not paid through Stripe, so its refunds are made and recorded by the shop",
    );
  });

  it("refuses unknown statuses and events as bad input", () => {
    const context = { paymentMethod: "stripe" as const, actor: "stripe" as const };
    expect(() => transition("shipped" as OrderStatus, "payment_succeeded", context)).toThrow(/Unknown order status/);
    expect(() => transition("paid", "ship" as OrderEvent, context)).toThrow(/Unknown order status/);
  });
});

describe("transition: properties over every combination", () => {
  const everything = ORDER_STATUSES.flatMap((status) =>
    ORDER_EVENTS.flatMap((event) =>
      PAYMENT_METHODS.flatMap((paymentMethod) =>
        ORDER_ACTORS.map((actor) => ({ status, event, paymentMethod, actor })),
      ),
    ),
  );

  it("canTransition agrees with transition, and results are well formed", () => {
    let accepted = 0;
    for (const { status, event, paymentMethod, actor } of everything) {
      const context = { paymentMethod, actor };
      let result: OrderTransition | undefined;
      try {
        result = transition(status, event, context);
      } catch (error) {
        expect(error).toBeInstanceOf(DomainError);
        expect((error as DomainError).code).toBe("invalid_state_transition");
      }
      expect(canTransition(status, event, context)).toBe(result !== undefined);
      if (!result) continue;
      accepted += 1;
      expect(result.releasesStock).toBe(result.sideEffects.includes("release_stock"));
      expect(new Set(result.sideEffects).size).toBe(result.sideEffects.length);
      if (result.isNoop) {
        expect(result).toEqual({ to: status, releasesStock: false, sideEffects: [], isNoop: true, needsStock: false });
      }
      if (result.needsStock) expect(["paid", "on_hold"]).toContain(result.to);
      expect(result.sideEffects.includes("return_discount")).toBe(
        result.releasesStock && ["cancelled", "expired"].includes(result.to),
      );
      if (actor === "buyer") expect(event).toBe("cancel");
    }
    expect(accepted).toBeGreaterThan(100);
  });

  it("never lets a person mark a Stripe order paid, nor Stripe report on a manual one", () => {
    for (const { status, event, paymentMethod, actor } of everything) {
      // Except accepting a payment held for not matching the total, after the owner checked it.
      if (event === "mark_paid" && paymentMethod === "stripe" && status !== "on_hold") {
        expect(canTransition(status, event, { paymentMethod, actor })).toBe(false);
      }
      if (STRIPE_EVENTS.includes(event) && paymentMethod !== "stripe") {
        expect(canTransition(status, event, { paymentMethod, actor })).toBe(false);
      }
    }
  });

  /*
   * Stock is either held by the order, released back on sale, or gone with the buyer. Walk the machine at
   * random, with every actor, and check that stock is released only while held (so exactly once), that a
   * late payment asks for stock only when it had been released, and that each status holds stock the way
   * it should.
   */
  it("releases stock exactly once along any of 5000 random walks", () => {
    type Stock = "held" | "released" | "gone";
    const expected: Record<OrderStatus, readonly Stock[]> = {
      pending_payment: ["held"],
      awaiting_payment: ["held"],
      paid: ["held"],
      ready: ["held"],
      fulfilled: ["gone"],
      completed: ["gone"],
      partially_refunded: ["gone"],
      cancelled: ["released"],
      expired: ["released"],
      refunded: ["released", "gone"],
      on_hold: ["held"],
    };
    const random = seeded(5);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
    let releases = 0;
    for (let walk = 0; walk < 5000; walk += 1) {
      const paymentMethod = pick(PAYMENT_METHODS);
      let { status } = initialOrderState(paymentMethod);
      let stock: Stock = "held";
      for (let step = 0; step < 12; step += 1) {
        const event = pick(ORDER_EVENTS);
        const actor = pick(ORDER_ACTORS);
        if (!canTransition(status, event, { paymentMethod, actor })) continue;
        const result = transition(status, event, { paymentMethod, actor });
        if (result.releasesStock) {
          expect(stock, `${status} + ${event} releases stock it does not hold`).toBe("held");
          stock = "released";
          releases += 1;
        }
        if (result.needsStock) {
          expect(stock).toBe("released");
          stock = "held";
        }
        if (result.to === "fulfilled" && status !== "fulfilled") {
          expect(stock).toBe("held");
          stock = "gone";
        }
        status = result.to;
        expect(expected[status], `${status} with stock ${stock}`).toContain(stock);
      }
    }
    expect(releases).toBeGreaterThan(500);
  });
});

describe("the issue's replay and ordering cases", () => {
  const stripe = { paymentMethod: "stripe" as const, actor: "stripe" as const };

  it("a completed-session webhook replayed 10 times pays once", () => {
    let status: OrderStatus = "pending_payment";
    const moves: OrderTransition[] = [];
    for (let replay = 0; replay < 10; replay += 1) {
      const result = transition(status, "payment_succeeded", stripe);
      if (!result.isNoop) moves.push(result);
      status = result.to;
    }
    expect(status).toBe("paid");
    expect(moves).toHaveLength(1);
    expect(moves[0]?.sideEffects.filter((effect) => effect === "notify_buyer_confirmed")).toHaveLength(1);
  });

  it("a refund reported before the payment ends refunded", () => {
    const refunded = transition("pending_payment", "refund_full", stripe);
    expect(refunded).toMatchObject({ to: "refunded", releasesStock: true });
    expect(transition(refunded.to, "payment_succeeded", stripe).isNoop).toBe(true);
  });

  it("expiry reported twice releases stock once", () => {
    const first = transition("pending_payment", "session_expired", stripe);
    const second = transition(first.to, "session_expired", stripe);
    expect([first.releasesStock, second.releasesStock]).toEqual([true, false]);
  });

  it("cancelling an open checkout, then its expiry webhook, releases stock once", () => {
    const cancelled = transition("pending_payment", "cancel", { paymentMethod: "stripe", actor: "buyer" });
    const expiry = transition(cancelled.to, "session_expired", stripe);
    expect([cancelled.releasesStock, expiry.releasesStock, expiry.to]).toEqual([true, false, "cancelled"]);
  });

  it("a payment that does not match the total holds the order; the owner accepts it or refunds it", () => {
    const held = transition("pending_payment", "payment_mismatch", stripe);
    expect(held).toMatchObject({ to: "on_hold", sideEffects: [], releasesStock: false });
    expect(transition("on_hold", "payment_succeeded", stripe).isNoop).toBe(true);
    const owner = { paymentMethod: "stripe" as const, actor: "member" as const };
    expect(transition("on_hold", "mark_paid", owner).to).toBe("paid");
    expect(transition("on_hold", "refund_full", owner)).toMatchObject({ to: "refunded", releasesStock: true });
    expect(() => transition("on_hold", "cancel", owner)).toThrow(/refund it instead/);
  });

  it("names the refund step by what the order has had back", () => {
    expect(refundEvent({ totalAmount: 600, refundedAmount: 0 }, 300)).toBe("refund_partial");
    expect(refundEvent({ totalAmount: 600, refundedAmount: 300 }, 300)).toBe("refund_full");
    expect(refundEvent({ totalAmount: 600, refundedAmount: 0 }, 600)).toBe("refund_full");
  });

  it.each([
    [1200, "usd", true],
    [1200, "USD", true],
    [1100, "usd", false],
    [1200, "eur", false],
    [null, "usd", false],
    [1200, null, false],
  ] as const)("a payment of %s %s is the order's 12.00 USD in full: %s", (amount, currency, expected) => {
    expect(isPaidInFull({ totalAmount: 1200, currency: "USD" }, { amount, currency })).toBe(expected);
  });

  it("a payment that lands after expiry makes the order paid and asks for its stock back", () => {
    expect(transition("expired", "payment_succeeded", stripe)).toEqual({
      to: "paid",
      releasesStock: false,
      sideEffects: ["notify_buyer_confirmed", "notify_owner_new_order"],
      isNoop: false,
      needsStock: true,
    });
  });
});

describe("availableActions (the dashboard's buttons)", () => {
  const expected: [OrderStatus, PaymentMethod, string[]][] = [
    ["pending_payment", "stripe", ["cancel"]],
    ["awaiting_payment", "pay_at_pickup", ["mark_paid", "cancel"]],
    ["awaiting_payment", "bank_transfer", ["mark_paid", "cancel"]],
    ["paid", "stripe", ["mark_ready", "fulfil", "refund_partial", "refund_full"]],
    ["paid", "cash_on_delivery", ["mark_ready", "fulfil", "refund_partial", "refund_full"]],
    ["ready", "stripe", ["fulfil", "refund_partial", "refund_full"]],
    ["fulfilled", "pay_at_pickup", ["complete", "refund_partial", "refund_full"]],
    ["completed", "stripe", ["refund_partial", "refund_full"]],
    ["partially_refunded", "stripe", ["refund_partial", "refund_full"]],
    ["cancelled", "stripe", []],
    ["expired", "stripe", []],
    ["refunded", "bank_transfer", []],
    ["on_hold", "stripe", ["mark_paid", "refund_partial", "refund_full"]],
  ];

  it.each(expected)("%s %s order: %j", (status, paymentMethod, actions) => {
    expect(availableActions(status, paymentMethod)).toEqual(actions);
  });

  it("offers only steps a member can take that change something", () => {
    for (const status of ORDER_STATUSES) {
      for (const paymentMethod of PAYMENT_METHODS) {
        for (const action of availableActions(status, paymentMethod)) {
          expect(transition(status, action, { paymentMethod, actor: "member" }).isNoop).toBe(false);
        }
      }
    }
  });
});

describe("isTerminal", () => {
  it.each([
    ["pending_payment", false],
    ["awaiting_payment", false],
    ["paid", false],
    ["ready", false],
    ["fulfilled", false],
    ["completed", true],
    ["cancelled", true],
    ["expired", true],
    ["refunded", true],
    ["partially_refunded", true],
    ["on_hold", false],
  ] as const)("%s: %s", (status, terminal) => {
    expect(isTerminal(status)).toBe(terminal);
  });

  it("is exactly the statuses where a member can do nothing but refund", () => {
    for (const status of ORDER_STATUSES) {
      const steps = PAYMENT_METHODS.flatMap((method) => availableActions(status, method)).filter(
        (action) => action !== "refund_partial" && action !== "refund_full",
      );
      expect(steps.length === 0, status).toBe(isTerminal(status));
    }
  });
});

describe("initialOrderState", () => {
  it.each([
    ["stripe", "pending_payment", []],
    ["pay_at_pickup", "awaiting_payment", ["notify_buyer_confirmed", "notify_owner_new_order"]],
    ["cash_on_delivery", "awaiting_payment", ["notify_buyer_confirmed", "notify_owner_new_order"]],
    ["bank_transfer", "awaiting_payment", ["notify_buyer_confirmed", "notify_owner_new_order"]],
  ] as const)("%s orders start %s", (paymentMethod, status, sideEffects) => {
    expect(initialOrderState(paymentMethod)).toEqual({ status, sideEffects });
  });
});

/** mulberry32: a small deterministic PRNG so failures reproduce. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let mixed = state;
    mixed = Math.imul(mixed ^ (mixed >>> 15), mixed | 1);
    mixed ^= mixed + Math.imul(mixed ^ (mixed >>> 7), mixed | 61);
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4_294_967_296;
  };
}

describe("undo (decision 018)", () => {
  const step = (from: string, to: string, extra: Partial<RecordedStep> = {}): RecordedStep => ({
    id: "oev_1",
    fromStatus: from,
    toStatus: to,
    actorType: "member",
    actorId: "usr_1",
    createdAt: 1000,
    ...extra,
  });
  it.each([
    ["awaiting_payment", "paid", "mark_paid"],
    ["paid", "ready", "mark_ready"],
    ["paid", "fulfilled", "fulfil"],
    ["ready", "fulfilled", "fulfil"],
  ] as const)("takes %s -> %s back within the window (%s)", (from, to, name) => {
    expect(undoStep(to, step(from, to), { stepId: "oev_1", actorId: "usr_1", now: 1000 + UNDO_WINDOW_MS - 1 })).toEqual(
      {
        to: from,
        step: name,
      },
    );
    expect(isUndoMove(to, from)).toBe(true);
  });
  it("refuses when the window has closed, another step came after, another person took it, or the step moves money", () => {
    const request = { stepId: "oev_1", actorId: "usr_1", now: 1000 + UNDO_WINDOW_MS };
    expect(() => undoStep("paid", step("awaiting_payment", "paid"), request)).toThrow(/too late/);
    expect(() => undoStep("ready", step("paid", "ready", { id: "oev_2" }), { ...request, now: 1001 })).toThrow(
      /changed since/,
    );
    expect(() =>
      undoStep("paid", step("awaiting_payment", "paid"), { ...request, actorId: "usr_2", now: 1001 }),
    ).toThrow(/Only the person/);
    expect(() => undoStep("cancelled", step("awaiting_payment", "cancelled"), { ...request, now: 1001 })).toThrow(
      /cannot be undone/,
    );
    expect(() => undoStep("paid", step("on_hold", "paid"), { ...request, now: 1001 })).toThrow(/cannot be undone/);
    expect(() =>
      undoStep("paid", step("awaiting_payment", "paid", { actorType: "stripe" }), { ...request, now: 1001 }),
    ).toThrow(/cannot be undone/);
    // An undo is not itself undoable.
    expect(undoableStep("awaiting_payment", step("paid", "awaiting_payment"), 1001)).toBeUndefined();
  });
});
