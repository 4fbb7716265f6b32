// The built dashboard against the real API: the shop-level settings pages (holiday mode, the shop's own
// domain), with tenant isolation and a helper's limited rights. Taking everything out and closing the
// shop: export-and-deletion.int.test.ts.
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

describe("the shop's own web address", () => {
  it("adds a domain and shows the exact records; Check now says plainly nothing is there yet; removing asks first", async () => {
    const owner = await ownerWithShop();
    const settings = await owner.browser.get(`/shops/${owner.shopId}/settings`);
    expect(settings.body).toContain(`href="/shops/${owner.shopId}/settings/domain"`);
    const path = `/shops/${owner.shopId}/settings/domain`;
    expect((await owner.browser.get(path)).status).toBe(200);

    const added = await owner.browser.post(path, { do: "add", hostname: "Noodles.Example.com" });
    expect(added.status).toBe(303);
    const page = await owner.browser.follow(added);
    const domains = (await owner.api.GET("/v1/shops/{shopId}/domains", { params: { path: { shopId: owner.shopId } } }))
      .data?.items;
    expect(domains).toHaveLength(1);
    const domain = domains?.[0];
    const text = textOf(page.body);
    expect(text).toContain("Added. Now add the two records below where you bought the address.");
    expect(text).toContain("Waiting for the records");
    const txt = /<dl class="summary-list" data-record="txt">([\s\S]*?)<\/dl>/.exec(page.body)?.[1] ?? "";
    expect(textOf(txt)).toContain(`Type TXT`);
    expect(txt).toContain(`>_stall-verify.noodles.example.com</code>`);
    expect(txt).toContain(`>${domain?.verification.value}</code>`);
    const cname = /<dl class="summary-list" data-record="cname">([\s\S]*?)<\/dl>/.exec(page.body)?.[1] ?? "";
    expect(textOf(cname)).toMatch(/Type CNAME Name \(host\) noodles\.example\.com .*Value [a-z0-9-]+\.localhost/);
    expect(page.body).toContain('data-copy="txt-value-');

    const checked = await owner.browser.post(path, { do: "verify", domainId: domain?.id ?? "" });
    expect(checked.location).toBe(`${path}?checked=missing&domain=${domain?.id}`);
    expect(textOf((await owner.browser.follow(checked)).body)).toContain(
      "We looked and found no TXT record at _stall-verify.noodles.example.com with the value above yet.",
    );

    const twice = await owner.browser.post(path, { do: "add", hostname: "noodles.example.com" });
    expect(twice.status).toBe(422);
    expect(twice.body).toContain('<a href="#hostname">This address is already added here or connected to a shop</a>');

    const confirm = await owner.browser.get(`${path}?remove=${domain?.id}`);
    expect(textOf(confirm.body)).toContain(
      "Remove noodles.example.com? Buyers who use it will no longer reach your shop.",
    );
    const removed = await owner.browser.post(path, { do: "remove", domainId: domain?.id ?? "" });
    expect(removed.location).toBe(`${path}?removed=1`);
    expect(
      (await owner.api.GET("/v1/shops/{shopId}/domains", { params: { path: { shopId: owner.shopId } } })).data?.items,
    ).toEqual([]);
  });

  it("refuses an address that is not a domain, in the owner's language", async () => {
    const owner = await ownerWithShop();
    const chinese = new Browser(stack.dashboardUrl, { acceptLanguage: "zh-CN" });
    for (const [name, value] of owner.browser.cookies) chinese.cookies.set(name, value);
    const reply = await chinese.post(`/shops/${owner.shopId}/settings/domain`, {
      do: "add",
      hostname: "https://noodles.example.com/menu",
    });
    expect(reply.status).toBe(422);
    expect(textOf(reply.body)).toContain("请输入你的网址，例如 noodles.example.com");
  });

  it("another shop's owner gets 404 for the page and for the shop's domains, and nothing of it shows", async () => {
    const a = await ownerWithShop("Shop A");
    const b = await ownerWithShop("Shop B");
    await a.browser.post(`/shops/${a.shopId}/settings/domain`, { do: "add", hostname: "shop-a.example.com" });
    const domainId =
      (await a.api.GET("/v1/shops/{shopId}/domains", { params: { path: { shopId: a.shopId } } })).data?.items[0]?.id ??
      "";
    expect((await b.browser.get(`/shops/${a.shopId}/settings/domain`)).status).toBe(404);
    // B's own page with A's domain id: nothing to check, nothing to remove.
    const bPath = `/shops/${b.shopId}/settings/domain`;
    expect((await b.browser.post(bPath, { do: "verify", domainId })).status).toBe(404);
    expect((await b.browser.post(bPath, { do: "remove", domainId })).status).toBe(404);
    const bPage = await b.browser.get(`${bPath}?remove=${domainId}&checked=missing&domain=${domainId}`);
    expect(bPage.body).not.toContain("shop-a.example.com");
    expect(
      (await a.api.GET("/v1/shops/{shopId}/domains", { params: { path: { shopId: a.shopId } } })).data?.items,
    ).toHaveLength(1);
  });

  it("is the owner's alone: a helper sees the no-right page", async () => {
    const owner = await ownerWithShop();
    const helper = await helperOf(owner, ["orders"]);
    const page = await helper.get(`/shops/${owner.shopId}/settings/domain`);
    expect(page.status).toBe(403);
    expect(page.body).toContain("Your helper access does not include payments and settings only the owner can change.");
    expect(
      (await helper.post(`/shops/${owner.shopId}/settings/domain`, { do: "add", hostname: "x.example.com" })).status,
    ).toBe(403);
  });
});

