// Operators and shops: the list with search and filters, a shop's detail, suspend / restore / close with
// the reason the owner reads (and the email telling them), the storefront's and checkout's answers, the
// audit entry every action writes, re-entering the password, and support access the owner switches on.
import { platform, schema } from "@stall/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { client, operator, ownerWithShop } from "./client.ts";
import { createHarness, type Harness, type Json } from "./harness.ts";

let harness: Harness;
beforeAll(async () => {
  harness = await createHarness();
});
afterAll(() => harness?.cleanup());

let keyCounter = 0;

/** A published shop taking pay-at-pickup orders, with honey in stock. */
async function openShop(name?: string) {
  const owner = await ownerWithShop(harness, name ? { name } : {});
  const base = `/v1/shops/${owner.shopId}`;
  const honey = (await owner.api.post(`${base}/products`, { title: "Honey", variants: [{ price: 1200, stock: 50 }] }))
    .body;
  const pickup = (await owner.api.post(`${base}/pickup-points`, { name: "Market", address: "Town green" })).body;
  expect((await owner.api.post(`${base}/publish`)).status).toBe(200);
  const host = `${owner.shop.slug}.localhost`;
  const checkout = () =>
    client(harness).post(
      `/v1/storefront/${host}/checkouts`,
      {
        lines: [{ variantId: honey.variants[0].id, quantity: 1 }],
        buyer: { name: "Ana", email: "ana@example.test" },
        fulfilment: { type: "pickup", pickupPointId: pickup.id },
        paymentMethod: "pay_at_pickup",
      },
      { "idempotency-key": `operator-${++keyCounter}` },
    );
  return { ...owner, base, host, checkout };
}

async function auditOf(shopId: string) {
  return (await platform(harness.database.db).audit.listForShop(shopId, { limit: 100 })).items;
}

describe("the shop list", () => {
  it("finds shops by name, address or owner email, and filters by status, plan, published, dates", async () => {
    const staff = await operator(harness);
    const noodles = await openShop("Auntie Lin's Noodles");
    const quiet = await ownerWithShop(harness, { name: "Quiet Pottery" });

    const byName = await staff.api.get("/v1/operator/shops?q=noodles");
    expect(byName.status).toBe(200);
    expect(byName.body.items.map((shop: Json) => shop.id)).toEqual([noodles.shopId]);
    expect(byName.body.items[0].ownerEmails).toEqual([noodles.email]);

    const byEmail = await staff.api.get(`/v1/operator/shops?q=${encodeURIComponent(quiet.email.toUpperCase())}`);
    expect(byEmail.body.items.map((shop: Json) => shop.id)).toEqual([quiet.shopId]);
    const bySlug = await staff.api.get(`/v1/operator/shops?q=${quiet.shop.slug}`);
    expect(bySlug.body.items.map((shop: Json) => shop.id)).toEqual([quiet.shopId]);
    // LIKE's wildcards are matched as themselves.
    expect((await staff.api.get("/v1/operator/shops?q=%25")).body.items).toEqual([]);

    const unpublished = await staff.api.get("/v1/operator/shops?published=no&limit=100");
    const ids = unpublished.body.items.map((shop: Json) => shop.id);
    expect(ids).toContain(quiet.shopId);
    expect(ids).not.toContain(noodles.shopId);

    const today = new Date(harness.clock.now()).toISOString().slice(0, 10);
    const createdToday = await staff.api.get(`/v1/operator/shops?createdFrom=${today}&createdTo=${today}&limit=100`);
    expect(createdToday.body.items.map((shop: Json) => shop.id)).toEqual(expect.arrayContaining([noodles.shopId]));
    expect((await staff.api.get("/v1/operator/shops?createdTo=2020-01-01")).body.items).toEqual([]);
    expect((await staff.api.get("/v1/operator/shops?plan=plan_free&limit=100")).body.items.length).toBeGreaterThan(1);
    expect((await staff.api.get("/v1/operator/shops?plan=plan_nothing")).body.items).toEqual([]);
    expect((await staff.api.get("/v1/operator/shops?cohort=coh_nothing")).body.items).toEqual([]);
  });

  it("knows each shop's last order, and pages with a cursor", async () => {
    const staff = await operator(harness);
    const shop = await openShop();
    expect((await shop.checkout()).status).toBe(201);
    const today = new Date(harness.clock.now()).toISOString().slice(0, 10);
    const ordered = await staff.api.get(`/v1/operator/shops?lastOrderFrom=${today}&limit=100`);
    const found = ordered.body.items.find((item: Json) => item.id === shop.shopId);
    expect(found.lastOrderAt).toBe(harness.clock.now());

    const first = await staff.api.get("/v1/operator/shops?limit=1");
    expect(first.body.items).toHaveLength(1);
    expect(first.body.nextCursor).toBe(first.body.items[0].id);
    const second = await staff.api.get(`/v1/operator/shops?limit=1&cursor=${first.body.nextCursor}`);
    expect(second.body.items[0].id < first.body.items[0].id).toBe(true);
  });

  it("refuses filters it does not know, in plain words", async () => {
    const staff = await operator(harness);
    const bad = await staff.api.get("/v1/operator/shops?status=sleeping&createdFrom=yesterday");
    expect(bad.status).toBe(422);
    expect(bad.headers.get("content-type")).toContain("application/problem+json");
    expect(bad.body.errors.map((error: Json) => error.path).sort()).toEqual(["createdFrom", "status"]);
  });
});

