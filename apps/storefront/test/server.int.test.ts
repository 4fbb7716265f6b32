import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type BuiltServer, get, startBuiltServer } from "./built-server.ts";

const appDir = new URL("../", import.meta.url);
let server: BuiltServer;

beforeAll(async () => {
  server = await startBuiltServer(appDir, "STOREFRONT_PORT");
}, 30_000);

afterAll(async () => {
  await server?.stop();
});

const h1Of = (html: string) => /<h1[^>]*>(.*?)<\/h1>/s.exec(html)?.[1];
const langOf = (html: string) => /<html[^>]*\slang="([^"]*)"/.exec(html)?.[1];

describe("built storefront", () => {
  it("answers /healthz with plain ok", async () => {
    const reply = await get(server.port, "/healthz");
    expect(reply.status).toBe(200);
    expect(reply.headers["content-type"]).toBe("text/plain; charset=utf-8");
    expect(reply.headers["x-content-type-options"]).toBe("nosniff");
    expect(reply.body).toBe("ok");
  });

  it("welcomes a shop named by its subdomain", async () => {
    const reply = await get(server.port, "/", { Host: `demo.localhost:${server.port}` });
    expect(reply.status).toBe(200);
    expect(reply.headers["content-type"]).toBe("text/html; charset=utf-8");
    expect(reply.headers["x-content-type-options"]).toBe("nosniff");
    expect(reply.headers.vary).toContain("Accept-Language");
    expect(langOf(reply.body)).toBe("en");
    expect(h1Of(reply.body)).toBe("Welcome to demo");
    expect(reply.body).toContain("<main>");
    expect(reply.body).not.toContain("<script");
  });

  it("speaks zh-CN when the browser asks for Chinese", async () => {
    const reply = await get(server.port, "/", {
      Host: `tea-house.localhost:${server.port}`,
      "Accept-Language": "zh-CN,zh;q=0.9,en;q=0.8",
    });
    expect(reply.status).toBe(200);
    expect(reply.headers["content-language"]).toBe("zh-CN");
    expect(langOf(reply.body)).toBe("zh-CN");
    expect(h1Of(reply.body)).toBe("欢迎光临 tea-house");
  });

  it.each(["localhost", "127.0.0.1", "a.b.localhost"])("explains shop addresses on %s", async (hostname) => {
    const reply = await get(server.port, "/", { Host: `${hostname}:${server.port}` });
    expect(reply.status).toBe(200);
    expect(reply.headers["x-content-type-options"]).toBe("nosniff");
    expect(langOf(reply.body)).toBe("en");
    expect(h1Of(reply.body)).toBe("Stall shops");
    expect(reply.body).toContain(`http://{slug}.localhost:${server.port}/`);
    expect(reply.body).toContain(`<a href="http://demo.localhost:${server.port}/">`);
  });

  it("sends nosniff on a 404 too", async () => {
    const reply = await get(server.port, "/no-such-page", { Host: `demo.localhost:${server.port}` });
    expect(reply.status).toBe(404);
    expect(reply.headers["x-content-type-options"]).toBe("nosniff");
  });
});

describe("built storefront under another root domain", () => {
  let shop: BuiltServer;

  beforeAll(async () => {
    shop = await startBuiltServer(appDir, "STOREFRONT_PORT", { STOREFRONT_ROOT_DOMAIN: "stall.test" });
  }, 30_000);

  afterAll(async () => {
    await shop?.stop();
  });

  it("reads STOREFRONT_ROOT_DOMAIN at run time", async () => {
    const shopReply = await get(shop.port, "/", { Host: "demo.stall.test" });
    expect(h1Of(shopReply.body)).toBe("Welcome to demo");
    const localReply = await get(shop.port, "/", { Host: `demo.localhost:${shop.port}` });
    expect(h1Of(localReply.body)).toBe("Stall shops");
    expect(localReply.body).toContain(`<a href="http://demo.stall.test:${shop.port}/">`);
  });
});
