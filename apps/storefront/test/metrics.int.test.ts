// /metrics on the built storefront (server.mjs, as production runs it) and on the real API process:
// valid Prometheus text read back with a real parser; requests labelled by route pattern, never a
// shop's host; the snapshot and page caches' hits counted (a page served twice: rendered, then from
// the cache); the door (METRICS_TOKEN on the storefront here, loopback-only on the API). And the
// storefront's request log: one JSON line per request with its id and its shop.
import { type BuiltServer, freePort, request, startBuiltServer } from "@stall/http-edge/testing";
import parsePrometheusTextFormat, { type MetricFamily } from "parse-prometheus-text-format";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { logInDemoOwner, type RealApi, startRealApi } from "./real-api.ts";

const appDir = new URL("../", import.meta.url);
const TOKEN = "storefront-metrics-token-0123456789abcdef";
let api: RealApi;
let server: BuiltServer;
let host: string;
let shopId: string;

beforeAll(async () => {
  const port = await freePort();
  api = await startRealApi({ storefrontPort: port });
  server = await startBuiltServer(
    appDir,
    "STOREFRONT_PORT",
    {
      API_URL: api.url,
      PUBLIC_API_URL: api.publicUrl,
      STOREFRONT_ROOT_DOMAIN: "localhost",
      METRICS_TOKEN: TOKEN,
      LOG_LEVEL: "info",
    },
    { port },
  );
  host = `demo.localhost:${port}`;
  const owner = await logInDemoOwner(api.url);
  const me = await owner.call<{ memberships: { shopId: string }[] }>("GET", "/v1/me");
  shopId = me.memberships[0]?.shopId ?? "";
}, 120_000);

afterAll(async () => {
  await server?.stop();
  await api?.stop();
});

async function get(path: string, headers: Record<string, string> = {}) {
  const reply = await request(server.port, { method: "GET", path, headers: { Host: host, ...headers } });
  return { ...reply, text: reply.bytes.toString("utf8") };
}

async function scrape(): Promise<MetricFamily[]> {
  const reply = await get("/metrics", { Authorization: `Bearer ${TOKEN}` });
  expect(reply.status).toBe(200);
  expect(reply.headers["content-type"]).toMatch(/^text\/plain; version=0\.0\.4/);
  expect(reply.text).not.toContain("demo.localhost");
  expect(reply.text).not.toContain(shopId);
  return parsePrometheusTextFormat(reply.text);
}

function seriesValue(families: MetricFamily[], name: string, labels: Record<string, string> = {}): number {
  const found = families.find((entry) => entry.name === name);
  if (!found) throw new Error(`no ${name} in /metrics`);
  const sample = found.metrics.find((entry) =>
    Object.entries(labels).every(([key, value]) => entry.labels?.[key] === value),
  );
  return Number(sample?.value ?? 0);
}

