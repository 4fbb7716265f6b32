// Every plan limit, through the API: the last item that fits is accepted, the first one over it is
// refused with the limit named (and the plan, what it allows, what is used), and the refused call
// writes nothing. Also: the free plan a new shop gets, and the platform fee reaching Stripe.
import { forShop, platform } from "@stall/db";
import type { PaymentMethod } from "@stall/domain";
import sharp from "sharp";
import Stripe from "stripe";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createStripePayments } from "../src/adapters/stripe-payments.ts";
import { client, ownerWithShop } from "./client.ts";
import { createHarness, type Harness, type Json } from "./harness.ts";
import { signedEvent } from "./stripe-double/events.ts";
import { type StripeDouble, startStripeDouble } from "./stripe-double/server.ts";

const KEY = "sk_test_stall";
const WEBHOOK_SECRET = "whsec_test_stall";
let harness: Harness;
let double: StripeDouble;
let stripe: Stripe;

beforeAll(async () => {
  let clockNow = () => Date.now();
  double = await startStripeDouble({ now: () => clockNow() });
  harness = await createHarness({
    payments: createStripePayments({ secretKey: KEY, webhookSecret: WEBHOOK_SECRET, ...double.sdkConfig }),
  });
  clockNow = () => harness.clock.now();
  stripe = new Stripe(KEY, double.sdkConfig);
});
afterAll(async () => {
  harness?.cleanup();
  await double?.close();
});

type Owner = Awaited<ReturnType<typeof ownerWithShop>>;

let planCounter = 0;
/** Puts the owner's shop on a fresh plan: roomy everywhere but where the test says. */
async function onPlan(
  owner: Owner,
  limits: Partial<{
    maxProducts: number;
    storageQuotaBytes: number;
    maxMembers: number;
    maxCustomDomains: number;
    paymentMethods: PaymentMethod[];
    applicationFeeBasisPoints: number;
  }>,
) {
  planCounter += 1;
  const id = `plan_test_${planCounter}`;
  const directory = platform(harness.database.db);
  await directory.plans.upsert({
    id,
    name: `Small ${planCounter}`,
    priceAmount: 0,
    currency: "USD",
    maxProducts: 100,
    storageQuotaBytes: 100 * 1024 * 1024,
    maxMembers: 10,
    maxCustomDomains: 10,
    paymentMethods: ["stripe", "pay_at_pickup", "cash_on_delivery", "bank_transfer"],
    applicationFeeBasisPoints: 0,
    ...limits,
    createdAt: harness.clock.now(),
  });
  await directory.shops.setPlan(owner.shopId, id, harness.clock.now());
  return { id, name: `Small ${planCounter}` };
}

/** The refusal names the limit, the plan and the figures, and says how to get more room. */
function expectLimit(
  answer: { status: number; body: Json; headers: Headers },
  expected: { status: number; code: string; limit: string; plan: string; allowed: unknown; used: unknown },
) {
  expect(answer.status, JSON.stringify(answer.body)).toBe(expected.status);
  expect(answer.headers.get("content-type")).toContain("application/problem+json");
  expect(answer.body).toMatchObject({
    code: expected.code,
    limit: expected.limit,
    plan: expected.plan,
    allowed: expected.allowed,
    used: expected.used,
  });
  expect(answer.body.detail).toContain(`Your plan, ${expected.plan}, allows`);
  expect(answer.body.detail).toContain("to move you to a bigger plan");
}

describe("the free plan", () => {
  it("gives a new shop room for a market stall: 500 products, 1 GB of photos, 2 helpers, an own address, every way of paying, no fee", async () => {
    const owner = await ownerWithShop(harness);
    const answer = await owner.api.get(`/v1/shops/${owner.shopId}/plan`);
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({
      plan: {
        id: "plan_free",
        name: "Free",
        description: expect.any(String),
        applicationFeeBasisPoints: 0,
      },
      contact: "support@stall.localhost",
      limits: {
        products: { allowed: 500, used: 0 },
        photo_storage: { allowed: 1024 ** 3, used: 0 },
        members: { allowed: 2, used: 0 },
        custom_domains: { allowed: 1, used: 0 },
        payment_methods: {
          allowed: ["stripe", "pay_at_pickup", "cash_on_delivery", "bank_transfer"],
          used: expect.any(Array),
        },
      },
    });
  });
});

