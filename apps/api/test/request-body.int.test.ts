// Request bodies through a started server (the Node adapter), as browsers and the front ends send them:
// with a declared length, the limit is checked from the header and the body read once by the route;
// chunked, it is counted as it streams. app.request() never takes the adapter's path, so these use HTTP.
import { request as httpRequest } from "node:http";
import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ownerWithShop } from "./client.ts";
import { createHarness, type Harness, type Json } from "./harness.ts";
import { sidewaysPhotoWithGps } from "./images.ts";

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
function post(
  path: string,
  body: string | Buffer | (string | Buffer)[],
  extraHeaders: Record<string, string> = {},
): Promise<{ status: number; json: Json }> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { "content-type": "application/json", ...extraHeaders };
    if (!Array.isArray(body)) headers["content-length"] = String(Buffer.byteLength(body));
    const sent = httpRequest({ host: "127.0.0.1", port, path, method: "POST", headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.on("end", () =>
        resolve({ status: response.statusCode ?? 0, json: JSON.parse(Buffer.concat(chunks).toString("utf8")) }),
      );
    });
    // A refused body may be cut off before it is all sent; the answer still arrives.
    sent.on("error", reject);
    for (const chunk of Array.isArray(body) ? body : [body]) sent.write(chunk);
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

  it("a photo's form reaches the upload whole, with its declared length and chunked", async () => {
    const owner = await ownerWithShop(harness);
    const form = new FormData();
    form.append("file", new File([new Uint8Array(await sidewaysPhotoWithGps(600, 400))], "IMG_1.jpg"));
    form.append("alt", "A mug on a shelf");
    const encoded = new Response(form);
    const body = Buffer.from(await encoded.arrayBuffer());
    const headers = {
      "content-type": encoded.headers.get("content-type") ?? "",
      authorization: `Bearer ${owner.token}`,
    };
    const declared = await post(`/v1/shops/${owner.shopId}/media`, body, headers);
    expect(declared.status).toBe(201);
    expect(declared.json).toMatchObject({ alt: "A mug on a shelf", width: 400, height: 600 });
    // The same bytes in 7 KB pieces, cutting through the boundaries: the same photo, recognised.
    const pieces = Array.from({ length: Math.ceil(body.byteLength / 7000) }, (_, index) =>
      body.subarray(index * 7000, (index + 1) * 7000),
    );
    const chunked = await post(`/v1/shops/${owner.shopId}/media`, pieces, headers);
    expect(chunked.status).toBe(200);
    expect(chunked.json.id).toBe(declared.json.id);
  });

  it("malformed JSON with its declared length is a 400 problem, not a 500", async () => {
    const { status, json } = await post("/v1/auth/signup", '{"email": ');
    expect(status).toBe(400);
    expect(json.status).toBe(400);
    expect(harness.logs.filter((entry) => entry.level === "error")).toEqual([]);
  });
});
