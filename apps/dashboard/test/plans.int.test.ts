// The built dashboard against the real API: the owner's "Your plan" page and the plan limits said in the
// owner's language on the pages that reach them; the operator console's plans (list, new, change, move
// a shop), shown only to operators (everyone else gets the plain 404), working with plain form posts.
import { join } from "node:path";
import { dashboardMessages } from "@stall/i18n/dashboard";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiAs, newOwner, password, sessionToken, uniqueEmail } from "./owners.ts";
import { Browser, type Stack, startStack } from "./stack.ts";

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
}, 60_000);
afterAll(async () => {
  await stack?.stop();
});

const en = dashboardMessages.en;
const zh = dashboardMessages["zh-CN"];
const textOf = (html: string) =>
  html
    .replace(/<[^>]+>/g, " ")
    .replace(/&amp;/g, "&")
    .replace(/&#39;/g, "'")
    .replace(/\s+/g, " ");

/** Runs SQL on the API's database file, as `npm run stall` commands do (loaded by a name in a variable, so
 * the dashboard's DOM-typed check does not read the database package). */
async function sql(statement: string, args: (string | number)[]) {
  const name = "@stall/db";
  const { createDb } = (await import(name)) as {
    createDb: (url: string) => Promise<{ client: { execute: (q: unknown) => Promise<unknown>; close(): void } }>;
  };
  const database = await createDb(`file:${join(stack.dataDir, "stall.db")}`);
  try {
    await database.client.execute({ sql: statement, args });
  } finally {
    database.client.close();
  }
}

/** A form with repeated fields (checkboxes), as a browser posts it. */
function formOf(fields: Record<string, string | string[]>): FormData {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields))
    for (const item of Array.isArray(value) ? value : [value]) form.append(name, item);
  return form;
}

/** A signed-in operator (made one in the database, as `stall operator:create` would). */
async function newOperator() {
  const browser = new Browser(stack.dashboardUrl);
  const email = uniqueEmail("operator");
  expect((await browser.post("/sign-up", { name: "Op", email, password })).status).toBe(303);
  await sql("UPDATE users SET role = 'operator' WHERE email = ?", [email]);
  return { browser, email };
}

describe("the owner's plan page", () => {
  it("shows each limit as 'used of allowed' in plain words, linked from settings, in English and Chinese", async () => {
    const owner = await newOwner(stack);
    const settings = await owner.browser.get(`/shops/${owner.shopId}/settings`);
    expect(settings.body).toContain(`href="/shops/${owner.shopId}/plan"`);
    const page = await owner.browser.get(`/shops/${owner.shopId}/plan`);
    expect(page.status).toBe(200);
    const words = textOf(page.body);
    expect(words).toContain("Your plan: Free");
    expect(words).toContain("0 of 500 products");
    expect(words).toContain("0 KB of 1 GB");
    expect(words).toContain("0 of 2 people (open invitations count)");
    expect(words).toContain("Pays when collecting");
    expect(words).toContain(en.planAskContact("support@stall.localhost"));

    await owner.browser.get(`/language?to=zh-CN&next=${encodeURIComponent(`/shops/${owner.shopId}/plan`)}`);
    const chinese = textOf((await owner.browser.get(`/shops/${owner.shopId}/plan`)).body);
    expect(chinese).toContain("您的套餐：Free");
    expect(chinese).toContain("500 件商品中已用 0 件");
    expect(chinese).toContain(zh.planAskContact("support@stall.localhost"));
  });

  it("is the owner's own shop only: another owner gets 404 and sees nothing of it", async () => {
    const a = await newOwner(stack, "Shop A");
    const b = await newOwner(stack, "Shop B");
    const page = await b.browser.get(`/shops/${a.shopId}/plan`);
    expect(page.status).toBe(404);
    expect(page.body).not.toContain("Shop A");
  });
});

describe("limits said on the pages that reach them", () => {
  it("the invite form says the plan's limit of people in the owner's language, in the error summary", async () => {
    const owner = await newOwner(stack);
    const team = `/shops/${owner.shopId}/team`;
    for (const name of ["one", "two"]) {
      const sent = await owner.browser.post(team, {
        do: "invite",
        rights: "all",
        email: `${name}-${owner.shopId}@example.test`,
      });
      expect(sent.status).toBe(200);
    }
    const refused = await owner.browser.post(team, { do: "invite", rights: "all" });
    expect(refused.status).toBe(422);
    const summary = /<div class="error-summary"[\s\S]*?<\/div>/.exec(refused.body)?.[0] ?? "";
    expect(textOf(summary)).toContain(
      "Your plan, Free, allows 2 people besides you, and open invitations count. Remove someone or withdraw an invitation to make room. To move to a bigger plan, write to support@stall.localhost.",
    );
    expect(summary).toContain('href="#rights"');
  });

  it("the own-address page says the plan has room for one, in Chinese", async () => {
    const owner = await newOwner(stack);
    await owner.browser.get(`/language?to=zh-CN&next=/`);
    const path = `/shops/${owner.shopId}/settings/domain`;
    expect((await owner.browser.post(path, { do: "add", hostname: "one.example.com" })).status).toBe(303);
    // The first claim holds the plan's only place until it lapses: a second address is refused.
    const refused = await owner.browser.post(path, { do: "add", hostname: "two.example.com" });
    expect(refused.status).toBe(422);
    expect(textOf(refused.body)).toContain("您的套餐（Free）最多可连接 1 个自己的网址。");
  });
});