describe("products", () => {
  it("accepts the last product that fits and refuses the next one, writing nothing", async () => {
    const owner = await ownerWithShop(harness);
    const plan = await onPlan(owner, { maxProducts: 2 });
    const base = `/v1/shops/${owner.shopId}/products`;
    expect((await owner.api.post(base, { title: "One", variants: [{ price: 100 }] })).status).toBe(201);
    expect((await owner.api.post(base, { title: "Two", variants: [{ price: 100 }] })).status).toBe(201);
    const third = await owner.api.post(base, { title: "Three", variants: [{ price: 100 }] });
    expectLimit(third, {
      status: 429,
      code: "quota_exceeded",
      limit: "products",
      plan: plan.name,
      allowed: 2,
      used: 2,
    });
    expect(third.body.detail).toContain("allows 2 products");
    expect(await forShop(harness.database.db, owner.shopId).products.count()).toBe(2);
    // The owner's page counts the same way.
    expect((await owner.api.get(`/v1/shops/${owner.shopId}/plan`)).body.limits.products).toEqual({
      allowed: 2,
      used: 2,
    });
  });

  it("refuses a CSV import whose new products would not fit, importing none; one that fits goes in", async () => {
    const owner = await ownerWithShop(harness);
    const plan = await onPlan(owner, { maxProducts: 3 });
    const base = `/v1/shops/${owner.shopId}`;
    expect((await owner.api.post(`${base}/products`, { title: "Kept", variants: [{ price: 100 }] })).status).toBe(201);
    const csv = (handles: string[]) =>
      `Handle,Title,Variant Price\n${handles.map((handle) => `${handle},${handle},1.00`).join("\n")}\n`;
    const importCsv = (text: string) =>
      owner.api.post(`${base}/products/import?mode=create`, text, { "content-type": "text/csv; charset=utf-8" });
    const over = await importCsv(csv(["alpha", "beta", "gamma"]));
    expectLimit(over, { status: 429, code: "quota_exceeded", limit: "products", plan: plan.name, allowed: 3, used: 1 });
    expect(over.body.detail).toMatch(/^This file adds 3 new products to the 1 in the shop; nothing was imported\./);
    expect(await forShop(harness.database.db, owner.shopId).products.count()).toBe(1);
    const fits = await importCsv(csv(["alpha", "beta"]));
    expect(fits.status, fits.text).toBeLessThan(300);
    expect(await forShop(harness.database.db, owner.shopId).products.count()).toBe(3);
  });
});

describe("photo storage", () => {
  async function upload(owner: Owner, bytes: Uint8Array) {
    const form = new FormData();
    form.append("file", new File([new Uint8Array(bytes)], "photo.jpg", { type: "image/jpeg" }));
    const response = await harness.app.request(`/v1/shops/${owner.shopId}/media`, {
      method: "POST",
      headers: { authorization: `Bearer ${owner.token}` },
      body: form,
    });
    return { status: response.status, body: (await response.json()) as Json, headers: response.headers };
  }
  const photo = (colour: string) =>
    sharp({ create: { width: 320, height: 240, channels: 3, background: colour } })
      .jpeg()
      .toBuffer();

  it("accepts the photo that fits and refuses the next, storing nothing of it", async () => {
    const owner = await ownerWithShop(harness);
    const first = await upload(owner, await photo("#336699"));
    expect(first.status).toBe(201);
    const firstBytes = first.body.bytes as number;
    // Room for the first photo and a little more: the second photo does not fit.
    const plan = await onPlan(owner, { storageQuotaBytes: firstBytes + 100 });
    const second = await upload(owner, await photo("#996633"));
    expectLimit(second, {
      status: 429,
      code: "quota_exceeded",
      limit: "photo_storage",
      plan: plan.name,
      allowed: firstBytes + 100,
      used: firstBytes,
    });
    expect(second.body.detail).toMatch(/^This photo needs [\d.]+ KB and the shop has 0 KB of its [\d.]+ KB left\./);
    expect(second.body.detail).toContain("Delete photos you no longer use");
    expect((await owner.api.get(`/v1/shops/${owner.shopId}/media`)).body.items).toHaveLength(1);
    expect((await platform(harness.database.db).shops.findById(owner.shopId))?.storageUsedBytes).toBe(firstBytes);
  });
});

describe("people besides the owner", () => {
  it("counts members and open invitations: the third person on a plan of 2 is refused; withdrawing one makes room", async () => {
    const owner = await ownerWithShop(harness);
    const plan = await onPlan(owner, { maxMembers: 2 });
    const base = `/v1/shops/${owner.shopId}`;
    const first = await owner.api.post(`${base}/invites`, { role: "helper", permissions: ["catalogue"] });
    expect(first.status).toBe(201);
    // The first invitation is accepted: a member and an open invitation both hold a place.
    const helper = await ownerWithShop(harness);
    expect((await helper.api.post("/v1/invites/accept", { token: first.body.token })).status).toBe(200);
    const second = await owner.api.post(`${base}/invites`, { role: "staff", email: "sam@example.test" });
    expect(second.status).toBe(201);
    const third = await owner.api.post(`${base}/invites`, { role: "staff", email: "kim@example.test" });
    expectLimit(third, {
      status: 409,
      code: "plan_limit_reached",
      limit: "members",
      plan: plan.name,
      allowed: 2,
      used: 2,
    });
    expect(third.body.detail).toBe(
      `The shop has 1 person besides you and 1 open invitation. Your plan, ${plan.name}, allows 2 people besides you. Remove someone or withdraw an invitation, or write to support@stall.localhost to move you to a bigger plan.`,
    );
    const listed = (await owner.api.get(`${base}/members`)).body;
    expect(listed.invites).toHaveLength(1);
    // No invitation email was queued for the refused one.
    const mail = await harness.database.client.execute({
      sql: "SELECT count(*) AS n FROM notifications WHERE recipient = ?",
      args: ["kim@example.test"],
    });
    expect(Number(mail.rows[0]?.n)).toBe(0);
    expect((await owner.api.delete(`${base}/invites/${second.body.id}`)).status).toBe(204);
    expect((await owner.api.post(`${base}/invites`, { role: "staff" })).status).toBe(201);
  });
});

