// Programmes (cohorts) end to end through the API: an operator starts one, shops opened through its
// invitation join it (with a trade's template if chosen), real orders make its figures, owners' age bands
// appear only for 5 owners or more, and every operator action is in the audit log with its IP.
import { forShop, platform } from "@stall/db";
import { WEB_MEDIAN_PAGE_BYTES } from "@stall/domain";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type Call, client, operator } from "./client.ts";
import { createHarness, type Harness, type Json } from "./harness.ts";

let harness: Harness;
let staff: Awaited<ReturnType<typeof operator>>;
beforeAll(async () => {
  harness = await createHarness();
  staff = await operator(harness);
});
afterAll(() => harness?.cleanup());
// Tests move the clock on; operator actions need a password entered in the last 15 minutes.
beforeEach(async () => {
  staff = await operator(harness);
});

const DAY = 24 * 60 * 60 * 1000;
let counter = 0;

/** Signs up an owner (with an age band, or none) and opens a shop through the invitation code. */
async function joiningOwner(
  code: string | undefined,
  options: { ageBand?: string | null; currency?: string; template?: string; locale?: string } = {},
) {
  counter += 1;
  const signup = await client(harness).post("/v1/auth/signup", {
    email: `cohort-owner${counter}@example.test`,
    password: "correct horse battery",
    name: `Owner ${counter}`,
    ...(options.ageBand !== undefined ? { ageBand: options.ageBand } : {}),
  });
  expect(signup.status, signup.text).toBe(201);
  const api = client(harness, signup.body.token as string);
  const shop = await api.post("/v1/shops", {
    name: `Stall ${counter}`,
    slug: `stall-${counter}`,
    currency: options.currency ?? "GBP",
    locale: options.locale ?? "en",
    ...(code ? { cohortCode: code } : {}),
    ...(options.template ? { template: options.template } : {}),
  });
  return { api, signup, shop, shopId: shop.body.id as string, base: `/v1/shops/${shop.body.id}` };
}

/** Publishes the shop and places a pay-at-pickup order of `price`. */
async function sell(owner: Awaited<ReturnType<typeof joiningOwner>>, price: number) {
  const product = await owner.api.post(`${owner.base}/products`, { title: "Loaf", variants: [{ price, stock: 50 }] });
  const pickup = await owner.api.post(`${owner.base}/pickup-points`, { name: "Market", address: "Town green" });
  expect((await owner.api.post(`${owner.base}/publish`)).status).toBe(200);
  const order = await client(harness).post(
    `/v1/storefront/${owner.shop.body.slug}.localhost/checkouts`,
    {
      lines: [{ variantId: product.body.variants[0].id, quantity: 1 }],
      buyer: { name: "Ana", email: "ana@example.test" },
      fulfilment: { type: "pickup", pickupPointId: pickup.body.id },
      paymentMethod: "pay_at_pickup",
    },
    { "idempotency-key": `cohort-order-${++counter}` },
  );
  expect(order.status, order.text).toBe(201);
  return order.body.order as Json;
}

async function newCohort(name: string): Promise<Call> {
  const created = await staff.api.post("/v1/operator/cohorts", { name, description: "Stalls going online together" });
  expect(created.status, created.text).toBe(201);
  return created;
}

