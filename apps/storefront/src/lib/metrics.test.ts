import parsePrometheusTextFormat from "parse-prometheus-text-format";
import { describe, expect, it } from "vitest";
import { createStorefrontMetrics } from "./metrics.ts";

async function scrape(metrics: ReturnType<typeof createStorefrontMetrics>) {
  const families = parsePrometheusTextFormat((await metrics.exposition()).body);
  return (name: string) => families.find((family) => family.name === name);
}

describe("the storefront's metrics, counted in plain numbers until scraped", () => {
  it("counts requests by route, method and status, and sums them across scrapes", async () => {
    const metrics = createStorefrontMetrics({ snapshotBytes: () => 1, pageBytes: () => 2 });
    metrics.recordRequest("/products/[slug]", "GET", 200, 0.0004);
    metrics.recordRequest("/products/[slug]", "GET", 200, 0.003);
    metrics.recordRequest("/products/[slug]", "HEAD", 304, 0.2);
    let family = await scrape(metrics);
    const value = (labels: Record<string, string>) =>
      Number(
        family("stall_storefront_http_requests_total")?.metrics.find((sample) =>
          Object.entries(labels).every(([key, wanted]) => sample.labels?.[key] === wanted),
        )?.value ?? 0,
      );
    expect(value({ route: "/products/[slug]", method: "GET", status: "200" })).toBe(2);
    expect(value({ route: "/products/[slug]", method: "HEAD", status: "304" })).toBe(1);
    metrics.recordRequest("/products/[slug]", "GET", 200, 0.001);
    family = await scrape(metrics);
    expect(value({ route: "/products/[slug]", method: "GET", status: "200" })).toBe(3);
  });

  it("keeps the duration histogram's buckets cumulative, with its sum and count", async () => {
    const metrics = createStorefrontMetrics({ snapshotBytes: () => 1, pageBytes: () => 2 });
    for (const seconds of [0.0004, 0.003, 0.003, 0.2, 9]) metrics.recordRequest("/", "GET", 200, seconds);
    const text = (await metrics.exposition()).body;
    expect((await scrape(metrics))("stall_storefront_http_request_duration_seconds")?.type).toBe("HISTOGRAM");
    // The parser keeps only bucket values for histograms; read the lines themselves.
    const series = (suffix: string, le?: string) => {
      const labels = le === undefined ? '{route="/",method="GET"}' : `{le="${le}",route="/",method="GET"}`;
      const line = text
        .split("\n")
        .find((entry) => entry.startsWith(`stall_storefront_http_request_duration_seconds_${suffix}${labels} `));
      return Number(line?.split(" ")[1]);
    };
    expect(series("bucket", "0.001")).toBe(1);
    expect(series("bucket", "0.005")).toBe(3);
    expect(series("bucket", "0.25")).toBe(4);
    expect(series("bucket", "5")).toBe(4);
    expect(series("bucket", "+Inf")).toBe(5);
    expect(series("count")).toBe(5);
    expect(series("sum")).toBeCloseTo(9.2064, 6);
  });

  it("counts cache lookups by result, and their hit ratios", async () => {
    const metrics = createStorefrontMetrics({ snapshotBytes: () => 1, pageBytes: () => 2 });
    metrics.pageLookup("hit");
    metrics.pageLookup("hit");
    metrics.pageLookup("hit");
    metrics.pageLookup("miss");
    metrics.snapshotLookup("fetched");
    const family = await scrape(metrics);
    const hits = family("stall_storefront_page_cache_lookups_total")?.metrics.find(
      (sample) => sample.labels?.result === "hit",
    );
    expect(Number(hits?.value)).toBe(3);
    expect(Number(family("stall_storefront_page_cache_hit_ratio")?.metrics[0]?.value)).toBe(0.75);
    expect(Number(family("stall_storefront_snapshot_cache_hit_ratio")?.metrics[0]?.value)).toBe(0);
  });

  it("counts a warm page served from memory as a snapshot hit, a page hit and a request of its series", async () => {
    const metrics = createStorefrontMetrics({ snapshotBytes: () => 1, pageBytes: () => 2 });
    const series = metrics.seriesOf("/products/[slug]", "GET", 200);
    metrics.servedFromMemory(series, 0.0002);
    metrics.servedFromMemory(series, 0.0004);
    metrics.pageLookup("miss");
    metrics.recordRequest("/products/[slug]", "GET", 200, 0.02);
    const family = await scrape(metrics);
    const sample = (name: string, labels: Record<string, string>) =>
      Number(
        family(name)?.metrics.find((entry) =>
          Object.entries(labels).every(([key, wanted]) => entry.labels?.[key] === wanted),
        )?.value ?? 0,
      );
    expect(sample("stall_storefront_http_requests_total", { route: "/products/[slug]", status: "200" })).toBe(3);
    expect(sample("stall_storefront_page_cache_lookups_total", { result: "hit" })).toBe(2);
    expect(sample("stall_storefront_snapshot_cache_lookups_total", { result: "hit" })).toBe(2);
    const text = (await metrics.exposition()).body;
    expect(text).toContain(
      'stall_storefront_http_request_duration_seconds_bucket{le="0.001",route="/products/[slug]",method="GET"} 2',
    );
    expect(text).toContain(
      'stall_storefront_http_request_duration_seconds_count{route="/products/[slug]",method="GET"} 3',
    );
  });
});
