// The built dashboard against the real API: the "Taking things back" settings page (decision 032).
// Four questions, saved and shown again; an incomplete answer comes back with errors tied to fields and
// everything chosen; works with plain form posts (no JavaScript); another shop's owner gets 404 and
// changes nothing; a helper without the settings right gets NoRight; both languages.
import { createApiClient } from "@stall/api-client";
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
const uniqueEmail = (name: string) => `${name}-returns-${++counter}@example.test`;
const password = "noodles every saturday";
const apiAs = (token: string) => createApiClient({ baseUrl: stack.apiUrl, token });

async function ownerWithShop(name: string, acceptLanguage?: string) {
  const browser = new Browser(stack.dashboardUrl, acceptLanguage ? { acceptLanguage } : {});
  const email = uniqueEmail("owner");
  expect((await browser.post("/sign-up", { name: "Mei", email, password })).status).toBe(303);
  const created = await browser.post("/new-shop", { name, slug: "", currency: "CNY" });
  const shopId = /\/shops\/([^/]+)\//.exec(created.location ?? "")?.[1] ?? "";
  expect(shopId).not.toBe("");
  return { browser, email, shopId, api: apiAs(browser.cookies.get("stall_session") ?? "") };
}

const fieldValue = (html: string, name: string) =>
  new RegExp(`<input[^>]*name="${name}"[^>]*value="([^"]*)"`).exec(html)?.[1] ??
  new RegExp(`<input[^>]*value="([^"]*)"[^>]*name="${name}"`).exec(html)?.[1];
const isChecked = (html: string, name: string, value: string) =>
  new RegExp(`<input[^>]*name="${name}"[^>]*value="${value}"[^>]*checked`).test(html) ||
  new RegExp(`<input[^>]*checked[^>]*name="${name}"[^>]*value="${value}"`).test(html);

const policyOf = async (owner: Awaited<ReturnType<typeof ownerWithShop>>) =>
  (await owner.api.GET("/v1/shops/{shopId}/return-policy", { params: { path: { shopId: owner.shopId } } })).data
    ?.returnPolicy;

describe("taking things back", () => {
  it("is linked from settings, asks four questions, refuses an incomplete answer and saves a full one", async () => {
    const owner = await ownerWithShop("Mei's Noodles");
    const path = `/shops/${owner.shopId}/settings/returns`;
    expect((await owner.browser.get(`/shops/${owner.shopId}/settings`)).body).toContain(`href="${path}"`);
    const page = await owner.browser.get(path);
    expect(page.status).toBe(200);
    for (const words of [
      "Do you take things back?",
      "How many days do buyers have to send or bring it back?",
      "How do buyers return things?",
      "Who pays for sending it back?",
    ]) {
      expect(page.body).toContain(words);
    }

    const nothing = await owner.browser.post(path, {});
    expect(nothing.status).toBe(422);
    expect(nothing.body).toContain('href="#accepted"');
    expect(nothing.body).toContain("Say whether you take things back");

    const bad = await owner.browser.post(path, { accepted: "yes", days: "400", fees: "free" });
    expect(bad.status).toBe(422);
    expect(bad.body).toContain('href="#days"');
    expect(bad.body).toContain("Write a whole number of days from 1 to 365, or leave it empty");
    expect(bad.body).toContain('href="#method"');
    expect(bad.body).toContain("Say how buyers return things");
    expect(fieldValue(bad.body, "days")).toBe("400");
    expect(isChecked(bad.body, "accepted", "yes")).toBe(true);
    expect(isChecked(bad.body, "fees", "free")).toBe(true);
    expect(await policyOf(owner)).toBeNull();

    const saved = await owner.browser.post(path, {
      accepted: "yes",
      days: "14",
      method: "in_store",
      fees: "buyer_pays_shipping",
    });
    expect(saved.status).toBe(303);
    const after = await owner.browser.get(saved.location ?? "");
    expect(after.body).toContain("Saved.");
    expect(fieldValue(after.body, "days")).toBe("14");
    expect(isChecked(after.body, "method", "in_store")).toBe(true);
    expect(isChecked(after.body, "fees", "buyer_pays_shipping")).toBe(true);
    expect(await policyOf(owner)).toEqual({
      isAccepted: true,
      days: 14,
      method: "in_store",
      fees: "buyer_pays_shipping",
      countries: [],
    });

    // "No" needs nothing else; an empty day count means no limit.
    expect((await owner.browser.post(path, { accepted: "no", days: "x" })).status).toBe(303);
    expect((await policyOf(owner))?.isAccepted).toBe(false);
    expect(
      (await owner.browser.post(path, { accepted: "yes", days: "", method: "by_mail", fees: "free" })).status,
    ).toBe(303);
    expect(await policyOf(owner)).toMatchObject({ isAccepted: true, days: null, method: "by_mail", fees: "free" });
  });

  it("is in Chinese for a Chinese-reading owner", async () => {
    const owner = await ownerWithShop("梅记面馆", "zh-CN");
    const page = await owner.browser.get(`/shops/${owner.shopId}/settings/returns`);
    expect(page.body).toContain("你接受退货吗？");
    expect(page.body).toContain("寄回的运费谁付？");
    const bad = await owner.browser.post(`/shops/${owner.shopId}/settings/returns`, { accepted: "yes" });
    expect(bad.body).toContain("请选择买家怎么退货");
  });

  it("another shop's owner gets 404 and changes nothing", async () => {
    const a = await ownerWithShop("Shop A");
    const b = await ownerWithShop("Shop B");
    const path = `/shops/${a.shopId}/settings/returns`;
    const reply = await b.browser.get(path);
    expect(reply.status).toBe(404);
    expect(reply.body).not.toContain("Shop A");
    expect((await b.browser.post(path, { accepted: "no" })).status).toBe(404);
    expect(await policyOf(a)).toBeNull();
  });

  it("a helper without the settings right is told so and cannot save", async () => {
    const owner = await ownerWithShop("Helped shop");
    const helperEmail = uniqueEmail("helper");
    const invited = await owner.browser.post(`/shops/${owner.shopId}/team`, {
      do: "invite",
      rights: "orders",
      email: helperEmail,
    });
    expect(invited.status).toBe(200);
    const link = new URL(await linkFromMail(stack.mailDir, helperEmail, "/invites/accept?token="));
    const helper = new Browser(stack.dashboardUrl);
    const landing = await helper.get(`${link.pathname}${link.search}`);
    const signUpHref = /href="(\/sign-up\?next=[^"]+)"/.exec(landing.body)?.[1]?.replace(/&amp;/g, "&") ?? "";
    await helper.post(signUpHref, { name: "Grandson", email: helperEmail, password });
    const accept = await helper.get(`${link.pathname}${link.search}`);
    const token = /name="token" value="([^"]+)"/.exec(accept.body)?.[1] ?? "";
    expect((await helper.post("/invites/accept", { token })).status).toBe(303);

    const path = `/shops/${owner.shopId}/settings/returns`;
    const reply = await helper.get(path);
    expect(reply.status).toBe(403);
    expect(reply.body).toContain("Your helper access does not include settings.");
    expect((await helper.post(path, { accepted: "no" })).status).toBe(403);
    expect(await policyOf(owner)).toBeNull();
  });
});