describe("own web addresses", () => {
  it("a plan without any refuses the first one, naming the limit", async () => {
    const owner = await ownerWithShop(harness);
    const plan = await onPlan(owner, { maxCustomDomains: 0 });
    const refused = await owner.api.post(`/v1/shops/${owner.shopId}/domains`, { hostname: "noodles.example.com" });
    expectLimit(refused, {
      status: 409,
      code: "plan_limit_reached",
      limit: "custom_domains",
      plan: plan.name,
      allowed: 0,
      used: 0,
    });
    expect(refused.body.detail).toContain("allows no own web address");
    expect((await owner.api.get(`/v1/shops/${owner.shopId}/domains`)).body.items).toEqual([]);
  });

  it("a plan of 1 takes one and refuses the second", async () => {
    const owner = await ownerWithShop(harness);
    const plan = await onPlan(owner, { maxCustomDomains: 1 });
    const base = `/v1/shops/${owner.shopId}/domains`;
    expect((await owner.api.post(base, { hostname: "one.example.com" })).status).toBe(201);
    const second = await owner.api.post(base, { hostname: "two.example.com" });
    expectLimit(second, {
      status: 409,
      code: "plan_limit_reached",
      limit: "custom_domains",
      plan: plan.name,
      allowed: 1,
      used: 1,
    });
    expect((await owner.api.get(base)).body.items.map((domain: Json) => domain.hostname)).toEqual(["one.example.com"]);
  });
});

describe("the way to a bigger plan", () => {
  it("names the platform's address (OPERATOR_CONTACT_EMAIL) in the refusal and on the owner's plan", async () => {
    const owner = await ownerWithShop(harness);
    await onPlan(owner, { maxCustomDomains: 0 });
    harness.deps.config.operatorContactEmail = "plans@stall.example";
    try {
      const refused = await owner.api.post(`/v1/shops/${owner.shopId}/domains`, { hostname: "own.example.com" });
      expect(refused.status).toBe(409);
      expect(refused.body.contact).toBe("plans@stall.example");
      expect(refused.body.detail).toContain("write to plans@stall.example to move you to a bigger plan");
      expect((await owner.api.get(`/v1/shops/${owner.shopId}/plan`)).body.contact).toBe("plans@stall.example");
    } finally {
      harness.deps.config.operatorContactEmail = "";
    }
  });
});

