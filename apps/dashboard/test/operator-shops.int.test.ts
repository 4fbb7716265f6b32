// The operator console's shops, in the built dashboard against the real API, with JavaScript off (plain
// GETs and form posts): the first operator made by `npm run stall -- operator:create` and its printed
// link; owners get 404 on every console page; finding a shop, suspending it with a reason (question
// page, then "are you sure?"), the owner reading why and where to appeal, restoring it; entering the
// password again; and support access, which the owner switches on and off.
import { spawn } from "node:child_process";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newOwner, type Owner, password, pathOf, publishedShop, uniqueEmail } from "./owners.ts";
import { Browser, type Stack, startStack } from "./stack.ts";

const root = fileURLToPath(new URL("../../../", import.meta.url));
let stack: Stack;
let staff: Browser;
let shop: Owner;

/** `npm run stall -- operator:create <email>` on the stack's database; answers what it printed. */
function createOperator(email: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn("npm", ["run", "--silent", "stall", "--", "operator:create", email], {
      cwd: root,
      env: {
        ...process.env,
        DATABASE_URL: `file:${join(stack.dataDir, "stall.db")}`,
        PUBLIC_DASHBOARD_URL: stack.dashboardUrl,
        LOG_LEVEL: "silent",
      },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => {
      stdout += chunk;
    });
    child.stderr.on("data", (chunk) => {
      stderr += chunk;
    });
    child.on("error", reject);
    child.on("close", (code) => (code === 0 ? resolve(stdout) : reject(new Error(`exit ${code}: ${stderr}`))));
  });
}

const textOf = (html: string) =>
  html
    .replace(/<[^>]*>/g, " ")
    .replace(/&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, "&")
    .replace(/\s+/g, " ");

beforeAll(async () => {
  stack = await startStack();
  shop = await publishedShop(stack);
  // The first operator: the printed link is a "choose a password" link that signs in.
  const email = uniqueEmail("ops");
  const printed = await createOperator(email);
  const link = /https?:\/\/\S+\/reset-password\?token=\S+/.exec(printed)?.[0] ?? "";
  expect(link.startsWith(stack.dashboardUrl)).toBe(true);
  staff = new Browser(stack.dashboardUrl);
  const form = await staff.get(pathOf(link));
  expect(form.status).toBe(200);
  const token = /name="token" value="([^"]+)"/.exec(form.body)?.[1] ?? "";
  const chosen = await staff.post("/reset-password", { token, password: "operators keep the lights on" });
  expect(chosen.status).toBe(303);
  // An operator without a shop of their own lands in the console.
  expect((await staff.follow(chosen)).url).toBe("/operator");
}, 120_000);
afterAll(async () => {
  await stack?.stop();
});

describe("the console's pages", () => {
  it("are 404 to an owner, whatever the page and method", async () => {
    const pages = [
      "/operator",
      "/operator/shops",
      `/operator/shops?q=${encodeURIComponent(shop.email)}`,
      `/operator/shops/${shop.shopId}`,
      `/operator/shops/${shop.shopId}/suspend`,
      `/operator/shops/${shop.shopId}/restore`,
      `/operator/shops/${shop.shopId}/close`,
      "/operator/confirm",
    ];
    for (const path of pages) {
      const page = await shop.browser.get(path);
      expect(page.status, path).toBe(404);
      expect(page.body).not.toContain(shop.email);
    }
    const posted = await shop.browser.post(`/operator/shops/${shop.shopId}/suspend`, {
      step: "confirm",
      reason: "Mine now",
    });
    expect(posted.status).toBe(404);
    expect((await shop.browser.get(`/shops/${shop.shopId}`)).body).not.toContain("Mine now");
    const confirmed = await shop.browser.post("/operator/confirm", { password });
    expect(confirmed.status).toBe(404);
  });
});

