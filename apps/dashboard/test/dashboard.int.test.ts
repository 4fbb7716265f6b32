// The built dashboard against the real API: sessions, CSRF, expiry, rights, tenant isolation, the
// onboarding's resilience, and every link the API's emails contain.

import { gzipSync } from "node:zlib";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as owners from "./owners.ts";
import { Browser, linkFromMail, type Stack, startStack } from "./stack.ts";

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
}, 60_000);
afterAll(async () => {
  await stack?.stop();
});

const uniqueEmail = owners.uniqueEmail;
const { password, photo, pathOf } = owners;
const newOwner = (shopName?: string) => owners.newOwner(stack, shopName);
const publishedShop = () => owners.publishedShop(stack);
const apiAs = (token?: string) => owners.apiAs(stack, token);
const sessionToken = owners.sessionToken;
const h1Of = (html: string) =>
  /<h1[^>]*>(.*?)<\/h1>/s
    .exec(html)?.[1]
    ?.replace(/<[^>]+>/g, "")
    .trim();

describe("sessions", () => {
  it("keeps the API token in an HttpOnly, SameSite=Lax cookie; __Host- and Secure over https", async () => {
    const email = uniqueEmail("cookie");
    const plain = await fetch(`${stack.dashboardUrl}/sign-up`, {
      method: "POST",
      headers: { origin: stack.dashboardUrl, "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ name: "Kim", email, password }),
      redirect: "manual",
    });
    const [cookie] = plain.headers.getSetCookie();
    expect(cookie).toMatch(/^stall_session=[^;]+; Max-Age=\d+; Path=\/; HttpOnly; SameSite=Lax$/);

    const secure = await fetch(`${stack.dashboardUrl}/sign-in`, {
      method: "POST",
      headers: {
        origin: stack.dashboardUrl.replace("http:", "https:"),
        "x-forwarded-proto": "https",
        "content-type": "application/x-www-form-urlencoded",
      },
      body: new URLSearchParams({ email, password }),
      redirect: "manual",
    });
    const [secureCookie] = secure.headers.getSetCookie();
    expect(secureCookie).toMatch(/^__Host-stall_session=[^;]+; Max-Age=\d+; Path=\/; HttpOnly; Secure; SameSite=Lax$/);
  });

  it("signs in, goes back to the page asked for, and signs out everywhere the token was", async () => {
    const { browser, email, shopId } = await newOwner();
    const token = sessionToken(browser);
    expect((await browser.post("/sign-out", {})).location).toBe("/sign-in");
    expect((await apiAs(token).GET("/v1/me")).response.status).toBe(401);
    const wrong = await browser.post("/sign-in", { email, password: "not it" });
    expect(wrong.status).toBe(422);
    expect(wrong.body).toContain('href="#email"');
    expect(wrong.body).toContain('aria-describedby="email-error"');
    const signedIn = await browser.post(`/sign-in?next=${encodeURIComponent(`/shops/${shopId}/orders`)}`, {
      email,
      password,
    });
    expect(signedIn.location).toBe(`/shops/${shopId}/orders`);
  });

  it("sends an owner whose session ended to sign in, then back to the page they were on", async () => {
    const { browser, email, shopId } = await newOwner();
    // The session ends on the API's side (expiry, or signed out on another phone).
    await apiAs(sessionToken(browser)).POST("/v1/auth/logout");
    const page = `/shops/${shopId}/setup/product`;
    const bounced = await browser.get(page);
    expect(bounced.status).toBe(303);
    expect(bounced.location).toBe(`/sign-in?next=${encodeURIComponent(page)}&expired=1`);
    const signIn = await browser.get(bounced.location ?? "");
    expect(signIn.body).toContain("You were signed out");
    const back = await browser.post(bounced.location ?? "", { email, password });
    expect(back.location).toBe(page);
    expect((await browser.get(page)).status).toBe(200);
  });

  it("sends someone never signed in on this browser (a link from a new-order email) to sign in, without saying they were signed out", async () => {
    const { email, shopId } = await newOwner();
    const otherPhone = new Browser(stack.dashboardUrl);
    const page = `/shops/${shopId}/orders`;
    const bounced = await otherPhone.get(page);
    expect(bounced.status).toBe(303);
    expect(bounced.location).toBe(`/sign-in?next=${encodeURIComponent(page)}`);
    const signIn = await otherPhone.get(bounced.location ?? "");
    expect(signIn.body).not.toContain("You were signed out");
    expect(signIn.body).toContain("Sign in");
    const back = await otherPhone.post(bounced.location ?? "", { email, password });
    expect(back.location).toBe(page);
  });

  it.each([
    ["another site", "https://evil.test/x"],
    ["a protocol-relative path", "//evil.test/x"],
    ["a backslash trick", "/\\evil.test/x"],
  ])("never sends anyone to %s after signing in", async (_name, next) => {
    const { browser, email } = await newOwner();
    await browser.post("/sign-out", {});
    const reply = await browser.post(`/sign-in?next=${encodeURIComponent(next)}`, { email, password });
    expect(reply.location).toBe("/");
  });

  it("resets a forgotten password from the emailed link and signs the owner in; old sessions end", async () => {
    const { browser: phone, email } = await newOwner();
    const oldToken = sessionToken(phone);
    const laptop = new Browser(stack.dashboardUrl);
    expect((await laptop.post("/forgot-password", { email })).body).toContain("Check your email");
    const link = await linkFromMail(stack.mailDir, email, "/reset-password?token=");
    expect(link.startsWith(`http://localhost:${stack.dashboard.port}/reset-password?token=`)).toBe(true);
    const form = await laptop.get(pathOf(link));
    expect(form.status).toBe(200);
    const token = new URL(link).searchParams.get("token") ?? "";
    const done = await laptop.post("/reset-password", { token, password: "a brand new passphrase" });
    expect(done.location).toBe("/?reset=1");
    expect((await laptop.follow(done)).status).toBe(200);
    expect((await apiAs(sessionToken(laptop)).GET("/v1/me")).response.status).toBe(200);
    expect((await apiAs(oldToken).GET("/v1/me")).response.status).toBe(401);
    // The phone's next page, whichever it is, asks it to sign in again.
    expect((await phone.get("/new-shop")).location).toBe(`/sign-in?next=${encodeURIComponent("/new-shop")}&expired=1`);
    // The link works once.
    const again = await new Browser(stack.dashboardUrl).post("/reset-password", { token, password: "yet another one" });
    expect(again.status).toBe(410);
  });
});

describe("cross-site requests (CSRF)", () => {
  it.each([
    ["another origin", { origin: "https://evil.test" }],
    ["an opaque origin", { origin: "null" }],
    ["no origin and a cross-site fetch", { "sec-fetch-site": "cross-site" }],
    ["no origin, no fetch metadata, no referer", {}],
  ])("refuses a form from %s, urlencoded or multipart, and changes nothing", async (_name, headers) => {
    const { browser, shopId } = await newOwner();
    const cookie = `stall_session=${sessionToken(browser)}`;
    for (const body of [new URLSearchParams({ name: "Evil shop", slug: "evil-shop", currency: "CNY" }), multipart()]) {
      const reply = await fetch(`${stack.dashboardUrl}/new-shop`, {
        method: "POST",
        headers: { cookie, ...headers },
        body,
        redirect: "manual",
      });
      expect(reply.status).toBe(403);
      expect(await reply.text()).toContain("This form was not sent");
    }
    const { memberships } = (await apiAs(sessionToken(browser)).GET("/v1/me")).data ?? { memberships: [] };
    expect(memberships.map((membership) => membership.shopId)).toEqual([shopId]);
  });

  it("accepts the same form from the dashboard's own pages", async () => {
    const { browser } = await newOwner();
    const reply = await browser.post("/new-shop", { name: "Second shop", slug: "", currency: "CNY" });
    expect(reply.status).toBe(303);
  });
});

function multipart(): FormData {
  const form = new FormData();
  form.set("name", "Evil shop");
  form.set("slug", "evil-shop-2");
  form.set("currency", "CNY");
  return form;
}

describe("onboarding", () => {
  it("keeps the photo when the rest of the form needs a fix, and adds one product however often it is sent", async () => {
    const { browser, shopId } = await newOwner();
    const page = `/shops/${shopId}/setup/product`;
    const first = await browser.post(page, { photo: await photo(), title: "Noodles", price: "twelve" });
    expect(first.status).toBe(422);
    expect(first.body).toContain('href="#price"');
    const mediaId = /name="mediaId" value="([^"]+)"/.exec(first.body)?.[1];
    expect(mediaId).toMatch(/^med_/);
    const second = await browser.post(page, { mediaId: mediaId ?? "", title: "Noodles", price: "12.50" });
    expect(second.location).toBe(`/shops/${shopId}/setup/collect`);
    // The connection drops before the owner sees the next screen; they send the form again.
    const resent = await browser.post(page, { mediaId: mediaId ?? "", title: "Noodles", price: "12.50" });
    expect(resent.location).toBe(`/shops/${shopId}/setup/collect`);
    const api = apiAs(sessionToken(browser));
    const products = (await api.GET("/v1/shops/{shopId}/products", { params: { path: { shopId } } })).data?.items ?? [];
    expect(products).toHaveLength(1);
    expect(products[0]?.photos.map((item) => item.id)).toEqual([mediaId]);
    expect(products[0]?.variants[0]?.price).toBe(1250);
  });

  it("takes a phone-sized photo (far over the 256 KB form limit) on the product screen", async () => {
    const { browser, shopId } = await newOwner();
    const big = await sharp({
      create: {
        width: 1200,
        height: 900,
        channels: 3,
        background: "#888",
        noise: { type: "gaussian", mean: 128, sigma: 40 },
      },
    })
      .jpeg({ quality: 92 })
      .toBuffer();
    expect(big.length).toBeGreaterThan(300 * 1024);
    const reply = await browser.post(`/shops/${shopId}/setup/product`, {
      photo: new Blob([new Uint8Array(big)], { type: "image/jpeg" }),
      title: "Noodles",
      price: "12",
    });
    expect(reply.location).toBe(`/shops/${shopId}/setup/collect`);
  }, 120_000);

  it("opens a shop each time the same name is given, each at an address of its own", async () => {
    // One owner (sign-ups from one address are limited) opening six shops of one name.
    const { browser, shopId: first } = await newOwner("Busy Name Bakery");
    const shopIds = [first];
    for (let index = 1; index < 6; index += 1) {
      const created = await browser.post("/new-shop", { name: "Busy Name Bakery", slug: "", currency: "CNY" });
      expect(created.status).toBe(303);
      shopIds.push(/\/shops\/([^/]+)\//.exec(created.location ?? "")?.[1] ?? "");
    }
    const api = apiAs(sessionToken(browser));
    const addresses = await Promise.all(
      shopIds.map(async (shopId) => (await api.GET("/v1/shops/{shopId}", { params: { path: { shopId } } })).data?.slug),
    );
    expect(addresses[0]).toBe("busy-name-bakery");
    expect(new Set(addresses).size).toBe(6);
    for (const address of addresses) expect(address).toMatch(/^busy-name-bakery(-\d{1,4})?$/);
  }, 120_000);

  it("says whether a web address is free as it is typed, offering a free one for a taken one", async () => {
    // The first owner's shop opens at the address made from its name, corner-dumplings.
    await newOwner("Corner Dumplings");
    const { browser } = await newOwner("Another Shop");
    const ask = async (slug: string) => JSON.parse((await browser.get(`/web-address?slug=${slug}`)).body);
    expect(await ask("corner-dumplings")).toMatchObject({
      isAvailable: false,
      suggestion: "corner-dumplings-2",
      message: "This web address is taken. Try corner-dumplings-2",
    });
    expect(await ask("corner-dumplings-2")).toMatchObject({
      isAvailable: true,
      message: expect.stringContaining("is free"),
    });
    expect((await ask("No%20Spaces")).message).toBe(
      "Use 3 to 40 small letters a to z, numbers and dashes, like noodle-stall",
    );
    // Signed out, it answers nothing but the way to sign in.
    expect((await new Browser(stack.dashboardUrl).get("/web-address?slug=abc")).status).toBe(303);
  });

  it("resumes at the right screen after a reload or a new sign-in, with what was typed before", async () => {
    const { browser, email, shopId } = await newOwner();
    const setup = `/shops/${shopId}/setup`;
    expect((await browser.get(setup)).location).toBe(`${setup}/product`);
    await browser.post(`${setup}/product`, { photo: await photo(), title: "Dumplings", price: "30" });
    // A dropped connection: the owner comes back later on another device.
    const other = new Browser(stack.dashboardUrl);
    await other.post("/sign-in", { email, password });
    expect((await other.get(setup)).location).toBe(`${setup}/collect`);
    const back = await other.get(`${setup}/product`);
    expect(back.body).toContain('value="Dumplings"');
    expect(back.body).toContain('value="30.00"');
    await other.post(`${setup}/collect`, { placeName: "Stall", address: "Night market" });
    expect((await other.get(setup)).location).toBe(`${setup}/publish`);
    expect((await other.get(`${setup}/collect`)).body).toContain('value="Night market"');
  });

  it("publishes a shop that can take a pay-at-pickup order", async () => {
    const { browser, shopId } = await publishedShop();
    const api = apiAs(sessionToken(browser));
    const shop = (await api.GET("/v1/shops/{shopId}", { params: { path: { shopId } } })).data;
    expect(shop?.isPublished).toBe(true);
    expect((shop as { paymentMethods?: string[] }).paymentMethods).toEqual(["pay_at_pickup"]);
    const share = await browser.get(`/shops/${shopId}/share`);
    expect(h1Of(share.body)).toBe("Your shop is open");
    expect(share.body).toContain(`value="${shop?.url}"`);
    expect(share.body).toContain(`src="${shop?.url}/qr.svg"`);
    // The page's policy lets exactly that image in, and nothing runs but the page's own inline script.
    const policy = share.headers.get("content-security-policy") ?? "";
    expect(policy).toContain(`img-src 'self' data: ${stack.apiUrl} blob: ${new URL(shop?.url ?? "").origin}`);
    expect(policy).toMatch(/script-src 'self' 'sha256-[^']+'(;| )/);
  });
});

