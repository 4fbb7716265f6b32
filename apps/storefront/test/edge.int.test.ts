// The built storefront's edge (server.mjs), in front of every route: malformed Host headers, request
// bodies over a route's limit (declared or streamed), HSTS, and draining requests in flight on SIGTERM.
import { readFileSync } from "node:fs";
import http from "node:http";
import net from "node:net";
import { type BuiltServer, get, postsInFlight, request, startBuiltServer } from "@stall/http-edge/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type StubApi, snapshotFixture, startStubApi } from "./stub-api.ts";

const appDir = new URL("../", import.meta.url);
const HOST = "open.stall.test";
const MB = 1024 * 1024;
let stub: StubApi;
let server: BuiltServer;

beforeAll(async () => {
  stub = await startStubApi();
  stub.shops.set(HOST, snapshotFixture({ slug: "open", name: "Open Pantry" }));
  server = await startBuiltServer(appDir, "STOREFRONT_PORT", {
    API_URL: stub.url,
    STOREFRONT_ROOT_DOMAIN: "stall.test",
  });
}, 30_000);

afterAll(async () => {
  await server?.stop();
  await stub?.stop();
});

/** Sends raw bytes (any Host, even one no HTTP client would send) and answers what came back. */
function rawRequest(port: number, head: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, "127.0.0.1", () => socket.write(Buffer.from(head, "utf8")));
    const chunks: Buffer[] = [];
    socket.on("data", (chunk) => chunks.push(chunk));
    socket.once("error", reject);
    socket.once("end", () => {
      const text = Buffer.concat(chunks).toString("utf8");
      resolve({ status: Number(/^HTTP\/1\.1 (\d{3})/.exec(text)?.[1] ?? 0), text });
    });
  });
}

const occurrences = (text: string, needle: string) => text.split(needle).length - 1;

/** Waits until the server has written `count` lines containing `needle` (its log reaches us a little after the reply). */
async function logged(needle: string, count: number): Promise<string> {
  for (let attempt = 0; attempt < 250 && occurrences(server.output(), needle) < count; attempt++) {
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return server.output();
}

describe("a malformed Host header", () => {
  const bad: [string, string][] = [
    ["a user before @", "a@b"],
    ["a user before the shop", `evil@${HOST}`],
    ["nothing", ""],
    ["a space", "open stall.test"],
    ["a port over 65535", `${HOST}:99999`],
    ["raw unicode", "茶山.stall.test"],
    ["a path", `${HOST}/cart`],
    ["8,000 characters", "a".repeat(8000)],
    ["a bare IPv6 address", "::1"],
  ];

  it.each(bad)("with %s is a 400 and one log line, not a 500 with a stack trace", async (_, host) => {
    const before = occurrences(server.output(), "bad Host header");
    const reply = await rawRequest(server.port, `GET / HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n\r\n`);
    expect(reply.status).toBe(400);
    expect(reply.text).toMatch(/content-type: text\/plain; charset=utf-8/i);
    expect(reply.text).toContain("the Host header must be a host name");
    const output = await logged("bad Host header", before + 1);
    expect(occurrences(output, "bad Host header")).toBe(before + 1);
    expect(output).not.toContain("Could not render");
    expect(output).not.toMatch(/\n\s+at /);
  });

  it("is answered as a problem to a script that asks for JSON", async () => {
    const reply = await get(server.port, "/", { Host: "a@b", Accept: "application/json" });
    expect(reply.status).toBe(400);
    expect(reply.headers["content-type"]).toBe("application/problem+json");
    expect(JSON.parse(reply.body)).toMatchObject({ status: 400, code: "bad_host" });
  });

  it.each([
    ["a shop's host with a port", `${HOST}:4321`, 200],
    ["an IPv6 literal with a port", "[::1]:4321", 404],
    ["an IPv4 address", "127.0.0.1", 404],
    ["a punycode name", "xn--fiq228c.stall.test", 404],
  ])("is not what %s is", async (_, host, status) => {
    const reply = await get(server.port, "/", { Host: host });
    expect(reply.status).toBe(status);
  });
});

/** A same-origin form post, as a browser sends it. */
const formHeaders = {
  Host: HOST,
  "Sec-Fetch-Site": "same-origin",
  "Content-Type": "application/x-www-form-urlencoded",
};

/**
 * Streams up to `totalBytes` as a chunked body, as fast as the server takes it, and stops the moment an
 * answer arrives; answers the status and how much was sent.
 */
function floodPost(port: number, path: string, totalBytes: number): Promise<{ status: number; sentBytes: number }> {
  return new Promise((resolve, reject) => {
    const outgoing = http.request({
      host: "127.0.0.1",
      port,
      method: "POST",
      path,
      agent: false,
      headers: { ...formHeaders, "Transfer-Encoding": "chunked" },
    });
    const chunk = Buffer.alloc(64 * 1024, "a");
    let sentBytes = 0;
    let isAnswered = false;
    outgoing.once("response", (response) => {
      isAnswered = true;
      response.resume();
      response.once("end", () => {
        outgoing.destroy();
        resolve({ status: response.statusCode ?? 0, sentBytes });
      });
    });
    // Once answered, the server may cut the rest of the upload; only an error before the answer counts.
    outgoing.on("error", (error) => {
      if (!isAnswered) reject(error);
    });
    const pump = () => {
      while (!isAnswered && sentBytes < totalBytes) {
        sentBytes += chunk.length;
        if (!outgoing.write(chunk)) {
          outgoing.once("drain", pump);
          return;
        }
      }
      if (!isAnswered) outgoing.end();
    };
    pump();
  });
}

/** The resident memory of a process, from the kernel, in bytes. */
function rssOf(pid: number): number {
  const kilobytes = /^VmRSS:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1];
  return Number(kilobytes) * 1024;
}