describe("the storefront's /metrics", () => {
  it("answers 401 without the token or with another, on any shop's host", async () => {
    expect((await get("/metrics")).status).toBe(401);
    const wrong = await get("/metrics", { Authorization: "Bearer not-it" });
    expect(wrong.status).toBe(401);
    expect(wrong.text).toMatch(/Bearer <METRICS_TOKEN>/);
  });

  it("counts a page rendered once and then served from the cache, by route pattern", async () => {
    const before = await scrape();
    const path = "/?v=metrics-test";
    const first = await get(path);
    expect(first.status).toBe(200);
    // A hit: served by the middleware from the page cache, or by server.mjs's fast path.
    const second = await get(path);
    expect(second.status).toBe(200);
    const after = await scrape();
    const delta = (name: string, labels: Record<string, string>) =>
      seriesValue(after, name, labels) - seriesValue(before, name, labels);
    expect(delta("stall_storefront_http_requests_total", { route: "/", method: "GET", status: "200" })).toBe(2);
    expect(delta("stall_storefront_page_cache_lookups_total", { result: "miss" })).toBe(1);
    expect(delta("stall_storefront_page_cache_lookups_total", { result: "hit" })).toBe(1);
    const snapshotRatio = seriesValue(after, "stall_storefront_snapshot_cache_hit_ratio");
    expect(snapshotRatio).toBeGreaterThan(0);
    expect(snapshotRatio).toBeLessThanOrEqual(1);
    const pageRatio = seriesValue(after, "stall_storefront_page_cache_hit_ratio");
    expect(pageRatio).toBeGreaterThan(0);
    expect(pageRatio).toBeLessThanOrEqual(1);
    expect(seriesValue(after, "stall_storefront_snapshot_cache_bytes")).toBeGreaterThan(0);
    expect(seriesValue(after, "stall_storefront_page_cache_bytes")).toBeGreaterThan(0);
    // Each cache by name: what it holds, how many entries, and its budget (STOREFRONT_*_CACHE_MB defaults).
    for (const [cache, budgetMb] of [
      ["snapshots", 16],
      ["pages", 16],
    ] as const) {
      const labels = { cache };
      expect(seriesValue(after, "stall_storefront_cache_entries", labels)).toBeGreaterThan(0);
      expect(seriesValue(after, "stall_storefront_cache_bytes", labels)).toBeGreaterThan(0);
      expect(seriesValue(after, "stall_storefront_cache_budget_bytes", labels)).toBe(budgetMb * 1024 * 1024);
    }
    expect(seriesValue(after, "process_resident_memory_bytes")).toBeGreaterThan(0);
    const histogram = after.find((entry) => entry.name === "stall_storefront_http_request_duration_seconds");
    expect(histogram?.type).toBe("HISTOGRAM");
    // Routes are patterns: no raw path, no query, no host.
    const routes = (after.find((entry) => entry.name === "stall_storefront_http_requests_total")?.metrics ?? []).map(
      (entry) => entry.labels?.route ?? "",
    );
    for (const route of routes) {
      expect(route).not.toContain("?");
      expect(route).not.toContain("localhost");
    }
  });

  it("logs each request as one JSON line with its id (the proxy's when it sent one) and its shop", async () => {
    const reply = await get("/?v=log-line", { "X-Request-Id": "proxy-trace-42" });
    expect(reply.status).toBe(200);
    const logLines = () =>
      server
        .output()
        .split("\n")
        .filter((line) => line.startsWith("{"))
        .map((line) => JSON.parse(line) as Record<string, unknown>);
    // Lines are written in batches just after the responses of the same turn (decision 037): wait for it.
    const line = await vi.waitFor(() => {
      const found = logLines().find((entry) => entry.msg === "request" && entry.requestId === "proxy-trace-42");
      if (!found) throw new Error("the request's line is not written yet");
      return found;
    });
    const lines = logLines();
    expect(line).toMatchObject({ level: "info", shopId, method: "GET", path: "/", route: "/", status: 200 });
    const health = lines.filter((entry) => entry.msg === "request" && entry.path === "/healthz");
    expect(health.length).toBeGreaterThan(0);
    expect(health[0]?.requestId).toEqual(expect.any(String));
    expect(health[0]).not.toHaveProperty("shopId");
  });
});

describe("the API's /metrics, as a process on this machine", () => {
  it("is open to a scraper on loopback when METRICS_TOKEN is not set, and hidden from a proxied request", async () => {
    const response = await fetch(`${api.url}/metrics`);
    expect(response.status).toBe(200);
    const families = parsePrometheusTextFormat(await response.text());
    expect(families.map((entry) => entry.name)).toEqual(
      expect.arrayContaining(["stall_http_requests_total", "stall_outbox_waiting", "process_resident_memory_bytes"]),
    );
    // The storefront above asked the API for the demo shop's snapshot.
    expect(
      seriesValue(families, "stall_http_requests_total", { route: "/v1/storefront/:host/snapshot", method: "GET" }),
    ).toBeGreaterThan(0);
    const proxied = await fetch(`${api.url}/metrics`, { headers: { "X-Forwarded-For": "203.0.113.7" } });
    expect(proxied.status).toBe(404);
  });
});