describe("a shop's pages", () => {
  it("show nothing of another owner's shop: its id in the URL answers 404", async () => {
    const mine = await newOwner();
    const theirs = await publishedShop();
    const pages = [
      "",
      "/orders",
      "/orders/ord_x",
      "/payments",
      "/emails",
      "/share",
      "/poster",
      "/setup",
      "/setup/name",
      "/setup/product",
      "/setup/collect",
      "/setup/publish",
      "/products",
      "/products/new",
      "/products/prd_x",
    ];
    for (const page of pages) {
      const reply = await mine.browser.get(`/shops/${theirs.shopId}${page}`);
      expect(reply.status, page).toBe(404);
      expect(reply.body, page).not.toContain("Mei&#39;s Noodles");
    }
    const posted = await mine.browser.post(`/shops/${theirs.shopId}/setup/publish`, { do: "publish" });
    expect(posted.status).toBe(404);
  });

  it("let an owner with two shops open another and switch between them, each showing only its own", async () => {
    const owner = await publishedShop();
    const home = await owner.browser.get(`/shops/${owner.shopId}`);
    expect(home.body).toContain('href="/new-shop"');
    expect(home.body).not.toContain("Switch shop");
    const second = await owner.browser.post("/new-shop", { name: "Tea Corner", slug: "", currency: "CNY" });
    const secondId = /\/shops\/([^/]+)\//.exec(second.location ?? "")?.[1] ?? "";
    expect(secondId).not.toBe(owner.shopId);

    const front = await owner.browser.get("/");
    expect(front.status).toBe(200);
    expect(front.body).toContain(`href="/shops/${owner.shopId}"`);
    expect(front.body).toContain(`href="/shops/${secondId}"`);
    expect(front.body).toContain("Tea Corner");
    const first = await owner.browser.get(`/shops/${owner.shopId}`);
    expect(first.body).toContain('<a href="/">Switch shop</a>');
    // Each shop's products are its own: the first shop's noodles are not in the second.
    expect((await owner.browser.get(`/shops/${owner.shopId}/products`)).body).toContain("Noodles");
    const secondProducts = await owner.browser.get(`/shops/${secondId}/products`);
    expect(secondProducts.status).toBe(200);
    expect(secondProducts.body).not.toContain("Noodles");
    expect(secondProducts.body).toContain("Tea Corner");
  });

  it("tell a helper plainly what their access does not include", async () => {
    const owner = await publishedShop();
    const api = apiAs(sessionToken(owner.browser));
    const helperEmail = uniqueEmail("helper");
    const invite = await api.POST("/v1/shops/{shopId}/invites", {
      params: { path: { shopId: owner.shopId } },
      body: { email: helperEmail, role: "helper", permissions: ["catalogue"] },
    });
    expect(invite.response.status).toBe(201);
    const link = await linkFromMail(stack.mailDir, helperEmail, "/invites/accept?token=");
    const helper = new Browser(stack.dashboardUrl);
    const landing = await helper.get(pathOf(link));
    expect(landing.status).toBe(200);
    const signUpHref = /href="(\/sign-up\?next=[^"]+)"/.exec(landing.body)?.[1]?.replace(/&amp;/g, "&") ?? "";
    const created = await helper.post(signUpHref, { name: "Grandson", email: helperEmail, password });
    expect(created.location).toBe(pathOf(link));
    const accept = await helper.get(pathOf(link));
    const token = /name="token" value="([^"]+)"/.exec(accept.body)?.[1] ?? "";
    const accepted = await helper.post("/invites/accept", { token });
    expect(accepted.location).toBe(`/shops/${owner.shopId}?joined=1`);

    const orders = await helper.get(`/shops/${owner.shopId}/orders`);
    expect(orders.status).toBe(403);
    expect(orders.body).toContain(
      "Your helper access does not include orders. The shop&#39;s owner can add it for you.",
    );
    const emails = await helper.get(`/shops/${owner.shopId}/emails`);
    expect(emails.status).toBe(403);
    expect(emails.body).toContain("Your helper access does not include orders.");
    const payments = await helper.get(`/shops/${owner.shopId}/payments`);
    expect(payments.status).toBe(403);
    expect(payments.body).toContain(
      "Your helper access does not include payments and settings only the owner can change.",
    );
    const settings = await helper.get(`/shops/${owner.shopId}/setup/name`);
    expect(settings.status).toBe(403);
    expect(settings.body).toContain("Your helper access does not include settings.");
    const home = await helper.get(`/shops/${owner.shopId}`);
    expect(home.status).toBe(200);
    expect(home.body).not.toContain(`href="/shops/${owner.shopId}/orders"`);
  });

  it("open an order from the new-order email and take its next step in one tap", async () => {
    const owner = await publishedShop();
    await owners.placeOrder(stack, owner, 2);
    const link = await linkFromMail(stack.mailDir, owner.email, "/orders/");
    const orderPath = pathOf(link);
    expect(orderPath).toMatch(new RegExp(`^/shops/${owner.shopId}/orders/ord_`));
    const page = await owner.browser.get(orderPath);
    expect(page.status).toBe(200);
    expect(page.body).toContain("Not paid yet");
    expect(page.body).toContain('href="tel:+86 138 0000 0000"');
    expect(page.body).toContain('value="mark_paid"');
    const paid = await owner.browser.post(orderPath, { action: "mark_paid" });
    expect(paid.location).toBe(`${orderPath}?done=1`);
    const after = await owner.browser.get(paid.location ?? "");
    expect(after.body).toContain("Done. The buyer gets an email.");
    expect(after.body).toContain('value="mark_ready"');
    // The same tap again (a double tap, or a second phone) does no harm.
    const again = await owner.browser.post(orderPath, { action: "mark_paid" });
    expect(again.location).toBe(`${orderPath}?done=1`);
    expect((await owner.browser.get(orderPath)).body).toContain('<span class="tag">Paid</span>');

    const list = await owner.browser.get(`/shops/${owner.shopId}/orders`);
    expect(list.body).toContain(`href="${orderPath}"`);
    const home = await owner.browser.get(`/shops/${owner.shopId}`);
    expect(home.body).toContain("1 order");
  });

  it("answer Stripe's return and refresh links with the card payments page", async () => {
    const owner = await newOwner();
    const page = await owner.browser.get(`/shops/${owner.shopId}/payments`);
    expect(page.status).toBe(200);
    expect(h1Of(page.body)).toBe("Card payments");
    // This API runs without Stripe keys: starting says so plainly instead of failing.
    const started = await owner.browser.post(`/shops/${owner.shopId}/payments`, {});
    expect(started.status).toBe(200);
    expect(started.body).toContain("Card payments are not available on this Stall yet");
  });
});

