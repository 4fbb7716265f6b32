// The operator console's audit log against the real API: the list with its filters (a plain GET form,
// no JavaScript), pages, the CSV download, and the 404 everyone but an operator gets.
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
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

const root = fileURLToPath(new URL("../../../", import.meta.url));

/**
 * Makes an account an operator by writing its role in the API's database from another process (what an
 * operator-creating command does); the dashboard itself never touches the database.
 */
function makeOperator(email: string): void {
  const script = `
    const { createClient } = await import("@libsql/client");
    const client = createClient({ url: "file:" + process.argv[1], timeout: 5000 });
    const result = await client.execute({ sql: "UPDATE users SET role = 'operator' WHERE email = ?", args: [process.argv[2]] });
    process.exit(result.rowsAffected === 1 ? 0 : 1);
  `;
  const child = spawnSync(
    process.execPath,
    ["--input-type=module", "-e", script, join(stack.dataDir, "stall.db"), email],
    { cwd: root, encoding: "utf8" },
  );
  if (child.status !== 0) throw new Error(`could not make ${email} an operator: ${child.stderr}`);
}

async function newOperator() {
  const browser = new Browser(stack.dashboardUrl);
  const email = uniqueEmail("operator");
  expect((await browser.post("/sign-up", { name: "Ops", email, password })).status).toBe(303);
  makeOperator(email);
  return { browser, email };
}

/** The entries shown (each list item's text), not the rest of the page (whose form repeats the filters). */
const entriesOf = (html: string) =>
  [...(/<ul class="audit-list"[^>]*>([\s\S]*?)<\/ul>/.exec(html)?.[1] ?? "").matchAll(/<li>([\s\S]*?)<\/li>/g)].map(
    (match) => textOf(match[1] ?? "").trim(),
  );

const textOf = (html: string) =>
  html
    .replace(/<[^>]+>/g, " ")
    .replace(/&#39;/g, "'")
    .replace(/\s+/g, " ");

describe("the operator's audit log page", () => {
  it("lists entries newest first, filters by shop and person, and downloads the same entries as CSV", async () => {
    const owner = await newOwner(stack, "Audit Noodles");
    const other = await newOwner(stack, "Other Noodles");
    const ops = await newOperator();

    const all = await ops.browser.get("/operator/audit");
    expect(all.status).toBe(200);
    expect(all.body).toContain('href="/operator/audit.csv"');
    expect(textOf(all.body)).toContain("Audit log");
    const everyone = entriesOf(all.body).join("\n");
    expect(everyone).toContain(owner.email);
    expect(everyone).toContain(other.email);

    const byShop = await ops.browser.get(`/operator/audit?shop=${owner.shopId}`);
    expect(byShop.status).toBe(200);
    const shopEntries = entriesOf(byShop.body);
    expect(shopEntries.length).toBeGreaterThan(0);
    expect(shopEntries[0]).toContain("shop.created");
    expect(shopEntries[0]).toContain(`${owner.email} (owner)`);
    expect(shopEntries.every((entry) => entry.includes(owner.shopId) && !entry.includes(other.shopId))).toBe(true);
    expect(byShop.body).toContain(`value="${owner.shopId}"`);
    expect(byShop.body).toContain(`href="/operator/audit.csv?shop=${owner.shopId}"`);

    const byPerson = entriesOf(
      (await ops.browser.get(`/operator/audit?actor=${encodeURIComponent(other.email)}&action=auth.`)).body,
    );
    expect(byPerson.map((entry) => entry.split(" ")[0])).toEqual(["auth.signed_up"]);
    expect(byPerson[0]).toContain("No shop");

    const csv = await ops.browser.get(`/operator/audit.csv?shop=${owner.shopId}`);
    expect(csv.status).toBe(200);
    expect(csv.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(csv.headers.get("content-disposition")).toMatch(/^attachment; filename="stall-audit-.*\.csv"$/);
    const lines = csv.body.trim().split("\n");
    expect(lines[0]).toMatch(/^time,shop_id,shop,actor_user_id,actor_email/);
    expect(lines.length).toBeGreaterThan(1);
    expect(lines.slice(1).every((line) => line.includes(owner.shopId))).toBe(true);

    // The download is itself in the log, as the operator's.
    const after = entriesOf((await ops.browser.get(`/operator/audit?actor=${encodeURIComponent(ops.email)}`)).body);
    expect(after[0]).toContain("operator.audit_exported");
    expect(after[0]).toContain(`${ops.email} (operator)`);
  });

  it("pages along the API's cursor and keeps the filters", async () => {
    const ops = await newOperator();
    const owner = await newOwner(stack);
    // Enough entries in one shop for two pages of 50 (straight through the API: faster than 51 forms).
    const api = apiAs(stack, sessionToken(owner.browser));
    for (let index = 0; index < 51; index++) {
      const renamed = await api.PATCH("/v1/shops/{shopId}", {
        params: { path: { shopId: owner.shopId } },
        body: { name: `Noodles ${index}` },
      });
      expect(renamed.response.status).toBe(200);
    }
    const first = await ops.browser.get(`/operator/audit?shop=${owner.shopId}`);
    const next = /href="(\/operator\/audit\?shop=[^"]+&amp;after=[^"]+)"/.exec(first.body)?.[1];
    expect(next).toBeDefined();
    const second = await ops.browser.get((next ?? "").replaceAll("&amp;", "&"));
    expect(second.status).toBe(200);
    const firstIds = entriesOf(first.body);
    const secondIds = entriesOf(second.body);
    // 51 changes and the shop's creation: 50 on the first page, 2 on the second.
    expect(firstIds).toHaveLength(50);
    expect(secondIds).toHaveLength(2);
    expect(secondIds.at(-1)).toContain("shop.created");
    expect(second.body).toContain(`href="/operator/audit?shop=${owner.shopId}"`);
  });

  it("says which day is wrong, next to the field, without calling the API", async () => {
    const ops = await newOperator();
    const bad = await ops.browser.get("/operator/audit?from=2026-02-30&to=2026-01-01");
    expect(bad.status).toBe(422);
    expect(bad.body).toContain('<a href="#from">Enter a day like 2026-12-03</a>');
    expect(bad.body).toContain('id="from-error"');
    const backwards = await ops.browser.get("/operator/audit?from=2026-12-03&to=2026-12-01");
    expect(backwards.status).toBe(422);
    expect(backwards.body).toContain('<a href="#to">The last day must not be before the first</a>');
    const zh = new Browser(stack.dashboardUrl);
    zh.cookies.set("stall_session", ops.browser.cookies.get("stall_session") ?? "");
    zh.cookies.set("stall_lang", "zh-CN");
    const chinese = await zh.get("/operator/audit");
    expect(chinese.status).toBe(200);
    expect(chinese.body).toContain("操作记录");
  });

  it("is a 404 for an owner and for someone signed out, the page and the CSV alike", async () => {
    const owner = await newOwner(stack);
    for (const path of ["/operator/audit", "/operator/audit.csv"]) {
      expect((await owner.browser.get(path)).status).toBe(404);
    }
    const stranger = new Browser(stack.dashboardUrl);
    const signedOut = await stranger.get("/operator/audit");
    expect([303, 404]).toContain(signedOut.status);
  });
});
