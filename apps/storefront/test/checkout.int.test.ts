// The built storefront's checkout and order pages against the real API and the seeded demo shop (two
// pickup points, two delivery areas; pay at pickup, cash on delivery, bank transfer), with real form
// posts and cookies, the way a phone without JavaScript uses them.

import { type BuiltServer, freePort, get, request, startBuiltServer } from "@stall/http-edge/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decode, h1Of, langOf } from "./html.ts";
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
    { API_URL: api.url, PUBLIC_API_URL: api.publicUrl, STOREFRONT_ROOT_DOMAIN: "localhost" },
    { port },
  );
  host = `demo.localhost:${port}`;
  owner = await logInDemoOwner(api.url);
  const me = await owner.call<{ memberships: { shopId: string }[] }>("GET", "/v1/me");
  shopId = me.memberships[0]?.shopId ?? "";
  await owner.call("POST", `/v1/shops/${shopId}/discount-codes`, { code: "WELCOME10", kind: "percent", value: 1000 });
}, 120_000);

afterAll(async () => {
  await server?.stop();
  await api?.stop();
});

/** A shopper's browser without JavaScript: a cookie jar, page visits and same-origin form posts. */
function shopper() {
  const jar = new Map<string, string>();
  const cookie = () => [...jar].map(([name, value]) => `${name}=${value}`).join("; ");
  const remember = (setCookies: string[] | undefined) => {
    for (const line of setCookies ?? []) {
      const [pair = ""] = line.split(";");
      const [name = "", value = ""] = pair.split("=");
      if (/max-age=0/i.test(line) || /expires=Thu, 01 Jan 1970/i.test(line)) jar.delete(name);
      else jar.set(name, value);
    }
  };
  return {
    jar,
    async visit(path: string) {
      const reply = await get(server.port, path, { Host: host, ...(jar.size > 0 ? { Cookie: cookie() } : {}) });
      remember(reply.headers["set-cookie"]);
      return reply;
    },
    async post(path: string, form: Record<string, string>, headers: Record<string, string> = {}) {
      const reply = await request(server.port, {
        method: "POST",
        path,
        headers: {
          Host: host,
          Origin: `http://${host}`,
          "Content-Type": "application/x-www-form-urlencoded",
          ...(jar.size > 0 ? { Cookie: cookie() } : {}),
          ...headers,
        },
        body: new URLSearchParams(form).toString(),
      });
      remember(reply.headers["set-cookie"]);
      return { ...reply, body: reply.bytes.toString("utf8") };
    },
  };
}

type Shopper = ReturnType<typeof shopper>;

async function fillCart(buyer: Shopper, items: Record<string, string>[]) {
  for (const item of items) {
    const added = await buyer.post("/cart/add", item);
    expect(added.status).toBe(303);
  }
}

/** The fields of the checkout form a browser would send back as they are (hidden fields, checked radios). */
function formOf(html: string): { idempotencyKey: string; lines: string; fulfilment: string; paymentMethod: string } {
  const value = (name: string) => decode(new RegExp(`name="${name}" value="([^"]*)"`).exec(html)?.[1] ?? "");
  const checked = (name: string) =>
    decode(new RegExp(`<input type="radio" name="${name}" value="([^"]*)"[^>]*checked`).exec(html)?.[1] ?? "");
  return {
    idempotencyKey: value("idempotencyKey"),
    lines: value("lines"),
    fulfilment: checked("fulfilment"),
    paymentMethod: checked("paymentMethod"),
  };
}

const radioValues = (html: string, name: string) =>
  [...html.matchAll(new RegExp(`<input type="radio" name="${name}" value="([^"]*)"`, "g"))].map((m) => m[1]);
const errorOf = (html: string, field: string) =>
  decode(new RegExp(`<p class="field-error" id="error-${field}"[^>]*>([^<]*)</p>`).exec(html)?.[1] ?? "");
