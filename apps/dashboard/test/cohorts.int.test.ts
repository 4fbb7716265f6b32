// Programmes (cohorts) in the built dashboard against the real API, with JavaScript off (plain GETs and
// form posts): an operator starts a programme; a new owner follows its invitation link, signs up (saying
// an age band) and opens a shop from a trade's template, which joins the programme; the operator reads
// the figures with their charts and downloads the CSV; ending the programme changes what the link says;
// owners get 404 on every programme page; the account page changes the age band.
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { password, uniqueEmail } from "./owners.ts";
import { Browser, type Stack, startStack } from "./stack.ts";

let stack: Stack;
let staff: Browser;

/**
 * Makes an account an operator, as `npm run stall -- operator:create` does, by writing its role in the
 * API's database file (the client is loaded by a name held in a variable: the dashboard itself never
 * reaches the database, and its typecheck does not see this).
 */
async function makeOperator(email: string) {
  const name = "@libsql/client";
  const { createClient } = (await import(name)) as {
    createClient: (options: { url: string }) => {
      execute: (query: { sql: string; args: string[] }) => Promise<{ rowsAffected: number }>;
      close: () => void;
    };
  };
  const client = createClient({ url: `file:${join(stack.dataDir, "stall.db")}` });
  try {
    const result = await client.execute({ sql: "UPDATE users SET role = 'operator' WHERE email = ?", args: [email] });
    expect(result.rowsAffected).toBe(1);
  } finally {
    client.close();
  }
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
  staff = new Browser(stack.dashboardUrl);
  const email = uniqueEmail("programmes");
  expect((await staff.post("/sign-up", { name: "Ops", email, password })).status).toBe(303);
  await makeOperator(email);
}, 120_000);
afterAll(async () => {
  await stack?.stop();
});

async function startProgramme(name: string) {
  const created = await staff.post("/operator/cohorts/new", {
    name,
    description: "Twelve stalls go online.\nWe help.",
  });
  expect(created.status).toBe(303);
  const cohortPath = created.location?.replace(/\?created=1$/, "") ?? "";
  expect(cohortPath).toMatch(/^\/operator\/cohorts\/coh_[0-9a-z]+$/);
  const page = await staff.get(created.location ?? "");
  const joinUrl = /id="invite-link">([^<]+)</.exec(page.body)?.[1] ?? "";
  expect(joinUrl).toMatch(/\/join\/[A-Za-z0-9_-]{16}$/);
  return { cohortPath, joinPath: new URL(joinUrl).pathname, page };
}

describe("programmes in the console", () => {
  it("are started from the list, and a blank name is refused next to the field", async () => {
    const list = await staff.get("/operator/cohorts");
    expect(list.status).toBe(200);
    expect(list.body).toContain('href="/operator/cohorts/new"');
    const blank = await staff.post("/operator/cohorts/new", { name: " ", description: "" });
    expect(blank.status).toBe(422);
    expect(blank.body).toContain('href="#name"');
    expect(blank.body).toContain('id="name-error"');

    const { cohortPath, page } = await startProgramme("Riverside market 2026");
    expect(page.body).toContain("The programme is started. Share its invitation link.");
    expect((await staff.get("/operator/cohorts")).body).toContain(`href="${cohortPath}"`);
  });

  it("answer 404 to owners, on every programme page", async () => {
    const { cohortPath, joinPath } = await startProgramme("Hidden from owners");
    const owner = new Browser(stack.dashboardUrl);
    expect((await owner.post("/sign-up", { name: "Mei", email: uniqueEmail("owner"), password })).status).toBe(303);
    for (const path of ["/operator/cohorts", "/operator/cohorts/new", cohortPath, `${cohortPath}/figures.csv`]) {
      const answer = await owner.get(path);
      expect(answer.status, path).toBe(404);
      expect(answer.body, path).not.toContain("Hidden from owners");
    }
    expect((await owner.post(cohortPath, {})).status).toBe(404);
    // The invitation page is public: it names the programme and nothing else of it.
    expect((await owner.get(joinPath)).status).toBe(200);
  });
});