describe("programmes", () => {
  // Found by the fuzzer: an empty patch was a 500 (an UPDATE with no columns); it changes nothing.
  it("answer an empty patch with the programme as it was", async () => {
    const cohort = (await newCohort("Harbour makers")).body;
    const unchanged = await staff.api.patch(`/v1/operator/cohorts/${cohort.id}`, {});
    expect(unchanged.status).toBe(200);
    expect(unchanged.body).toMatchObject({ id: cohort.id, name: "Harbour makers", description: cohort.description });
  });

  it("are started, listed, renamed and ended by an operator, each action audited with its address", async () => {
    const created = await newCohort("Riverside market 2026");
    const cohort = created.body;
    expect(cohort).toMatchObject({ name: "Riverside market 2026", shopCount: 0, archivedAt: null });
    expect(cohort.inviteCode).toMatch(/^[A-Za-z0-9_-]{16}$/);
    expect(cohort.joinUrl.endsWith(`/join/${cohort.inviteCode}`)).toBe(true);

    const listed = await staff.api.get("/v1/operator/cohorts");
    expect(listed.body.items.map((item: Json) => item.id)).toContain(cohort.id);

    const renamed = await staff.api.patch(`/v1/operator/cohorts/${cohort.id}`, { name: "Riverside market 2026/27" });
    expect(renamed.body.name).toBe("Riverside market 2026/27");
    const archived = await staff.api.post(`/v1/operator/cohorts/${cohort.id}/archive`);
    expect(archived.body.archivedAt).toBe(harness.clock.now());

    const entries = (
      await harness.database.client.execute({
        sql: "SELECT action, actor_user_id, ip, target_id FROM audit_log WHERE target_id = ? ORDER BY created_at, id",
        args: [cohort.id],
      })
    ).rows;
    expect(entries.map((row) => row.action)).toEqual(["cohort.create", "cohort.update", "cohort.archive"]);
    for (const row of entries) {
      expect(row.actor_user_id).toBe(staff.userId);
      expect(typeof row.ip).toBe("string");
    }

    // Archiving again changes nothing and records nothing.
    expect((await staff.api.post(`/v1/operator/cohorts/${cohort.id}/archive`)).body.archivedAt).toBe(
      archived.body.archivedAt,
    );
  });

  it("refuse bad input plainly and answer 404 for an unknown programme", async () => {
    const blank = await staff.api.post("/v1/operator/cohorts", { name: "  " });
    expect(blank.status).toBe(422);
    expect(blank.headers.get("content-type")).toContain("application/problem+json");
    expect(blank.body.errors[0].path).toBe("name");
    const unknown = await staff.api.get("/v1/operator/cohorts/coh_unknown/figures");
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get("content-type")).toContain("application/problem+json");
  });
});

describe("the invitation link", () => {
  it("tells anyone the programme's name, and a shop opened with it joins the programme", async () => {
    const cohort = (await newCohort("Hill farms")).body;
    const invitation = await client(harness).get(`/v1/cohort-invitations/${cohort.inviteCode}`);
    expect(invitation.status).toBe(200);
    expect(invitation.body).toEqual({ name: "Hill farms", description: "Stalls going online together", isOpen: true });
    expect((await client(harness).get("/v1/cohort-invitations/nope")).status).toBe(404);

    const owner = await joiningOwner(cohort.inviteCode);
    expect(owner.shop.status, owner.shop.text).toBe(201);
    const row = await platform(harness.database.db).shops.findById(owner.shopId);
    expect(row?.cohortId).toBe(cohort.id);
    expect((await staff.api.get(`/v1/operator/cohorts/${cohort.id}`)).body.shopCount).toBe(1);
  });

  it("refuses an unknown code and, once the programme has ended, says so and opens no shop", async () => {
    const unknown = await joiningOwner("not-a-code");
    expect(unknown.shop.status).toBe(422);
    expect(unknown.shop.body.errors).toEqual([{ path: "cohortCode", message: "Unknown invitation" }]);

    const cohort = (await newCohort("Winter fair")).body;
    await staff.api.post(`/v1/operator/cohorts/${cohort.id}/archive`);
    expect((await client(harness).get(`/v1/cohort-invitations/${cohort.inviteCode}`)).body.isOpen).toBe(false);
    const late = await joiningOwner(cohort.inviteCode);
    expect(late.shop.status).toBe(409);
    expect(late.shop.body.detail).toBe(
      'The programme "Winter fair" has ended: its invitation link no longer adds shops. You can still open a shop without it.',
    );
    expect((await late.api.get("/v1/me")).body.memberships).toEqual([]);
  });
});