describe("changing what someone who helps may do", () => {
  it("the owner changes a helper's rights on the team page; the helper's pages follow at once", async () => {
    const owner = await ownerWithShop();
    const helper = await helperOf(owner, ["catalogue"]);
    expect((await helper.get(`/shops/${owner.shopId}/orders`)).status).toBe(403);
    const team = await owner.browser.get(`/shops/${owner.shopId}/team`);
    const members = (await owner.api.GET("/v1/shops/{shopId}/members", { params: { path: { shopId: owner.shopId } } }))
      .data?.members;
    const membershipId = members?.find((member) => member.role === "helper")?.id ?? "";
    const editHref = `/shops/${owner.shopId}/team?edit=${membershipId}`;
    expect(team.body).toContain(`href="${editHref}"`);
    expect(textOf(team.body)).toContain("Change what Grandson may do");

    const form = await owner.browser.get(editHref);
    expect(form.status).toBe(200);
    expect(textOf(form.body)).toContain("What may Grandson do?");
    expect(form.body).toMatch(/value="catalogue" checked/);
    expect(form.body).not.toMatch(/value="orders" checked/);

    const empty = await owner.browser.post(`/shops/${owner.shopId}/team`, { do: "change", membershipId });
    expect(empty.status).toBe(422);
    expect(empty.body).toContain('<a href="#rights">Tick at least one thing they may do</a>');
    expect(textOf(empty.body)).toContain("What may Grandson do?");

    const body = new FormData();
    body.set("do", "change");
    body.set("membershipId", membershipId);
    body.append("rights", "orders");
    body.append("rights", "settings");
    const saved = await owner.browser.post(`/shops/${owner.shopId}/team`, body);
    expect(saved.status).toBe(303);
    expect(saved.location).toBe(`/shops/${owner.shopId}/team?done=changed`);
    const after = await owner.browser.follow(saved);
    expect(textOf(after.body)).toContain("Saved. The change applies from the next page they open.");
    expect(textOf(after.body)).toContain("Can do: Orders, Shop settings");
    expect(textOf(after.body)).toContain("What each person changed Mei : Changed what someone may do");
    expect((await helper.get(`/shops/${owner.shopId}/orders`)).status).toBe(200);
    expect((await helper.get(`/shops/${owner.shopId}/products`)).status).toBe(403);
  });

  it("another shop's owner cannot change this shop's helper (404), and sees nothing of them", async () => {
    const a = await ownerWithShop("Shop A");
    await helperOf(a, ["catalogue"]);
    const b = await ownerWithShop("Shop B");
    const membershipId =
      (await a.api.GET("/v1/shops/{shopId}/members", { params: { path: { shopId: a.shopId } } })).data?.members.find(
        (member) => member.role === "helper",
      )?.id ?? "";
    expect((await b.browser.get(`/shops/${a.shopId}/team?edit=${membershipId}`)).status).toBe(404);
    const viaOwn = await b.browser.post(`/shops/${b.shopId}/team`, { do: "change", membershipId, rights: "orders" });
    expect(viaOwn.status).toBe(404);
    const ownPage = await b.browser.get(`/shops/${b.shopId}/team?edit=${membershipId}`);
    expect(ownPage.body).not.toContain("Grandson");
    const members = (await a.api.GET("/v1/shops/{shopId}/members", { params: { path: { shopId: a.shopId } } })).data
      ?.members;
    expect(members?.find((member) => member.id === membershipId)?.permissions).toEqual(["catalogue"]);
  });
});