const FORM_ROUTES = ["/cart/add", "/cart/update", "/cart/remove", "/checkout/quote", "/checkout"];

describe("a request body over the route's limit", () => {
  it("declared by Content-Length is refused with 413 before a byte is read", async () => {
    const reply = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const outgoing = http.request(
        {
          host: "127.0.0.1",
          port: server.port,
          method: "POST",
          path: "/cart/add",
          headers: { ...formHeaders, "Content-Length": String(200 * MB) },
        },
        (response) => {
          let body = "";
          response.setEncoding("utf8");
          response.on("data", (chunk: string) => {
            body += chunk;
          });
          response.once("end", () => {
            outgoing.destroy();
            resolve({ status: response.statusCode ?? 0, body });
          });
        },
      );
      outgoing.once("error", reject);
      // Headers only: the server must answer without waiting for the 200 MB it was promised.
      outgoing.flushHeaders();
    });
    expect(reply.status).toBe(413);
    expect(reply.body).toContain("This form sent more than this page takes (8 KB)");
    expect(reply.body).toContain("8 KB");
  });

  it.each([
    ["/cart/add", 8 * 1024],
    ["/checkout", 64 * 1024],
  ])("streamed in chunks to %s is refused with 413 once past %i bytes", async (path, limit) => {
    const refused = await request(server.port, {
      method: "POST",
      path,
      headers: { ...formHeaders, Accept: "application/json", "Transfer-Encoding": "chunked" },
      body: `a=${"b".repeat(limit)}`,
    });
    expect(refused.status).toBe(413);
    expect(refused.headers["content-type"]).toBe("application/problem+json");
    expect(JSON.parse(refused.bytes.toString())).toMatchObject({ status: 413, code: "payload_too_large" });
    expect(refused.headers.connection).toBe("close");
  });

  it("under the limit reaches the page, chunked or not", async () => {
    const chunked = await request(server.port, {
      method: "POST",
      path: "/cart/add",
      headers: { ...formHeaders, "Transfer-Encoding": "chunked" },
      body: `product=plum-jam&quantity=1&padding=${"x".repeat(7000)}`,
    });
    // The stub API has no carts, so the page says to try again: the form was read, not refused.
    expect(chunked.status).toBe(303);
    expect(chunked.headers.location).toBe("/products/plum-jam?notice=try-again");
    const note = "很".repeat(1000);
    const checkout = await request(server.port, {
      method: "POST",
      path: "/checkout/quote",
      headers: { ...formHeaders, Accept: "application/json" },
      body: new URLSearchParams({ name: "林", note, deliveryAddress: "茶".repeat(500) }).toString(),
    });
    expect(checkout.status).not.toBe(413);
  });

  it("four at once to every form route, 200 MB each: all 413, and the storefront's memory barely moves", async () => {
    const baseline = rssOf(server.pid);
    let peak = baseline;
    const sampler = setInterval(() => {
      peak = Math.max(peak, rssOf(server.pid));
    }, 20);
    const results = await Promise.all(
      FORM_ROUTES.flatMap((path) => Array.from({ length: 4 }, () => floodPost(server.port, path, 200 * MB))),
    ).finally(() => clearInterval(sampler));
    peak = Math.max(peak, rssOf(server.pid));
    expect(results.map((result) => result.status)).toEqual(Array(20).fill(413));
    const growthMb = (peak - baseline) / MB;
    process.stdout.write(
      `storefront RSS under 20 x 200 MB bodies: ${(baseline / MB).toFixed(1)} MB before, ${(peak / MB).toFixed(1)} MB at peak (+${growthMb.toFixed(1)} MB); sent ${(results.reduce((sum, result) => sum + result.sentBytes, 0) / MB).toFixed(1)} MB before the answers\n`,
    );
    expect(growthMb).toBeLessThan(50);
    // Still serving.
    const page = await get(server.port, "/", { Host: HOST });
    expect(page.status).toBe(200);
  }, 120_000);
});

