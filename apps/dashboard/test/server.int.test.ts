import { type BuiltServer, get, startBuiltServer } from "@stall/http-edge/testing";
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

  it("shows the placeholder with a link to the API docs", async () => {
    const reply = await get(server.port, "/", { Host: `localhost:${server.port}` });
    expect(reply.status).toBe(200);
    expect(reply.headers["content-type"]).toBe("text/html; charset=utf-8");
    expect(reply.headers["x-content-type-options"]).toBe("nosniff");
    expect(reply.headers.vary).toContain("Accept-Language");
    expect(langOf(reply.body)).toBe("en");
    expect(h1Of(reply.body)).toBe("Stall dashboard");
    expect(reply.body).toContain(`<a href="${apiUrl}/docs">`);
    expect(reply.body).toContain("<main>");
    expect(reply.body).not.toContain("<script");
  });

  it("speaks zh-CN when the browser asks for Chinese", async () => {
    const reply = await get(server.port, "/", { "Accept-Language": "zh-CN,zh;q=0.9,en;q=0.8" });
    expect(reply.status).toBe(200);
    expect(reply.headers["content-language"]).toBe("zh-CN");
    expect(langOf(reply.body)).toBe("zh-CN");
    expect(h1Of(reply.body)).toBe("Stall 店铺管理");
  });

  it("sends nosniff on a 404 too", async () => {
    const reply = await get(server.port, "/no-such-page");
    expect(reply.status).toBe(404);
    expect(reply.headers["x-content-type-options"]).toBe("nosniff");
  });
});
