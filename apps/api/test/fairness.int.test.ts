// Load shedding and fairness on the storefront routes (decision 014), through the real app: per-IP and
// per-shop limits on cart and checkout, each shop's cap on work in flight, and who may name the buyer's
// IP. Time moves only on the test clock.
import Stripe from "stripe";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createStripePayments, type PaymentProvider } from "../src/adapters/stripe-payments.ts";
import { CLIENT_IP_HEADER, FRONT_END_SECRET_HEADER } from "../src/http/client-ip.ts";
import { ipKey, storefrontRoute } from "../src/http/fairness.ts";
import { type Call, client, ownerWithShop } from "./client.ts";
import { createHarness, type Harness, type Json } from "./harness.ts";
import { signedEvent } from "./stripe-double/events.ts";
import { type StripeDouble, startStripeDouble } from "./stripe-double/server.ts";

const KEY = "sk_test_stall";
const WEBHOOK_SECRET = "whsec_test_stall";
const STOREFRONT_SECRET = "storefront-secret-0123456789abcdef0123456789";
const WINDOW_MS = 10_000;

let harness: Harness;
let double: StripeDouble;
let stripe: Stripe;

/** Stripe (the double) behind a door the test opens: while closed, opening a payment page waits. */
function withDoor(real: PaymentProvider) {
  let isClosed = false;
  const waiting: (() => void)[] = [];
  const arrivals: (() => void)[] = [];
  const provider: PaymentProvider = {
    ...real,
    async createCheckoutSession(input) {
      if (isClosed) {
        await new Promise<void>((resolve) => {
          waiting.push(resolve);
          for (const arrived of arrivals.splice(0)) arrived();
        });
      }
      return real.createCheckoutSession(input);
    },
  };
  return {
    provider,
    close: () => {
      isClosed = true;
    },
    /** Resolves once `count` checkouts are waiting at the door. */
    async waitFor(count: number) {
      while (waiting.length < count) await new Promise<void>((resolve) => arrivals.push(resolve));
    },
    open: () => {
      isClosed = false;
      for (const resolve of waiting.splice(0)) resolve();
    },
  };
}
let door: ReturnType<typeof withDoor>;

beforeAll(async () => {
  let clockNow = () => Date.now();
  double = await startStripeDouble({ now: () => clockNow() });
  door = withDoor(createStripePayments({ secretKey: KEY, webhookSecret: WEBHOOK_SECRET, ...double.sdkConfig }));
  harness = await createHarness({
    payments: door.provider,
    config: {
      storefrontSecret: STOREFRONT_SECRET,
      fairness: {
        windowMs: WINDOW_MS,
        cartPerIp: 3,
        cartPerShop: 1000,
        checkoutPerIp: 1000,
        checkoutPerShop: 3,
        shopMaxInFlight: 2,
        shopMaxQueued: 1,
      },
    },
  });
  clockNow = () => harness.clock.now();
  stripe = new Stripe(KEY, double.sdkConfig);
});
afterAll(async () => {
  harness?.cleanup();
  await double?.close();
});

async function postWebhook(input: Json) {
  const signed = signedEvent(stripe, WEBHOOK_SECRET, input as never);
  const response = await harness.app.request("/v1/webhooks/stripe", {
    method: "POST",
    headers: signed.headers,
    body: signed.body,
  });
  expect(response.status).toBe(200);
}

/** A published shop with bread (no stock limit) and a pickup point; optionally paid through Stripe. */
async function openShop(options: { stripe?: boolean } = {}) {
  const owner = await ownerWithShop(harness);
  const base = `/v1/shops/${owner.shopId}`;
  const bread = (await owner.api.post(`${base}/products`, { title: "Bread", variants: [{ price: 700, stock: null }] }))
    .body;
  const pickup = (await owner.api.post(`${base}/pickup-points`, { name: "Market", address: "Town green" })).body;
  if (options.stripe) {
    const connect = await owner.api.post(`${base}/stripe/connect`);
    const accountId = String(connect.body.accountId);
    double.onboard(accountId);
    await postWebhook({
      type: "account.updated",
      account: accountId,
      data: { object: { id: accountId, object: "account", charges_enabled: true } },
    });
    await owner.api.patch(base, { paymentMethods: ["stripe", "pay_at_pickup"], stripePaymentMethods: ["card"] });
  } else {
    await owner.api.patch(base, { paymentMethods: ["pay_at_pickup"] });
  }
  await owner.api.post(`${base}/publish`);
  return { host: `${owner.shop.slug}.localhost`, breadVariant: bread.variants[0].id as string, pickupId: pickup.id };
}
type Shop = Awaited<ReturnType<typeof openShop>>;

