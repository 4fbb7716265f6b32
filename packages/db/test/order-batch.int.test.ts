// Placing an order writes one batch whose SQL is built once per shape of order (decision 046). What must
// hold: orders of different shapes placed in turn each store exactly their own values (nothing of one
// shape's values reaches another's, and a shape used again takes the new order's values); JSON and
// true/false columns read back as written; the email that carries the order number gets this order's;
// a refused batch writes nothing and leaves the shape usable; another shop's size is never touched; and
// orders placed at the same moment share one write (group commit) yet each succeeds or fails on its own.
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { forShop, type NewOrder, schema } from "../src/index.ts";
import { groupedWriteFigures } from "../src/repositories/grouped-writes.ts";
import { createProduct, createShop, createTestDb, newTestId, type TestDatabase } from "../src/testing.ts";

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDb();
});
afterAll(() => database?.cleanup());

type Line = { variantId: string; productId: string; quantity: number; price: number };

function newOrder(lines: Line[], options: { codeId?: string; numberInEmail?: boolean; name?: string } = {}): NewOrder {
  const now = Date.now();
  const orderId = newTestId("order");
  const total = lines.reduce((sum, line) => sum + line.price * line.quantity, 0);
  return {
    order: {
      id: orderId,
      status: "awaiting_payment",
      buyerTokenHash: `hash-${orderId}`,
      idempotencyKey: `key-${orderId}`,
      requestHash: `request-${orderId}`,
      currency: "USD",
      subtotalAmount: total,
      totalAmount: total,
      taxMode: "none",
      buyerName: options.name ?? "Ana",
      buyerEmail: "ana@example.test",
      buyerLocale: "en",
      fulfilment: {
        type: "pickup",
        pickupPointId: "p1",
        name: `Market of ${orderId}`,
        address: "Green",
        instructions: "",
      },
      paymentMethod: "pay_at_pickup",
      placedAt: now,
      createdAt: now,
      updatedAt: now,
    },
    lines: lines.map((line, position) => ({
      id: newTestId("orderLine"),
      productId: line.productId,
      variantId: line.variantId,
      title: `Product ${position}`,
      variantTitle: `Size ${position}`,
      optionValues: [`Size ${position}`, `Colour ${orderId}`],
      sku: position === 0 ? null : `SKU-${position}`,
      quantity: line.quantity,
      unitPriceAmount: line.price,
      subtotalAmount: line.price * line.quantity,
      discountAmount: 0,
      taxAmount: 0,
      totalAmount: line.price * line.quantity,
      currency: "USD",
      isStockTracked: position % 2 === 0,
      position,
    })),
    event: {
      id: newTestId("orderEvent"),
      fromStatus: null,
      toStatus: "awaiting_payment",
      actorType: "buyer",
      actorId: null,
      note: "",
      createdAt: now,
    },
    payment: {
      id: newTestId("payment"),
      provider: "manual",
      method: "pay_at_pickup",
      status: "pending",
      amount: total,
      currency: "USD",
      providerReference: null,
      createdAt: now,
      updatedAt: now,
    },
    stock: lines.map((line) => ({ variantId: line.variantId, quantity: line.quantity })),
    discountCodeId: options.codeId ?? null,
    notifications: [
      {
        id: newTestId("notification"),
        template: "order_placed",
        recipient: "ana@example.test",
        locale: "en",
        payload: options.numberInEmail
          ? { orderUrl: `https://x.test/orders/${orderId}`, orderNumber: 0, items: [orderId] }
          : { orderUrl: `https://x.test/orders/${orderId}`, items: [orderId] },
        dedupeKey: `order:${orderId}:buyer`,
        nextAttemptAt: now,
        createdAt: now,
      },
    ],
  } as NewOrder;
}

async function stockOf(variantId: string) {
  const [row] = await database.db
    .select({ stock: schema.productVariants.stock })
    .from(schema.productVariants)
    .where(eq(schema.productVariants.id, variantId));
  return row?.stock;
}

