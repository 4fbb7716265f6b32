// Load shedding and fairness on the public storefront routes (decision 014): per-IP and per-shop request
// limits on cart and checkout, and a per-shop cap on work in flight with a short queue, so a flash sale
// in one shop cannot take another shop's share of this process. Separate from sign-in throttling, which
// is a security measure kept in the database (use-cases/auth).
import { isIPv6 } from "node:net";
import { DomainError } from "@stall/domain";
import type { MiddlewareHandler } from "hono";
import type { Deps } from "../deps.ts";
import type { AppEnv } from "./app-env.ts";
import { requestIp } from "./client-ip.ts";
import type { CacheWatch } from "./metrics.ts";
import { createRateWindow, type RateWindow } from "./rate-window.ts";
import { createShopGate } from "./shop-gate.ts";

/** Seconds a shed request is told to wait: work in flight here takes milliseconds, not seconds. */
const SHED_RETRY_SECONDS = 1;

type Limited = "cart" | "checkout";
type StorefrontRoute = { shop: string; limited: Limited | undefined };

const STOREFRONT_PATH = /^\/v1\/storefront\/([^/]+)\/(.+)$/;

/**
 * Which shop a storefront route is about (its host, normalised so `Demo.localhost:80` and
 * `demo.localhost` share one budget) and which limit it counts against. Placing and cancelling an order
 * count as checkout; carts, quotes and reading an order as cart; the snapshot and share images only
 * take a place in the shop's lane.
 */
export function storefrontRoute(method: string, path: string): StorefrontRoute | undefined {
  const match = STOREFRONT_PATH.exec(path);
  if (!match) return undefined;
  let host: string;
  try {
    host = decodeURIComponent(match[1] ?? "");
  } catch {
    return undefined; // the route's own validation answers it
  }
  const shop = host.toLowerCase().replace(/:\d*$/, "").replace(/\.$/, "");
  const rest = match[2] ?? "";
  const isPost = method === "POST";
  let limited: Limited | undefined;
  if ((isPost && rest === "checkouts") || (isPost && /^orders\/[^/]+\/cancel$/.test(rest))) limited = "checkout";
  else if (rest === "carts" || rest.startsWith("carts/") || rest === "checkouts/quote" || /^orders\/[^/]+$/.test(rest))
    limited = "cart";
  return { shop, limited };
}

/** IPv6 hosts usually own a whole /64, so an address is counted by its first four groups. */
export function ipKey(ip: string): string {
  if (!isIPv6(ip) || ip.toLowerCase().startsWith("::ffff:")) return ip.replace(/^::ffff:/i, "");
  const [head = "", tail = ""] = ip.toLowerCase().split("::");
  const headGroups = head ? head.split(":") : [];
  const tailGroups = tail ? tail.split(":") : [];
  const missing = ip.includes("::") ? 8 - headGroups.length - tailGroups.length : 0;
  const groups = [...headGroups, ...Array<string>(Math.max(0, missing)).fill("0"), ...tailGroups];
  return `${groups
    .slice(0, 4)
    .map((group) => group.replace(/^0+(?=.)/, ""))
    .join(":")}::/64`;
}

function seconds(count: number): string {
  return `${count} second${count === 1 ? "" : "s"}`;
}

/** The middleware for `/v1/storefront/*`. Its counters and lanes live as long as the app. */
export function storefrontFairness(deps: Deps, caches: CacheWatch): MiddlewareHandler<AppEnv> {
  const settings = deps.config.fairness;
  // The four windows share the rate-limit budget equally, each counted in /metrics. Made on the first
  // request: the app is also built with no configuration at all, for the OpenAPI document.
  const window = (limit: number) =>
    createRateWindow({
      limit,
      windowMs: settings.windowMs,
      clock: deps.clock,
      maxBytes: Math.floor(deps.config.caches.rateLimitBytes / 4),
    });
  let made: Record<Limited, { perIp: RateWindow; perShop: RateWindow }> | undefined;
  const limitsOf = () =>
    (made ??= {
      cart: { perIp: window(settings.cartPerIp), perShop: window(settings.cartPerShop) },
      checkout: { perIp: window(settings.checkoutPerIp), perShop: window(settings.checkoutPerShop) },
    });
  for (const limited of ["cart", "checkout"] as const) {
    for (const per of ["perIp", "perShop"] as const) {
      caches.set(`rate_${limited}_${per === "perIp" ? "per_ip" : "per_shop"}`, () =>
        limitsOf()[limited][per].figures(),
      );
    }
  }
  const gate = createShopGate({ maxInFlight: settings.shopMaxInFlight, maxQueued: settings.shopMaxQueued });
  const what = { cart: "cart changes", checkout: "orders" } as const;

  return async (c, next) => {
    const route = storefrontRoute(c.req.method, c.req.path);
    if (!route) return next();
    if (route.limited) {
      const limit = limitsOf()[route.limited];
      // The address is checked first, so one noisy address does not use up the shop's budget.
      const byIp = limit.perIp.hit(`${route.limited}:${ipKey(requestIp(deps, c))}`);
      if (!byIp.isAllowed) {
        deps.metrics?.refused(`${route.limited}_per_ip`);
        throw new DomainError(
          "rate_limited",
          `Too many ${what[route.limited]} from your address for now; try again in ${seconds(byIp.retryAfterSeconds)}.`,
          { details: { retryAfterSeconds: byIp.retryAfterSeconds } },
        );
      }
      const byShop = limit.perShop.hit(route.shop);
      if (!byShop.isAllowed) {
        deps.metrics?.refused(`${route.limited}_per_shop`);
        throw new DomainError(
          "rate_limited",
          `This shop is getting more ${what[route.limited]} than it can take right now; try again in ${seconds(byShop.retryAfterSeconds)}.`,
          { details: { retryAfterSeconds: byShop.retryAfterSeconds } },
        );
      }
    }
    const admitted = gate.enter(route.shop);
    if (!admitted) {
      deps.metrics?.refused("shop_busy");
      throw new DomainError(
        "shop_busy",
        `This shop is very busy right now; try again in ${seconds(SHED_RETRY_SECONDS)}.`,
        { details: { retryAfterSeconds: SHED_RETRY_SECONDS } },
      );
    }
    const release = await admitted;
    try {
      await next();
    } finally {
      release();
    }
  };
}