describe("weight", () => {
  it("keeps every page's first load (HTML with its inlined CSS and JS, no other files) under 50 KB gzipped", async () => {
    const owner = await publishedShop();
    const signedOut = new Browser(stack.dashboardUrl);
    const sizes: Record<string, number> = {};
    for (const [browser, path] of [
      [signedOut, "/sign-in"],
      [signedOut, "/sign-up"],
      [signedOut, "/forgot-password"],
      [owner.browser, "/new-shop"],
      [owner.browser, `/shops/${owner.shopId}`],
      [owner.browser, `/shops/${owner.shopId}/setup/product`],
      [owner.browser, `/shops/${owner.shopId}/setup/collect`],
      [owner.browser, `/shops/${owner.shopId}/share`],
      [owner.browser, `/shops/${owner.shopId}/poster`],
      [owner.browser, `/shops/${owner.shopId}/orders`],
      [owner.browser, `/shops/${owner.shopId}/payments`],
      [owner.browser, `/shops/${owner.shopId}/products`],
      [owner.browser, `/shops/${owner.shopId}/products/new`],
    ] as const) {
      const reply = await browser.get(path);
      expect(reply.status, path).toBe(200);
      expect(reply.body, path).not.toMatch(/<link[^>]+rel="stylesheet"|<script[^>]+src=/);
      sizes[path.replace(owner.shopId, "{id}")] = gzipSync(reply.body).length;
    }
    for (const [path, bytes] of Object.entries(sizes)) expect(bytes, path).toBeLessThan(50 * 1024);
    process.stdout.write(`gzipped page sizes (bytes): ${JSON.stringify(sizes)}\n`);
  });
});
