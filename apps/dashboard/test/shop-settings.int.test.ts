// The built dashboard against the real API: the shop-level settings pages (holiday mode, the shop's own
// domain, taking everything out), with tenant isolation and a helper's limited rights.
import { createApiClient } from "@stall/api-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Browser, type Stack, startStack } from "./stack.ts";

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
}, 60_000);
afterAll(async () => {
  await stack?.stop();
});

let counter = 0;
const uniqueEmail = (name: string) => `${name}-shop-settings-${++counter}@example.test`;
const password = "noodles every saturday";
const apiAs = (token?: string) => createApiClient({ baseUrl: stack.apiUrl, ...(token ? { token } : {}) });
const sessionToken = (browser: Browser) => browser.cookies.get("stall_session") ?? "";
const decode = (html: string) =>
  html
    .replace(/&amp;/g, "&")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'");
const textOf = (html: string) => decode(html.replace(/<[^>]*>/g, " ").replace(/\s+/g, " "));

/** A signed-up owner with a shop (not published: these pages need none of it). */
async function ownerWithShop(name = "Mei's Noodles") {
  const browser = new Browser(stack.dashboardUrl);
  expect((await browser.post("/sign-up", { name: "Mei", email: uniqueEmail("owner"), password })).status).toBe(303);
  const created = await browser.post("/new-shop", { name, slug: "", currency: "CNY" });
  const shopId = /\/shops\/([^/]+)\//.exec(created.location ?? "")?.[1] ?? "";
  expect(shopId).toMatch(/^shop_/);
  const api = apiAs(sessionToken(browser));
  return { browser, shopId, api };
}

/** Someone who helps the owner, with only the rights given. */
async function helperOf(
  owner: { api: ReturnType<typeof apiAs>; shopId: string },
  permissions: ("orders" | "catalogue")[],
) {
  const invite = await owner.api.POST("/v1/shops/{shopId}/invites", {
    params: { path: { shopId: owner.shopId } },
    body: { role: "helper", permissions },
  });
  const browser = new Browser(stack.dashboardUrl);
  expect((await browser.post("/sign-up", { name: "Grandson", email: uniqueEmail("helper"), password })).status).toBe(
    303,
  );
  const accepted = await apiAs(sessionToken(browser)).POST("/v1/invites/accept", {
    body: { token: invite.data?.token ?? "" },
  });
  expect(accepted.error).toBeUndefined();
  return browser;
}

const shopOf = async (owner: { api: ReturnType<typeof apiAs>; shopId: string }) =>
  (await owner.api.GET("/v1/shops/{shopId}", { params: { path: { shopId: owner.shopId } } })).data;

describe("holiday mode", () => {
  it("the owner pauses orders with a message; the settings and the shop's home say so; opening again works", async () => {
    const owner = await ownerWithShop();
    const settings = await owner.browser.get(`/shops/${owner.shopId}/settings`);
    expect(settings.body).toContain(`href="/shops/${owner.shopId}/settings/holiday"`);

    const path = `/shops/${owner.shopId}/settings/holiday`;
    const form = await owner.browser.get(path);
    expect(form.status).toBe(200);
    expect(form.body).toMatch(/<input type="radio" id="isPaused" name="isPaused" value="no" checked/);

    const saved = await owner.browser.post(path, { isPaused: "yes", pauseMessage: "Back on 12 January" });
    expect(saved.status).toBe(303);
    expect(saved.location).toBe(`${path}?saved=paused`);
    expect(textOf((await owner.browser.follow(saved)).body)).toContain(
      "Your shop is paused. Buyers see your message and cannot order.",
    );
    expect(await shopOf(owner)).toMatchObject({ isPaused: true, pauseMessage: "Back on 12 January" });

    const home = textOf((await owner.browser.get(`/shops/${owner.shopId}`)).body);
    expect(home).toContain("Your shop is paused");
    expect(home).toContain("Your message: “Back on 12 January”");
    expect(home).toContain("Take orders again");

    const reopened = await owner.browser.post(path, { isPaused: "no", pauseMessage: "Back on 12 January" });
    expect(reopened.location).toBe(`${path}?saved=open`);
    expect(await shopOf(owner)).toMatchObject({ isPaused: false });
    expect((await owner.browser.get(`/shops/${owner.shopId}`)).body).not.toContain("data-paused");
  });

  it("speaks Chinese to a Chinese browser", async () => {
    const owner = await ownerWithShop();
    const chinese = new Browser(stack.dashboardUrl, { acceptLanguage: "zh-CN" });
    for (const [name, value] of owner.browser.cookies) chinese.cookies.set(name, value);
    const page = await chinese.get(`/shops/${owner.shopId}/settings/holiday`);
    expect(page.body).toContain('<html lang="zh-CN"');
    expect(textOf(page.body)).toContain("休假：暂停接单");
    expect(textOf(page.body)).toContain("店铺现在接单吗？");
  });

  it("a message that is too long comes back tied to its field, and nothing changes", async () => {
    const owner = await ownerWithShop();
    const path = `/shops/${owner.shopId}/settings/holiday`;
    const reply = await owner.browser.post(path, { isPaused: "yes", pauseMessage: "x".repeat(201) });
    expect(reply.status).toBe(422);
    expect(reply.body).toContain('<a href="#pauseMessage">');
    expect(reply.body).toContain('aria-describedby="pauseMessage-hint pauseMessage-error"');
    expect(await shopOf(owner)).toMatchObject({ isPaused: false });
    const unchosen = await owner.browser.post(path, { pauseMessage: "Back soon" });
    expect(unchosen.status).toBe(422);
    expect(textOf(unchosen.body)).toContain("Choose whether your shop takes orders");
  });

  it("another shop's owner gets the 404 page and changes nothing", async () => {
    const a = await ownerWithShop("Shop A");
    const b = await ownerWithShop("Shop B");
    const path = `/shops/${a.shopId}/settings/holiday`;
    expect((await b.browser.get(path)).status).toBe(404);
    const posted = await b.browser.post(path, { isPaused: "yes", pauseMessage: "Closed by B" });
    expect(posted.status).toBe(404);
    expect(await shopOf(a)).toMatchObject({ isPaused: false, pauseMessage: "" });
    expect((await b.browser.get(`/shops/${b.shopId}/settings/holiday`)).body).not.toContain("Shop A");
  });

  it("a helper without the settings right sees the no-right page and cannot pause", async () => {
    const owner = await ownerWithShop();
    const helper = await helperOf(owner, ["orders"]);
    const path = `/shops/${owner.shopId}/settings/holiday`;
    const page = await helper.get(path);
    expect(page.status).toBe(403);
    expect(page.body).toContain("Your helper access does not include settings.");
    expect((await helper.post(path, { isPaused: "yes" })).status).toBe(403);
    expect(await shopOf(owner)).toMatchObject({ isPaused: false });
  });
});
