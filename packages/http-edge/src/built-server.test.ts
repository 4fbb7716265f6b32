import http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort, get, request } from "./testing.ts";

let server: http.Server;
let port: number;

beforeAll(async () => {
  port = await freePort();
  server = http.createServer((incoming, response) => {
    response.writeHead(200, { "content-type": "text/plain", "x-host": incoming.headers.host ?? "" });
    response.end(`${incoming.method} ${incoming.url}`);
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe("the built-server test helpers", () => {
  it("find a port that can be listened on", () => {
    expect(server.listening).toBe(true);
    expect(port).toBeGreaterThan(0);
  });

  it("send any Host header, as a browser on a shop's address would", async () => {
    const reply = await get(port, "/healthz", { Host: "demo.localhost:4321" });
    expect(reply).toMatchObject({ status: 200, body: "GET /healthz" });
    expect(reply.headers["x-host"]).toBe("demo.localhost:4321");
  });

  it("answer the raw bytes for any method", async () => {
    const reply = await request(port, { method: "HEAD", path: "/" });
    expect(reply.status).toBe(200);
    expect(reply.bytes.byteLength).toBe(0);
  });
});