/** Headers the storefront sends: the buyer's IP, vouched for by the shared secret. */
function fromBuyer(ip: string, secret = STOREFRONT_SECRET): Record<string, string> {
  return { [CLIENT_IP_HEADER]: ip, [FRONT_END_SECRET_HEADER]: secret };
}

function newCart(shop: Shop, headers: Record<string, string>) {
  return client(harness).post(`/v1/storefront/${shop.host}/carts`, undefined, headers);
}

let keyCounter = 0;
function placeOrder(shop: Shop, headers: Record<string, string>, paymentMethod = "pay_at_pickup") {
  return client(harness).post(
    `/v1/storefront/${shop.host}/checkouts`,
    {
      lines: [{ variantId: shop.breadVariant, quantity: 1 }],
      buyer: { name: "Ana", email: "ana@example.test" },
      fulfilment: { type: "pickup", pickupPointId: shop.pickupId },
      paymentMethod,
    },
    { "idempotency-key": `fairness-order-${++keyCounter}`, ...headers },
  );
}

function snapshot(shop: Shop) {
  return client(harness).get(`/v1/storefront/${shop.host}/snapshot`);
}

function expectRefused(reply: Call, status: number, code: string) {
  expect(reply.status).toBe(status);
  expect(reply.headers.get("content-type")).toContain("application/problem+json");
  expect(reply.body.code).toBe(code);
  expect(Number(reply.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
  expect(reply.body.retryAfterSeconds).toBe(Number(reply.headers.get("retry-after")));
  expect(reply.body.detail).toMatch(/try again in \d+ seconds?/);
}

describe("per-IP limit on cart", () => {
  it("refuses the first request over the limit with 429 and Retry-After, and serves other addresses", async () => {
    const shop = await openShop();
    for (let index = 0; index < 3; index++) expect((await newCart(shop, fromBuyer("203.0.113.10"))).status).toBe(201);
    const over = await newCart(shop, fromBuyer("203.0.113.10"));
    expectRefused(over, 429, "rate_limited");
    expect(over.body.detail).toContain("from your address");
    expect(Number(over.headers.get("retry-after"))).toBe(WINDOW_MS / 1000);
    expect((await newCart(shop, fromBuyer("203.0.113.11"))).status).toBe(201);
  });

  it("lets the address in again once its window has passed", async () => {
    const shop = await openShop();
    for (let index = 0; index < 3; index++) await newCart(shop, fromBuyer("203.0.113.20"));
    expect((await newCart(shop, fromBuyer("203.0.113.20"))).status).toBe(429);
    harness.clock.advance(WINDOW_MS - 1000);
    const almost = await newCart(shop, fromBuyer("203.0.113.20"));
    expect(almost.status).toBe(429);
    expect(almost.headers.get("retry-after")).toBe("1");
    harness.clock.advance(1000);
    expect((await newCart(shop, fromBuyer("203.0.113.20"))).status).toBe(201);
  });

  it("counts an IPv6 buyer by their /64, as one household", async () => {
    const shop = await openShop();
    for (const host of ["1", "2", "3"]) await newCart(shop, fromBuyer(`2001:db8:1:2::${host}`));
    expectRefused(await newCart(shop, fromBuyer("2001:db8:1:2:ffff::9")), 429, "rate_limited");
    expect((await newCart(shop, fromBuyer("2001:db8:1:3::1"))).status).toBe(201);
  });
});

describe("who names the buyer's IP", () => {
  it("ignores a forged buyer IP header (no secret, or the wrong one): every such request is one address", async () => {
    const shop = await openShop();
    const forged = ["198.51.100.1", "198.51.100.2", "198.51.100.3"].map((ip, index) =>
      index === 0 ? { [CLIENT_IP_HEADER]: ip } : fromBuyer(ip, `wrong-${STOREFRONT_SECRET}`),
    );
    for (const headers of forged) expect((await newCart(shop, headers)).status).toBe(201);
    // A fourth made-up address does not get a fresh budget: all four counted as the caller's own.
    expectRefused(await newCart(shop, fromBuyer("198.51.100.4", "not-the-secret")), 429, "rate_limited");
    // The storefront, with the secret, still gets each buyer counted on their own.
    expect((await newCart(shop, fromBuyer("198.51.100.4"))).status).toBe(201);
  });

  it("is not believed when the API has no storefront secret set", async () => {
    const bare = await createHarness({ config: { fairness: { ...harness.deps.config.fairness, cartPerIp: 1 } } });
    try {
      const owner = await ownerWithShop(bare);
      await owner.api.patch(`/v1/shops/${owner.shopId}`, { paymentMethods: ["pay_at_pickup"] });
      await owner.api.post(`/v1/shops/${owner.shopId}/publish`);
      const path = `/v1/storefront/${owner.shop.slug}.localhost/carts`;
      expect((await client(bare).post(path, undefined, fromBuyer("192.0.2.1", ""))).status).toBe(201);
      expect((await client(bare).post(path, undefined, fromBuyer("192.0.2.2", ""))).status).toBe(429);
    } finally {
      bare.cleanup();
    }
  });
});

describe("per-shop limit on checkout", () => {
  it("refuses the shop's first order over its limit, whoever sends it, while another shop is served", async () => {
    const [flash, quiet] = [await openShop(), await openShop()];
    for (const ip of ["192.0.2.10", "192.0.2.11", "192.0.2.12"]) {
      expect((await placeOrder(flash, fromBuyer(ip))).status).toBe(201);
    }
    const over = await placeOrder(flash, fromBuyer("192.0.2.13"));
    expectRefused(over, 429, "rate_limited");
    expect(over.body.detail).toContain("This shop is getting more orders");
    // The same host written differently is the same shop.
    const upper = await client(harness).post(
      `/v1/storefront/${flash.host.toUpperCase()}:443/checkouts`,
      {},
      { "idempotency-key": "fair-upper", ...fromBuyer("192.0.2.14") },
    );
    expect(upper.status).toBe(429);
    expect((await placeOrder(quiet, fromBuyer("192.0.2.13"))).status).toBe(201);

    harness.clock.advance(WINDOW_MS);
    expect((await placeOrder(flash, fromBuyer("192.0.2.13"))).status).toBe(201);
  });
});

describe("each shop's share of the process", () => {
  it("with one shop's work in flight at its cap and its queue full, sheds its next request and still serves another shop", async () => {
    const [flash, quiet] = [await openShop({ stripe: true }), await openShop()];
    door.close();
    // Two Stripe checkouts hold the flash shop's two places while Stripe "thinks".
    const held = [
      placeOrder(flash, fromBuyer("192.0.2.30"), "stripe"),
      placeOrder(flash, fromBuyer("192.0.2.31"), "stripe"),
    ];
    await door.waitFor(2);
    // The third waits in the flash shop's queue (one place)...
    const queued = snapshot(flash);
    // ...and the fourth is shed at once.
    const shed = await snapshot(flash);
    expectRefused(shed, 503, "shop_busy");
    expect(shed.headers.get("retry-after")).toBe("1");
    // Another shop is admitted and answered while the flash shop is full.
    expect((await snapshot(quiet)).status).toBe(200);
    expect((await placeOrder(quiet, fromBuyer("192.0.2.32"))).status).toBe(201);

    door.open();
    expect((await Promise.all(held)).map((reply) => reply.status)).toEqual([201, 201]);
    expect((await queued).status).toBe(200);
    // Once the work is done the flash shop has its places back.
    expect((await snapshot(flash)).status).toBe(200);
  });
});

describe("which routes count", () => {
  it.each([
    ["POST", "/v1/storefront/demo.localhost/checkouts", "demo.localhost", "checkout"],
    ["POST", "/v1/storefront/Demo.LocalHost:4321/orders/ord_1/cancel", "demo.localhost", "checkout"],
    ["POST", "/v1/storefront/demo.localhost/checkouts/quote", "demo.localhost", "cart"],
    ["PATCH", "/v1/storefront/demo.localhost/carts/c1/lines/l1", "demo.localhost", "cart"],
    ["GET", "/v1/storefront/demo.localhost/orders/ord_1", "demo.localhost", "cart"],
    ["GET", "/v1/storefront/shop.example.com./snapshot", "shop.example.com", undefined],
    ["GET", "/v1/storefront/demo.localhost/products/mug/share.jpg", "demo.localhost", undefined],
  ])("%s %s is %s's, limited as %s", (method, path, shop, limited) => {
    expect(storefrontRoute(method, path)).toEqual({ shop, limited });
  });

  it("leaves other routes alone", () => {
    expect(storefrontRoute("GET", "/v1/shops/shop_1/orders")).toBeUndefined();
  });

  it.each([
    ["203.0.113.7", "203.0.113.7"],
    ["::ffff:203.0.113.7", "203.0.113.7"],
    ["2001:db8::1", "2001:db8:0:0::/64"],
    ["2001:0db8:0001:0002:0003:0004:0005:0006", "2001:db8:1:2::/64"],
    ["::1", "0:0:0:0::/64"],
  ])("counts %s as %s", (ip, key) => {
    expect(ipKey(ip)).toBe(key);
  });
});