async function shopWithSizes(count: number, stock = 10) {
  const shop = await createShop(database.db);
  const sizes: Line[] = [];
  for (let index = 0; index < count; index++) {
    const product = await createProduct(database.db, shop.id, { price: 100 * (index + 1), stock });
    sizes.push({
      variantId: product.variants[0]?.id ?? "",
      productId: product.id,
      quantity: 1,
      price: 100 * (index + 1),
    });
  }
  return { shop, sizes, repos: forShop(database.db, shop.id) };
}

describe("the order batch, built once per shape", () => {
  it("stores each order's own values across shapes placed in turn, and numbers them", async () => {
    const { shop, sizes, repos } = await shopWithSizes(3);
    const [a, b, c] = sizes as [Line, Line, Line];
    const code = newTestId("discount");
    const at = Date.now();
    await repos.discountCodes.create(
      { id: code, code: "TEN", kind: "percent", value: 1000, currency: "USD", createdAt: at, updatedAt: at } as never,
      at,
    );
    const orders = [
      newOrder([a, { ...b, quantity: 2 }], { numberInEmail: true, name: "First" }),
      newOrder([c], { codeId: code, name: "Second" }),
      newOrder([{ ...a, quantity: 3 }, c], { numberInEmail: true, name: "Third" }),
      newOrder([b], { codeId: code, name: "Fourth" }),
    ];
    const numbers: number[] = [];
    for (const order of orders) numbers.push(await repos.orders.place(order, Date.now()));
    const first = numbers[0] ?? 0;
    expect(numbers).toEqual([first, first + 1, first + 2, first + 3]);

    for (const [index, order] of orders.entries()) {
      const stored = await repos.orders.get(order.order.id);
      expect(stored).toMatchObject({
        shopId: shop.id,
        number: numbers[index],
        buyerName: order.order.buyerName,
        idempotencyKey: order.order.idempotencyKey,
        totalAmount: order.order.totalAmount,
        fulfilment: order.order.fulfilment,
      });
      expect(stored?.lines.map(({ orderId: _o, shopId: _s, ...line }) => line)).toEqual(order.lines);
      const [event] = await database.db
        .select()
        .from(schema.orderEvents)
        .where(eq(schema.orderEvents.orderId, order.order.id));
      expect(event?.id).toBe(order.event.id);
      const [payment] = await database.db
        .select()
        .from(schema.payments)
        .where(eq(schema.payments.orderId, order.order.id));
      expect(payment).toMatchObject({ id: order.payment.id, amount: order.payment.amount, shopId: shop.id });
      const [email] = await database.db
        .select()
        .from(schema.notifications)
        .where(eq(schema.notifications.id, order.notifications[0]?.id ?? ""));
      const sent = order.notifications[0]?.payload as Record<string, unknown>;
      expect(email?.payload).toEqual("orderNumber" in sent ? { ...sent, orderNumber: numbers[index] } : sent);
    }
    // a: 1 + 3, b: 2 + 1, c: 1 + 1; the code used twice.
    expect([await stockOf(a.variantId), await stockOf(b.variantId), await stockOf(c.variantId)]).toEqual([6, 7, 8]);
    const [used] = await database.db.select().from(schema.discountCodes).where(eq(schema.discountCodes.id, code));
    expect(used?.usageCount).toBe(2);
  });

  it("writes nothing for an order short of stock, and the same shape places the next order", async () => {
    const { shop, sizes, repos } = await shopWithSizes(2, 2);
    const [a, b] = sizes as [Line, Line];
    const short = newOrder([a, { ...b, quantity: 3 }]);
    await expect(repos.orders.place(short, Date.now())).rejects.toThrow(/product_variants_stock_non_negative/);
    expect(await repos.orders.get(short.order.id)).toBeUndefined();
    expect([await stockOf(a.variantId), await stockOf(b.variantId)]).toEqual([2, 2]);
    const fits = newOrder([a, { ...b, quantity: 2 }]);
    // The refused order took no number either.
    expect(await repos.orders.place(fits, Date.now())).toBe(shop.nextOrderNumber);
    expect([await stockOf(a.variantId), await stockOf(b.variantId)]).toEqual([1, 0]);
  });

  it("gives a field left undefined its column's default, as drizzle does, in a shape of its own", async () => {
    const { sizes, repos } = await shopWithSizes(1);
    const full = newOrder([sizes[0] as Line]);
    await repos.orders.place(full, Date.now());
    const sparse = newOrder([sizes[0] as Line]);
    (sparse.order as Record<string, unknown>).note = undefined;
    (sparse.order as Record<string, unknown>).buyerPhone = undefined;
    (sparse.lines[0] as Record<string, unknown>).sku = undefined;
    await repos.orders.place(sparse, Date.now());
    const stored = await repos.orders.get(sparse.order.id);
    expect(stored).toMatchObject({ note: "", buyerPhone: null, buyerName: "Ana" });
    expect(stored?.lines[0]?.sku).toBeNull();
  });

  it("never takes stock from another shop's size", async () => {
    const mine = await shopWithSizes(1);
    const theirs = await shopWithSizes(1);
    const [own] = mine.sizes as [Line];
    const [foreign] = theirs.sizes as [Line];
    await mine.repos.orders.place(newOrder([own, foreign]), Date.now());
    expect(await stockOf(own.variantId)).toBe(9);
    expect(await stockOf(foreign.variantId)).toBe(10);
  });

  it("writes orders placed at the same moment together, numbering each once, in two shops at once", async () => {
    const first = await shopWithSizes(2, 100);
    const second = await shopWithSizes(1, 100);
    const before = { ...groupedWriteFigures };
    const placing = [
      ...Array.from({ length: 20 }, (_, index) =>
        first.repos.orders.place(newOrder([first.sizes[index % 2] as Line]), Date.now()),
      ),
      ...Array.from({ length: 10 }, () => second.repos.orders.place(newOrder([second.sizes[0] as Line]), Date.now())),
    ];
    const numbers = await Promise.all(placing);
    const firstNumbers = numbers.slice(0, 20).sort((a, b) => a - b);
    const secondNumbers = numbers.slice(20).sort((a, b) => a - b);
    expect(firstNumbers).toEqual(Array.from({ length: 20 }, (_, index) => first.shop.nextOrderNumber + index));
    expect(secondNumbers).toEqual(Array.from({ length: 10 }, (_, index) => second.shop.nextOrderNumber + index));
    expect(groupedWriteFigures.batches - before.batches).toBe(30);
    // Fewer writes than orders: they went together.
    expect(groupedWriteFigures.writes - before.writes).toBeLessThan(30);
    const [a, b] = first.sizes as [Line, Line];
    expect([
      await stockOf(a.variantId),
      await stockOf(b.variantId),
      await stockOf(second.sizes[0]?.variantId ?? ""),
    ]).toEqual([90, 90, 90]);
  });

  it("when one order of a shared write is short, only it fails: the others are stored", async () => {
    const { sizes, repos } = await shopWithSizes(2, 10);
    const [scarce, plenty] = sizes as [Line, Line];
    await repos.orders.place(newOrder([{ ...scarce, quantity: 8 }]), Date.now());
    const before = { ...groupedWriteFigures };
    const orders = [
      ...Array.from({ length: 5 }, () => newOrder([scarce])),
      ...Array.from({ length: 5 }, () => newOrder([plenty])),
    ];
    const settled = await Promise.allSettled(orders.map((order) => repos.orders.place(order, Date.now())));
    const placed = settled.map((result) => result.status === "fulfilled");
    // Two of the scarce size were left: exactly two of its five orders are placed; every other order is.
    expect(placed.slice(0, 5).filter(Boolean)).toHaveLength(2);
    expect(placed.slice(5)).toEqual([true, true, true, true, true]);
    for (const result of settled) {
      if (result.status === "rejected") expect(String(result.reason)).toMatch(/product_variants_stock_non_negative/);
    }
    expect(groupedWriteFigures.refusedTogether - before.refusedTogether).toBeGreaterThanOrEqual(1);
    expect([await stockOf(scarce.variantId), await stockOf(plenty.variantId)]).toEqual([0, 5]);
    for (const [index, order] of orders.entries()) {
      expect(Boolean(await repos.orders.get(order.order.id))).toBe(placed[index]);
    }
  });
});
