// The built storefront against a stub snapshot API: hosts without a shop, suspended and closed shops,
// the API going away, and how often the API is asked.

import { type BuiltServer, get, startBuiltServer } from "@stall/http-edge/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { h1Of, langOf } from "./html.ts";
import { type StubApi, snapshotFixture, startStubApi } from "./stub-api.ts";

const appDir = new URL("../", import.meta.url);
let stub: StubApi;
let server: BuiltServer;

beforeAll(async () => {
  stub = await startStubApi();
  stub.shops.set("open.stall.test", snapshotFixture({ slug: "open", name: "Open Pantry" }));
  stub.shops.set("paused.stall.test", snapshotFixture({ slug: "paused", name: "Paused Pottery", status: "suspended" }));
  stub.shops.set("gone.stall.test", snapshotFixture({ slug: "gone", name: "Gone Bakery", status: "closed" }));
  stub.shops.set("burst.stall.test", snapshotFixture({ slug: "burst", name: "Busy Shop" }));
  stub.shops.set("steady.stall.test", snapshotFixture({ slug: "steady", name: "Steady Shop" }));
  server = await startBuiltServer(appDir, "STOREFRONT_PORT", {
    API_URL: stub.url,
    STOREFRONT_ROOT_DOMAIN: "stall.test",
  });
}, 30_000);

afterAll(async () => {
  await server?.stop();
  await stub?.stop();
});

describe("hosts without a shop", () => {
  it("answers /healthz with plain ok", async () => {
    const reply = await get(server.port, "/healthz");
    expect(reply.status).toBe(200);
    expect(reply.headers["x-content-type-options"]).toBe("nosniff");
    expect(reply.body).toBe("ok");
  });

  it.each(["nobody.stall.test", "localhost", "127.0.0.1"])(
    "explains shop addresses on %s, with status 404",
    async (host) => {
      const reply = await get(server.port, "/", { Host: `${host}:${server.port}` });
      expect(reply.status).toBe(404);
      expect(reply.headers["content-type"]).toBe("text/html; charset=utf-8");
      expect(reply.headers["x-content-type-options"]).toBe("nosniff");
      expect(reply.headers["cache-control"]).toBe("public, max-age=0, s-maxage=10");
      expect(reply.headers.vary).toContain("Accept-Language");
      expect(langOf(reply.body)).toBe("en");
      expect(h1Of(reply.body)).toBe("No shop lives at this address");
      // STOREFRONT_ROOT_DOMAIN is read when the server runs, not baked in at build.
      expect(reply.body).toContain(`http://your-shop.stall.test:${server.port}`);
      expect(reply.body).toContain("<main");
    },
  );

  it("speaks Chinese to a browser that asks for it", async () => {
    const reply = await get(server.port, "/products/anything", {
      Host: "nobody.stall.test",
      "Accept-Language": "zh-CN,zh;q=0.9",
    });
    expect(reply.status).toBe(404);
    expect(langOf(reply.body)).toBe("zh-CN");
    expect(h1Of(reply.body)).toBe("这个网址上没有店铺");
  });

  it("refuses a host header that is not a host name without asking the API", async () => {
    const before = stub.requests.length;
    const reply = await get(server.port, "/", { Host: "evil.example/../x" });
    // Refused at the edge (server.mjs), before any page: see test/edge.int.test.ts.
    expect(reply.status).toBe(400);
    expect(stub.requests.length).toBe(before);
  });
});

describe("shops that are not open", () => {
  it("shows a suspended shop as closed for now: 503 with Retry-After", async () => {
    const reply = await get(server.port, "/products/plum-jam", { Host: "paused.stall.test" });
    expect(reply.status).toBe(503);
    expect(reply.headers["retry-after"]).toBe("3600");
    expect(reply.headers["cache-control"]).toBe("private, no-store");
    expect(h1Of(reply.body)).toBe("Paused Pottery is closed for now");
    expect(reply.body).not.toContain("Plum Jam");
  });

  it("shows a closed shop as gone: 410", async () => {
    const reply = await get(server.port, "/", { Host: "gone.stall.test" });
    expect(reply.status).toBe(410);
    expect(h1Of(reply.body)).toBe("Gone Bakery has closed");
  });
});

describe("talking to the API", () => {
  it("asks the API once for a burst of requests to one shop", async () => {
    const replies = await Promise.all(
      Array.from({ length: 20 }, () => get(server.port, "/", { Host: "burst.stall.test" })),
    );
    expect(replies.map((reply) => reply.status)).toEqual(replies.map(() => 200));
    expect(stub.requests.filter((line) => line.includes("/burst.stall.test/"))).toHaveLength(1);
  });

  it("answers a busy shop's pages while the API has not yet answered the check they started", async () => {
    const page = () => get(server.port, "/products/plum-jam", { Host: "steady.stall.test" });
    expect((await page()).status).toBe(200);
    const abandonedBefore = stub.abandoned();
    const release = stub.hold();
    try {
      // Past the one-second revalidation interval a page starts the check; that page and the ones after
      // it are answered from the held snapshot while the API keeps the check waiting. A page that waited
      // for the check would come back only once the storefront gave up on it (its 3 s timeout).
      const asked = stub.requests.length;
      const replies = [];
      while (stub.requests.length === asked || replies.length < 5) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        const reply = await page();
        if (stub.requests.length > asked) replies.push(reply);
      }
      expect(stub.abandoned()).toBe(abandonedBefore);
      expect(stub.requests.length).toBe(asked + 1);
      expect(replies.map((reply) => [reply.status, h1Of(reply.body)])).toEqual(
        Array(replies.length).fill([200, "Plum Jam"]),
      );
    } finally {
      release();
    }
  });

  it("keeps serving the last snapshot while the API is down, and says so for unknown shops", async () => {
    const first = await get(server.port, "/products/plum-jam", { Host: "steady.stall.test" });
    expect(first.status).toBe(200);
    stub.setDown(true);
    try {
      // Past the one-second revalidation interval, the storefront asks again, fails, and serves what it has.
      const asked = stub.requests.length;
      let reply = first;
      while (stub.requests.length === asked) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        reply = await get(server.port, "/products/plum-jam", { Host: "steady.stall.test" });
      }
      expect(reply.status).toBe(200);
      expect(h1Of(reply.body)).toBe("Plum Jam");
      const unknown = await get(server.port, "/", { Host: "never-seen.stall.test" });
      expect(unknown.status).toBe(503);
      expect(unknown.headers["retry-after"]).toBe("60");
      expect(h1Of(unknown.body)).toBe("This shop can't be reached right now");
    } finally {
      stub.setDown(false);
    }
  });
});
