// The orders pages on the built dashboard against the real API, without JavaScript: the list with its
// filters, badge and pages, one order (contact links, chat message, timeline), the one-tap steps and
// their undo, cancelling after a confirmation (stock back), money back in part after a confirmation,
// the packing slip, tenant isolation and a helper's rights.
import { createApiClient } from "@stall/api-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Browser, type Stack, startStack } from "./stack.ts";

let stack: Stack;
beforeAll(async () => {
  // Every buyer here comes from one address; the per-address checkout limit is tested in the API's own suite.
  stack = await startStack({ apiEnv: { CHECKOUT_LIMIT_PER_IP: "1000000", CHECKOUT_LIMIT_PER_SHOP: "1000000" } });
}, 60_000);
afterAll(async () => {
  await stack?.stop();
});

let counter = 0;
const password = "noodles every saturday";

/** A new owner with an open shop: noodles (30 in stock), one pickup place, pay when collecting. */
async function openShop(lang?: string) {
  const browser = new Browser(stack.dashboardUrl, lang ? { acceptLanguage: lang } : {});
  const email = `owner-orders-${++counter}@example.test`;
  expect((await browser.post("/sign-up", { name: "Mei", email, password })).status).toBe(303);
  const created = await browser.post("/new-shop", { name: "Mei's Noodles", slug: "", currency: "CNY" });
  const shopId = /\/shops\/([^/]+)\//.exec(created.location ?? "")?.[1] ?? "";
  const api = createApiClient({ baseUrl: stack.apiUrl, token: browser.cookies.get("stall_session") ?? "" });
  const path = { shopId };
  const product = await api.POST("/v1/shops/{shopId}/products", {
    params: { path },
    body: { title: "Hand-pulled noodles", status: "active", variants: [{ price: 1250, stock: 30 }] } as never,
  });
  const place = await api.POST("/v1/shops/{shopId}/pickup-points", {
    params: { path },
    body: { name: "Stall 12", address: "Saturday market" } as never,
  });
  await api.PATCH("/v1/shops/{shopId}", { params: { path }, body: { paymentMethods: ["pay_at_pickup"] } as never });
  await api.POST("/v1/shops/{shopId}/publish", { params: { path } });
  const shop = (await api.GET("/v1/shops/{shopId}", { params: { path } })).data;
  const variantId = (product.data as { variants: { id: string }[] }).variants[0]?.id ?? "";
  const host = new URL(shop?.url ?? "").hostname;
  const stock = async () =>
    (await api.GET("/v1/shops/{shopId}/products", { params: { path } })).data?.items[0]?.variants[0]?.stock;
  const order = async (quantity = 1, buyer: Record<string, string> = {}) => {
    const n = ++counter;
    const placed = await createApiClient({ baseUrl: stack.apiUrl }).POST("/v1/storefront/{host}/checkouts", {
      params: { path: { host }, header: { "idempotency-key": `dashboard-orders-${n}` } },
      body: {
        lines: [{ variantId, quantity }],
        buyer: { name: "Ana", email: "ana@example.test", phone: "+86 138 0000 0000", ...buyer },
        fulfilment: { type: "pickup", pickupPointId: (place.data as { id: string }).id },
        paymentMethod: "pay_at_pickup",
      },
    });
    expect(placed.error).toBeUndefined();
    return placed.data?.order as { id: string; number: number };
  };
  return { browser, email, shopId, api, order, stock, base: `/shops/${shopId}/orders` };
}

