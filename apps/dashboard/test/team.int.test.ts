// The built dashboard against the real API: the team page (who can open the shop, inviting a helper,
// taking access away, what each person changed) and the settings page, with tenant isolation, a
// helper's limited rights and the cross-site refusal.

import { createApiClient } from "@stall/api-client";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Browser, linkFromMail, type Stack, startStack } from "./stack.ts";

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
}, 60_000);
afterAll(async () => {
  await stack?.stop();
});

let counter = 0;
const uniqueEmail = (name: string) => `${name}-team-${++counter}@example.test`;
const password = "noodles every saturday";
const photo = () =>
  sharp({ create: { width: 320, height: 240, channels: 3, background: "#d08c3a" } })
    .jpeg()
    .toBuffer()
    .then((bytes) => new Blob([new Uint8Array(bytes)], { type: "image/jpeg" }));
const pathOf = (link: string) => {
  const url = new URL(link);
  return `${url.pathname}${url.search}`;
};
const apiAs = (token?: string) => createApiClient({ baseUrl: stack.apiUrl, ...(token ? { token } : {}) });
const sessionToken = (browser: Browser) => browser.cookies.get("stall_session") ?? "";

/** An owner whose shop went through every onboarding screen: a product, a pickup place, open. */
async function publishedShop() {
  const browser = new Browser(stack.dashboardUrl);
  const email = uniqueEmail("owner");
  expect((await browser.post("/sign-up", { name: "Mei", email, password })).status).toBe(303);
  const created = await browser.post("/new-shop", { name: "Mei's Noodles", slug: "", currency: "CNY" });
  const shopId = /\/shops\/([^/]+)\//.exec(created.location ?? "")?.[1] ?? "";
  const base = `/shops/${shopId}/setup`;
  expect(
    (await browser.post(`${base}/product`, { photo: await photo(), title: "Noodles", price: "12.50" })).status,
  ).toBe(303);
  expect((await browser.post(`${base}/collect`, { placeName: "Stall", address: "Saturday market" })).status).toBe(303);
  expect((await browser.post(`${base}/publish`, { do: "publish" })).status).toBe(303);
  return { browser, email, shopId };
}

/** A helper who followed the emailed link, signed up and accepted. */
async function helperFromMail(email: string) {
  const link = await linkFromMail(stack.mailDir, email, "/invites/accept?token=");
  const helper = new Browser(stack.dashboardUrl);
  const landing = await helper.get(pathOf(link));
  const signUpHref = /href="(\/sign-up\?next=[^"]+)"/.exec(landing.body)?.[1]?.replace(/&amp;/g, "&") ?? "";
  expect((await helper.post(signUpHref, { name: "Grandson", email, password })).location).toBe(pathOf(link));
  const accept = await helper.get(pathOf(link));
  const token = /name="token" value="([^"]+)"/.exec(accept.body)?.[1] ?? "";
  return { helper, accepted: await helper.post("/invites/accept", { token }) };
}

async function placeOrder(owner: { browser: Browser; shopId: string }) {
  const api = apiAs(sessionToken(owner.browser));
  const path = { shopId: owner.shopId };
  const shop = (await api.GET("/v1/shops/{shopId}", { params: { path } })).data;
  const products = (await api.GET("/v1/shops/{shopId}/products", { params: { path } })).data;
  const points = (await api.GET("/v1/shops/{shopId}/pickup-points", { params: { path } })).data;
  const placed = await apiAs().POST("/v1/storefront/{host}/checkouts", {
    params: {
      path: { host: new URL(shop?.url ?? "").hostname },
      header: { "idempotency-key": `team-order-${++counter}` },
    },
    body: {
      lines: [{ variantId: products?.items[0]?.variants[0]?.id ?? "", quantity: 1 }],
      buyer: { name: "Ana", email: "ana@example.test", phone: "+86 138 0000 0000" },
      fulfilment: { type: "pickup", pickupPointId: points?.items[0]?.id ?? "" },
      paymentMethod: "pay_at_pickup",
    },
  });
  expect(placed.error).toBeUndefined();
  const orders = (await api.GET("/v1/shops/{shopId}/orders", { params: { path } })).data;
  return orders?.items[0]?.id ?? "";
}

