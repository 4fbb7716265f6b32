// The warm-cache fast path in server.mjs against the built storefront and the real API: a hit it answers
// is byte for byte and header for header what the middleware sent when it filled the cache, from node:http
// or straight from the socket (decision 063); an owner's edit still shows once the snapshot is checked
// again; a preview cookie goes the normal way.

import net from "node:net";
import { gunzipSync } from "node:zlib";
import { type BuiltServer, freePort, type RawReply, request, startBuiltServer } from "@stall/http-edge/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { REVALIDATE_AFTER_MS } from "../src/lib/snapshot-store.ts";
import { h1Of } from "./html.ts";
import { logInDemoOwner, type OwnerSession, type RealApi, startRealApi } from "./real-api.ts";

const appDir = new URL("../", import.meta.url);
let api: RealApi;
let server: BuiltServer;
let owner: OwnerSession;
let shopId: string;
let host: string;

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
      STOREFRONT_FAST_PATH_TRACE: "1",
    },
    { port },
  );
  host = `demo.localhost:${port}`;
  owner = await logInDemoOwner(api.url);
  const me = await owner.call<{ memberships: { shopId: string }[] }>("GET", "/v1/me");
  shopId = me.memberships[0]?.shopId ?? "";
  // The first renders after start-up are slow; get them out of the way of the tests' timing.
  await getRaw("/");
}, 120_000);

afterAll(async () => {
  await server?.stop();
  await api?.stop();
});

const fastLines = () =>
  server
    .output()
    .split("\n")
    .filter((line) => line.startsWith("fast-path "));
/** Headers that differ between any two responses, whoever sends them. */
const PER_RESPONSE = new Set(["date"]);
const headerSet = (reply: RawReply) =>
  Object.fromEntries(Object.entries(reply.headers).filter(([name]) => !PER_RESPONSE.has(name)));

/** The next request the fast path answers (a page not yet held is rendered first). */
async function untilFast(path: string, headers: Record<string, string> = {}, method = "GET") {
  for (let attempt = 0; attempt < 3; attempt += 1) {
    const answer = await getRaw(path, headers, method);
    if (answer.wasFast) return answer.reply;
  }
  throw new Error(`the fast path never answered ${method} ${path}`);
}

/** The snapshot's check window and its stale time (by default as long as the window), as the storefront runs. */
const HELD_AT_ONCE_MS = 2 * REVALIDATE_AFTER_MS;

/**
 * The next request the normal path answers. Until the shop's snapshot has gone unchecked for its window
 * and its stale time, the fast path answers a held page (starting the check itself past the window,
 * decision 057); after that, a request waits for the API on the normal path.
 */
async function untilSlow(path: string, headers: Record<string, string> = {}, method = "GET") {
  for (let attempt = 0; attempt < 5; attempt += 1) {
    await new Promise((resolve) => setTimeout(resolve, HELD_AT_ONCE_MS + 100));
    const answer = await getRaw(path, headers, method);
    if (!answer.wasFast) return answer.reply;
  }
  throw new Error(`the normal path never answered ${method} ${path}`);
}

async function getRaw(path: string, headers: Record<string, string> = {}, method = "GET") {
  const before = fastLines().length;
  const reply = await request(server.port, { method, path, headers: { Host: host, ...headers } });
  return { reply, wasFast: fastLines().length > before };
}

/**
 * One kept connection of its own, written to as a browser or a proxy's pool would: each request's head
 * in one write, no Connection header. `ask` resolves with the answer's head and body.
 */
async function keptConnection() {
  const socket = net.connect(server.port, "127.0.0.1");
  await new Promise((resolve) => socket.once("connect", resolve));
  let received = Buffer.alloc(0);
  let waiter: (() => void) | undefined;
  socket.on("data", (chunk: Buffer) => {
    received = Buffer.concat([received, chunk]);
    waiter?.();
  });
  const ask = async (path: string, headers: Record<string, string>) => {
    const before = fastLines().length;
    const lines = Object.entries({ Host: host, ...headers }).map(([name, value]) => `${name}: ${value}\r\n`);
    socket.write(`GET ${path} HTTP/1.1\r\n${lines.join("")}\r\n`);
    for (;;) {
      const end = received.indexOf("\r\n\r\n");
      const head = end < 0 ? "" : received.toString("latin1", 0, end);
      const length = Number(/\r\ncontent-length: (\d+)/i.exec(head)?.[1] ?? -1);
      if (end >= 0 && length >= 0 && received.byteLength >= end + 4 + length) {
        const body = received.subarray(end + 4, end + 4 + length);
        received = received.subarray(end + 4 + length);
        // The trace line comes through the server's stdout, which may reach us after the answer did.
        for (let look = 0; look < 20 && fastLines().length === before; look += 1) {
          await new Promise((resolve) => setTimeout(resolve, 25));
        }
        return { head, body, wasFast: fastLines().length > before };
      }
      await new Promise<void>((resolve) => {
        waiter = resolve;
      });
    }
  };
  return { ask, close: () => socket.destroy() };
}