describe("the invitation link", () => {
  it("explains the programme, then sign-up and a shop from a template that joins it; the figures show it", async () => {
    const { cohortPath, joinPath } = await startProgramme("Hill farms 2026");
    const owner = new Browser(stack.dashboardUrl);
    const landing = await owner.get(joinPath);
    expect(landing.status).toBe(200);
    expect(textOf(landing.body)).toContain("Join Hill farms 2026");
    expect(textOf(landing.body)).toContain("It never sees your buyers' names or details.");
    const signUpHref = /href="(\/sign-up\?next=[^"]+)"/.exec(landing.body)?.[1]?.replace(/&amp;/g, "&") ?? "";
    expect(signUpHref).toContain("join");

    const form = await owner.get(signUpHref);
    expect(form.body).toContain("Only counted in groups of 5 or more");
    expect(form.body).toMatch(/value="none"\s+checked/);
    const email = uniqueEmail("farmer");
    const signedUp = await owner.post(signUpHref, { name: "Ana", email, password, ageBand: "50_64" });
    expect(signedUp.status).toBe(303);
    const newShop = signedUp.location ?? "";
    expect(newShop).toMatch(/^\/new-shop\?join=/);
    const nameStep = await owner.get(newShop);
    expect(textOf(nameStep.body)).toContain("Your shop will join Hill farms 2026.");
    expect(nameStep.body).toMatch(/name="template" value="none"\s+checked/);
    const created = await owner.post(newShop, {
      name: "Ana's Farm",
      slug: "",
      currency: "GBP",
      template: "farm_produce",
    });
    expect(created.status).toBe(303);
    const shopId = /\/shops\/([^/]+)\//.exec(created.location ?? "")?.[1] ?? "";

    // The template's pages and collections are the owner's to change.
    const pages = await owner.get(`/shops/${shopId}/shop-pages`);
    expect(textOf(pages.body)).toContain("About the farm");
    expect(textOf(pages.body)).toContain("How to order");
    expect(textOf((await owner.get(`/shops/${shopId}/collections`)).body)).toContain("Eggs and dairy");

    const figures = await staff.get(cohortPath);
    expect(figures.status).toBe(200);
    const text = textOf(figures.body);
    expect(figures.body).toMatch(/<h1>Figures for Hill farms 2026<\/h1>/);
    expect(text).toContain("Ana's Farm");
    expect(figures.body).toContain('role="img"');
    expect(figures.body).toContain('<title id="chart-orders-title">Orders each week</title>');
    expect(figures.body).toContain('<title id="chart-shops-title">New shops each week</title>');
    expect(figures.body).not.toContain("<script src");
    // One owner: no ages at all.
    expect(text).toContain("Not shown: the programme has fewer than 5 owners.");
    expect(text).not.toMatch(/50 to 64/);

    const csv = await staff.get(`${cohortPath}/figures.csv`);
    expect(csv.status).toBe(200);
    expect(csv.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(csv.headers.get("content-disposition")).toContain("hill-farms-2026-figures.csv");
    expect(csv.body.split("\n")[0]).toBe("week_starting,shops_created,shops_published,shops_with_first_order,orders");
  });

  it("of an ended programme says so plainly and adds no shop", async () => {
    const { cohortPath, joinPath } = await startProgramme("Winter fair");
    const ended = await staff.post(cohortPath, {});
    expect(ended.status).toBe(303);
    expect(textOf((await staff.get(cohortPath)).body)).toContain("Its invitation link no longer adds shops.");
    const owner = new Browser(stack.dashboardUrl);
    const landing = await owner.get(joinPath);
    expect(landing.status).toBe(200);
    expect(textOf(landing.body)).toContain("Winter fair has ended");
    expect(landing.body).not.toContain("/sign-up?next=");
    expect((await owner.get("/join/not-a-real-code")).status).toBe(404);
  });
});

describe("the account page", () => {
  it("changes the age band, and 'prefer not to say' takes it back", async () => {
    const owner = new Browser(stack.dashboardUrl);
    expect((await owner.post("/sign-up", { name: "Mei", email: uniqueEmail("account"), password })).status).toBe(303);
    const page = await owner.get("/account");
    expect(page.status).toBe(200);
    expect(page.body).toMatch(/value="none"\s+checked/);
    const saved = await owner.post("/account", { ageBand: "65_plus" });
    expect(saved.location).toBe("/account?saved=1");
    const after = await owner.get("/account?saved=1");
    expect(after.body).toMatch(/value="65_plus"\s+checked/);
    expect(textOf(after.body)).toContain("Saved.");
    await owner.post("/account", { ageBand: "none" });
    expect((await owner.get("/account")).body).toMatch(/value="none"\s+checked/);
    // Every page links to it from the top bar.
    expect((await owner.get("/new-shop")).body).toContain('href="/account"');
  });
});