describe("templates by trade", () => {
  it("fill a new shop with the trade's pages, collections and delivery words in its language", async () => {
    const bakery = await joiningOwner(undefined, { template: "bakery" });
    expect(bakery.shop.status, bakery.shop.text).toBe(201);
    expect(bakery.shop.body).toMatchObject({
      tagline: "Fresh bread and cakes, baked every morning",
      themePreset: "kitchen",
    });
    expect(bakery.shop.body.policies.delivery).toMatch(/Bread is best on the day/);
    const pages = (await bakery.api.get(`${bakery.base}/pages`)).body.items as Json[];
    expect(pages.map((page) => page.slug)).toEqual(["about", "how-to-order"]);
    expect(pages[1]?.html).toContain("<h2>Collecting</h2>");
    const collections = (await bakery.api.get(`${bakery.base}/collections`)).body.items as Json[];
    expect(collections.map((collection) => collection.title)).toEqual(["Bread", "Cakes", "Pastries"]);

    const tailor = await joiningOwner(undefined, { template: "tailoring", locale: "zh-CN" });
    expect(tailor.shop.body.tagline).toBe("量身定做，修改合身");
    const zhPages = (await tailor.api.get(`${tailor.base}/pages`)).body.items as Json[];
    expect(zhPages.map((page) => page.title)).toEqual(["关于我们", "如何下单"]);

    const empty = await joiningOwner(undefined);
    expect((await empty.api.get(`${empty.base}/pages`)).body.items).toEqual([]);
    const unknown = await joiningOwner(undefined, { template: "blacksmith" });
    expect(unknown.shop.status).toBe(422);
  });
});

describe("age bands", () => {
  it("are optional at sign-up and changeable, and 'prefer not to say' is null", async () => {
    const owner = await joiningOwner(undefined, { ageBand: "50_64" });
    expect(owner.signup.body.user.ageBand).toBe("50_64");
    expect((await owner.api.patch("/v1/me", { ageBand: "65_plus" })).body.ageBand).toBe("65_plus");
    expect((await owner.api.patch("/v1/me", { ageBand: null })).body.ageBand).toBeNull();
    expect((await owner.api.patch("/v1/me", { ageBand: "ancient" })).status).toBe(422);
    expect((await joiningOwner(undefined)).signup.body.user.ageBand).toBeNull();
  });

  it("never appear for a programme of 4 owners, and appear for 5", async () => {
    const cohort = (await newCohort("Age check")).body;
    for (let index = 0; index < 4; index += 1) await joiningOwner(cohort.inviteCode, { ageBand: "65_plus" });
    const four = await staff.api.get(`/v1/operator/cohorts/${cohort.id}/figures`);
    expect(four.status).toBe(200);
    expect(four.body.ageBands).toEqual({ shown: false, minGroupSize: 5 });
    expect(four.text).not.toContain("65_plus");
    expect(JSON.stringify(four.body.shops)).not.toMatch(/ageBand|65_plus/);

    await joiningOwner(cohort.inviteCode, { ageBand: "65_plus" });
    harness.clock.advance(61_000); // past the minute the figures are kept
    const five = await staff.api.get(`/v1/operator/cohorts/${cohort.id}/figures`);
    expect(five.body.ageBands).toMatchObject({ shown: true, owners: 5 });
    expect(five.body.ageBands.cells).toContainEqual({ cell: "65_plus", count: 5 });
    expect(five.body.ageBands.cells).toContainEqual({ cell: "50_64", count: null });
    expect(JSON.stringify(five.body.shops)).not.toMatch(/ageBand|65_plus/);
  });
});