describe("a shop's detail", () => {
  it("shows its people, products, orders and sales by currency, storage, domains and audit trail", async () => {
    const staff = await operator(harness);
    const shop = await openShop();
    expect((await shop.checkout()).status).toBe(201);
    expect((await shop.checkout()).status).toBe(201);
    const detail = await staff.api.get(`/v1/operator/shops/${shop.shopId}`);
    expect(detail.status).toBe(200);
    expect(detail.body).toMatchObject({
      id: shop.shopId,
      status: "active",
      isPublished: true,
      members: [{ email: shop.email, role: "owner" }],
      products: { active: 1, draft: 0, archived: 0 },
      sales: [{ currency: "USD", orders: 2, paidOrders: 0, salesAmount: 0 }],
      domains: [],
      supportAccessUntil: null,
    });
    expect(detail.body.storageUsedBytes).toBe(0);
    expect(detail.body.audit.map((entry: Json) => entry.action)).toContain("POST /v1/shops/:shopId/publish");
  });

  it("is 404 for a shop that does not exist", async () => {
    const staff = await operator(harness);
    const missing = await staff.api.get("/v1/operator/shops/shop_nothing");
    expect(missing.status).toBe(404);
  });
});

describe("suspend, restore, close", () => {
  it("suspending closes the storefront (503) and checkout, tells the owner why; restoring brings both back", async () => {
    const staff = await operator(harness);
    const shop = await openShop("Plum Jam Co");
    const before = await client(harness).get(`/v1/storefront/${shop.host}/snapshot`);

    const suspended = await staff.api.post(`/v1/operator/shops/${shop.shopId}/suspend`, {
      reason: "  Photos of medicines for sale  ",
    });
    expect(suspended.status).toBe(200);
    expect(suspended.body).toMatchObject({ status: "suspended", statusReason: "Photos of medicines for sale" });
    const snapshot = await client(harness).get(`/v1/storefront/${shop.host}/snapshot`);
    expect(snapshot.body.shop.status).toBe("suspended");
    // A new version: storefronts holding the old snapshot get a new one at their next check.
    expect(snapshot.headers.get("etag")).not.toBe(before.headers.get("etag"));
    expect(snapshot.headers.get("etag")).toContain(`.v${suspended.body.version}.`);
    const refused = await shop.checkout();
    expect(refused.status).toBe(503);
    expect(refused.headers.get("content-type")).toContain("application/problem+json");
    expect(refused.body.code).toBe("shop_unavailable");
    const cart = await client(harness).post(`/v1/storefront/${shop.host}/carts`);
    expect(cart.status).toBe(503);

    const seenByOwner = await shop.api.get(shop.base);
    expect(seenByOwner.body).toMatchObject({
      status: "suspended",
      statusReason: "Photos of medicines for sale",
      appealEmail: "support@stall.localhost",
    });
    const mail = await harness.database.db.select().from(schema.notifications);
    const told = mail.filter((row: Json) => row.template === "shop_status" && row.recipient === shop.email);
    expect(told.map((row: Json) => row.payload.kind)).toEqual(["suspended"]);
    expect(told[0]?.payload).toMatchObject({
      reason: "Photos of medicines for sale",
      contactEmail: "support@stall.localhost",
    });

    const again = await staff.api.post(`/v1/operator/shops/${shop.shopId}/suspend`, { reason: "twice" });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe("invalid_state_transition");

    const restored = await staff.api.post(`/v1/operator/shops/${shop.shopId}/restore`, { reason: "Photos taken down" });
    expect(restored.status).toBe(200);
    expect(restored.body).toMatchObject({ status: "active", statusReason: null });
    expect((await client(harness).get(`/v1/storefront/${shop.host}/snapshot`)).body.shop.status).toBe("active");
    expect((await shop.checkout()).status).toBe(201);
    expect((await shop.api.get(shop.base)).body.statusReason).toBeNull();

    const entries = await auditOf(shop.shopId);
    const actions = entries.filter((entry) => entry.action.startsWith("operator.shop."));
    expect(actions.map((entry) => entry.action)).toEqual(["operator.shop.restore", "operator.shop.suspend"]);
    for (const entry of actions) {
      expect(entry).toMatchObject({ actorUserId: staff.userId, actorRole: "operator", shopId: shop.shopId });
      expect(entry.ip).toBeTruthy();
      expect(entry.createdAt).toBe(harness.clock.now());
    }
    expect(actions[1]?.data).toMatchObject({ from: "active", to: "suspended", reason: "Photos of medicines for sale" });
  });

  it("closing makes the snapshot say closed; the owner reads why", async () => {
    const staff = await operator(harness);
    const shop = await openShop();
    const closed = await staff.api.post(`/v1/operator/shops/${shop.shopId}/close`, { reason: "Owner asked us to" });
    expect(closed.status).toBe(200);
    expect((await client(harness).get(`/v1/storefront/${shop.host}/snapshot`)).body.shop.status).toBe("closed");
    expect((await shop.checkout()).status).toBe(503);
    expect((await shop.api.get(shop.base)).body.statusReason).toBe("Owner asked us to");
    expect((await auditOf(shop.shopId)).map((entry) => entry.action)).toContain("operator.shop.close");
  });

  it("needs a reason: empty or too long is refused and nothing changes", async () => {
    const staff = await operator(harness);
    const shop = await openShop();
    for (const body of [{}, { reason: "   " }, { reason: "x".repeat(1001) }, { reason: "ok", extra: 1 }]) {
      const refused = await staff.api.post(`/v1/operator/shops/${shop.shopId}/suspend`, body);
      expect(refused.status, JSON.stringify(body).slice(0, 40)).toBe(422);
      expect(refused.headers.get("content-type")).toContain("application/problem+json");
    }
    expect((await shop.api.get(shop.base)).body.status).toBe("active");
    expect((await auditOf(shop.shopId)).some((entry) => entry.action.startsWith("operator."))).toBe(false);
    const missing = await staff.api.post("/v1/operator/shops/shop_nothing/suspend", { reason: "no such shop" });
    expect(missing.status).toBe(404);
  });
});