describe("Strict-Transport-Security", () => {
  it("is sent when a proxy says the request came over https, on pages, files and refusals", async () => {
    const https = { Host: HOST, "X-Forwarded-Proto": "https" };
    for (const path of ["/", "/healthz", "/robots.txt"]) {
      const reply = await get(server.port, path, https);
      expect(reply.headers["strict-transport-security"]).toBe("max-age=31536000");
    }
    const refused = await request(server.port, {
      method: "POST",
      path: "/cart/add",
      headers: { ...formHeaders, "X-Forwarded-Proto": "https" },
      body: "a".repeat(9000),
    });
    expect(refused.status).toBe(413);
    expect(refused.headers["strict-transport-security"]).toBe("max-age=31536000");
  });

  it("is not sent over plain http", async () => {
    const reply = await get(server.port, "/", { Host: HOST });
    expect(reply.status).toBe(200);
    expect(reply.headers["strict-transport-security"]).toBeUndefined();
  });
});

describe("stopping", () => {
  it("on SIGTERM answers every request in flight in full, then exits 0", async () => {
    // Its own server: this one is stopped.
    const stopping = await startBuiltServer(appDir, "STOREFRONT_PORT", {
      API_URL: stub.url,
      STOREFRONT_ROOT_DOMAIN: "stall.test",
      SHUTDOWN_TIMEOUT_MS: "60000",
      // All 20 must be in flight at once: the shop's lane (decision 014) would shed some with 503.
      STOREFRONT_SHOP_MAX_RENDERS: "20",
      STOREFRONT_SHOP_MAX_QUEUED: "20",
    });
    const replies = await postsInFlight({
      port: stopping.port,
      path: "/cart/add",
      count: 20,
      body: "product=plum-jam&quantity=1",
      headers: formHeaders,
      probePath: "/healthz",
      midFlight: async () => {
        process.kill(stopping.pid, "SIGTERM");
        for (let attempt = 0; attempt < 250 && !stopping.output().includes("Storefront stopping"); attempt++) {
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
      },
    });
    expect(replies.map((reply) => reply.status)).toEqual(Array(20).fill(303));
    for (const reply of replies) expect(reply.headers.connection).toBe("close");
    expect(await stopping.exited).toBe(0);
    expect(stopping.output()).toContain("Storefront stopping (SIGTERM), 20 request(s) in flight");
    expect(stopping.output()).toContain("Storefront stopped");
  }, 60_000);
});