describe("an operator, without JavaScript", () => {
  it("finds a shop, suspends it with a reason the owner reads, and opens it again", async () => {
    const found = await staff.get(`/operator/shops?q=${encodeURIComponent(shop.email)}`);
    expect(found.status).toBe(200);
    const detailHref = `/operator/shops/${shop.shopId}`;
    expect(found.body).toContain(`href="${detailHref}"`);
    expect(textOf(found.body)).toContain(shop.email);
    const filtered = await staff.get("/operator/shops?status=suspended");
    expect(filtered.body).not.toContain(`href="${detailHref}"`);

    const detail = await staff.get(detailHref);
    expect(detail.status).toBe(200);
    expect(textOf(detail.body)).toContain(shop.email);
    expect(detail.body).toContain(`href="${detailHref}/suspend"`);
    expect(detail.body).not.toContain(`href="${detailHref}/restore"`);

    const question = await staff.get(`${detailHref}/suspend`);
    expect(question.status).toBe(200);
    expect(question.body).toContain('<textarea id="reason" name="reason"');
    const empty = await staff.post(`${detailHref}/suspend`, { step: "reason", reason: "  " });
    expect(empty.status).toBe(422);
    expect(empty.body).toContain('href="#reason"');
    expect(textOf(empty.body)).toContain("Write the reason the owner will read");

    const reason = "Your photos show medicines, which Stall cannot sell.\nTake them down and write to us.";
    const check = await staff.post(`${detailHref}/suspend`, { step: "reason", reason });
    expect(check.status).toBe(200);
    expect(textOf(check.body)).toContain("Your photos show medicines");
    expect(check.body).toContain('name="step" value="confirm"');
    // Nothing has happened yet.
    expect(textOf((await shop.browser.get(`/shops/${shop.shopId}`)).body)).not.toContain("paused by Stall");

    const done = await staff.post(`${detailHref}/suspend`, { step: "confirm", reason });
    expect(done.status).toBe(303);
    expect(done.location).toBe(`${detailHref}?saved=suspend`);
    const after = await staff.follow(done);
    expect(textOf(after.body)).toContain("The shop is suspended. Its owner has been emailed the reason.");
    expect(after.body).toContain(`href="${detailHref}/restore"`);

    const home = await shop.browser.get(`/shops/${shop.shopId}`);
    expect(home.status).toBe(200);
    const homeText = textOf(home.body);
    expect(homeText).toContain("Your shop is paused by Stall");
    expect(homeText).toContain("Take them down and write to us.");
    expect(home.body).toContain('href="mailto:support@stall.localhost"');

    const restored = await staff.post(`${detailHref}/restore`, { step: "confirm", reason: "Photos taken down" });
    expect(restored.location).toBe(`${detailHref}?saved=restore`);
    expect(textOf((await shop.browser.get(`/shops/${shop.shopId}`)).body)).not.toContain("paused by Stall");
    // Twice is refused plainly, without a crash.
    const twice = await staff.post(`${detailHref}/restore`, { step: "confirm", reason: "Again" });
    expect(twice.status).toBe(409);
    expect(textOf(twice.body)).toContain("the shop's status has changed");
    // The owner's record of changes says who did it, in plain words.
    const team = textOf((await shop.browser.get(`/shops/${shop.shopId}/team`)).body);
    expect(team).toContain("Stall paused the shop");
    expect(team).toContain("Stall opened the shop again");
    // The shop's trail shows both, with the reasons.
    const trail = textOf((await staff.get(detailHref)).body);
    expect(trail).toContain("operator.shop.suspend");
    expect(trail).toContain("operator.shop.restore");
    expect(trail).toContain("Photos taken down");
  });

  it("enters the password again and goes back to the action, the reason kept", async () => {
    const next = `/operator/shops/${shop.shopId}/close?reason=${encodeURIComponent("Owner asked")}`;
    const page = await staff.get(`/operator/confirm?next=${encodeURIComponent(next)}`);
    expect(page.status).toBe(200);
    const wrong = await staff.post(`/operator/confirm?next=${encodeURIComponent(next)}`, { password: "not it" });
    expect(wrong.status).toBe(422);
    expect(wrong.body).toContain('href="#password"');
    const right = await staff.post(`/operator/confirm?next=${encodeURIComponent(next)}`, {
      password: "operators keep the lights on",
    });
    expect(right.status).toBe(303);
    expect(right.location).toBe(next);
    const back = await staff.get(next);
    expect(back.body).toContain(">Owner asked</textarea>");
    // Somewhere else is not a place to go back to.
    const away = await staff.post(`/operator/confirm?next=${encodeURIComponent("https://evil.test/")}`, {
      password: "operators keep the lights on",
    });
    expect(away.location).toBe("/operator");
  });
});

describe("support access", () => {
  it("lets an operator look (read-only) only while the owner allows it", async () => {
    const owner = await newOwner(stack, "Lin's Dumplings");
    const other = await newOwner(stack, "Other shop");
    expect((await staff.get(`/shops/${owner.shopId}`)).status).toBe(404);
    // Only its owner sees the switch; the owner of another shop gets 404.
    expect((await other.browser.get(`/shops/${owner.shopId}/settings/support`)).status).toBe(404);
    const settings = await owner.browser.get(`/shops/${owner.shopId}/settings`);
    expect(settings.body).toContain(`href="/shops/${owner.shopId}/settings/support"`);
    const missing = await owner.browser.post(`/shops/${owner.shopId}/settings/support`, {});
    expect(missing.status).toBe(422);
    const on = await owner.browser.post(`/shops/${owner.shopId}/settings/support`, { duration: "24h" });
    expect(on.location).toBe(`/shops/${owner.shopId}/settings/support?saved=1`);
    expect(textOf((await owner.browser.follow(on)).body)).toContain("Stall's team can look until");

    const detail = await staff.get(`/operator/shops/${owner.shopId}`);
    expect(detail.body).toContain(`href="/shops/${owner.shopId}"`);
    const visit = await staff.get(`/shops/${owner.shopId}`);
    expect(visit.status).toBe(200);
    expect(visit.body).toContain("data-support-visit");
    expect(textOf(visit.body)).toContain("Lin's Dumplings");
    expect(textOf(visit.body)).toContain("Stall support, looking only");
    // Owner-only pages stay closed; changes are refused by the API.
    expect((await staff.get(`/shops/${owner.shopId}/settings/support`)).status).toBe(403);

    const off = await owner.browser.post(`/shops/${owner.shopId}/settings/support`, { duration: "off" });
    expect(off.status).toBe(303);
    expect((await staff.get(`/shops/${owner.shopId}`)).status).toBe(404);
    // The shop's trail shows the visit, to the operator and, in plain words, to the owner.
    const trail = textOf((await staff.get(`/operator/shops/${owner.shopId}`)).body);
    expect(trail).toContain("support.GET /v1/shops/:shopId");
    const team = textOf((await owner.browser.get(`/shops/${owner.shopId}/team`)).body);
    expect(team).toContain("Stall support looked at a page (read only)");
  });
});
