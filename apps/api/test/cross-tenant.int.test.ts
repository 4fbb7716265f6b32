// Tenant isolation, route by route: every shop-scoped route in the OpenAPI document is called with
// owner A's token against shop B, and against shop A with B's resource ids. Every call must answer 404
// and leave B exactly as it was. A new shop route without a sample body here fails this test.
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { client, ownerWithShop } from "./client.ts";
import { createHarness, type Harness, type Json } from "./harness.ts";

let harness: Harness;
let shopA: Awaited<ReturnType<typeof ownerWithShop>>;
let shopB: Awaited<ReturnType<typeof ownerWithShop>>;
/** B's resource id for each path parameter, keyed by "segment/param". */
const idsOfB: Record<string, string> = {};

/** A valid body for each mutating route, so a call reaches the use-case rather than stopping at validation. */
const BODIES: Record<string, unknown> = {
  "PATCH /v1/shops/{shopId}": { name: "Taken over" },
  "POST /v1/shops/{shopId}/publish": {},
  "POST /v1/shops/{shopId}/unpublish": {},
  "PUT /v1/shops/{shopId}/tax": { mode: "added", rate: 2000 },
  "PUT /v1/shops/{shopId}/return-policy": { isAccepted: true, days: 30, method: "by_mail", fees: "free" },
  "PUT /v1/shops/{shopId}/support-access": { duration: "7d" },
  "POST /v1/shops/{shopId}/preview-link": {},
  "POST /v1/shops/{shopId}/domains": { hostname: "stolen.example.com" },
  "POST /v1/shops/{shopId}/domains/{domainId}/verify": {},
  "DELETE /v1/shops/{shopId}/domains/{domainId}": undefined,
  "POST /v1/shops/{shopId}/invites": { role: "staff" },
  "DELETE /v1/shops/{shopId}/invites/{inviteId}": undefined,
  "PATCH /v1/shops/{shopId}/members/{membershipId}": { role: "staff" },
  "DELETE /v1/shops/{shopId}/members/{membershipId}": undefined,
  "POST /v1/shops/{shopId}/products": { title: "Planted", variants: [{ price: 1 }] },
  "PATCH /v1/shops/{shopId}/products/{productId}": { title: "Renamed", variants: [{ price: 1 }] },
  "DELETE /v1/shops/{shopId}/products/{productId}": undefined,
  "POST /v1/shops/{shopId}/products/reorder": { ids: ["{productId}"] },
  "POST /v1/shops/{shopId}/products/import": "csv",
  "POST /v1/shops/{shopId}/media": "photo",
  "PATCH /v1/shops/{shopId}/media/{mediaId}": { alt: "changed" },
  "DELETE /v1/shops/{shopId}/media/{mediaId}": undefined,
  "POST /v1/shops/{shopId}/pickup-points": { name: "Gate", address: "Farm road" },
  "PATCH /v1/shops/{shopId}/pickup-points/{id}": { name: "Moved" },
  "DELETE /v1/shops/{shopId}/pickup-points/{id}": undefined,
  "POST /v1/shops/{shopId}/delivery-areas": { name: "Village", fee: 100 },
  "PATCH /v1/shops/{shopId}/delivery-areas/{id}": { fee: 0 },
  "DELETE /v1/shops/{shopId}/delivery-areas/{id}": undefined,
  "POST /v1/shops/{shopId}/shipping-rates": { name: "Post", countries: ["US"], price: 500 },
  "PATCH /v1/shops/{shopId}/shipping-rates/{id}": { price: 0 },
  "DELETE /v1/shops/{shopId}/shipping-rates/{id}": undefined,
  "POST /v1/shops/{shopId}/discount-codes": { code: "FREE100", kind: "percent", value: 10000 },
  "PATCH /v1/shops/{shopId}/discount-codes/{id}": { value: 10000 },
  "DELETE /v1/shops/{shopId}/discount-codes/{id}": undefined,
  "POST /v1/shops/{shopId}/collections": { title: "Mine", productIds: ["{productId}"] },
  "PATCH /v1/shops/{shopId}/collections/{id}": { title: "Mine" },
  "DELETE /v1/shops/{shopId}/collections/{id}": undefined,
  "POST /v1/shops/{shopId}/pages": { title: "Mine", body: "x" },
  "POST /v1/shops/{shopId}/orders/{orderId}/{action}": {},
  "POST /v1/shops/{shopId}/stripe/connect": {},
  "PATCH /v1/shops/{shopId}/pages/{id}": { body: "defaced" },
  "DELETE /v1/shops/{shopId}/pages/{id}": undefined,
  "POST /v1/shops/{shopId}/deletion": { confirmName: "Shop" },
  "DELETE /v1/shops/{shopId}/deletion": undefined,
};