describe("the team page", () => {
  it("invites a helper with 'orders' by email; the helper marks an order ready, cannot open settings, and the owner sees it", async () => {
    const owner = await publishedShop();
    const orderId = await placeOrder(owner);
    const helperEmail = uniqueEmail("helper");

    const page = await owner.browser.get(`/shops/${owner.shopId}/team`);
    expect(page.status).toBe(200);
    expect(page.body).toContain("People who can open your shop");
    const invited = await owner.browser.post(`/shops/${owner.shopId}/team`, {
      do: "invite",
      rights: "orders",
      email: helperEmail,
    });
    expect(invited.status).toBe(200);
    expect(invited.body).toContain("Invitation made. Send them this link:");
    expect(invited.body).toMatch(/The link works until [^<]+\./);
    expect(invited.body).toContain(`For ${helperEmail}`);

    const { helper, accepted } = await helperFromMail(helperEmail);
    expect(accepted.location).toBe(`/shops/${owner.shopId}?joined=1`);

    const orderPath = `/shops/${owner.shopId}/orders/${orderId}`;
    expect((await helper.post(orderPath, { action: "mark_paid" })).location).toBe(`${orderPath}?done=1`);
    expect((await helper.post(orderPath, { action: "mark_ready" })).location).toBe(`${orderPath}?done=1`);
    expect((await helper.get(orderPath)).body).toContain('<span class="tag">Ready to collect</span>');

    const settings = await helper.get(`/shops/${owner.shopId}/settings`);
    expect(settings.status).toBe(403);
    expect(settings.body).toContain("Your helper access does not include settings.");
    const savedByHelper = await helper.post(`/shops/${owner.shopId}/settings`, { name: "Helper's shop" });
    expect(savedByHelper.status).toBe(403);
    const place = await helper.post(`/shops/${owner.shopId}/settings/places/new`, { name: "Mine", address: "x" });
    expect(place.status).toBe(403);
    expect(place.body).toContain("Your helper access does not include settings.");
    const team = await helper.get(`/shops/${owner.shopId}/team`);
    expect(team.status).toBe(403);
    expect(team.body).not.toContain(owner.email);

    const audit = await owner.browser.get(`/shops/${owner.shopId}/team`);
    expect(audit.body).toContain("Grandson</strong> (Helper)");
    expect(audit.body).toContain("Can do: Orders");
    expect(audit.body).toContain("<strong>Grandson</strong>: Order: Ready to collect");
    expect(audit.body).toContain("<strong>Grandson</strong>: Order: Mark paid");
    expect(audit.body).not.toContain("Invitations not used yet");

    // Taking access away: the helper's next page is the 404 of a shop that is not theirs.
    const membershipId = /name="membershipId" value="([^"]+)"/.exec(audit.body)?.[1] ?? "";
    const removed = await owner.browser.post(`/shops/${owner.shopId}/team`, { do: "remove", membershipId });
    expect(removed.location).toBe(`/shops/${owner.shopId}/team?done=removed`);
    expect((await helper.get(orderPath)).status).toBe(404);
  });

  it("asks for at least one right, and withdraws an invitation so its link stops working", async () => {
    const owner = await publishedShop();
    const none = await owner.browser.post(`/shops/${owner.shopId}/team`, { do: "invite", email: "x@example.test" });
    expect(none.status).toBe(422);
    expect(none.body).toContain('href="#rights"');
    expect(none.body).toContain("Tick at least one thing they may do");

    const email = uniqueEmail("later");
    await owner.browser.post(`/shops/${owner.shopId}/team`, { do: "invite", rights: "catalogue", email });
    const page = await owner.browser.get(`/shops/${owner.shopId}/team`);
    expect(page.body).toContain("Invitations not used yet");
    const inviteId = /name="inviteId" value="([^"]+)"/.exec(page.body)?.[1] ?? "";
    const withdrawn = await owner.browser.post(`/shops/${owner.shopId}/team`, { do: "withdraw", inviteId });
    expect(withdrawn.location).toBe(`/shops/${owner.shopId}/team?done=withdrawn`);
    const link = await linkFromMail(stack.mailDir, email, "/invites/accept?token=");
    const stranger = new Browser(stack.dashboardUrl);
    await stranger.post("/sign-up", { name: "Li", email, password });
    const token = new URL(link).searchParams.get("token") ?? "";
    expect((await stranger.post("/invites/accept", { token })).status).toBe(410);
  });

  it("speaks Chinese to a Chinese-reading owner", async () => {
    const owner = await publishedShop();
    await owner.browser.get(`/language?to=zh-CN&next=/`);
    const page = await owner.browser.get(`/shops/${owner.shopId}/team`);
    expect(page.body).toContain("能打开你店铺的人");
    expect(page.body).toContain("添加帮手");
    const settings = await owner.browser.get(`/shops/${owner.shopId}/settings`);
    expect(settings.body).toContain("买家怎么付款");
  });
});

describe("the settings page", () => {
  it("saves the shop's contact and switches bank transfer on, asking for its instructions", async () => {
    const owner = await publishedShop();
    const path = `/shops/${owner.shopId}/settings`;
    const page = await owner.browser.get(path);
    expect(page.status).toBe(200);
    expect(page.body).toMatch(/value="pay_at_pickup"\s+checked/);
    expect(page.body).toContain("Saturday market");

    const missing = await owner.browser.post(path, {
      name: "Mei's Noodles",
      contactPhone: "138 0000 0000",
      paymentMethods: "bank_transfer",
    });
    expect(missing.status).toBe(422);
    expect(missing.body).toContain('href="#bankTransferInstructions"');

    // Two ticked boxes share a name, as a browser sends them.
    const form = new FormData();
    for (const [name, value] of [
      ["name", "Mei's Hand-made Noodles"],
      ["contactPhone", "138 0000 0000"],
      ["contactEmail", "mei@example.test"],
      ["paymentMethods", "pay_at_pickup"],
      ["paymentMethods", "bank_transfer"],
      ["bankTransferInstructions", "ICBC, Mei Lin, 6222 0000 1111"],
    ])
      form.append(name ?? "", value ?? "");
    const saved = await owner.browser.post(path, form);
    expect(saved.location).toBe(`${path}?saved=1`);
    const shop = (
      await apiAs(sessionToken(owner.browser)).GET("/v1/shops/{shopId}", {
        params: { path: { shopId: owner.shopId } },
      })
    ).data as Record<string, unknown>;
    expect(shop.name).toBe("Mei's Hand-made Noodles");
    expect(shop.contactPhone).toBe("138 0000 0000");
    expect(shop.paymentMethods).toEqual(["pay_at_pickup", "bank_transfer"]);
    expect(shop.bankTransferInstructions).toBe("ICBC, Mei Lin, 6222 0000 1111");
    expect((await owner.browser.get(`${path}?saved=1`)).body).toContain("Saved.");
  });
});

