import { brotliDecompressSync, gunzipSync } from "node:zlib";
import { type BuiltServer, get, request, startBuiltServer } from "@stall/http-edge/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const appDir = new URL("../", import.meta.url);
let server: BuiltServer;

// Read at run time, not baked in at build time: the built app gets it only here.
const apiUrl = "http://api.stall.test:9999";

beforeAll(async () => {
  server = await startBuiltServer(appDir, "DASHBOARD_PORT", { PUBLIC_API_URL: apiUrl });
}, 30_000);

afterAll(async () => {
  await server?.stop();
});

const h1Of = (html: string) => /<h1[^>]*>(.*?)<\/h1>/s.exec(html)?.[1];
const langOf = (html: string) => /<html[^>]*\slang="([^"]*)"/.exec(html)?.[1];

describe("built dashboard", () => {
  it("answers /healthz with plain ok", async () => {
    const reply = await get(server.port, "/healthz");
    expect(reply.status).toBe(200);
    expect(reply.headers["content-type"]).toBe("text/plain; charset=utf-8");
    expect(reply.headers["x-content-type-options"]).toBe("nosniff");
    expect(reply.body).toBe("ok");
  });

  it("sends a signed-out visitor to sign in", async () => {
    const reply = await get(server.port, "/", { Host: `localhost:${server.port}` });
    expect(reply.status).toBe(303);
    expect(reply.headers.location).toBe("/sign-in");
  });

  it("shows the sign-in page with no script file to download, in English by default", async () => {
    const reply = await get(server.port, "/sign-in", { Host: `localhost:${server.port}` });
    expect(reply.status).toBe(200);
    expect(reply.headers["content-type"]).toBe("text/html; charset=utf-8");
    expect(reply.headers["x-content-type-options"]).toBe("nosniff");
    expect(reply.headers["cache-control"]).toBe("no-store");
    expect(reply.headers.vary).toContain("Accept-Language");
    expect(langOf(reply.body)).toBe("en");
    expect(h1Of(reply.body)).toBe("Sign in");
    expect(reply.body).toContain('<label for="email">');
    expect(reply.body).not.toMatch(/<script[^>]+src=/);
  });

  it.each([
    ["br", brotliDecompressSync],
    ["gzip", gunzipSync],
  ] as const)(
    "sends pages compressed with %s when the browser takes it, and plain to one that does not",
    async (encoding, decompress) => {
      const headers = { Host: `localhost:${server.port}` };
      const plain = await request(server.port, { path: "/sign-in", headers });
      expect(plain.headers["content-encoding"]).toBeUndefined();
      const compressed = await request(server.port, {
        path: "/sign-in",
        headers: { ...headers, "Accept-Encoding": encoding },
      });
      expect(compressed.status).toBe(200);
      expect(compressed.headers["content-encoding"]).toBe(encoding);
      expect(compressed.headers.vary).toContain("Accept-Encoding");
      expect(compressed.bytes.byteLength).toBeLessThan(plain.bytes.byteLength / 2);
      expect(h1Of(decompress(compressed.bytes).toString())).toBe("Sign in");
    },
  );

  it("speaks zh-CN when the browser asks for Chinese", async () => {
    const reply = await get(server.port, "/sign-in", { "Accept-Language": "zh-CN,zh;q=0.9,en;q=0.8" });
    expect(reply.status).toBe(200);
    expect(reply.headers["content-language"]).toBe("zh-CN");
    expect(langOf(reply.body)).toBe("zh-CN");
    expect(h1Of(reply.body)).toBe("登录");
  });

  it("remembers a language switch in a cookie, and goes back only to a path on this site", async () => {
    const reply = await get(server.port, "/language?to=zh-CN&next=%2F%2Fevil.test%2F");
    expect(reply.status).toBe(303);
    expect(reply.headers.location).toBe("/");
    expect(String(reply.headers["set-cookie"])).toMatch(/^stall_lang=zh-CN;.*SameSite=Lax/i);
    const chosen = await get(server.port, "/sign-in", { Cookie: "stall_lang=zh-CN", "Accept-Language": "en" });
    expect(langOf(chosen.body)).toBe("zh-CN");
  });

  it("sends nosniff on a 404 too", async () => {
    const reply = await get(server.port, "/no-such-page");
    expect(reply.status).toBe(404);
    expect(reply.headers["x-content-type-options"]).toBe("nosniff");
  });
});
