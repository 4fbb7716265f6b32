// The storefront's calls to the API, through the one typed client (`@stall/api-client`). Types come
// from the API's own OpenAPI document, so a change there fails the storefront's typecheck rather than
// a page. Refusals come back as values (the API's problem), so pages can say what went wrong next to
// the right field; an API out of reach or failing on its side throws `ApiUnavailableError`.
import {
  type ApiClient,
  type ApiProblem,
  ApiUnavailableError,
  type components,
  createApiClient,
  type paths,
} from "@stall/api-client";
import { BusyError, busyFromProblem } from "./fairness.ts";
import { localisePhoto } from "./media-urls.ts";
import type { Snapshot } from "./snapshot.ts";

export { type ApiProblem, ApiUnavailableError, BusyError };

type Schemas = components["schemas"];
type JsonBody<Path extends keyof paths> = paths[Path] extends {
  post: { requestBody: { content: { "application/json": infer Body } } };
}
  ? Body
  : never;

export type Cart = Schemas["Cart"];
export type CartLine = Schemas["CartLine"];
export type Quote = Schemas["Quote"];
export type CheckoutResult = Schemas["CheckoutResult"];
export type BuyerOrder = Schemas["BuyerOrder"];
export type Totals = Schemas["Totals"];
export type QuoteBody = JsonBody<"/v1/storefront/{host}/checkouts/quote">;
export type CheckoutBody = JsonBody<"/v1/storefront/{host}/checkouts">;
export type CheckoutLine = CheckoutBody["lines"][number];
export type FulfilmentInput = CheckoutBody["fulfilment"];
export type CheckoutAddress = Extract<FulfilmentInput, { type: "shipping" }>["address"];
export type FieldProblem = NonNullable<ApiProblem["errors"]>[number];
export type ShortLine = NonNullable<ApiProblem["lines"]>[number];

/** An answer, or the API's refusal as its problem+json said it. */
export type ApiReply<T> = { ok: true; value: T } | { ok: false; problem: ApiProblem };

async function reply<T>(
  call: Promise<{ data?: T; error?: unknown; response: Response }>,
  answered: ReadonlySet<number> = new Set(),
): Promise<ApiReply<T>> {
  let result: { data?: T; error?: unknown; response: Response };
  try {
    result = await call;
  } catch (error) {
    // Turned away for load (503 shop_busy): the page becomes "busy, try again" (src/lib/fairness.ts).
    if (error instanceof ApiUnavailableError && error.problem) {
      const busy = busyFromProblem(error.problem);
      if (busy) throw busy;
    }
    // Some 5xx answers are refusals a buyer can act on (the shop is closed, Stripe did not answer).
    if (error instanceof ApiUnavailableError && error.problem && answered.has(error.problem.status)) {
      return { ok: false, problem: error.problem };
    }
    throw error;
  }
  if (result.data !== undefined) return { ok: true, value: result.data };
  const { error, response } = result;
  if (error && typeof error === "object" && typeof (error as ApiProblem).code === "string") {
    // Turned away for load (429 rate_limited): the page becomes "busy, try again", whatever it was doing.
    const busy = busyFromProblem(error as ApiProblem, response.headers.get("retry-after"));
    if (busy) throw busy;
    return { ok: false, problem: error as ApiProblem };
  }
  throw new ApiUnavailableError(`The API answered ${response.status} without a problem body`, {
    status: response.status,
  });
}

const host = (value: string) => ({ host: value });

/** The API's cart routes for one storefront (`/v1/storefront/{host}/carts…`). */
export function createCartApi(options: ApiOptions) {
  const api = createApiClient({ baseUrl: options.apiUrl, timeoutMs: options.timeoutMs ?? 5000, ...fetchOf(options) });
  const cart = async (call: Promise<{ data?: Cart; error?: unknown; response: Response }>): Promise<CartReply> => {
    const answer = await reply(call);
    return answer.ok ? { ok: true, cart: withSameOriginPhotos(answer.value) } : answer;
  };
  return {
    create: (shopHost: string) => cart(api.POST("/v1/storefront/{host}/carts", { params: { path: host(shopHost) } })),
    get: (shopHost: string, cartId: string) =>
      cart(api.GET("/v1/storefront/{host}/carts/{cartId}", { params: { path: { ...host(shopHost), cartId } } })),
    addLine: (shopHost: string, cartId: string, variantId: string, quantity: number) =>
      cart(
        api.POST("/v1/storefront/{host}/carts/{cartId}/lines", {
          params: { path: { ...host(shopHost), cartId } },
          body: { variantId, quantity },
        }),
      ),
    setQuantity: (shopHost: string, cartId: string, lineId: string, quantity: number) =>
      cart(
        api.PATCH("/v1/storefront/{host}/carts/{cartId}/lines/{lineId}", {
          params: { path: { ...host(shopHost), cartId, lineId } },
          body: { quantity },
        }),
      ),
    removeLine: (shopHost: string, cartId: string, lineId: string) =>
      cart(
        api.DELETE("/v1/storefront/{host}/carts/{cartId}/lines/{lineId}", {
          params: { path: { ...host(shopHost), cartId, lineId } },
        }),
      ),
  };
}