const totalOf = (html: string) =>
  decode(/<div class="totals-row total" data-row="total"><dt>[^<]*<\/dt><dd>([^<]*)<\/dd>/.exec(html)?.[1] ?? "");
const textOfPage = (html: string) => decode(html.replace(/<[^>]*>/g, " ").replace(/\s+/g, " "));

const honeyAndSoap = [
  { product: "wildflower-honey", option1: "8 oz", quantity: "2" },
  { product: "goat-milk-soap", option1: "Lavender", quantity: "1" },
];

describe("checking out without JavaScript", () => {
  it("quotes, applies a code, places the order with pay at pickup, and shows the order page", async () => {
    const buyer = shopper();
    await fillCart(buyer, honeyAndSoap);

    const checkout = await buyer.visit("/checkout");
    expect(checkout.status).toBe(200);
    expect(checkout.headers["cache-control"]).toBe("private, no-store");
    expect(checkout.body).toContain('<meta name="robots" content="noindex">');
    expect(h1Of(checkout.body)).toBe("Checkout");
    expect(checkout.body).toContain('<form class="checkout-form" method="post" action="/checkout"');
    // Every way the shop offers, pickup first and chosen; every way to pay it takes; no Stripe.
    const text = textOfPage(checkout.body);
    expect(text).toContain("Saturday market stall");
    expect(text).toContain("Saturday 8:00 AM – 1:00 PM");
    expect(text).toContain("Farm gate");
    expect(text).toContain("Willow Creek village");
    expect(radioValues(checkout.body, "fulfilment").map((value) => value?.split(":")[0])).toEqual([
      "pickup",
      "pickup",
      "delivery",
      "delivery",
    ]);
    expect(radioValues(checkout.body, "paymentMethod")).toEqual(["pay_at_pickup", "cash_on_delivery", "bank_transfer"]);
    const form = formOf(checkout.body);
    expect(form.idempotencyKey).toMatch(/^chk_[\w-]{36}$/);
    expect(form.lines).toMatch(/^var_\w+\*2 var_\w+\*1$/);
    expect(form.fulfilment).toMatch(/^pickup:/);
    expect(form.paymentMethod).toBe("pay_at_pickup");
    // 2 x $9.50 + $7.00, picked up for free.
    expect(totalOf(checkout.body)).toBe("$26.00");

    const details = { ...form, name: "Ann Lee", email: "ann@example.com", phone: "", note: "Thank you!" };
    const applied = await buyer.post("/checkout", { ...details, discountCode: "welcome10", intent: "quote" });
    expect(applied.status).toBe(200);
    expect(applied.headers["cache-control"]).toBe("private, no-store");
    expect(totalOf(applied.body)).toBe("$23.40");
    expect(textOfPage(applied.body)).toContain("Discount (WELCOME10) −$2.60");
    expect(applied.body).toContain('name="name" type="text" value="Ann Lee"');
    expect(formOf(applied.body).idempotencyKey).toBe(form.idempotencyKey);

    const place = { ...details, discountCode: "welcome10", intent: "place" };
    const placed = await buyer.post("/checkout", place);
    expect(placed.status).toBe(303);
    const location = placed.headers.location ?? "";
    expect(location).toMatch(/^\/orders\/ord_\w+\?token=[\w-]+&placed=1$/);
    const setCookies = placed.headers["set-cookie"] ?? [];
    expect(setCookies.find((line) => line.startsWith("stall_cart="))).toMatch(/Expires=Thu, 01 Jan 1970/);
    expect(setCookies.find((line) => line.startsWith("stall_cart_count="))).toMatch(/^stall_cart_count=0;/);
    expect(buyer.jar.has("stall_cart")).toBe(false);

    const order = await buyer.visit(location);
    expect(order.status).toBe(200);
    expect(order.headers["cache-control"]).toBe("private, no-store");
    expect(order.headers["referrer-policy"]).toBe("no-referrer");
    expect(order.headers.etag).toBeUndefined();
    expect(h1Of(order.body)).toMatch(/^Order #\d+$/);
    expect(order.body).toMatch(/<h1 data-order-number="\d+">/);
    expect(order.body).toContain("data-order-placed");
    expect(order.body).toContain('data-order-status="awaiting_payment"');
    const orderText = textOfPage(order.body);
    expect(orderText).toContain("Thank you! Your order is in.");
    expect(orderText).toContain("We've got your order — pay when you pick it up");
    expect(orderText).toContain("Wildflower Honey 8 oz 2 × $9.50 $19.00");
    expect(orderText).toContain("Goat Milk Soap Lavender 1 × $7.00 $7.00");
    expect(totalOf(order.body)).toBe("$23.40");
    expect(orderText).toContain("Pick up at Saturday market stall");
    expect(orderText).toContain("Look for the green awning by the bandstand.");
    expect(orderText).toContain("Pay when you pick up your order.");
    expect(orderText).toContain("Keep the link to this page");
    expect(order.body).toMatch(/<li class="next" aria-current="step">Paid<span class="sr-only">: next<\/span><\/li>/);

    // The cart is empty afterwards.
    const cart = await buyer.visit("/cart");
    expect(cart.body).toContain("Your cart is empty.");

    // The same form again (a refresh that resends it, a second tap) is the same order, not another one.
    const again = await buyer.post("/checkout", place);
    expect(again.status).toBe(303);
    expect(again.headers.location).toBe(location);
    const orders = await owner.call<{ items: { id: string; buyer: { email: string | null } }[] }>(
      "GET",
      `/v1/shops/${shopId}/orders`,
    );
    expect(orders.items.filter((item) => item.buyer.email === "ann@example.com")).toHaveLength(1);
  });

  it("keeps what the buyer typed and puts each refusal next to its field (422)", async () => {
    const buyer = shopper();
    await fillCart(buyer, honeyAndSoap.slice(0, 1));
    const form = formOf((await buyer.visit("/checkout")).body);

    const missing = await buyer.post("/checkout", {
      ...form,
      name: "Ann Lee",
      email: "",
      phone: "",
      note: "Blue gate",
    });
    expect(missing.status).toBe(422);
    expect(missing.headers["cache-control"]).toBe("private, no-store");
    expect(errorOf(missing.body, "email")).toBe("Give an email or a phone number so the shop can reach you");
    expect(missing.body).toMatch(/<input id="field-email" name="email" type="email"[^>]*aria-invalid="true"/);
    expect(missing.body).toContain('name="name" type="text" value="Ann Lee"');
    expect(missing.body).toMatch(/<textarea id="field-note"[^>]*>Blue gate<\/textarea>/);
    // The summary at the top links to the field and takes the focus.
    expect(missing.body).toMatch(/<div class="error-summary" id="error-summary" tabindex="-1" autofocus/);
    expect(missing.body).toContain(
      '<li><a href="#field-email">Give an email or a phone number so the shop can reach you</a></li>',
    );

    const mismatch = await buyer.post("/checkout", {
      ...form,
      name: "Ann Lee",
      phone: "+1 555 123 4567",
      paymentMethod: "cash_on_delivery",
    });
    expect(mismatch.status).toBe(422);
    expect(errorOf(mismatch.body, "paymentMethod")).toBe("Cash on delivery needs local delivery");
    expect(mismatch.body).toMatch(/<input type="radio" name="paymentMethod" value="cash_on_delivery"[^>]*checked/);
    // Nothing was placed: the cart is still there.
    expect(buyer.jar.has("stall_cart")).toBe(true);
  });

  it("sends the buyer back to the cart, naming what sold out, when stock ran out before ordering", async () => {
    const product = await owner.call<{ id: string; variants: { id: string }[] }>(
      "POST",
      `/v1/shops/${shopId}/products`,
      {
        title: "Last Jar of Quince Paste",
        slug: "last-quince-paste",
        status: "active",
        variants: [{ price: 1200, stock: 1 }],
      },
    );
    const buyer = shopper();
    // The snapshot picks up the new product within about a second.
    for (let tries = 0; (await buyer.visit("/products/last-quince-paste")).status !== 200; tries += 1) {
      if (tries > 50) throw new Error("the new product never showed");
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    await fillCart(buyer, [{ product: "last-quince-paste", quantity: "1" }]);
    const form = formOf((await buyer.visit("/checkout")).body);

    // Someone else buys the last one first.
    const other = await fetch(`${api.url}/v1/storefront/${encodeURIComponent(host)}/checkouts`, {
      method: "POST",
      headers: { "Content-Type": "application/json", "Idempotency-Key": "someone-else-0001" },
      body: JSON.stringify({
        lines: [{ variantId: product.variants[0]?.id, quantity: 1 }],
        buyer: { name: "Bo", phone: "+1 555 000 1111" },
        fulfilment: { type: "pickup", pickupPointId: form.fulfilment.split(":")[1] },
        paymentMethod: "pay_at_pickup",
      }),
    });
    expect(other.status).toBe(201);

    const placed = await buyer.post("/checkout", { ...form, name: "Ann", email: "ann@example.com" });
    expect(placed.status).toBe(303);
    expect(placed.headers.location).toBe(`/cart?notice=short&short=${product.variants[0]?.id}*0`);
    const cart = await buyer.visit(placed.headers.location ?? "");
    expect(decode(/role="status">([^<]*)</.exec(cart.body)?.[1] ?? "")).toBe(
      "Sorry, some things sold out while you were choosing, so nothing was ordered: Last Jar of Quince Paste, sold out. Please change your cart and check out again.",
    );
  });

  it("shows the shop's bank details on the order page for a bank transfer", async () => {
    const buyer = shopper();
    await fillCart(buyer, honeyAndSoap.slice(1));
    const form = formOf((await buyer.visit("/checkout")).body);
    const placed = await buyer.post("/checkout", {
      ...form,
      name: "Cy",
      phone: "+1 555 222 3333",
      paymentMethod: "bank_transfer",
    });
    expect(placed.status).toBe(303);
    const order = await buyer.visit(placed.headers.location ?? "");
    const number = /Order (#\d+)/.exec(h1Of(order.body) ?? "")?.[1];
    const text = textOfPage(order.body);
    expect(text).toContain("We've got your order — waiting for your bank transfer");
    expect(text).toContain(`Please pay by bank transfer, with order number ${number} as the reference.`);
    expect(text).toContain(
      "Pay to Fern Hill Farm, account 12-3456-7890123-00, with your order number as the reference.",
    );
  });

  it("speaks Chinese on ?lang=zh-CN, through the post and its errors", async () => {
    const buyer = shopper();
    await fillCart(buyer, honeyAndSoap.slice(0, 1));
    const checkout = await buyer.visit("/checkout?lang=zh-CN");
    expect(langOf(checkout.body)).toBe("zh-CN");
    expect(h1Of(checkout.body)).toBe("结账");
    const text = textOfPage(checkout.body);
    for (const words of [
      "你的联系方式",
      "怎么拿到商品？",
      "怎么付款？",
      "取货时付款",
      "订单明细",
      "提交订单",
      "星期六 8:00 – 13:00",
    ]) {
      expect(text).toContain(words);
    }
    expect(checkout.body).toContain('action="/checkout?lang=zh-CN"');
    const refused = await buyer.post("/checkout?lang=zh-CN", { ...formOf(checkout.body), name: "李安" });
    expect(refused.status).toBe(422);
    expect(errorOf(refused.body, "email")).toBe("请留下邮箱或手机号，方便店家联系你");
    expect(textOfPage(refused.body)).toContain("请检查以下内容");
    const placed = await buyer.post("/checkout?lang=zh-CN", {
      ...formOf(checkout.body),
      name: "李安",
      phone: "13800000000",
    });
    expect(placed.headers.location).toMatch(/^\/orders\/ord_\w+\?token=[\w-]+&placed=1&lang=zh-CN$/);
    const order = await buyer.visit(placed.headers.location ?? "");
    expect(textOfPage(order.body)).toContain("订单已收到，取货时付款");
    expect(h1Of(order.body)).toMatch(/^订单 #\d+$/);
  });
});

describe("the checkout's other ways in", () => {
  it("says an empty cart is empty, with a way back to the shop", async () => {
    const reply = await shopper().visit("/checkout");
    expect(reply.status).toBe(200);
    expect(textOfPage(reply.body)).toContain("Your cart is empty, so there is nothing to check out yet.");
    expect(reply.body).toContain('<a class="button" href="/">');
    expect(reply.body).not.toContain("data-checkout-form");
  });

  it("says a payment was not completed when Stripe sends the buyer back", async () => {
    const buyer = shopper();
    await fillCart(buyer, honeyAndSoap.slice(0, 1));
    // With a token the storefront also asks the API to cancel the unpaid order; a wrong one changes nothing.
    const reply = await buyer.visit("/checkout?cancelled=ord_01abc&token=not-the-token");
    expect(reply.status).toBe(200);
    expect(decode(/<p class="notice" role="status">([^<]*)</.exec(reply.body)?.[1] ?? "")).toBe(
      "Payment was not completed; your items are still in your cart.",
    );
    expect(reply.body).toContain("data-checkout-form");
  });

  it("answers the island with the totals as JSON", async () => {
    const buyer = shopper();
    await fillCart(buyer, honeyAndSoap);
    const checkout = await buyer.visit("/checkout");
    const form = formOf(checkout.body);
    const delivery = radioValues(checkout.body, "fulfilment")[2] ?? "";
    const reply = await buyer.post(
      "/checkout/quote",
      { ...form, fulfilment: delivery, discountCode: "NOPE" },
      { Accept: "application/json", "Sec-Fetch-Site": "same-origin" },
    );
    expect(reply.status).toBe(200);
    expect(reply.headers["content-type"]).toBe("application/json; charset=utf-8");
    expect(reply.headers["cache-control"]).toBe("private, no-store");
    const body = JSON.parse(reply.body);
    expect(body.rows).toEqual([
      { key: "subtotal", label: "Subtotal", value: "$26.00" },
      { key: "fulfilment", label: "Delivery", value: "$3.00" },
      { key: "total", label: "Total", value: "$29.00" },
    ]);
    expect(body.errors).toEqual({ discountCode: "The code NOPE does not work in this shop", fulfilment: "" });
    expect(body.message).toBe("The code NOPE does not work in this shop");
  });

  it("refuses a checkout posted from another site", async () => {
    const buyer = shopper();
    const reply = await buyer.post("/checkout", { intent: "place" }, { Origin: "http://evil.example" });
    expect(reply.status).toBe(403);
    expect(h1Of(reply.body)).toBe("That form came from another website");
  });
});

describe("the order page", () => {
  it("is not found without the right token", async () => {
    const buyer = shopper();
    await fillCart(buyer, honeyAndSoap.slice(0, 1));
    const form = formOf((await buyer.visit("/checkout")).body);
    const placed = await buyer.post("/checkout", { ...form, name: "Di", email: "di@example.com" });
    const location = placed.headers.location ?? "";
    const [path] = location.split("?");
    for (const wrong of [`${path}?token=not-the-token`, `${path}`, `${path}?token=${"x".repeat(101)}`]) {
      const reply = await buyer.visit(wrong);
      expect(reply.status).toBe(404);
      expect(h1Of(reply.body)).toBe("Page not found");
      expect(reply.headers["cache-control"]).toBe("private, no-store");
    }
    const right = await buyer.visit(location.replace("&placed=1", ""));
    expect(right.status).toBe(200);
    expect(right.body).not.toContain("data-order-placed");
  });
});