type Operation = { method: string; path: string; key: string };

async function shopOperations(): Promise<Operation[]> {
  const document = (await (await harness.app.request("/openapi.json")).json()) as Json;
  const operations: Operation[] = [];
  for (const [path, item] of Object.entries(document.paths as Record<string, Json>)) {
    // Operator routes name shops too; they have their own matrix (operator-routes.int.test.ts).
    if (!path.includes("{shopId}") || path.startsWith("/v1/operator/")) continue;
    for (const method of Object.keys(item))
      operations.push({ method: method.toUpperCase(), path, key: `${method.toUpperCase()} ${path}` });
  }
  return operations;
}

function fill(path: string, shopId: string, ids: Record<string, string>): string {
  const segments = path.split("/");
  return segments
    .map((segment, index) => {
      if (segment === "{shopId}") return shopId;
      const match = /^\{(\w+)\}$/.exec(segment);
      if (!match) return segment;
      const key = `${segments[index - 1]}/${match[1]}`;
      const id = ids[key];
      if (!id) throw new Error(`No id of shop B for ${key}`);
      return id;
    })
    .join("/");
}

async function tinyPhoto(colour: string): Promise<Blob> {
  const bytes = await sharp({ create: { width: 40, height: 30, channels: 3, background: colour } })
    .jpeg()
    .toBuffer();
  return new Blob([new Uint8Array(bytes)], { type: "image/jpeg" });
}

async function send(token: string, operation: Operation, url: string): Promise<{ status: number; body: Json }> {
  const body = BODIES[operation.key];
  const headers: Record<string, string> = { authorization: `Bearer ${token}` };
  let payload: RequestInit["body"] | undefined;
  if (body === "photo") {
    const form = new FormData();
    form.append("file", await tinyPhoto("#336699"), "p.jpg");
    payload = form;
  } else if (body === "csv") {
    headers["content-type"] = "text/csv";
    payload = "Handle,Title,Variant Price\nplanted,Planted,1.00\n";
  } else if (body !== undefined) {
    headers["content-type"] = "application/json";
    payload = JSON.stringify(body).replaceAll("{productId}", idsOfB["products/productId"] ?? "");
  }
  const response = await harness.app.request(url, {
    method: operation.method,
    headers,
    ...(payload ? { body: payload } : {}),
  });
  const text = await response.text();
  return { status: response.status, body: text ? (JSON.parse(text) as Json) : {} };
}

/** Everything of shop B an attack could touch, read through B's own token. */
async function stateOfB(): Promise<Json> {
  const api = shopB.api;
  const id = shopB.shopId;
  const read = async (path: string) => (await api.get(`/v1/shops/${id}${path}`)).body;
  const shop = await read("");
  return {
    shop,
    tax: await read("/tax"),
    returnPolicy: await read("/return-policy"),
    products: await read("/products?limit=100"),
    media: await read("/media"),
    orders: await read("/orders"),
    collections: await read("/collections"),
    pages: await read("/pages"),
    pickupPoints: await read("/pickup-points"),
    deliveryAreas: await read("/delivery-areas"),
    shippingRates: await read("/shipping-rates"),
    discountCodes: await read("/discount-codes"),
    domains: await read("/domains"),
    members: await read("/members"),
    undeliveredEmails: await read("/undelivered-emails"),
    imports: await read("/imports"),
  };
}

