// Order numbers are taken inside the order's one write (decision 035): many buyers at once get
// consecutive numbers with no gap and no repeat, a refused order takes no number, and the queued emails
// carry the number the order was given (they are written before the number is known to the request).
import { forShop, platform } from "@stall/db";
import { afterAll, beforeAll, expect, it } from "vitest";
import { client, ownerWithShop } from "./client.ts";
import { createHarness, type Harness, type Json } from "./harness.ts";

let harness: Harness;
beforeAll(async () => {
  harness = await createHarness();
});
afterAll(() => harness?.cleanup());

async function openShop(stock: number) {
  const owner = await ownerWithShop(harness);
  const base = `/v1/shops/${owner.shopId}`;
  const honey = (await owner.api.post(`${base}/products`, { title: "Honey", variants: [{ price: 1200, stock }] })).body;
  const bread = (await owner.api.post(`${base}/products`, { title: "Bread", variants: [{ price: 700, stock: null }] }))
    .body;
  const pickup = (await owner.api.post(`${base}/pickup-points`, { name: "Market", address: "Town green" })).body;
  await owner.api.patch(base, { paymentMethods: ["pay_at_pickup"] });
  await owner.api.post(`${base}/publish`);
  return {
    ...owner,
    host: `${owner.shop.slug}.localhost`,
    variantId: honey.variants[0].id as string,
    breadId: bread.variants[0].id as string,
    pickup,
  };
}

let keys = 0;
function order(shop: Awaited<ReturnType<typeof openShop>>, email: string, overrides: Json = {}) {
  return client(harness).post(
    `/v1/storefront/${shop.host}/checkouts`,
    {
      lines: [{ variantId: shop.variantId, quantity: 1 }],
      buyer: { name: "Ana", email },
      fulfilment: { type: "pickup", pickupPointId: shop.pickup.id },
      paymentMethod: "pay_at_pickup",
      ...overrides,
    },
    { "idempotency-key": `numbering-${++keys}` },
  );
}

it("40 buyers at once get the numbers 1001 to 1040, each once, and each email carries its order's number", async () => {
  const shop = await openShop(1000);
  const results = await Promise.all(
    Array.from({ length: 40 }, (_, index) => order(shop, `buyer${index}@example.test`)),
  );
  expect(results.map((result) => result.status)).toEqual(Array(40).fill(201));
  const numbers = results.map((result) => result.body.order.number as number).sort((a, b) => a - b);
  expect(numbers).toEqual(Array.from({ length: 40 }, (_, index) => 1001 + index));

  const directory = platform(harness.database.db);
  const repos = forShop(harness.database.db, shop.shopId);
  for (const [index, result] of results.entries()) {
    const stored = await repos.orders.get(result.body.order.id);
    expect(stored?.number).toBe(result.body.order.number);
    const [mail] = await directory.notifications.listForRecipient(`buyer${index}@example.test`);
    expect(mail?.template).toBe("order_placed");
    expect((mail?.payload as Json | undefined)?.orderNumber).toBe(result.body.order.number);
  }
  const ownerMail = await directory.notifications.listForRecipient(shop.email);
  expect(ownerMail.map((row) => (row.payload as Json).orderNumber).sort()).toEqual(numbers);
});

it("a refused order takes no number: the next order follows without a gap", async () => {
  const shop = await openShop(1);
  const first = await order(shop, "first@example.test");
  expect(first.body.order.number).toBe(1001);
  const soldOut = await order(shop, "late@example.test");
  expect(soldOut.status).toBe(409);
  const badPlace = await order(shop, "lost@example.test", {
    fulfilment: { type: "pickup", pickupPointId: "pup_nope" },
  });
  expect(badPlace.status).toBe(422);
  const next = await order(shop, "next@example.test", { lines: [{ variantId: shop.breadId, quantity: 1 }] });
  expect(next.status).toBe(201);
  expect(next.body.order.number).toBe(1002);
});

it("the same key again answers the same order and number; a different body with it is refused", async () => {
  const shop = await openShop(10);
  const body = {
    lines: [{ variantId: shop.variantId, quantity: 2 }],
    buyer: { name: "Ana", email: "same@example.test" },
    fulfilment: { type: "pickup", pickupPointId: shop.pickup.id },
    paymentMethod: "pay_at_pickup",
  };
  const send = (sent: Json) =>
    client(harness).post(`/v1/storefront/${shop.host}/checkouts`, sent, { "idempotency-key": "same-key-twice" });
  const [a, b] = await Promise.all([send(body), send(body)]);
  for (const status of [a.status, b.status]) expect([200, 201]).toContain(status);
  expect(a.body.order.id).toBe(b.body.order.id);
  expect(a.body.order.number).toBe(b.body.order.number);
  const changed = await send({ ...body, lines: [{ variantId: shop.variantId, quantity: 3 }] });
  expect(changed.status).toBe(409);
  expect(changed.body.code).toBe("idempotency_conflict");
  const [variant] = await forShop(harness.database.db, shop.shopId).products.variantsByIds([shop.variantId]);
  expect(variant?.variant.stock).toBe(8);
});