export type CartReply = { ok: true; cart: Cart } | { ok: false; problem: ApiProblem };
export type CartApi = ReturnType<typeof createCartApi>;

function withSameOriginPhotos(cart: Cart): Cart {
  return {
    ...cart,
    lines: cart.lines.map((line) => ({ ...line, photo: line.photo ? localisePhoto(line.photo) : null })),
  };
}

/** Refusals with a 5xx status the checkout explains to the buyer: Stripe did not answer, the shop is closed. */
const CHECKOUT_ANSWERED = new Set([502, 503]);

/** The API's checkout routes for one storefront: quotes, placing an order, the buyer's order. */
export function createCheckoutApi(options: ApiOptions) {
  // Placing an order may wait for Stripe to open a payment page, so it gets longer than a cart call.
  const api = createApiClient({ baseUrl: options.apiUrl, timeoutMs: options.timeoutMs ?? 20_000, ...fetchOf(options) });
  return {
    /** What the order would cost; nothing is written or held. */
    quote: (shopHost: string, body: QuoteBody) =>
      reply(
        api.POST("/v1/storefront/{host}/checkouts/quote", { params: { path: host(shopHost) }, body }),
        CHECKOUT_ANSWERED,
      ),
    /** Places the order; the same key again answers the same order. */
    place: (shopHost: string, idempotencyKey: string, body: CheckoutBody) =>
      reply(
        api.POST("/v1/storefront/{host}/checkouts", {
          params: { path: host(shopHost), header: { "idempotency-key": idempotencyKey } },
          body,
        }),
        CHECKOUT_ANSWERED,
      ),
    /** The buyer turned back on the payment page: the unpaid order is cancelled and its stock freed. */
    cancel: (shopHost: string, orderId: string, token: string) =>
      reply(
        api.POST("/v1/storefront/{host}/orders/{orderId}/cancel", {
          params: { path: { ...host(shopHost), orderId }, query: { token } },
        }),
        CHECKOUT_ANSWERED,
      ),
    /** The buyer's view of an order, with the token from their link. */
    order: (shopHost: string, orderId: string, token: string) =>
      reply(
        api.GET("/v1/storefront/{host}/orders/{orderId}", {
          params: { path: { ...host(shopHost), orderId }, query: { token } },
        }),
        CHECKOUT_ANSWERED,
      ),
  };
}

export type CheckoutApi = ReturnType<typeof createCheckoutApi>;

/** Asks the API for a shop's snapshot, revalidating with the ETag held. */
export function createSnapshotApi(options: ApiOptions) {
  const api: ApiClient = createApiClient({
    baseUrl: options.apiUrl,
    timeoutMs: options.timeoutMs ?? 3000,
    ...fetchOf(options),
  });
  return async (
    shopHost: string,
    request: { ifNoneMatch?: string | undefined; preview?: string | undefined },
  ): Promise<{ status: 304 } | { status: 404 } | { status: 200; etag: string; snapshot: Snapshot }> => {
    const { data, response } = await api.GET("/v1/storefront/{host}/snapshot", {
      params: { path: host(shopHost), query: request.preview ? { preview: request.preview } : {} },
      headers: request.ifNoneMatch ? { "If-None-Match": request.ifNoneMatch } : {},
    });
    if (response.status === 304) return { status: 304 };
    if (response.status === 404) return { status: 404 };
    if (data === undefined)
      throw new ApiUnavailableError(`The API answered ${response.status} to a snapshot`, { status: response.status });
    return {
      status: 200,
      etag: response.headers.get("etag") ?? "",
      snapshot: data,
    };
  };
}

type ApiOptions = {
  apiUrl: string;
  timeoutMs?: number;
  fetch?: typeof fetch;
  /** Headers for every call made for the current buyer (their IP, for the API's per-IP limits). */
  headers?: () => Record<string, string>;
};

function fetchOf(options: ApiOptions): { fetch?: typeof fetch } {
  const { headers } = options;
  if (!headers) return options.fetch ? { fetch: options.fetch } : {};
  const base = options.fetch ?? globalThis.fetch;
  return {
    fetch: (input, init) => {
      const request = new Request(input, init);
      for (const [name, value] of Object.entries(headers())) request.headers.set(name, value);
      return base(request);
    },
  };
}