beforeAll(async () => {
  harness = await createHarness();
  shopA = await ownerWithShop(harness);
  shopB = await ownerWithShop(harness);
  const api = shopB.api;
  const base = `/v1/shops/${shopB.shopId}`;
  const form = new FormData();
  form.append("file", await tinyPhoto("#aa3311"), "b.jpg");
  const photo = await harness.app.request(`${base}/media`, {
    method: "POST",
    headers: { authorization: `Bearer ${shopB.token}` },
    body: form,
  });
  idsOfB["media/mediaId"] = ((await photo.json()) as Json).id;
  const product = await api.post(`${base}/products`, {
    title: "B's honey",
    variants: [{ price: 900, stock: 4 }],
    mediaIds: [idsOfB["media/mediaId"]],
  });
  idsOfB["products/productId"] = product.body.id;
  idsOfB["collections/id"] = (
    await api.post(`${base}/collections`, { title: "B's best", productIds: [product.body.id] })
  ).body.id;
  idsOfB["pages/id"] = (await api.post(`${base}/pages`, { title: "About B", body: "We are B." })).body.id;
  idsOfB["pickup-points/id"] = (
    await api.post(`${base}/pickup-points`, { name: "B's stall", address: "Market" })
  ).body.id;
  idsOfB["delivery-areas/id"] = (await api.post(`${base}/delivery-areas`, { name: "B town", fee: 300 })).body.id;
  idsOfB["shipping-rates/id"] = (
    await api.post(`${base}/shipping-rates`, { name: "B post", countries: ["*"], price: 800 })
  ).body.id;
  idsOfB["discount-codes/id"] = (
    await api.post(`${base}/discount-codes`, { code: "BONLY", kind: "fixed", value: 100 })
  ).body.id;
  idsOfB["domains/domainId"] = (await api.post(`${base}/domains`, { hostname: "b-shop.example.com" })).body.id;
  idsOfB["invites/inviteId"] = (await api.post(`${base}/invites`, { role: "helper" })).body.id;
  const helperInvite = await api.post(`${base}/invites`, { role: "helper", permissions: ["catalogue"] });
  const helper = await ownerWithShop(harness);
  await helper.api.post("/v1/invites/accept", { token: helperInvite.body.token });
  const members = await api.get(`${base}/members`);
  idsOfB["members/membershipId"] = members.body.members.find((member: Json) => member.role === "helper").id;
  await api.post(`${base}/publish`);
  const order = await client(harness).post(
    `/v1/storefront/${shopB.shop.slug}.localhost/checkouts`,
    {
      lines: [{ variantId: product.body.variants[0].id, quantity: 1 }],
      buyer: { name: "Buyer of B", email: "buyer@example.test" },
      fulfilment: { type: "pickup", pickupPointId: idsOfB["pickup-points/id"] },
      paymentMethod: "pay_at_pickup",
    },
    { "idempotency-key": "cross-tenant-order-1" },
  );
  idsOfB["orders/orderId"] = order.body.order.id;
  // A product import (its photo job is what GET …/imports/{importId} shows).
  const imported = await api.call(
    "POST",
    `${base}/products/import`,
    "Handle,Title,Variant Price\nb-jam,B's jam,2.00\n",
    {
      "content-type": "text/csv",
    },
  );
  idsOfB["imports/importId"] = imported.body.photoImport.id;
  idsOfB["{orderId}/action"] = "cancel";
}, 60_000);
afterAll(() => harness?.cleanup());

describe("cross-tenant matrix", () => {
  it("has a sample body for every mutating shop route (a new route must be added here)", async () => {
    const missing = (await shopOperations()).filter(
      (operation) => operation.method !== "GET" && !(operation.key in BODIES),
    );
    expect(missing.map((operation) => operation.key)).toEqual([]);
  });

  it("A's token on shop B: every shop route answers 404 and B is unchanged", async () => {
    const before = await stateOfB();
    const operations = await shopOperations();
    expect(operations.length).toBeGreaterThan(35);
    const results = [];
    for (const operation of operations) {
      const response = await send(shopA.token, operation, fill(operation.path, shopB.shopId, idsOfB));
      results.push({ route: operation.key, status: response.status, code: response.body.code });
    }
    expect(results.filter((result) => result.status !== 404 || result.code !== "shop_not_found")).toEqual([]);
    expect(await stateOfB()).toEqual(before);
  });

  it("A's token on shop A with B's resource ids: every route with an id answers 404 and B is unchanged", async () => {
    const before = await stateOfB();
    const operations = (await shopOperations()).filter((operation) => /\{(?!shopId)\w+\}/.test(operation.path));
    expect(operations.length).toBeGreaterThan(15);
    const results = [];
    for (const operation of operations) {
      const response = await send(shopA.token, operation, fill(operation.path, shopA.shopId, idsOfB));
      results.push({ route: operation.key, status: response.status });
    }
    expect(results.filter((result) => result.status !== 404)).toEqual([]);
    expect(await stateOfB()).toEqual(before);
  });

  it("B's ids inside A's bodies are refused: a collection, a reorder and a product photo cannot reach B's rows", async () => {
    const base = `/v1/shops/${shopA.shopId}`;
    const collection = await shopA.api.post(`${base}/collections`, {
      title: "Sneaky",
      productIds: [idsOfB["products/productId"]],
    });
    expect(collection.status).toBe(422);
    const reorder = await shopA.api.post(`${base}/products/reorder`, { ids: [idsOfB["products/productId"]] });
    expect(reorder.status).toBe(422);
    const product = await shopA.api.post(`${base}/products`, {
      title: "Borrowed photo",
      variants: [{ price: 1 }],
      mediaIds: [idsOfB["media/mediaId"]],
    });
    expect(product.status).toBe(422);
    const logo = await shopA.api.patch(base, { logoMediaId: idsOfB["media/mediaId"] });
    expect(logo.status).toBe(422);
  });

  it("no token: every shop route answers 401", async () => {
    for (const operation of await shopOperations()) {
      const response = await client(harness).call(operation.method, fill(operation.path, shopB.shopId, idsOfB));
      expect(response.status, operation.key).toBe(401);
    }
  });
});
