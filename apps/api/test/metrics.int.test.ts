// GET /metrics on the API: valid Prometheus text (read back with a real parser), only for the metrics
// token, bounded labels (route patterns, never a shop's host or id), and figures that move with what
// happens: an order placed, a webhook received, a snapshot asked for, an email waiting in the outbox.
// Also the request log line: JSON with the request id and the shop the request was about.
import parsePrometheusTextFormat, { type MetricFamily, type Sample } from "parse-prometheus-text-format";
import Stripe from "stripe";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createStripePayments } from "../src/adapters/stripe-payments.ts";
import { client, ownerWithShop } from "./client.ts";
import { createHarness, type Harness } from "./harness.ts";
import { signedEvent } from "./stripe-double/events.ts";

const TOKEN = "metrics-token-for-tests-0123456789abcdef";
const WEBHOOK_SECRET = "whsec_test_metrics";
let harness: Harness;
let shop: { host: string; shopId: string; variantId: string; pickupId: string };

beforeAll(async () => {
  harness = await createHarness({
    config: { metricsToken: TOKEN },
    // Webhooks are only checked and parsed here (no call to Stripe), so no Stripe double is needed.
    payments: createStripePayments({ secretKey: "sk_test_metrics", webhookSecret: WEBHOOK_SECRET }),
  });
  const owner = await ownerWithShop(harness);
  const base = `/v1/shops/${owner.shopId}`;
  const honey = await owner.api.post(`${base}/products`, { title: "Honey", variants: [{ price: 1200, stock: 9 }] });
  const pickup = await owner.api.post(`${base}/pickup-points`, { name: "Market", address: "Town green" });
  await owner.api.patch(base, { paymentMethods: ["pay_at_pickup"] });
  expect((await owner.api.post(`${base}/publish`)).status).toBe(200);
  shop = {
    host: `${owner.shop.slug}.localhost`,
    shopId: owner.shopId,
    variantId: honey.body.variants[0].id,
    pickupId: pickup.body.id,
  };
});
afterAll(() => harness?.cleanup());