describe("entering the password again", () => {
  it("lets an operator act again after 15 minutes; a wrong password counts toward sign-in's limit", async () => {
    const staff = await operator(harness);
    const shop = await openShop();
    harness.clock.advance(16 * 60_000);
    const stale = await staff.api.post(`/v1/operator/shops/${shop.shopId}/suspend`, { reason: "Spam" });
    expect(stale.status).toBe(403);
    expect(stale.body.code).toBe("recent_sign_in_required");

    const wrong = await staff.api.post("/v1/auth/confirm", { password: "not it" });
    expect(wrong.status).toBe(401);
    expect(wrong.body.code).toBe("invalid_credentials");
    expect(wrong.body.errors).toEqual([{ path: "password", message: "That is not your password" }]);
    expect((await staff.api.post(`/v1/operator/shops/${shop.shopId}/suspend`, { reason: "Spam" })).status).toBe(403);

    const right = await staff.api.post("/v1/auth/confirm", { password: "correct horse battery" });
    expect(right.status).toBe(200);
    expect(right.body.confirmedAt).toBe(harness.clock.now());
    expect((await staff.api.post(`/v1/operator/shops/${shop.shopId}/suspend`, { reason: "Spam" })).status).toBe(200);

    // Five wrong passwords lock it, as five wrong sign-ins would.
    for (let attempt = 0; attempt < 5; attempt++) await staff.api.post("/v1/auth/confirm", { password: "nope" });
    const locked = await staff.api.post("/v1/auth/confirm", { password: "correct horse battery" });
    expect(locked.status).toBe(429);
    expect(locked.body.code).toBe("too_many_requests");
  });

  it("needs a session", async () => {
    expect((await client(harness).post("/v1/auth/confirm", { password: "x" })).status).toBe(401);
  });
});