describe("the orders list", () => {
  it("shows what needs the owner first, then the rest newest first, filters with counts, pages, and a badge on every shop page", async () => {
    const owner = await openShop();
    const empty = await owner.browser.get(owner.base);
    expect(empty.body).toContain("No orders yet.");
    const placed = [];
    for (let index = 0; index < 23; index++) placed.push(await owner.order());
    const done = placed.slice(0, 22);
    for (const order of done) {
      await owner.api.POST("/v1/shops/{shopId}/orders/{orderId}/{action}", {
        params: { path: { shopId: owner.shopId, orderId: order.id, action: "cancel" } },
      });
    }
    const newest = placed[22] as { id: string; number: number };
    const list = await owner.browser.get(owner.base);
    expect(list.status).toBe(200);
    expect(list.body).toContain(`href="${owner.base}" aria-current="page">Needs you (1)`);
    expect(list.body).toContain(`href="${owner.base}?show=cancelled">Cancelled (22)`);
    expect(list.body).toContain(`href="${owner.base}?show=all">All (23)`);
    const needsYou = list.body.slice(list.body.indexOf("<h2>Needs you"), list.body.indexOf("<h2>Other orders"));
    expect(needsYou).toContain(`href="${owner.base}/${newest.id}"`);
    // The badge, on the list and on the shop's home page.
    expect(list.body).toMatch(
      /<span class="badge"><span aria-hidden="true">1<\/span><span class="visually-hidden">\(1 need you\)/,
    );
    const home = await owner.browser.get(`/shops/${owner.shopId}`);
    expect(home.body).toContain('<span class="visually-hidden">(1 need you)</span>');
    // Others, 20 a page, newest first; the next page by the API's cursor.
    const other = list.body.slice(list.body.indexOf("<h2>Other orders"));
    const numbersOf = (html: string) => [...html.matchAll(/Order (\d+) ·/g)].map((match) => Number(match[1]));
    expect(numbersOf(other)).toEqual(
      done
        .slice(2)
        .map((order) => order.number)
        .reverse(),
    );
    const more = /href="([^"]+after=[^"]+)">More orders/.exec(other)?.[1]?.replaceAll("&amp;", "&") ?? "";
    const second = await owner.browser.get(more);
    expect(numbersOf(second.body)).toEqual([done[1]?.number, done[0]?.number]);
    expect(second.body).not.toContain("More orders");
    expect(second.body).toContain("Back to the newest");
    // A filter shows only its orders.
    const toPay = await owner.browser.get(`${owner.base}?show=to_pay`);
    expect(numbersOf(toPay.body)).toEqual([newest.number]);
    const handOver = await owner.browser.get(`${owner.base}?show=to_hand_over`);
    expect(handOver.body).toContain("No orders here.");
  });

  it("the badge costs no extra wait: one grouped count, asked for alongside the shop", async () => {
    const owner = await openShop();
    await owner.order();
    const counts = await owner.api.GET("/v1/shops/{shopId}/orders/counts", {
      params: { path: { shopId: owner.shopId } },
    });
    expect(counts.data).toEqual({
      needsAction: 1,
      stages: { to_pay: 1, to_hand_over: 0, done: 0, cancelled: 0 },
      all: 1,
    });
  });
});