async function scrape(): Promise<MetricFamily[]> {
  const response = await harness.app.request("/metrics", { headers: { authorization: `Bearer ${TOKEN}` } });
  expect(response.status).toBe(200);
  expect(response.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
  // The parser throws on any line that is not valid exposition text.
  return parsePrometheusTextFormat(await response.text());
}

function family(families: MetricFamily[], name: string): MetricFamily {
  const found = families.find((entry) => entry.name === name);
  if (!found) throw new Error(`no ${name} in /metrics (has ${families.map((entry) => entry.name).join(", ")})`);
  return found;
}

function sample(families: MetricFamily[], name: string, labels: Record<string, string> = {}): Sample | undefined {
  return family(families, name).metrics.find((entry) =>
    Object.entries(labels).every(([key, value]) => entry.labels?.[key] === value),
  );
}

/** The value of a counter or gauge series; 0 for a labelled series not seen yet. */
function seriesValue(families: MetricFamily[], name: string, labels: Record<string, string> = {}): number {
  return Number(sample(families, name, labels)?.value ?? 0);
}

function placeOrder(key: string) {
  return client(harness).post(
    `/v1/storefront/${shop.host}/checkouts`,
    {
      lines: [{ variantId: shop.variantId, quantity: 1 }],
      buyer: { name: "Ana", email: "ana@example.test" },
      fulfilment: { type: "pickup", pickupPointId: shop.pickupId },
      paymentMethod: "pay_at_pickup",
    },
    { "idempotency-key": key },
  );
}

describe("who may read /metrics", () => {
  it("answers 401 without the token or with a wrong one, with a plain problem", async () => {
    for (const headers of [{}, { authorization: "Bearer not-the-token" }]) {
      const response = await harness.app.request("/metrics", { headers });
      expect(response.status).toBe(401);
      expect(response.headers.get("content-type")).toMatch(/^application\/problem\+json/);
      expect(((await response.json()) as { detail: string }).detail).toMatch(/Bearer <METRICS_TOKEN>/);
    }
  });

  it("without METRICS_TOKEN, is hidden from anything but a loopback scraper (no socket here: 404)", async () => {
    const open = await createHarness();
    try {
      const response = await open.app.request("/metrics", { headers: { authorization: `Bearer ${TOKEN}` } });
      expect(response.status).toBe(404);
    } finally {
      open.cleanup();
    }
  });

  it("is not in the OpenAPI document, so the typed client and the tenant matrices never see it", async () => {
    const document = (await (await harness.app.request("/openapi.json")).json()) as { paths: Record<string, unknown> };
    expect(Object.keys(document.paths)).not.toContain("/metrics");
  });
});

describe("the figures", () => {
  it("are valid Prometheus text with the named series, requests labelled by route pattern only", async () => {
    await client(harness).get(`/v1/storefront/${shop.host}/snapshot`);
    await client(harness).get("/v1/no/such/path/order_123");
    // Refused by middleware (no session) before the route's handler: still the route's pattern.
    expect((await client(harness).get(`/v1/shops/${shop.shopId}/products`)).status).toBe(401);
    const families = await scrape();
    for (const name of [
      "stall_http_requests_total",
      "stall_http_request_duration_seconds",
      "stall_orders_placed_total",
      "stall_webhook_events_total",
      "stall_outbox_waiting",
      "stall_outbox_oldest_waiting_age_seconds",
      "stall_outbox_failed",
      "stall_photo_imports_waiting",
      "stall_photo_imports_oldest_waiting_age_seconds",
      "stall_avif_waiting",
      "stall_avif_oldest_waiting_age_seconds",
      "stall_snapshot_cache_lookups_total",
      "stall_snapshot_cache_hit_ratio",
      "stall_rate_limited_total",
      "stall_db_statements_kept",
      "stall_db_statement_lookups_total",
      "process_resident_memory_bytes",
      "nodejs_heap_size_used_bytes",
    ]) {
      family(families, name);
    }
    expect(family(families, "stall_http_request_duration_seconds").type).toBe("HISTOGRAM");
    expect(
      seriesValue(families, "stall_http_requests_total", {
        route: "/v1/storefront/:host/snapshot",
        method: "GET",
        status: "200",
      }),
    ).toBeGreaterThanOrEqual(1);
    expect(
      seriesValue(families, "stall_http_requests_total", { route: "unmatched", method: "GET", status: "404" }),
    ).toBeGreaterThanOrEqual(1);
    expect(
      seriesValue(families, "stall_http_requests_total", {
        route: "/v1/shops/:shopId/products",
        method: "GET",
        status: "401",
      }),
    ).toBe(1);
    expect(seriesValue(families, "process_resident_memory_bytes")).toBeGreaterThan(0);
    // The suite runs on a libSQL file: its connections keep statements, and asking again finds them.
    expect(seriesValue(families, "stall_db_statements_kept")).toBeGreaterThan(0);
    expect(seriesValue(families, "stall_db_statement_lookups_total", { result: "hit" })).toBeGreaterThan(0);
    expect(seriesValue(families, "stall_db_statement_lookups_total", { result: "miss" })).toBeGreaterThan(0);
    // Bounded labels: no series names a shop (by host, slug or id), a raw path or an id.
    const routes = new Set(
      family(families, "stall_http_requests_total").metrics.map((entry) => entry.labels?.route ?? ""),
    );
    for (const route of routes) {
      expect(route === "unmatched" || route.startsWith("/")).toBe(true);
      expect(route).not.toContain(shop.host);
      expect(route).not.toContain(shop.shopId);
      expect(route).not.toContain("order_123");
    }
    const text = await (
      await harness.app.request("/metrics", { headers: { authorization: `Bearer ${TOKEN}` } })
    ).text();
    expect(text).not.toContain(shop.shopId);
    expect(text).not.toContain(shop.host);
  });

  it("count an order placed once (a replay of the same order is not a second one) and its waiting email", async () => {
    const before = await scrape();
    const placed = await placeOrder(`metrics-order-${Date.now()}`);
    expect(placed.status).toBe(201);
    const key = `metrics-again-${Date.now()}`;
    expect((await placeOrder(key)).status).toBe(201);
    expect((await placeOrder(key)).status).toBe(201); // the same order, answered again
    harness.clock.advance(90_000);
    const after = await scrape();
    const placedTotal = (families: MetricFamily[]) =>
      seriesValue(families, "stall_orders_placed_total", { payment_method: "pay_at_pickup" });
    expect(placedTotal(after) - placedTotal(before)).toBe(2);
    expect(
      seriesValue(after, "stall_http_requests_total", {
        route: "/v1/storefront/:host/checkouts",
        method: "POST",
        status: "201",
      }) -
        seriesValue(before, "stall_http_requests_total", {
          route: "/v1/storefront/:host/checkouts",
          method: "POST",
          status: "201",
        }),
    ).toBe(3);
    // Each order queues emails (buyer and owner) that no worker sends in this test.
    expect(seriesValue(after, "stall_outbox_waiting")).toBeGreaterThanOrEqual(2);
    expect(seriesValue(after, "stall_outbox_oldest_waiting_age_seconds")).toBeGreaterThanOrEqual(90);
    // No photo was imported or uploaded here: those queues are empty, and say so.
    expect(seriesValue(after, "stall_photo_imports_waiting")).toBe(0);
    expect(seriesValue(after, "stall_avif_oldest_waiting_age_seconds")).toBe(0);
  });

  it("count webhooks by outcome: ignored (no shop has the account) and bad_signature", async () => {
    const before = await scrape();
    const stripe = new Stripe("sk_test_metrics");
    const signed = signedEvent(stripe, WEBHOOK_SECRET, {
      type: "account.updated",
      account: "acct_nobody",
      data: { object: { id: "acct_nobody", object: "account", charges_enabled: true } },
    } as never);
    const ignored = await harness.app.request("/v1/webhooks/stripe", {
      method: "POST",
      headers: signed.headers,
      body: signed.body,
    });
    expect(ignored.status).toBe(200);
    const forged = await harness.app.request("/v1/webhooks/stripe", {
      method: "POST",
      headers: { ...signed.headers, "stripe-signature": "t=1,v1=forged" },
      body: signed.body,
    });
    expect(forged.status).toBe(400);
    const after = await scrape();
    const delta = (outcome: string) =>
      seriesValue(after, "stall_webhook_events_total", { provider: "stripe", outcome }) -
      seriesValue(before, "stall_webhook_events_total", { provider: "stripe", outcome });
    expect(delta("ignored")).toBe(1);
    expect(delta("bad_signature")).toBe(1);
    expect(delta("handled")).toBe(0);
  });

  it("count snapshot lookups: built once, then held or not modified, and the hit ratio follows", async () => {
    const before = await scrape();
    const first = await client(harness).get(`/v1/storefront/${shop.host}/snapshot`);
    const second = await client(harness).get(`/v1/storefront/${shop.host}/snapshot`);
    const third = await client(harness).get(`/v1/storefront/${shop.host}/snapshot`, {
      "if-none-match": first.headers.get("etag") ?? "",
    });
    expect([first.status, second.status, third.status]).toEqual([200, 200, 304]);
    const after = await scrape();
    const delta = (result: string) =>
      seriesValue(after, "stall_snapshot_cache_lookups_total", { result }) -
      seriesValue(before, "stall_snapshot_cache_lookups_total", { result });
    // The orders above changed the shop's version (stock), so the first read may build a new one.
    expect(delta("built") + delta("hit")).toBe(2);
    expect(delta("not_modified")).toBe(1);
    const ratio = seriesValue(after, "stall_snapshot_cache_hit_ratio");
    expect(ratio).toBeGreaterThan(0);
    expect(ratio).toBeLessThanOrEqual(1);
  });
});

describe("the request log", () => {
  it("is one JSON line per request with the request id and, on a shop's routes, the shop id", async () => {
    const lines: string[] = [];
    const { createJsonLogger } = await import("../src/http/logger.ts");
    const { createApp } = await import("../src/app.ts");
    const app = createApp({
      ...harness.deps,
      metrics: undefined,
      logger: createJsonLogger("info", (line) => lines.push(line)),
    });
    const owner = await ownerWithShop(harness);
    const asOwner = await app.request(`/v1/shops/${owner.shopId}/products`, {
      headers: { authorization: `Bearer ${owner.token}` },
    });
    expect(asOwner.status).toBe(200);
    const storefront = await app.request(`/v1/storefront/${shop.host}/snapshot`);
    expect(storefront.status).toBe(200);
    const signUp = await app.request("/v1/auth/login", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: owner.email, password: "correct horse battery" }),
    });
    expect(signUp.status).toBe(200);
    const records = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    const find = (path: string) => records.find((record) => record.msg === "request" && record.path === path);
    const shopLine = find(`/v1/shops/${owner.shopId}/products`);
    expect(shopLine).toMatchObject({ level: "info", status: 200, shopId: owner.shopId });
    expect(shopLine?.requestId).toBe(asOwner.headers.get("x-request-id"));
    const storefrontLine = find(`/v1/storefront/${shop.host}/snapshot`);
    expect(storefrontLine).toMatchObject({ status: 200, shopId: shop.shopId });
    expect(storefrontLine?.requestId).toBe(storefront.headers.get("x-request-id"));
    // A request about no shop says so by leaving the field out.
    const loginLine = find("/v1/auth/login");
    expect(loginLine?.requestId).toEqual(expect.any(String));
    expect(loginLine).not.toHaveProperty("shopId");
  });
});
