import { describe, expect, it } from "vitest";
import { createBatchedWriter, createRequestLog } from "./request-log.ts";

const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

describe("the request log's batched writer", () => {
  it("writes every line of one turn in one write, after the turn", async () => {
    const writes: string[] = [];
    const writer = createBatchedWriter({ write: (text: string) => writes.push(text) });
    writer.write("a");
    writer.write("b");
    expect(writes).toEqual([]);
    await nextTurn();
    expect(writes).toEqual(["a\nb\n"]);
    writer.write("c");
    await nextTurn();
    expect(writes).toEqual(["a\nb\n", "c\n"]);
  });

  it("writes at once when many lines are held, and on flush (the process's exit)", () => {
    const writes: string[] = [];
    const writer = createBatchedWriter({ write: (text: string) => writes.push(text) });
    for (let i = 0; i < 512; i++) writer.write(String(i));
    expect(writes).toHaveLength(1);
    expect(writes[0]?.split("\n")).toHaveLength(513);
    writer.write("last");
    writer.flush();
    expect(writes[1]).toBe("last\n");
  });

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
    log(line);
    log({ ...line, requestId: "r2", shopId: undefined, status: 503 });
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
    log(line);
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

  it("writes nothing below the level asked for", () => {
    const writes: string[] = [];
    const log = createRequestLog("warn", (line) => writes.push(line));
    log({ requestId: "r", shopId: undefined, method: "GET", path: "/", route: "/", status: 200, durationMs: 1 });
    expect(writes).toEqual([]);
  });
});