describe("support access", () => {
  it("lets an operator look (read-only, every request audited) only while the owner has it on", async () => {
    const staff = await operator(harness);
    const shop = await openShop();
    const helperToken = (await ownerWithShop(harness)).token;
    // Off: the operator is a stranger to the shop's own routes.
    expect((await staff.api.get(shop.base)).status).toBe(404);

    // Only the owner may switch it on.
    const byOther = await client(harness, helperToken).put(`${shop.base}/support-access`, { duration: "24h" });
    expect(byOther.status).toBe(404);
    const on = await shop.api.put(`${shop.base}/support-access`, { duration: "24h" });
    expect(on.status).toBe(200);
    expect(on.body.supportAccessUntil).toBe(harness.clock.now() + 24 * 3_600_000);
    expect((await shop.api.get(shop.base)).body.supportAccessUntil).toBe(on.body.supportAccessUntil);

    const look = await staff.api.get(`${shop.base}/products`);
    expect(look.status).toBe(200);
    expect(look.body.items).toHaveLength(1);
    const change = await staff.api.patch(shop.base, { name: "Taken over" });
    expect(change.status).toBe(403);
    expect(change.body.detail).toMatch(/look, not change/);
    expect((await shop.api.get(shop.base)).body.name).not.toBe("Taken over");

    const visits = (await auditOf(shop.shopId)).filter((entry) => entry.actorRole === "operator");
    expect(visits.map((entry) => entry.action)).toEqual([
      "support.PATCH /v1/shops/:shopId/*",
      "support.GET /v1/shops/:shopId/products",
    ]);
    expect(visits.map((entry) => entry.data.status)).toEqual([403, 200]);
    expect(visits.map((entry) => entry.targetId)).toEqual([shop.base, `${shop.base}/products`]);
    expect(visits.every((entry) => entry.actorUserId === staff.userId && entry.ip)).toBe(true);
    const switched = (await auditOf(shop.shopId)).filter((entry) => entry.action.includes("support-access"));
    expect(switched).toHaveLength(1);
    expect(switched[0]?.actorRole).toBe("owner");

    // The operator sees it in the shop's detail while it lasts.
    expect((await staff.api.get(`/v1/operator/shops/${shop.shopId}`)).body.supportAccessUntil).toBe(
      on.body.supportAccessUntil,
    );

    // Expired: a stranger again.
    harness.clock.advance(24 * 3_600_000 + 1);
    expect((await staff.api.get(`${shop.base}/products`)).status).toBe(404);
    expect((await shop.api.get(shop.base)).body.supportAccessUntil).toBeNull();

    // Turned off by the owner: a stranger at once.
    await shop.api.put(`${shop.base}/support-access`, { duration: "7d" });
    expect((await staff.api.get(`${shop.base}/products`)).status).toBe(200);
    const off = await shop.api.put(`${shop.base}/support-access`, { duration: "off" });
    expect(off.body.supportAccessUntil).toBeNull();
    expect((await staff.api.get(`${shop.base}/products`)).status).toBe(404);
    expect((await auditOf(shop.shopId)).filter((entry) => entry.action.includes("support-access"))).toHaveLength(3);
  });

  it("does not let an owner in to another shop, whatever its switch says", async () => {
    const shop = await openShop();
    const stranger = await ownerWithShop(harness);
    await shop.api.put(`${shop.base}/support-access`, { duration: "7d" });
    expect((await stranger.api.get(`${shop.base}/products`)).status).toBe(404);
  });
});