describe("the operator console's plans", () => {
  it("is a plain 404 to owners and strangers", async () => {
    const owner = await newOwner(stack);
    for (const path of [
      "/operator/plans",
      "/operator/plans/new",
      "/operator/plans/plan_free",
      "/operator/plans/assign",
    ]) {
      expect((await owner.browser.get(path)).status, path).toBe(404);
    }
    expect((await owner.browser.post("/operator/plans/new", { name: "Mine" })).status).toBe(404);
    const stranger = new Browser(stack.dashboardUrl);
    expect((await stranger.get("/operator/plans")).status).not.toBe(200);
  });

  it("lists plans, makes one with plain form posts, changes it, and moves a shop to it", async () => {
    const staff = await newOperator();
    const owner = await newOwner(stack, "Noodle stall");
    const list = await staff.browser.get("/operator/plans");
    expect(list.status).toBe(200);
    expect(textOf(list.body)).toContain("Free");
    expect(textOf(list.body)).toContain(en.opPlansDefault);

    const wrong = await staff.browser.post("/operator/plans/new", {
      name: "",
      maxProducts: "lots",
      storageMb: "2048",
      maxMembers: "5",
      maxCustomDomains: "2",
      applicationFeeBasisPoints: "150",
    });
    expect(wrong.status).toBe(422);
    expect(wrong.body).toContain('href="#name"');
    expect(wrong.body).toContain('href="#maxProducts"');
    expect(wrong.body).toContain('href="#paymentMethods"');

    const made = await staff.browser.post(
      "/operator/plans/new",
      formOf({
        name: "Market plus",
        description: "For stalls at two markets",
        maxProducts: "2000",
        storageMb: "2048",
        maxMembers: "5",
        maxCustomDomains: "2",
        paymentMethods: ["pay_at_pickup", "bank_transfer"],
        applicationFeeBasisPoints: "150",
      }),
    );
    expect(made.status).toBe(303);
    expect(made.location).toBe("/operator/plans?created=1");
    const plans = (await apiAs(stack, sessionToken(staff.browser)).GET("/v1/operator/plans")).data?.items ?? [];
    const plan = plans.find((item) => item.name === "Market plus");
    expect(plan).toMatchObject({
      storageQuotaBytes: 2048 * 1024 * 1024,
      maxMembers: 5,
      applicationFeeBasisPoints: 150,
    });

    const edit = await staff.browser.get(`/operator/plans/${plan?.id}`);
    expect(edit.body).toContain('value="2048"');
    const changed = await staff.browser.post(
      `/operator/plans/${plan?.id}`,
      formOf({
        name: "Market plus",
        description: "For stalls at two markets",
        maxProducts: "3000",
        storageMb: "2048",
        maxMembers: "5",
        maxCustomDomains: "2",
        paymentMethods: ["pay_at_pickup", "bank_transfer"],
        applicationFeeBasisPoints: "150",
      }),
    );
    expect(changed.location).toBe("/operator/plans?saved=1");

    const find = await staff.browser.get("/operator/plans/assign?shop=shop_nothing");
    expect(find.status).toBe(404);
    expect(textOf(find.body)).toContain(en.opAssignShopUnknown);
    const assign = `/operator/plans/assign?shop=${owner.shopId}`;
    const before = textOf((await staff.browser.get(assign)).body);
    expect(before).toContain("Plan of Noodle stall");
    expect(before).toContain("Now on: Free");
    const moved = await staff.browser.post(assign, { planId: plan?.id ?? "" });
    expect(moved.status).toBe(303);
    expect(textOf((await staff.browser.follow(moved)).body)).toContain("Moved to Market plus.");

    const ownerPage = textOf((await owner.browser.get(`/shops/${owner.shopId}/plan`)).body);
    expect(ownerPage).toContain("Your plan: Market plus");
    expect(ownerPage).toContain("0 of 3,000 products");
    expect(ownerPage).toContain("1.5% of each card payment");
  });
});