describe("isolation and cross-site forms", () => {
  it("answers 404 for another owner's shop, on GET and POST", async () => {
    const mine = await publishedShop();
    const theirs = await publishedShop();
    for (const page of ["/team", "/settings", "/settings/places/new"]) {
      const reply = await mine.browser.get(`/shops/${theirs.shopId}${page}`);
      expect(reply.status, page).toBe(404);
      expect(reply.body, page).not.toContain(theirs.email);
      const posted = await mine.browser.post(`/shops/${theirs.shopId}${page}`, {
        do: "invite",
        rights: "orders",
        name: "Taken over",
      });
      expect(posted.status, page).toBe(404);
    }
    const members = await apiAs(sessionToken(theirs.browser)).GET("/v1/shops/{shopId}/members", {
      params: { path: { shopId: theirs.shopId } },
    });
    expect(members.data?.invites).toEqual([]);
  });

  it("refuses a cross-site invite or settings form and changes nothing", async () => {
    const owner = await publishedShop();
    const cookie = `stall_session=${sessionToken(owner.browser)}`;
    for (const [page, fields] of [
      ["/team", { do: "invite", rights: "settings", email: "evil@example.test" }],
      ["/settings", { name: "Evil", paymentMethods: "pay_at_pickup" }],
    ] as const) {
      const reply = await fetch(`${stack.dashboardUrl}/shops/${owner.shopId}${page}`, {
        method: "POST",
        headers: { cookie, origin: "https://evil.test" },
        body: new URLSearchParams(fields),
        redirect: "manual",
      });
      expect(reply.status, page).toBe(403);
      expect(await reply.text()).toContain("This form was not sent");
    }
    const api = apiAs(sessionToken(owner.browser));
    const members = await api.GET("/v1/shops/{shopId}/members", { params: { path: { shopId: owner.shopId } } });
    expect(members.data?.invites).toEqual([]);
    const shop = await api.GET("/v1/shops/{shopId}", { params: { path: { shopId: owner.shopId } } });
    expect(shop.data?.name).toBe("Mei's Noodles");
  });
});

describe("places where buyers collect", () => {
  it("adds a place with opening hours, changes its hours, and says plainly when a time is wrong", async () => {
    const owner = await publishedShop();
    const base = `/shops/${owner.shopId}/settings/places`;
    const wrong = await owner.browser.post(`${base}/new`, {
      name: "Home",
      address: "12 Bridge Street",
      "opens-6": "13:00",
      "closes-6": "09:00",
    });
    expect(wrong.status).toBe(422);
    expect(wrong.body).toContain('href="#closes-6"');
    expect(wrong.body).toContain("Saturday: give a time from and a later time until");
    const added = await owner.browser.post(`${base}/new`, {
      name: "Home",
      address: "12 Bridge Street",
      "opens-6": "08:00",
      "closes-6": "13:00",
    });
    expect(added.location).toBe(`/shops/${owner.shopId}/settings?saved=1`);
    const settings = await owner.browser.get(`/shops/${owner.shopId}/settings`);
    expect(settings.body).toContain("12 Bridge Street");
    const api = apiAs(sessionToken(owner.browser));
    const points = await api.GET("/v1/shops/{shopId}/pickup-points", { params: { path: { shopId: owner.shopId } } });
    const home = points.data?.items.find((point) => point.name === "Home");
    expect((home as { hours?: unknown } | undefined)?.hours).toEqual([{ day: 6, opens: "08:00", closes: "13:00" }]);

    const edit = await owner.browser.get(`${base}/${home?.id}`);
    expect(edit.body).toMatch(/id="opens-6"[^>]*value="08:00"/);
    const changed = await owner.browser.post(`${base}/${home?.id}`, {
      name: "Home",
      address: "12 Bridge Street",
      "opens-0": "10:00",
      "closes-0": "12:00",
    });
    expect(changed.status).toBe(303);
    const after = await api.GET("/v1/shops/{shopId}/pickup-points", { params: { path: { shopId: owner.shopId } } });
    const again = after.data?.items.find((point) => point.id === home?.id) as { hours?: unknown } | undefined;
    expect(again?.hours).toEqual([{ day: 0, opens: "10:00", closes: "12:00" }]);
    expect((await owner.browser.get(`${base}/pp_not_there`)).status).toBe(404);
  });
});