describe("one order", () => {
  it("shows the buyer as links, a message for chat, totals, the pickup place and a timeline in UTC", async () => {
    const owner = await openShop();
    const order = await owner.order(2, { name: "Ana <Li>" });
    const page = await owner.browser.get(`${owner.base}/${order.id}`);
    expect(page.status).toBe(200);
    expect(page.body).toContain('href="tel:+86 138 0000 0000"');
    expect(page.body).toContain('href="mailto:ana@example.test"');
    expect(page.body).toContain("Ana &lt;Li&gt;");
    expect(page.body).toMatch(
      /<textarea id="chat-text"[^>]*readonly[^>]*>Mei&#39;s Noodles: order \d+\n2 × Hand-pulled noodles: CN¥25\.00\nTotal: CN¥25\.00\nCollect at: Stall 12, Saturday market<\/textarea>/,
    );
    expect(page.body).toContain('id="copy-chat" hidden');
    expect(page.body).toContain("<dt>Collects at</dt><dd>Stall 12, Saturday market</dd>");
    expect(page.body).toContain("Times are UTC.");
    expect(page.body).toContain("Order placed (by the buyer)");
    expect(page.body).toContain(`href="${owner.base}/${order.id}/slip"`);
    expect(page.body).toContain(`href="${owner.base}/${order.id}/cancel"`);
    expect(page.body).not.toContain(`href="${owner.base}/${order.id}/refund"`);
  });

  it("takes a step with one tap, offers undo right after, and the undo puts it back without telling the buyer", async () => {
    const owner = await openShop();
    const order = await owner.order();
    const path = `${owner.base}/${order.id}`;
    const paid = await owner.browser.post(path, { action: "mark_paid" });
    expect(paid.location).toBe(`${path}?done=1`);
    const after = await owner.browser.get(paid.location ?? "");
    expect(after.body).toContain("Done. The buyer gets an email.");
    expect(after.body).toContain('value="undo"');
    const step = /name="step" value="([^"]+)"/.exec(after.body)?.[1] ?? "";
    expect(after.body).toContain(">Ready to collect<");
    expect(after.body).toContain(`href="${path}/refund"`);
    // Later visits (no "done") show no undo.
    expect((await owner.browser.get(path)).body).not.toContain('value="undo"');
    const undone = await owner.browser.post(path, { action: "undo", step });
    expect(undone.location).toBe(`${path}?done=undone`);
    const back = await owner.browser.get(undone.location ?? "");
    expect(back.body).toContain("Undone. The buyer was not told.");
    expect(back.body).toContain('<span class="tag">Not paid yet</span>');
    expect(back.body).toContain("Step undone: back to “Not paid yet” (by the shop)");
    // The same undo again: refused plainly, nothing changes.
    const again = await owner.browser.post(path, { action: "undo", step });
    expect(again.status).toBe(200);
    expect(again.body).toContain("This step is not possible any more");
    expect(again.body).toContain('<span class="tag">Not paid yet</span>');
  });

  it("cancels only after a confirmation page that says what happens, and the stock comes back", async () => {
    const owner = await openShop();
    const order = await owner.order(3);
    expect(await owner.stock()).toBe(27);
    const confirm = await owner.browser.get(`${owner.base}/${order.id}/cancel`);
    expect(confirm.status).toBe(200);
    expect(confirm.body).toContain(`Cancel order ${order.number}?`);
    expect(confirm.body).toContain("What they ordered goes back on sale.");
    expect(confirm.body).toContain("The buyer gets an email saying it is cancelled.");
    expect(confirm.body).toContain(`href="${owner.base}/${order.id}">No, keep the order`);
    expect(await owner.stock()).toBe(27);
    const cancelled = await owner.browser.post(`${owner.base}/${order.id}/cancel`, {});
    expect(cancelled.location).toBe(`${owner.base}/${order.id}?done=cancelled`);
    expect(await owner.stock()).toBe(30);
    const page = await owner.browser.get(cancelled.location ?? "");
    expect(page.body).toContain("The order is cancelled.");
    expect(page.body).toContain('<span class="tag">Cancelled</span>');
    // Cancelling twice (a second phone) changes nothing more.
    await owner.browser.post(`${owner.base}/${order.id}/cancel`, {});
    expect(await owner.stock()).toBe(30);
  });

  it("gives part of the money back after naming the amount, refuses too much, then the rest", async () => {
    const owner = await openShop();
    const order = await owner.order(2);
    const path = `${owner.base}/${order.id}`;
    await owner.browser.post(path, { action: "mark_paid" });
    const form = await owner.browser.get(`${path}/refund`);
    expect(form.body).toContain('value="25.00"');
    expect(form.body).toContain("Up to CN¥25.00.");
    const tooMuch = await owner.browser.post(`${path}/refund`, { amount: "30" });
    expect(tooMuch.status).toBe(422);
    expect(tooMuch.body).toContain("<title>Error: Give money back – Stall</title>");
    expect(tooMuch.body).toContain('<a href="#amount">Give back at most CN¥25.00</a>');
    expect((await owner.browser.post(`${path}/refund`, { amount: "abc" })).body).toContain(
      "Enter an amount like 12.50",
    );
    const check = await owner.browser.post(`${path}/refund`, { amount: "10" });
    expect(check.status).toBe(200);
    expect(check.body).toContain("<h1>Give CN¥10.00 back?</h1>");
    expect(check.body).toContain("Give the money to the buyer yourself");
    expect(
      (
        await owner.api.GET("/v1/shops/{shopId}/orders/{orderId}", {
          params: { path: { shopId: owner.shopId, orderId: order.id } },
        })
      ).data?.totals.refunded,
    ).toBe(0);
    const done = await owner.browser.post(`${path}/refund`, { amount: "10.00", confirm: "yes" });
    expect(done.location).toBe(`${path}?refunded=1000`);
    const page = await owner.browser.get(done.location ?? "");
    expect(page.body).toContain("CN¥10.00 given back. The buyer gets an email.");
    expect(page.body).toContain('<span class="tag">Paid</span>');
    const rest = await owner.browser.post(`${path}/refund`, { amount: "15", confirm: "yes" });
    expect(rest.location).toBe(`${path}?refunded=1500`);
    expect((await owner.browser.get(path)).body).toContain('<span class="tag">Money given back</span>');
    expect(await owner.stock()).toBe(30);
  });

  it("prints a packing slip with the shop, the order, the buyer, the items and the place", async () => {
    const owner = await openShop();
    const order = await owner.order(2);
    const slip = await owner.browser.get(`${owner.base}/${order.id}/slip`);
    expect(slip.status).toBe(200);
    expect(slip.body).toContain(`<h1>Order ${order.number}</h1>`);
    expect(slip.body).toContain("Mei&#39;s Noodles");
    expect(slip.body).toMatch(/<td>2<\/td>\s*<td>Hand-pulled noodles<\/td>/);
    expect(slip.body).toContain("Stall 12, Saturday market");
    expect(slip.body).toContain("@media print");
  });

  it("speaks Chinese", async () => {
    const owner = await openShop("zh-CN");
    const order = await owner.order();
    const page = await owner.browser.get(`${owner.base}/${order.id}`);
    expect(page.body).toContain("标记为已付款");
    expect(page.body).toContain("订单记录");
    expect((await owner.browser.get(`${owner.base}/${order.id}/cancel`)).body).toContain("是的，取消订单");
    expect((await owner.browser.get(owner.base)).body).toContain("待处理 (1)");
  });
});

