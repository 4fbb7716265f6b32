import { busyFromReply } from "./fairness.ts";
import { localisePhoto } from "./media-urls.ts";
import type { Availability, Photo } from "./snapshot.ts";

export type CartLine = {
  id: string;
  variantId: string;
  productId: string | null;
  productSlug: string | null;
  title: string;
  variantTitle: string;
  photo: Photo | null;
  quantity: number;
  unitPrice: number;
  addedUnitPrice: number;
  priceChanged: boolean;
  lineTotal: number;
  availability: Availability;
  stockLeft: number | null;
  maxQuantity: number | null;
  problem: null | "sold_out" | "not_enough_stock" | "unavailable";
};

export type Cart = { id: string; currency: string; itemCount: number; subtotal: number; lines: CartLine[] };

/** A refusal from the cart API, as its problem+json said it. */
export type CartProblem = { status: number; code: string; detail: string; available?: number };

export type CartReply = { ok: true; cart: Cart } | { ok: false; problem: CartProblem };

/** Thrown when the API cannot be reached or answers something unexpected. */
export class CartUnavailableError extends Error {
  override name = "CartUnavailableError";
}

function withSameOriginPhotos(cart: Cart): Cart {
  return {
    ...cart,
    lines: cart.lines.map((line) => ({ ...line, photo: line.photo ? localisePhoto(line.photo) : null })),
  };
}

/** The API's cart endpoints for one storefront (`/v1/storefront/{host}/carts…`). */
export function createCartApi(options: {
  apiUrl: string;
  timeoutMs?: number;
  /** Headers for every call made for the current buyer (their IP, for the API's per-IP limits). */
  headers?: () => Record<string, string>;
}) {
  const timeoutMs = options.timeoutMs ?? 5000;

  async function call(host: string, method: string, path: string, body?: unknown): Promise<CartReply> {
    const url = new URL(`/v1/storefront/${encodeURIComponent(host)}/carts${path}`, options.apiUrl);
    let response: Response;
    try {
      response = await fetch(url, {
        method,
        headers: {
          Accept: "application/json",
          ...(body === undefined ? {} : { "Content-Type": "application/json" }),
          ...options.headers?.(),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      throw new CartUnavailableError(`The cart API could not be reached: ${String(error)}`, { cause: error });
    }
    const text = await response.text();
    let parsed: unknown;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      parsed = undefined;
    }
    if (response.ok && parsed && typeof parsed === "object")
      return { ok: true, cart: withSameOriginPhotos(parsed as Cart) };
    // Turned away for load: the page becomes "busy, try again" (src/lib/fairness.ts), whatever it was doing.
    const busy = busyFromReply(response, parsed);
    if (busy) throw busy;
    if (response.status >= 500 || !parsed || typeof parsed !== "object") {
      throw new CartUnavailableError(`The cart API answered ${response.status} to ${method} ${url.pathname}`);
    }
    const problem = parsed as Partial<CartProblem>;
    return {
      ok: false,
      problem: {
        status: response.status,
        code: typeof problem.code === "string" ? problem.code : "unknown",
        detail: typeof problem.detail === "string" ? problem.detail : "",
        ...(typeof problem.available === "number" ? { available: problem.available } : {}),
      },
    };
  }

  return {
    create: (host: string) => call(host, "POST", ""),
    get: (host: string, cartId: string) => call(host, "GET", `/${encodeURIComponent(cartId)}`),
    addLine: (host: string, cartId: string, variantId: string, quantity: number) =>
      call(host, "POST", `/${encodeURIComponent(cartId)}/lines`, { variantId, quantity }),
    setQuantity: (host: string, cartId: string, lineId: string, quantity: number) =>
      call(host, "PATCH", `/${encodeURIComponent(cartId)}/lines/${encodeURIComponent(lineId)}`, { quantity }),
    removeLine: (host: string, cartId: string, lineId: string) =>
      call(host, "DELETE", `/${encodeURIComponent(cartId)}/lines/${encodeURIComponent(lineId)}`),
  };
}

export type CartApi = ReturnType<typeof createCartApi>;
