// Load shedding in the built storefront (decision 014): each shop's lane for renders that miss the
// cache, the "busy, try again in N seconds" page buyers get instead of an error, and the buyer's IP
// reaching the API's per-IP limits.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { type BuiltServer, freePort, get, type Reply, request, startBuiltServer } from "@stall/http-edge/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Snapshot } from "../src/lib/snapshot.ts";
import { type RealApi, signUp, startRealApi } from "./real-api.ts";
import { snapshotFixture } from "./stub-api.ts";

const appDir = new URL("../", import.meta.url);

/** Any request to the storefront over IPv4 or IPv6 loopback, so a test can be two different buyers. */
async function send(port: number, options: Parameters<typeof request>[1]): Promise<Reply> {
  const reply = await request(port, options);
  return { status: reply.status, headers: reply.headers, body: reply.bytes.toString("utf8") };
}

/**
 * An API that serves two shops' snapshots and holds every cart read until the test lets it go (then
 * answers "no such cart"), so a cart page's render stays in flight as long as the test wants.
 */
async function startHoldingApi(shops: Map<string, Snapshot>) {
  let isHolding = false;
  const held: (() => void)[] = [];
  const arrivals: (() => void)[] = [];
  const server = http.createServer((request, response) => {
    const url = request.url ?? "";
    const host = decodeURIComponent(/^\/v1\/storefront\/([^/]+)\//.exec(url)?.[1] ?? "").split(":")[0] ?? "";
    const snapshot = shops.get(host);
    const notFound = () =>
      response.writeHead(404, { "Content-Type": "application/problem+json" }).end('{"status":404,"code":"not_found"}');
    if (snapshot && url.includes("/snapshot")) {
      response.writeHead(200, { "Content-Type": "application/json", ETag: `"${snapshot.shop.id}.v1"` });
      response.end(JSON.stringify(snapshot));
      return;
    }
    if (snapshot && url.includes("/carts/") && isHolding) {
      held.push(notFound);
      for (const arrived of arrivals.splice(0)) arrived();
      return;
    }
    notFound();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    hold: () => {
      isHolding = true;
    },
    async waitForHeld(count: number) {
      while (held.length < count) await new Promise<void>((resolve) => arrivals.push(resolve));
    },
    release: () => {
      isHolding = false;
      for (const answer of held.splice(0)) answer();
    },
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe("each shop's lane for renders that miss the cache", () => {
  let api: Awaited<ReturnType<typeof startHoldingApi>>;
  let server: BuiltServer;
  const flash = "flash.stall.test";
  const quiet = "quiet.stall.test";
  const chinese = "cha.stall.test";

  beforeAll(async () => {
    const zh = snapshotFixture({ slug: "cha", name: "茶铺" });
    api = await startHoldingApi(
      new Map([
        [flash, snapshotFixture({ slug: "flash", name: "Flash Sale Bakery" })],
        [quiet, snapshotFixture({ slug: "quiet", name: "Quiet Potter" })],
        [chinese, { ...zh, shop: { ...zh.shop, locale: "zh-CN" } }],
      ]),
    );
    server = await startBuiltServer(appDir, "STOREFRONT_PORT", {
      API_URL: api.url,
      PUBLIC_API_URL: api.url,
      STOREFRONT_ROOT_DOMAIN: "stall.test",
      STOREFRONT_SHOP_MAX_RENDERS: "1",
      STOREFRONT_SHOP_MAX_QUEUED: "1",
    });
  });
  afterAll(async () => {
    await server?.stop();
    await api?.stop();
  });

  const cartPage = (host: string) => get(server.port, "/cart", { Host: host, Cookie: "stall_cart=crt_held" });

  it("sheds a full shop's next render with a plain busy page, and still renders another shop's pages", async () => {
    // Warm the flash shop's home page: cached pages are served whatever the lane holds.
    expect((await get(server.port, "/", { Host: flash })).status).toBe(200);
    api.hold();
    const inFlight = cartPage(flash);
    await api.waitForHeld(1);
    const queued = get(server.port, "/products/plum-jam", { Host: flash });

    const shed = await get(server.port, "/products/plum-jam?variant=other", { Host: flash });
    expect(shed.status).toBe(503);
    expect(shed.headers["retry-after"]).toBe("2");
    expect(shed.headers["cache-control"]).toBe("private, no-store");
    expect(shed.headers["content-type"]).toBe("text/html; charset=utf-8");
    expect(shed.body).toContain("<h1>Busy right now</h1>");
    expect(shed.body).toContain("Lots of people are shopping here right now. Please try again in 2 seconds.");
    expect(shed.body).toContain("Flash Sale Bakery");
    expect(shed.body).toContain('<meta http-equiv="refresh" content="2">');
    expect(shed.body).toContain('<a href="/products/plum-jam?variant=other">Try again</a>');

    // The island's add-to-cart gets the message as JSON it can show.
    const shedJson = await send(server.port, {
      method: "POST",
      path: "/cart/add",
      headers: {
        Host: flash,
        Origin: `http://${flash}`,
        Accept: "application/json",
        "Content-Type": "application/x-www-form-urlencoded",
      },
      body: "product=anything&quantity=1",
    });
    expect(shedJson.status).toBe(503);
    expect(JSON.parse(shedJson.body)).toEqual({
      ok: false,
      message: "Lots of people are shopping here right now. Please try again in 2 seconds. Nothing was changed.",
      retryAfterSeconds: 2,
      itemCount: null,
    });

    expect((await get(server.port, "/", { Host: flash })).status).toBe(200);
    const other = await get(server.port, "/products/plum-jam", { Host: quiet });
    expect(other.status).toBe(200);
    expect(other.body).toContain("Quiet Potter");

    api.release();
    expect((await inFlight).status).toBe(200);
    expect((await queued).status).toBe(200);
    expect((await get(server.port, "/products/plum-jam?variant=other", { Host: flash })).status).toBe(200);
  });

  it("says it in the shop's language", async () => {
    api.hold();
    const inFlight = cartPage(chinese);
    await api.waitForHeld(1);
    const queued = cartPage(chinese);
    const shed = await get(server.port, "/products/plum-jam", { Host: chinese });
    expect(shed.status).toBe(503);
    expect(shed.headers["content-language"]).toBe("zh-CN");
    expect(shed.body).toContain('<html lang="zh-CN">');
    expect(shed.body).toContain("现在购物的人很多，请 2 秒后再试。");
    expect(shed.body).toContain("再试一次");
    api.release();
    expect((await inFlight).status).toBe(200);
    expect((await queued).status).toBe(200);
  });
});

describe("the API's per-buyer limits, through the storefront", () => {
  let api: RealApi;
  let server: BuiltServer;
  let shopHost: string;
  const secret = "a-storefront-secret-for-tests-0123456789abcdef";

  beforeAll(async () => {
    const port = await freePort();
    // Four cart calls per buyer per minute: each add to cart is two (open the cart, add the line).
    api = await startRealApi({
      storefrontPort: port,
      env: { STOREFRONT_SECRET: secret, CART_LIMIT_PER_IP: "4", RATE_LIMIT_WINDOW_MS: "60000", SEED_DEMO: "false" },
    });
    // A shop of our own rather than the seeded demo: drawing the demo's photos is slow on a busy machine.
    const owner = await signUp(api.url, "ana@jam-stall.test");
    const shop = await owner.call<{ id: string }>("POST", "/v1/shops", {
      name: "Jam Stall",
      slug: "jam-stall",
      currency: "USD",
      locale: "en",
    });
    await owner.call("POST", `/v1/shops/${shop.id}/products`, {
      title: "Plum jam",
      slug: "plum-jam",
      status: "active",
      variants: [{ price: 600, stock: null }],
    });
    await owner.call("PATCH", `/v1/shops/${shop.id}`, { paymentMethods: ["pay_at_pickup"] });
    await owner.call("POST", `/v1/shops/${shop.id}/publish`);
    server = await startBuiltServer(
      appDir,
      "STOREFRONT_PORT",
      {
        API_URL: api.url,
        PUBLIC_API_URL: api.publicUrl,
        STOREFRONT_ROOT_DOMAIN: "localhost",
        STOREFRONT_SECRET: secret,
      },
      { port },
    );
    shopHost = `jam-stall.localhost:${port}`;
  }, 120_000);
  afterAll(async () => {
    await server?.stop();
    await api?.stop();
  });

  const addToCart = (address: "127.0.0.1" | "::1", headers: Record<string, string> = {}) =>
    send(server.port, {
      address,
      method: "POST",
      path: "/cart/add",
      headers: {
        Host: shopHost,
        Origin: `http://${shopHost}`,
        "Content-Type": "application/x-www-form-urlencoded",
        ...headers,
      },
      body: new URLSearchParams({ product: "plum-jam", quantity: "1" }).toString(),
    });

  it("shows a buyer over their limit a busy message with Retry-After, while another buyer is served", async () => {
    const first = await addToCart("127.0.0.1");
    expect(first.status).toBe(303);
    const cookie = (first.headers["set-cookie"] ?? []).map((line) => line.split(";")[0]).join("; ");
    expect((await addToCart("127.0.0.1", { Cookie: cookie })).status).toBe(303);
    const over = await addToCart("127.0.0.1", { Cookie: cookie });
    expect(over.status).toBe(429);
    expect(Number(over.headers["retry-after"])).toBeGreaterThanOrEqual(1);
    expect(Number(over.headers["retry-after"])).toBeLessThanOrEqual(60);
    expect(over.headers["content-type"]).toBe("text/html; charset=utf-8");
    expect(over.body).toContain("<h1>Busy right now</h1>");
    expect(over.body).toMatch(/Please try again in \d+ seconds?\. Nothing was changed\./);
    expect(over.body).toContain('<a href="/cart">Try again</a>');
    expect(over.body).not.toContain("http-equiv");

    const overJson = await addToCart("127.0.0.1", { Accept: "application/json" });
    expect(overJson.status).toBe(429);
    expect(JSON.parse(overJson.body).message).toMatch(/^Lots of people are shopping here right now/);

    // A page that reads the cart says the same, and comes back by itself when the wait is over.
    const cartPage = await send(server.port, { path: "/cart", headers: { Host: shopHost, Cookie: cookie } });
    expect(cartPage.status).toBe(429);
    expect(cartPage.body).toContain("<h1>Busy right now</h1>");
    expect(cartPage.body).toMatch(/<meta http-equiv="refresh" content="\d+">/);

    // The storefront forwards each buyer's own address: another one has its own budget.
    expect((await addToCart("::1")).status).toBe(303);
  });
});
