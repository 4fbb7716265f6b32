// Holiday mode on the built storefront against the real API: the owner's message on every page, the
// checkout saying plainly that no order can be placed (without JavaScript too), and nothing added to a cart.
import { type BuiltServer, freePort, get, type Reply, request, startBuiltServer } from "@stall/http-edge/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decode, h1Of } from "./html.ts";
import { type OwnerSession, type RealApi, signUp, startRealApi } from "./real-api.ts";

const appDir = new URL("../", import.meta.url);
let api: RealApi;
let server: BuiltServer;
let owner: OwnerSession;
let shopId: string;
let host: string;

beforeAll(async () => {
  const port = await freePort();
  api = await startRealApi({ storefrontPort: port, seedDemo: false });
  server = await startBuiltServer(
    appDir,
    "STOREFRONT_PORT",
    { API_URL: api.url, PUBLIC_API_URL: api.publicUrl, STOREFRONT_ROOT_DOMAIN: "localhost" },
    { port },
  );
  owner = await signUp(api.url, "noodles@holiday.test");
  const shop = await owner.call<{ id: string }>("POST", "/v1/shops", {
    name: "Wang's Noodles",
    slug: "wang-noodles",
    currency: "CNY",
    locale: "zh-CN",
  });
  shopId = shop.id;
  await owner.call("PATCH", `/v1/shops/${shopId}`, { extraLocales: ["en"] });
  await owner.call("POST", `/v1/shops/${shopId}/products`, {
    title: "Hand-pulled noodles",
    slug: "noodles",
    status: "active",
    variants: [{ price: 1800, stock: 10 }],
  });
  await owner.call("POST", `/v1/shops/${shopId}/pickup-points`, { name: "Market", address: "East gate" });
  await owner.call("POST", `/v1/shops/${shopId}/publish`);
  await owner.call("PATCH", `/v1/shops/${shopId}`, { isPaused: true, pauseMessage: "1月12日回来" });
  host = `wang-noodles.localhost:${port}`;
}, 120_000);

afterAll(async () => {
  await server?.stop();
  await api?.stop();
});

const page = (path: string) => get(server.port, path, { Host: host });
const textOf = (html: string) => decode(html.replace(/<[^>]*>/g, " ").replace(/\s+/g, " "));
const bannerOf = (html: string) => textOf(/<p class="paused-banner"[^>]*>([\s\S]*?)<\/p>/.exec(html)?.[1] ?? "").trim();

function post(path: string, form: Record<string, string>, cookie?: string) {
  return request(server.port, {
    method: "POST",
    path,
    headers: {
      Host: host,
      Origin: `http://${host}`,
      "Content-Type": "application/x-www-form-urlencoded",
      ...(cookie ? { Cookie: cookie } : {}),
    },
    body: new URLSearchParams(form).toString(),
  });
}

async function pollPage(path: string, check: (reply: Reply) => boolean) {
  for (let attempt = 0; attempt < 200; attempt += 1) {
    const reply = await page(path);
    if (check(reply)) return reply;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`${path} never passed the check`);
}

describe("a paused shop", () => {
  it("shows the owner's message on every page, in the shop's language and in English", async () => {
    for (const path of ["/", "/products/noodles", "/cart", "/checkout"]) {
      const reply = await page(path);
      expect(reply.status, path).toBe(200);
      expect(bannerOf(reply.body), path).toBe("本店暂停接单。 1月12日回来");
    }
    const english = await page("/?lang=en");
    expect(english.status).toBe(200);
    expect(bannerOf(english.body)).toBe("Not taking orders just now. 1月12日回来");
  });

  it("the checkout says plainly that no order can be placed, and a posted form places nothing", async () => {
    const checkout = await page("/checkout");
    expect(h1Of(checkout.body)).toBe("结账");
    expect(textOf(checkout.body)).toContain("店铺暂停接单期间无法下单。您的购物车会保留到店铺重新开张。");
    expect(checkout.body).not.toContain('name="idempotencyKey"');

    const posted = await post("/checkout", { intent: "place", name: "Ana", email: "ana@example.test" });
    expect(posted.status).toBe(409);
    expect(textOf(posted.bytes.toString("utf8"))).toContain("店铺暂停接单期间无法下单");
    const orders = await owner.call<{ items: unknown[] }>("GET", `/v1/shops/${shopId}/orders`);
    expect(orders.items).toEqual([]);
  });

  it("adding to the cart puts nothing in and says why", async () => {
    const added = await post("/cart/add", { product: "noodles", quantity: "1" });
    expect(added.status).toBe(303);
    expect(added.headers.location).toBe("/products/noodles?notice=paused");
    const product = await page("/products/noodles?notice=paused");
    expect(textOf(product.body)).toContain("本店暂停接单，没有加入购物车。");
  });

  it("opening again takes the message away and the checkout button comes back", async () => {
    await owner.call("PATCH", `/v1/shops/${shopId}`, { isPaused: false });
    const home = await pollPage("/", (reply) => !reply.body.includes("data-paused"));
    expect(home.status).toBe(200);
    const added = await post("/cart/add", { product: "noodles", quantity: "1" });
    expect(added.headers.location).toBe("/cart?notice=added");
  });
});
