import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHarness, type Harness, type Json } from "./harness.ts";

let harness: Harness;
beforeAll(async () => {
  harness = await createHarness({ config: { bodyLimitBytes: 4096 } });
});
afterAll(() => harness?.cleanup());

describe("operations endpoints", () => {
  it("GET /healthz answers while the process is up", async () => {
    const response = await harness.app.request("/healthz");
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: "ok" });
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
  });

  it("GET /readyz answers 200 when the database answers", async () => {
    const response = await harness.app.request("/readyz");
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: "ready", database: "file" });
  });
});

describe("requests", () => {
  it("carry a request id, generated or passed through, and are logged as JSON fields", async () => {
    const generated = await harness.app.request("/healthz");
    expect(generated.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
    const passed = await harness.app.request("/healthz", { headers: { "X-Request-Id": "trace-abc-123" } });
    expect(passed.headers.get("x-request-id")).toBe("trace-abc-123");
    const entry = harness.logs.find((log) => log.fields.requestId === "trace-abc-123");
    expect(entry).toMatchObject({
      level: "info",
      message: "request",
      fields: { method: "GET", path: "/healthz", status: 200 },
    });
    expect(typeof entry?.fields.durationMs).toBe("number");
  });
});

describe("errors are problem+json", () => {
  it("an unknown route is a 404 problem", async () => {
    const response = await harness.app.request("/v1/nothing-here");
    expect(response.status).toBe(404);
    expect(response.headers.get("content-type")).toMatch(/^application\/problem\+json/);
    const body = (await response.json()) as Json;
    expect(body).toMatchObject({
      status: 404,
      code: "not_found",
      title: "Not found",
      detail: "Nothing here: GET /v1/nothing-here",
    });
    expect(body.type).toMatch(/^https:\/\//);
    expect(body.requestId).toBe(response.headers.get("x-request-id"));
  });

  it("a body over the limit is refused with 413 by its declared length", async () => {
    const response = await harness.app.request("/healthz", {
      method: "POST",
      body: "x".repeat(5000),
      headers: { "content-type": "text/plain" },
    });
    expect(response.status).toBe(413);
    expect(await response.json()).toMatchObject({
      code: "payload_too_large",
      detail: expect.stringContaining("4,096 bytes"),
    });
  });

  it("a streamed body over the limit is refused with 413 too", async () => {
    const chunk = new TextEncoder().encode("y".repeat(1024));
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent++ < 10) controller.enqueue(chunk);
        else controller.close();
      },
    });
    const response = await harness.app.request("/healthz", {
      method: "POST",
      body: stream,
      // Node's fetch needs duplex for streamed bodies.
      duplex: "half",
    });
    expect(response.status).toBe(413);
  });
});

describe("API description", () => {
  it("GET /openapi.json is an OpenAPI 3.1 document describing the routes", async () => {
    const response = await harness.app.request("/openapi.json");
    expect(response.status).toBe(200);
    const document = (await response.json()) as Json;
    expect(document.openapi).toBe("3.1.0");
    expect(document.info.title).toBe("Stall API");
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining(["/healthz", "/readyz", "/media/{a}/{b}/{file}"]),
    );
    expect(document.paths["/readyz"].get.responses).toHaveProperty("503");
  });

  it("GET /docs is a readable HTML reference generated from that document", async () => {
    const response = await harness.app.request("/docs");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/html/);
    const html = await response.text();
    expect(html).toContain('<html lang="en">');
    expect(html).toContain("<h1>Stall API");
    expect(html).toContain("/readyz");
    expect(html).toContain("Can the API serve traffic?");
    expect(html).not.toMatch(/<script/i);
  });
});

describe("readiness when the database is gone", () => {
  it("GET /readyz answers 503 without leaking internals", async () => {
    const broken = await createHarness();
    broken.database.close();
    const response = await broken.app.request("/readyz");
    expect(response.status).toBe(503);
    const body = (await response.json()) as Json;
    expect(body).toMatchObject({ code: "service_unavailable", detail: "The database does not answer" });
    expect(JSON.stringify(body)).not.toMatch(/stack|libsql|CLIENT_CLOSED/i);
    broken.cleanup();
  });
});
