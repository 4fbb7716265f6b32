import { createBatchedWriter } from "@stall/http-edge";
import { describe, expect, it } from "vitest";
import { createRequestLog, linePart, requestIdOf } from "./request-log.ts";

const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

describe("the request log's lines", () => {
  it("still writes one JSON line per request", async () => {
    const writes: string[] = [];
    const writer = createBatchedWriter({ write: (text: string) => writes.push(text) });
    const log = createRequestLog("info", writer.write);
    const line = {
      requestId: "r1",
      shopId: "shop_1",
      method: "GET",
      path: "/",
      route: "/",
      status: 200,
      durationMs: 1.234,
    };
    log.line(line);
    log.line({ ...line, requestId: "r2", shopId: undefined, status: 503 });
    await nextTurn();
    const parsed = (writes.join("").trim().split("\n") as string[]).map((text) => JSON.parse(text));
    expect(parsed).toMatchObject([
      { level: "info", msg: "request", requestId: "r1", shopId: "shop_1", status: 200, durationMs: 1.23 },
      { level: "error", requestId: "r2", status: 503 },
    ]);
    expect(parsed[1]).not.toHaveProperty("shopId");
  });
});

describe("the request line", () => {
  it("is the same JSON as the object it stands for, whatever the strings hold", () => {
    const writes: string[] = [];
    const log = createRequestLog("info", (line) => writes.push(line));
    const line = {
      requestId: "id-1",
      shopId: 'shop "quoted"',
      method: "GET",
      path: "/products/蜂蜜\n\\x",
      route: "/products/[slug]",
      status: 200,
      durationMs: 0.3456,
    };
    log.line(line);
    const parsed = JSON.parse(writes[0] ?? "") as Record<string, unknown>;
    expect(writes[0]).toBe(
      JSON.stringify({
        time: parsed.time,
        level: "info",
        msg: "request",
        requestId: "id-1",
        shopId: line.shopId,
        method: "GET",
        path: line.path,
        route: line.route,
        status: 200,
        durationMs: 0.35,
      }),
    );
    expect(new Date(String(parsed.time)).toISOString()).toBe(parsed.time);
  });

  it("is the same made from members kept for a page (the fast path's way) as from the whole request", () => {
    const writes: string[] = [];
    const log = createRequestLog("info", (line) => writes.push(line));
    const facts = { shopId: "shop_1", method: "GET", path: "/products/蜂蜜", route: "/products/[slug]", status: 200 };
    log.line({ ...facts, requestId: "a-1", durationMs: 0.126 });
    log.prepared(linePart(facts), "a-1", 0.126);
    log.prepared(linePart({ ...facts, status: 502 }), "a-2", 3);
    expect(writes[1]).toBe(writes[0]);
    expect(JSON.parse(writes[2] ?? "")).toMatchObject({ level: "error", status: 502, requestId: "a-2" });
  });

  it("escapes an id that did not come from requestIdOf, as JSON.stringify would", () => {
    const writes: string[] = [];
    const log = createRequestLog("info", (line) => writes.push(line));
    log.line({
      requestId: 'a"b\\c',
      shopId: undefined,
      method: "GET",
      path: "/",
      route: "/",
      status: 200,
      durationMs: 1,
    });
    expect(JSON.parse(writes[0] ?? "").requestId).toBe('a"b\\c');
  });

  it("writes nothing below the level asked for", () => {
    const writes: string[] = [];
    const log = createRequestLog("warn", (line) => writes.push(line));
    log.line({ requestId: "r", shopId: undefined, method: "GET", path: "/", route: "/", status: 200, durationMs: 1 });
    log.prepared(linePart({ shopId: undefined, method: "GET", path: "/", route: "/", status: 200 }), "r", 1);
    expect(log.isOn).toBe(false);
    expect(writes).toEqual([]);
  });
});

describe("a request's id", () => {
  it("is the proxy's when it is short plain text", () => {
    expect(requestIdOf("proxy-trace-42")).toBe("proxy-trace-42");
    expect(requestIdOf("0f3c2a9e1b7d4c6a8e5f0a1b2c3d4e5f")).toBe("0f3c2a9e1b7d4c6a8e5f0a1b2c3d4e5f");
  });

  it("is a new one of this process's otherwise: never the same twice, and safe in a JSON string as it is", () => {
    const made = ["", null, undefined, "has space", 'quote"', "x".repeat(201), "蜂蜜"].map((header) =>
      requestIdOf(header),
    );
    for (let i = 0; i < 1000; i++) made.push(requestIdOf(undefined));
    expect(new Set(made).size).toBe(made.length);
    for (const id of made) {
      expect(id).toMatch(/^[A-Za-z0-9_-]{12}-[0-9a-z]+$/);
      expect(JSON.stringify(id)).toBe(`"${id}"`);
    }
    // One prefix per process: the ids differ by their counter alone.
    expect(new Set(made.map((id) => id.split("-").slice(0, -1).join("-"))).size).toBe(1);
  });
});