describe("tenant isolation and rights", () => {
  it("another shop's owner gets 404 for every order page, and sees nothing of it", async () => {
    const a = await openShop();
    const b = await openShop();
    const order = await a.order();
    for (const suffix of ["", "/cancel", "/refund", "/slip"]) {
      const reply = await b.browser.get(`${a.base}/${order.id}${suffix}`);
      expect(reply.status, suffix).toBe(404);
      const own = await b.browser.get(`${b.base}/${order.id}${suffix}`);
      expect(own.status, suffix).toBe(404);
    }
    expect((await b.browser.post(`${b.base}/${order.id}/cancel`, {})).status).toBe(404);
    expect((await b.browser.post(`${b.base}/${order.id}`, { action: "mark_paid" })).status).toBe(404);
    expect((await b.browser.post(`${b.base}/${order.id}/refund`, { amount: "1", confirm: "yes" })).status).toBe(404);
    expect((await b.browser.get(a.base)).status).toBe(404);
    const list = await b.browser.get(b.base);
    expect(list.body).not.toContain(order.id);
    expect(list.body).toContain("No orders yet.");
    expect(await a.stock()).toBe(29);
  });

  it("a helper with the orders right takes steps and undoes them, but cannot open settings; without it, no orders pages", async () => {
    const owner = await openShop();
    const order = await owner.order();
    const join = async (permissions: string[]) => {
      const invite = await owner.api.POST("/v1/shops/{shopId}/invites", {
        params: { path: { shopId: owner.shopId } },
        body: { role: "helper", permissions } as never,
      });
      const helper = new Browser(stack.dashboardUrl);
      await helper.post("/sign-up", { name: "Grandson", email: `helper-orders-${++counter}@example.test`, password });
      const token = (invite.data as { token: string }).token;
      expect((await helper.post("/invites/accept", { token })).status).toBe(303);
      return helper;
    };
    const helper = await join(["orders"]);
    const path = `${owner.base}/${order.id}`;
    expect((await helper.post(path, { action: "mark_paid" })).location).toBe(`${path}?done=1`);
    const step = /name="step" value="([^"]+)"/.exec((await helper.get(`${path}?done=1`)).body)?.[1] ?? "";
    expect((await helper.post(path, { action: "undo", step })).location).toBe(`${path}?done=undone`);
    expect((await helper.get(`/shops/${owner.shopId}`)).body).toContain("(1 need you)");
    expect((await helper.get(`/shops/${owner.shopId}/settings`)).status).toBe(403);
    const catalogueOnly = await join(["catalogue"]);
    for (const suffix of ["", "/cancel", "/refund", "/slip"]) {
      const reply = await catalogueOnly.get(`${path}${suffix}`);
      expect(reply.status, suffix).toBe(403);
      expect(reply.body).toContain("Your helper access does not include orders.");
    }
    expect((await catalogueOnly.post(`${path}/cancel`, {})).status).toBe(403);
    expect((await catalogueOnly.get(`/shops/${owner.shopId}`)).body).not.toContain("need you");
    expect(await owner.stock()).toBe(29);
  });
});