describe("a programme's figures", () => {
  it("come from its shops' real orders, by week and currency, with the green figure and a CSV", async () => {
    const cohort = (await newCohort("Riverside figures")).body;
    const baker = await joiningOwner(cohort.inviteCode, { currency: "GBP" });
    const firstOrder = await sell(baker, 1250);
    const shopRow = await platform(harness.database.db).shops.findById(baker.shopId);
    // The order's own write recorded when the shop last took an order.
    expect(shopRow?.lastOrderAt).toBe(harness.clock.now());
    expect(firstOrder.number).toBeGreaterThan(0);

    harness.clock.advance(7 * DAY);
    const potter = await joiningOwner(cohort.inviteCode, { currency: "CNY" });
    await sell(potter, 8800);
    await sell(baker, 300);
    await joiningOwner(cohort.inviteCode); // opened, never published
    await joiningOwner(undefined); // another shop, outside the programme
    await forShop(harness.database.db, baker.shopId).pageWeight.record({
      bytesPerView: 40_000,
      pages: [{ path: "/", bytes: 40_000 }],
      measuredAt: harness.clock.now(),
      source: "http://localhost:4321",
    });

    harness.clock.advance(61_000);
    const answer = await staff.api.get(`/v1/operator/cohorts/${cohort.id}/figures`);
    expect(answer.status, answer.text).toBe(200);
    const { figures, green, shops } = answer.body;
    expect(figures).toMatchObject({ shops: 3, published: 2, withFirstOrder: 2, activeLast30Days: 2, orders: 3 });
    expect(figures.byCurrency).toEqual([
      { currency: "CNY", orders: 1, salesAmount: 8800 },
      { currency: "GBP", orders: 2, salesAmount: 1550 },
    ]);
    expect(figures.weeks.length).toBeGreaterThanOrEqual(2);
    const total = (key: string) => figures.weeks.reduce((sum: number, week: Json) => sum + week[key], 0);
    expect(total("shopsCreated")).toBe(3);
    expect(total("orders")).toBe(3);
    expect(figures.weeks.at(-1).byCurrency).toEqual([
      { currency: "CNY", orders: 1, salesAmount: 8800 },
      { currency: "GBP", orders: 1, salesAmount: 300 },
    ]);
    expect(green).toMatchObject({ bytes: 40_000, shopsMeasured: 1, webMedianBytes: WEB_MEDIAN_PAGE_BYTES });
    expect(green.gramsPerView).toBeGreaterThan(0);
    expect(green.timesLighterThanMedian).toBeCloseTo(WEB_MEDIAN_PAGE_BYTES / 40_000, 6);
    expect(shops.map((shop: Json) => shop.orders)).toEqual([2, 1, 0]);
    expect(shops[0].pageWeight).toMatchObject({ bytesPerView: 40_000 });
    expect(shops[1].pageWeight).toBeNull();

    const csv = await staff.api.get(`/v1/operator/cohorts/${cohort.id}/figures.csv`);
    expect(csv.status).toBe(200);
    expect(csv.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(csv.headers.get("content-disposition")).toBe('attachment; filename="riverside-figures-figures.csv"');
    const lines = csv.text.trim().split("\n");
    expect(lines[0]).toBe(
      "week_starting,shops_created,shops_published,shops_with_first_order,orders,orders_CNY,sales_CNY,orders_GBP,sales_GBP",
    );
    expect(lines).toHaveLength(figures.weeks.length + 1);
    expect(lines.at(-1)).toMatch(/,2,1,88\.00,1,3\.00$/);
  });

  it("are kept for a minute, then added up again; a shop joining counts at once", async () => {
    const cohort = (await newCohort("Cached")).body;
    const figures = async () => (await staff.api.get(`/v1/operator/cohorts/${cohort.id}/figures`)).body;
    expect((await figures()).figures.shops).toBe(0);
    const owner = await joiningOwner(cohort.inviteCode);
    expect((await figures()).figures.shops).toBe(1);
    await sell(owner, 500);
    expect((await figures()).figures.orders).toBe(0);
    harness.clock.advance(60_000);
    expect((await figures()).figures.orders).toBe(1);
  });
});
