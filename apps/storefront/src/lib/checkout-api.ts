// The API's checkout endpoints for one storefront: quotes, placing an order, and the buyer's order view
// (`/v1/storefront/{host}/checkouts…` and `/orders/{id}`). Refusals come back as values, so pages can say
// what went wrong next to the right field; only an API out of reach is thrown.
import { busyFromReply } from "./fairness.ts";
import type { PaymentMethod } from "./snapshot.ts";

export type CheckoutLine = { variantId: string; quantity: number };

export type CheckoutAddress = {
  line1: string;
  line2?: string;
  city: string;
  region?: string;
  postcode?: string;
  country: string;
};

export type FulfilmentInput =
  | { type: "pickup"; pickupPointId: string }
  | { type: "delivery"; deliveryAreaId: string; address: string; instructions?: string }
  | { type: "shipping"; shippingRateId: string; address: CheckoutAddress };

export type QuoteBody = { lines: CheckoutLine[]; fulfilment: FulfilmentInput; discountCode?: string };

export type CheckoutBody = {
  lines: CheckoutLine[];
  buyer: { name: string; email?: string; phone?: string };
  fulfilment: FulfilmentInput;
  paymentMethod: PaymentMethod;
  discountCode?: string;
  note?: string;
  locale: "en" | "zh-CN";
};

export type TaxMode = "included" | "added" | "none";

export type Totals = {
  subtotal: number;
  discount: number;
  fulfilment: number;
  tax: number;
  taxMode: TaxMode;
  total: number;
};

export type Quote = {
  currency: string;
  lines: {
    variantId: string;
    title: string;
    variantTitle: string;
    quantity: number;
    unitPrice: number;
    total: number;
  }[];
  totals: Totals;
  discountCode: string | null;
  fulfilment: string;
};

export type CheckoutResult = {
  order: { id: string; number: number; status: string; token: string; currency: string; totals: Totals };
  next: { type: "redirect"; url: string } | { type: "instructions"; text: string };
};

export type OrderStatus =
  | "pending_payment"
  | "awaiting_payment"
  | "paid"
  | "ready"
  | "fulfilled"
  | "completed"
  | "cancelled"
  | "expired"
  | "refunded"
  | "partially_refunded"
  | "on_hold";

export type OrderFulfilment =
  | { type: "pickup"; pickupPointId: string; name: string; address: string; instructions: string }
  | { type: "delivery"; deliveryAreaId: string; name: string; address: string; instructions?: string }
  | { type: "shipping"; shippingRateId: string; name: string; address: Record<string, string> };

/** What a buyer may see of their order (through the token link). */
export type BuyerOrder = {
  id: string;
  number: number;
  status: OrderStatus;
  placedAt: number;
  paidAt: number | null;
  currency: string;
  paymentMethod: PaymentMethod;
  fulfilment: OrderFulfilment;
  buyer: { name: string };
  lines: { title: string; variantTitle: string; quantity: number; unitPrice: number; total: number }[];
  totals: Totals & { refunded: number };
};

export type FieldProblem = { path: string; message: string };
export type ShortLine = { variantId: string; requested: number; available: number };

/** A refusal from the API, as its problem+json said it. */
export type CheckoutProblem = {
  status: number;
  code: string;
  detail: string;
  errors: FieldProblem[];
  /** With 409 insufficient_stock: what is short. */
  lines: ShortLine[];
};

export type ApiReply<T> = { ok: true; value: T } | { ok: false; problem: CheckoutProblem };

/** Thrown when the API cannot be reached or answers something unexpected. */
export class CheckoutUnavailableError extends Error {
  override name = "CheckoutUnavailableError";
}

function problemFrom(status: number, parsed: Record<string, unknown>): CheckoutProblem {
  const errors = Array.isArray(parsed.errors)
    ? parsed.errors.filter(
        (entry): entry is FieldProblem =>
          typeof entry === "object" &&
          entry !== null &&
          typeof (entry as FieldProblem).path === "string" &&
          typeof (entry as FieldProblem).message === "string",
      )
    : [];
  const lines = Array.isArray(parsed.lines)
    ? parsed.lines.filter(
        (entry): entry is ShortLine =>
          typeof entry === "object" &&
          entry !== null &&
          typeof (entry as ShortLine).variantId === "string" &&
          typeof (entry as ShortLine).available === "number",
      )
    : [];
  return {
    status,
    code: typeof parsed.code === "string" ? parsed.code : "unknown",
    detail: typeof parsed.detail === "string" ? parsed.detail : "",
    errors,
    lines,
  };
}

/** Statuses the API answers with a problem the buyer can act on, rather than an outage. */
const ANSWERED = new Set([400, 404, 409, 410, 422, 502, 503]);

export function createCheckoutApi(options: {
  apiUrl: string;
  timeoutMs?: number;
  /** Headers for every call made for the current buyer (their IP, for the API's per-IP limits). */
  headers?: () => Record<string, string>;
}) {
  // Placing an order may wait for Stripe to open a payment page, so it gets longer than a cart call.
  const timeoutMs = options.timeoutMs ?? 20_000;

  async function call<T>(
    host: string,
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<ApiReply<T>> {
    const url = new URL(`/v1/storefront/${encodeURIComponent(host)}${path}`, options.apiUrl);
    let response: Response;
    try {
      response = await fetch(url, {
        method,
        headers: {
          Accept: "application/json",
          ...(body === undefined ? {} : { "Content-Type": "application/json" }),
          ...options.headers?.(),
          ...headers,
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      throw new CheckoutUnavailableError(`The checkout API could not be reached: ${String(error)}`, { cause: error });
    }
    const text = await response.text();
    let parsed: unknown;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      parsed = undefined;
    }
    const isObject = parsed !== null && typeof parsed === "object";
    if (response.ok && isObject) return { ok: true, value: parsed as T };
    // Turned away for load: the page becomes "busy, try again" (src/lib/fairness.ts), whatever it was doing.
    const busy = busyFromReply(response, parsed);
    if (busy) throw busy;
    if (!ANSWERED.has(response.status) || !isObject) {
      throw new CheckoutUnavailableError(`The checkout API answered ${response.status} to ${method} ${url.pathname}`);
    }
    return { ok: false, problem: problemFrom(response.status, parsed as Record<string, unknown>) };
  }

  return {
    /** What the order would cost; nothing is written or held. */
    quote: (host: string, body: QuoteBody) => call<Quote>(host, "POST", "/checkouts/quote", body),
    /** Places the order; the same key again answers the same order. */
    place: (host: string, idempotencyKey: string, body: CheckoutBody) =>
      call<CheckoutResult>(host, "POST", "/checkouts", body, { "Idempotency-Key": idempotencyKey }),
    /** The buyer turned back on the payment page: the unpaid order is cancelled and its stock freed. */
    cancel: (host: string, orderId: string, token: string) =>
      call<BuyerOrder>(
        host,
        "POST",
        `/orders/${encodeURIComponent(orderId)}/cancel?${new URLSearchParams({ token }).toString()}`,
      ),
    /** The buyer's view of an order, with the token from their link. */
    order: (host: string, orderId: string, token: string) =>
      call<BuyerOrder>(
        host,
        "GET",
        `/orders/${encodeURIComponent(orderId)}?${new URLSearchParams({ token }).toString()}`,
      ),
  };
}

export type CheckoutApi = ReturnType<typeof createCheckoutApi>;