type Product = { id: string; slug: string; title: string; status: string };

/** An active demo product and its page. */
async function demoProduct(): Promise<Product & { path: string }> {
  const { items } = await owner.call<{ items: Product[] }>("GET", `/v1/shops/${shopId}/products`);
  const product = items.find((item) => item.status === "active");
  if (!product) throw new Error("the demo shop has no active product");
  return { ...product, path: `/products/${encodeURIComponent(product.slug)}` };
}

describe("the warm-cache fast path", () => {
  it.each([
    ["br", "gzip, deflate, br"],
    ["gzip", "gzip"],
  ])("answers a hit (%s) with the bytes and headers the middleware sent", async (name, acceptEncoding) => {
    const headers: Record<string, string> = { "Accept-Encoding": acceptEncoding };
    // `v` is part of the cache key: each case starts with a page nobody asked for yet.
    for (const path of [`${(await demoProduct()).path}?v=fast-${name}`, `/?v=fast-${name}`]) {
      const first = await getRaw(path, headers);
      expect(first.wasFast).toBe(false);
      const second = await untilFast(path, headers);
      expect(first.reply.status).toBe(200);
      expect(second.status).toBe(200);
      expect(second.bytes.equals(first.reply.bytes)).toBe(true);
      expect(headerSet(second)).toEqual(headerSet(first.reply));
      expect(Object.keys(second.headers)).toEqual(Object.keys(first.reply.headers));
      expect(second.headers["x-content-type-options"]).toBe("nosniff");
      expect(second.headers["content-security-policy"]).toContain("default-src 'none'");
      expect(second.headers["content-encoding"]).toBe(name);
    }
  });

  it("leaves a plain request to the normal path, which unzips the page it holds compressed", async () => {
    const path = `${(await demoProduct()).path}?v=fast-identity`;
    const compressed = await getRaw(path, { "Accept-Encoding": "gzip" });
    await untilFast(path, { "Accept-Encoding": "gzip" });
    for (let attempt = 0; attempt < 3; attempt += 1) {
      const plain = await getRaw(path);
      expect(plain.wasFast).toBe(false);
      expect(plain.reply.status).toBe(200);
      expect(plain.reply.headers["content-encoding"]).toBeUndefined();
      expect(plain.reply.headers["content-length"]).toBe(String(plain.reply.bytes.byteLength));
      expect(plain.reply.bytes.equals(gunzipSync(compressed.reply.bytes))).toBe(true);
    }
  });

  it("answers HEAD and a matching If-None-Match as the middleware does", async () => {
    const path = `${(await demoProduct()).path}?v=fast-head`;
    const headers = { "Accept-Encoding": "br" };
    const filled = await getRaw(path, headers);
    const etag = String(filled.reply.headers.etag);
    expect(filled.wasFast).toBe(false);
    // The middleware's own HEAD and 304, answered by the normal path once the snapshot is held too long.
    const slowHead = await untilSlow(path, headers, "HEAD");
    const slow304 = await untilSlow(path, { ...headers, "If-None-Match": etag });
    const fastHead = await untilFast(path, headers, "HEAD");
    const fast304 = await untilFast(path, { ...headers, "If-None-Match": etag });
    expect(fastHead.bytes.byteLength).toBe(0);
    expect(headerSet(fastHead)).toEqual(headerSet(slowHead));
    expect(headerSet(fastHead)).toEqual(headerSet(filled.reply));
    expect(fast304.status).toBe(304);
    expect(headerSet(fast304)).toEqual(headerSet(slow304));
  }, 30_000);

  // How soon is proven on a fake clock in snapshot-store.test.ts: the snapshot is checked again one second
  // after the last check; past that the fast path answers the held snapshot and starts the check, for at
  // most another second (decisions 053 and 057).
  it("still shows an owner's edit once the shop's snapshot is checked again", async () => {
    const product = await demoProduct();
    const path = product.path;
    const gzip = { "Accept-Encoding": "gzip" };
    await untilFast(path, gzip);
    const title = `${product.title} (edited)`;
    await owner.call("PATCH", `/v1/shops/${shopId}/products/${product.id}`, { title });
    try {
      // Past the window, the request that finds it so starts the check and has the page as it was, at once;
      // once the check has the edit, the page is rendered again, then answered fast.
      let shown = "";
      for (let attempt = 0; attempt < 150 && shown !== title; attempt += 1) {
        if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, 20));
        const { reply } = await getRaw(path, gzip);
        shown = h1Of(gunzipSync(reply.bytes).toString()) ?? "";
        if (shown !== title) expect(shown).toBe(product.title);
      }
      expect(shown).toBe(title);
      const next = await untilFast(path, gzip);
      expect(h1Of(gunzipSync(next.bytes).toString())).toBe(title);
    } finally {
      await owner.call("PATCH", `/v1/shops/${shopId}/products/${product.id}`, { title: product.title });
    }
  });

  it("answers a hit that came over https with Strict-Transport-Security, as the normal path does", async () => {
    const path = `${(await demoProduct()).path}?v=fast-https`;
    const headers = { "Accept-Encoding": "br", "X-Forwarded-Proto": "https" };
    const filled = await getRaw(path, headers);
    expect(filled.wasFast).toBe(false);
    const slow = await untilSlow(path, headers);
    const fast = await untilFast(path, headers);
    expect(fast.headers["strict-transport-security"]).toBe("max-age=31536000");
    expect(headerSet(fast)).toEqual(headerSet(slow));
    expect(Object.keys(fast.headers)).toEqual(Object.keys(slow.headers));
    expect(fast.bytes.equals(slow.bytes)).toBe(true);
    const plain = await untilFast(path, { "Accept-Encoding": "br" });
    expect(plain.headers["strict-transport-security"]).toBeUndefined();
  }, 30_000);

  it("answers from the socket on a kept connection, and waits there for a snapshot held too long to be checked", async () => {
    const path = `${(await demoProduct()).path}?v=fast-socket`;
    const headers = { "Accept-Encoding": "br" };
    const filled = await getRaw(path, headers);
    expect(filled.wasFast).toBe(false);
    // Held once the page is in the cache (its encodings are made before it goes in).
    await untilFast(path, headers);
    const connection = await keptConnection();
    try {
      const first = await connection.ask(path, headers);
      expect(first.wasFast).toBe(true);
      expect(first.body.equals(filled.reply.bytes)).toBe(true);
      // The headers node:http wrote for the normal path, in the same order, apart from the Date.
      const normal = await untilSlow(path, headers);
      const names = first.head
        .split("\r\n")
        .slice(1)
        .map((line) => line.slice(0, line.indexOf(":")).toLowerCase());
      expect(names).toEqual(Object.keys(normal.headers));
      for (const line of first.head.split("\r\n").slice(1)) {
        const name = line.slice(0, line.indexOf(":")).toLowerCase();
        if (name !== "date") expect(line.slice(name.length + 2)).toBe(String(normal.headers[name]));
      }
      // Held past its window and stale time, the snapshot is checked before this answer; it is still fast.
      await new Promise((resolve) => setTimeout(resolve, HELD_AT_ONCE_MS + 100));
      const afterCheck = await connection.ask(path, headers);
      expect(afterCheck.wasFast).toBe(true);
      expect(afterCheck.body.equals(filled.reply.bytes)).toBe(true);
      // A request the fast path cannot answer goes the whole way; the connection still answers after it.
      const cart = await connection.ask("/cart", headers);
      expect(cart.wasFast).toBe(false);
      expect(cart.head).toMatch(/^HTTP\/1\.1 200 /);
      const again = await connection.ask(path, headers);
      expect(again.wasFast).toBe(true);
      expect(again.body.equals(filled.reply.bytes)).toBe(true);
    } finally {
      connection.close();
    }
  }, 30_000);

  it("leaves a request with a preview cookie to the normal path", async () => {
    const { path } = await demoProduct();
    await untilFast(path, { "Accept-Encoding": "br" });
    const withCookie = await getRaw(path, { "Accept-Encoding": "br", Cookie: "stall_preview=some-token" });
    expect(withCookie.wasFast).toBe(false);
    expect(withCookie.reply.status).toBe(200);
  });
});
