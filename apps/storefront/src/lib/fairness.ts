// Load shedding and fairness in the storefront (decision 014). Renders that miss the page cache take a
// place in their shop's lane (a cap on renders in flight, a short queue, shed beyond it), so a flash
// sale on one shop cannot take every other shop's share of this process. When the API refuses a cart or
// checkout call for load (429 rate_limited, 503 shop_busy), or the lane is full, the buyer gets a plain
// "busy, try again in N seconds" page in the shop's language, not an error page. The buyer's IP goes to
// the API with the shared secret, so the API's per-IP limits count buyers, not this process.
import { AsyncLocalStorage } from "node:async_hooks";
import { createShopGate } from "@stall/api/shop-gate";
import type { Locale } from "./i18n.ts";

/** The API's names for these headers (apps/api/src/http/fairness.ts). */
const CLIENT_IP_HEADER = "X-Stall-Client-Ip";
const STOREFRONT_SECRET_HEADER = "X-Stall-Storefront-Secret";

/** Seconds a shed render asks the buyer to wait: a render takes milliseconds. */
const SHED_RETRY_SECONDS = 2;
const MAX_RETRY_SECONDS = 3600;

/** The API turned a call away for load; the buyer should try again in `retryAfterSeconds`. */
export class BusyError extends Error {
  override name = "BusyError";
  constructor(
    readonly retryAfterSeconds: number,
    readonly status: 429 | 503,
  ) {
    super(`The API is busy: try again in ${retryAfterSeconds} s`);
  }
}

/**
 * A BusyError when an API refusal is for load (429 rate_limited, 503 shop_busy; not, say, a closed
 * shop's 503), else undefined. The wait comes from `Retry-After`, or the problem's `retryAfterSeconds`.
 */
export function busyFromProblem(
  problem: { status: number; code: string; retryAfterSeconds?: number | undefined },
  retryAfter?: string | null,
): BusyError | undefined {
  if (problem.status !== 429 && problem.status !== 503) return undefined;
  if (problem.code !== "rate_limited" && problem.code !== "shop_busy") return undefined;
  const seconds = Number(retryAfter ?? problem.retryAfterSeconds);
  const wait = Number.isFinite(seconds) && seconds > 0 ? Math.min(Math.ceil(seconds), MAX_RETRY_SECONDS) : 5;
  return new BusyError(wait, problem.status);
}

const WORDS = {
  en: {
    title: "Busy right now",
    lead: (seconds: number) =>
      `Lots of people are shopping here right now. Please try again in ${seconds} second${seconds === 1 ? "" : "s"}.`,
    unchanged: "Nothing was changed.",
    again: "Try again",
  },
  "zh-CN": {
    title: "现在很忙",
    lead: (seconds: number) => `现在购物的人很多，请 ${seconds} 秒后再试。`,
    unchanged: "没有做任何更改。",
    again: "再试一次",
  },
} as const;

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);

export type BusyPageOptions = {
  seconds: number;
  status: 429 | 503;
  locale: Locale;
  shopName: string;
  method: string;
  /** Where "try again" leads (already in the page's language). */
  againHref: string;
  wantsJson: boolean;
};

/** What the buyer sees instead of the page: a short message, and a way to try again. */
export function busyResponse(options: BusyPageOptions): Response {
  const words = WORDS[options.locale];
  const headers = { "Retry-After": String(options.seconds), "Cache-Control": "private, no-store" };
  const isRead = options.method === "GET" || options.method === "HEAD";
  const message = isRead ? words.lead(options.seconds) : `${words.lead(options.seconds)} ${words.unchanged}`;
  if (options.wantsJson) {
    // The same shape as the cart island's and checkout island's replies, so they show the message.
    return new Response(JSON.stringify({ ok: false, message, retryAfterSeconds: options.seconds, itemCount: null }), {
      status: options.status,
      headers: { ...headers, "Content-Type": "application/json; charset=utf-8" },
    });
  }
  const again = escapeHtml(options.againHref);
  // A page the buyer just asked for comes back by itself; a form is not sent again without them.
  const refresh = isRead ? `<meta http-equiv="refresh" content="${options.seconds}">` : "";
  const body = `<!doctype html>
<html lang="${options.locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
${refresh}<title>${escapeHtml(words.title)}</title>
<link rel="icon" href="data:,">
</head>
<body>
<main>
<p>${escapeHtml(options.shopName)}</p>
<h1>${escapeHtml(words.title)}</h1>
<p>${escapeHtml(message)}</p>
<p><a href="${again}">${escapeHtml(words.again)}</a></p>
</main>
</body>
</html>
`;
  return new Response(body, {
    status: options.status,
    headers: { ...headers, "Content-Type": "text/html; charset=utf-8", "Content-Language": options.locale },
  });
}

export type RenderRequest = {
  shopId: string;
  shopName: string;
  locale: Locale;
  request: Request;
  url: URL;
  /** The buyer's address as this server saw it, when known. */
  buyerIp: string | undefined;
  href: (path: string) => string;
};

export type Fairness = ReturnType<typeof createFairness>;

export function createFairness(options: { secret: string; maxRenders: number; maxQueued: number }) {
  const gate = createShopGate({ maxInFlight: options.maxRenders, maxQueued: options.maxQueued });
  const buyer = new AsyncLocalStorage<string>();

  function busy(context: RenderRequest, seconds: number, status: 429 | 503): Response {
    const { request, url } = context;
    const path = url.pathname;
    const isRead = request.method === "GET" || request.method === "HEAD";
    const againPath = isRead ? `${path}${url.search}` : path.startsWith("/checkout") ? "/checkout" : "/cart";
    return busyResponse({
      seconds,
      status,
      locale: context.locale,
      shopName: context.shopName,
      method: request.method,
      againHref: isRead ? againPath : context.href(againPath),
      wantsJson: (request.headers.get("accept") ?? "").includes("application/json"),
    });
  }

  return {
    /** Headers for a call to the API made while rendering: the buyer's IP, with the secret that vouches for it. */
    apiHeaders(): Record<string, string> {
      const ip = buyer.getStore();
      if (!ip || !options.secret) return {};
      return { [CLIENT_IP_HEADER]: ip, [STOREFRONT_SECRET_HEADER]: options.secret };
    },
    /**
     * Runs a render in its shop's lane. Shed when the lane and its queue are full; a BusyError from the
     * API while rendering becomes the busy page too.
     */
    async render(context: RenderRequest, render: () => Promise<Response>): Promise<Response> {
      const admitted = gate.enter(context.shopId);
      if (!admitted) return busy(context, SHED_RETRY_SECONDS, 503);
      const release = await admitted;
      try {
        const response = await buyer.run(context.buyerIp ?? "", render);
        // Read the whole body inside the lane: Astro renders the rest of a page while it streams.
        const hasBody = response.body !== null;
        const body = hasBody ? await buyer.run(context.buyerIp ?? "", () => response.arrayBuffer()) : null;
        return new Response(body, {
          status: response.status,
          statusText: response.statusText,
          headers: response.headers,
        });
      } catch (error) {
        if (error instanceof BusyError) return busy(context, error.retryAfterSeconds, error.status);
        throw error;
      } finally {
        release();
      }
    },
  };
}
