// Request bodies through a started server (the Node adapter), as browsers and the front ends send them:
// with a declared length, the limit is checked from the header and the body read once by the route;
// chunked, it is counted as it streams. app.request() never takes the adapter's path, so these use HTTP.
import { request as httpRequest } from "node:http";
import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHarness, type Harness, type Json } from "./harness.ts";

let harness: Harness;
let server: ReturnType<typeof serve>;
let port: number;

beforeAll(async () => {
  harness = await createHarness({ config: { bodyLimitBytes: 4096 } });
  server = serve({ fetch: harness.app.fetch, port: 0, hostname: "127.0.0.1" });
  await new Promise<void>((resolve) => server.once("listening", () => resolve()));
  port = (server.address() as AddressInfo).port;
});
afterAll(async () => {
  await new Promise<void>((resolve) => server?.close(() => resolve()));
  harness?.cleanup();
});

/** A POST over HTTP: with Content-Length for a string, chunked for a list of chunks. */
function post(path: string, body: string | string[]): Promise<{ status: number; json: Json }> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { "content-type": "application/json" };
    if (typeof body === "string") headers["content-length"] = String(Buffer.byteLength(body));
    const sent = httpRequest({ host: "127.0.0.1", port, path, method: "POST", headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.on("end", () =>
        resolve({ status: response.statusCode ?? 0, json: JSON.parse(Buffer.concat(chunks).toString("utf8")) }),
      );
    });
    // A refused body may be cut off before it is all sent; the answer still arrives.
    sent.on("error", reject);
    for (const chunk of typeof body === "string" ? [body] : body) sent.write(chunk);
    sent.end();
  });
}

describe("request bodies through the Node adapter", () => {
  it("a JSON body with its declared length reaches the route whole", async () => {
    const body = JSON.stringify({ email: "not-an-address", password: 5, note: "世界".repeat(100) });
    const { status, json } = await post("/v1/auth/signup", body);
    expect(status).toBe(422);
    expect(json.code).toBe("validation_failed");
    const paths = (json.errors as { path: string }[]).map((error) => error.path);
    expect(paths).toEqual(expect.arrayContaining(["email", "password"]));
  });

  it("a declared length over the limit is refused from the header", async () => {
    const { status, json } = await post("/v1/auth/signup", JSON.stringify({ email: "x".repeat(5000) }));
    expect(status).toBe(413);
    expect(json).toMatchObject({ code: "payload_too_large", detail: expect.stringContaining("4,096 bytes") });
  });

  it("a chunked body within the limit reaches the route whole", async () => {
    const { status, json } = await post("/v1/auth/signup", ['{"email": "not-an-', 'address", "password": 5}']);
    expect(status).toBe(422);
    expect((json.errors as { path: string }[]).map((error) => error.path)).toEqual(
      expect.arrayContaining(["email", "password"]),
    );
  });

  it("a chunked body over the limit is refused as it streams", async () => {
    const { status, json } = await post(
      "/v1/auth/signup",
      Array.from({ length: 8 }, () => "x".repeat(1024)),
    );
    expect(status).toBe(413);
    expect(json.code).toBe("payload_too_large");
  });

  it("malformed JSON with its declared length is a 400 problem, not a 500", async () => {
    const { status, json } = await post("/v1/auth/signup", '{"email": ');
    expect(status).toBe(400);
    expect(json.status).toBe(400);
    expect(harness.logs.filter((entry) => entry.level === "error")).toEqual([]);
  });
});