describe("ways of paying", () => {
  it("refuses turning on a method the plan does not include, changing nothing", async () => {
    const owner = await ownerWithShop(harness);
    const plan = await onPlan(owner, { paymentMethods: ["pay_at_pickup", "cash_on_delivery"] });
    const base = `/v1/shops/${owner.shopId}`;
    const fits = await owner.api.patch(base, { paymentMethods: ["pay_at_pickup", "cash_on_delivery"] });
    expect(fits.status).toBe(200);
    const over = await owner.api.patch(base, {
      name: "Renamed",
      paymentMethods: ["pay_at_pickup", "cash_on_delivery", "bank_transfer"],
      bankTransferInstructions: "Account 1",
    });
    expectLimit(over, {
      status: 409,
      code: "plan_limit_reached",
      limit: "payment_methods",
      plan: plan.name,
      allowed: ["pay_at_pickup", "cash_on_delivery"],
      used: ["bank_transfer"],
    });
    expect(over.body.detail).toContain("allows these ways of paying: pay at pickup, cash on delivery");
    expect(over.body.errors).toEqual([{ path: "paymentMethods", message: over.body.detail }]);
    const shop = (await owner.api.get(base)).body;
    expect(shop.paymentMethods).toEqual(["pay_at_pickup", "cash_on_delivery"]);
    expect(shop.name).not.toBe("Renamed");
  });

  it("checkout and the storefront stop offering a method the plan no longer includes", async () => {
    const owner = await ownerWithShop(harness);
    const base = `/v1/shops/${owner.shopId}`;
    const product = (await owner.api.post(`${base}/products`, { title: "Noodles", variants: [{ price: 500 }] })).body;
    const pickup = (await owner.api.post(`${base}/pickup-points`, { name: "Stall", address: "Market" })).body;
    expect(
      (
        await owner.api.patch(base, {
          paymentMethods: ["pay_at_pickup", "bank_transfer"],
          bankTransferInstructions: "Account 12-345",
        })
      ).status,
    ).toBe(200);
    expect((await owner.api.post(`${base}/publish`)).status).toBe(200);
    const host = `${owner.shop.slug}.localhost`;
    // The operator moves the shop to a plan without bank transfer; the shop's setting stays ticked.
    await onPlan(owner, { paymentMethods: ["pay_at_pickup"] });
    const snapshot = await client(harness).get(`/v1/storefront/${host}/snapshot`);
    expect(snapshot.body.shop.paymentMethods).toEqual(["pay_at_pickup"]);
    const order = (paymentMethod: string) =>
      client(harness).post(
        `/v1/storefront/${host}/checkouts`,
        {
          lines: [{ variantId: product.variants[0].id, quantity: 1 }],
          buyer: { name: "Ana", email: "ana@example.test" },
          fulfilment: { type: "pickup", pickupPointId: pickup.id },
          paymentMethod,
        },
        { "idempotency-key": `plan-${paymentMethod}-${Date.now()}` },
      );
    const refused = await order("bank_transfer");
    expect(refused.status).toBe(422);
    expect(refused.body.errors).toEqual([
      { path: "paymentMethod", message: "This shop does not take that way of paying" },
    ]);
    expect(await forShop(harness.database.db, owner.shopId).orders.countByStatus()).toEqual({});
    expect((await order("pay_at_pickup")).status).toBe(201);
  });
});

describe("the platform fee", () => {
  async function postWebhook(input: Json) {
    const signed = signedEvent(stripe, WEBHOOK_SECRET, input as never, {});
    return client(harness).post("/v1/webhooks/stripe", signed.body, {
      "stripe-signature": signed.signature,
      "content-type": "application/json",
    });
  }

  async function stripeShop(feeBasisPoints: number) {
    const owner = await ownerWithShop(harness);
    const base = `/v1/shops/${owner.shopId}`;
    await onPlan(owner, { applicationFeeBasisPoints: feeBasisPoints });
    const product = (await owner.api.post(`${base}/products`, { title: "Honey", variants: [{ price: 1234 }] })).body;
    const pickup = (await owner.api.post(`${base}/pickup-points`, { name: "Stall", address: "Market" })).body;
    const accountId = (await owner.api.post(`${base}/stripe/connect`)).body.accountId as string;
    double.onboard(accountId);
    await postWebhook({
      type: "account.updated",
      account: accountId,
      data: { object: { id: accountId, object: "account", charges_enabled: true } },
    });
    await owner.api.patch(base, { paymentMethods: ["stripe", "pay_at_pickup"] });
    await owner.api.post(`${base}/publish`);
    return { owner, product, pickup, accountId, host: `${owner.shop.slug}.localhost` };
  }

  async function payByStripe(shop: Awaited<ReturnType<typeof stripeShop>>, quantity: number) {
    const placed = await client(harness).post(
      `/v1/storefront/${shop.host}/checkouts`,
      {
        lines: [{ variantId: shop.product.variants[0].id, quantity }],
        buyer: { name: "Ana", email: "ana@example.test" },
        fulfilment: { type: "pickup", pickupPointId: shop.pickup.id },
        paymentMethod: "stripe",
      },
      { "idempotency-key": `fee-${shop.accountId}-${quantity}` },
    );
    expect(placed.status, placed.text).toBe(201);
    const request = double.requests.findLast(
      (entry) =>
        entry.path === "/v1/checkout/sessions" && entry.method === "POST" && entry.stripeAccount === shop.accountId,
    );
    return { placed, request };
  }

  it("reaches Stripe as the session's application_fee_amount: 1.5% of 37.02 is 0.56", async () => {
    const shop = await stripeShop(150);
    const { placed, request } = await payByStripe(shop, 3);
    expect(placed.body.order.totals.total).toBe(3702);
    if (!request) throw new Error("No Checkout Session reached the Stripe double");
    const data = request.body.payment_intent_data as Json;
    expect(data.application_fee_amount).toBe("56");
    const session = double.session((request.response as Json).id);
    expect(session.amount_total).toBe(3702);
  });

  it("asks no fee on a plan without one", async () => {
    const shop = await stripeShop(0);
    const { request } = await payByStripe(shop, 1);
    expect(request).toBeDefined();
    expect((request?.body.payment_intent_data as Json | undefined)?.application_fee_amount).toBeUndefined();
  });
});
