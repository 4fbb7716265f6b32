// Order emails and the text buyers and owners type: a two-line delivery address, a tab in a product
// title, a newline in a buyer's name. Through the real API on a real libSQL file, the real outbox
// worker and the real .eml mailer (decision 010).
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { platform } from "@stall/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createMailer } from "../src/adapters/mailer.ts";
import { createOutboxWorker } from "../src/notifications/outbox-worker.ts";
import { renderNotification, TemplateError } from "../src/notifications/templates.ts";
import { client, ownerWithShop } from "./client.ts";
import { createHarness, type Harness, type Json } from "./harness.ts";
import { readMessage } from "./mime.ts";

let harness: Harness;
let mailDir: string;

beforeAll(async () => {
  harness = await createHarness();
  mailDir = mkdtempSync(join(tmpdir(), "stall-mail-"));
});
afterAll(() => {
  harness?.cleanup();
  rmSync(mailDir, { recursive: true, force: true });
});

function outbox(render?: typeof renderNotification) {
  return createOutboxWorker({
    db: harness.database.db,
    mailer: createMailer({ mailDir, from: "Stall <hello@stall.test>" }),
    clock: harness.clock,
    logger: harness.deps.logger,
    ...(render ? { render } : {}),
  });
}

/** Every .eml written so far, read. */
function mails() {
  return readdirSync(mailDir)
    .filter((name) => name.endsWith(".eml"))
    .map((name) => readMessage(readFileSync(join(mailDir, name), "utf8")));
}

async function openShop(title: string) {
  const owner = await ownerWithShop(harness);
  const base = `/v1/shops/${owner.shopId}`;
  const product = (await owner.api.post(`${base}/products`, { title, variants: [{ price: 1200, stock: 50 }] })).body;
  const area = (await owner.api.post(`${base}/delivery-areas`, { name: "Village", fee: 300 })).body;
  await owner.api.patch(base, { paymentMethods: ["cash_on_delivery"] });
  await owner.api.post(`${base}/publish`);
  return { ...owner, base, host: `${owner.shop.slug}.localhost`, variantId: product.variants[0].id as string, area };
}

let keys = 0;
function checkout(shop: Awaited<ReturnType<typeof openShop>>, buyer: Json, address: string) {
  return client(harness).post(
    `/v1/storefront/${shop.host}/checkouts`,
    {
      lines: [{ variantId: shop.variantId, quantity: 1 }],
      buyer,
      fulfilment: { type: "delivery", deliveryAreaId: shop.area.id, address },
      paymentMethod: "cash_on_delivery",
    },
    { "idempotency-key": `text-order-${++keys}` },
  );
}

describe("order emails with text typed over several lines", () => {
  it("a two-line delivery address, a tab in a title and a newline in a name: both emails go out, lines kept", async () => {
    const shop = await openShop("Honey\tjar");
    const placed = await checkout(
      shop,
      { name: "Ana\nSilva", email: "ana.lines@example.test" },
      "12 Oak Lane\nGreen gate",
    );
    expect(placed.status, placed.text).toBe(201);

    expect(await outbox().runOnce()).toEqual({ sent: 2, failed: 0, retried: 0 });
    const buyerMail = mails().find((mail) => mail.header("To") === "ana.lines@example.test");
    const ownerMail = mails().find((mail) => mail.header("To") === shop.email);
    if (!buyerMail || !ownerMail) throw new Error("an order email is missing");
    expect(buyerMail.text).toContain("Hi Ana Silva,");
    expect(buyerMail.text).toContain("1 × Honey jar: $12.00");
    // The mailer writes CRLF line ends.
    expect(buyerMail.text).toMatch(/Getting your order: Village: 12 Oak Lane\r\nGreen gate\r\n/);
    expect(buyerMail.html).toMatch(/Getting your order: Village: 12 Oak Lane<br>\r\nGreen gate<\/p>/);
    expect(ownerMail.header("Subject")).toBe("New order 1001: $15.00 from Ana Silva");
    expect(ownerMail.html).toMatch(/How they get it: Village: 12 Oak Lane<br>\r\nGreen gate<\/p>/);

    const order = (await shop.api.get(`${shop.base}/orders/${placed.body.order.id}`)).body;
    expect(order.buyer.name).toBe("Ana Silva");
    expect(JSON.stringify(order)).toContain("12 Oak Lane\\nGreen gate");
  });

  it("bank transfer with the instructions cleared: the order email still goes out, without a how-to-pay box", async () => {
    const shop = await openShop("Eggs");
    await shop.api.patch(shop.base, { paymentMethods: ["bank_transfer"], bankTransferInstructions: " \u0000 " });
    const placed = await client(harness).post(
      `/v1/storefront/${shop.host}/checkouts`,
      {
        lines: [{ variantId: shop.variantId, quantity: 1 }],
        buyer: { name: "Cy", email: "cy@example.test" },
        fulfilment: { type: "delivery", deliveryAreaId: shop.area.id, address: "Mill road" },
        paymentMethod: "bank_transfer",
      },
      { "idempotency-key": `text-order-${++keys}` },
    );
    expect(placed.status, placed.text).toBe(201);
    expect(await outbox().runOnce()).toEqual({ sent: 2, failed: 0, retried: 0 });
    const buyerMail = mails().find((mail) => mail.header("To") === "cy@example.test");
    expect(buyerMail?.text).not.toContain("How to pay");
  });

  it("refuses text that is only control characters with a 422 naming the field, placing nothing", async () => {
    const shop = await openShop("Bread");
    const refused = await checkout(shop, { name: "\u0000\u0007\n", email: "x@example.test" }, "\u202E\r\n");
    expect(refused.status).toBe(422);
    expect(refused.headers.get("content-type")).toContain("application/problem+json");
    expect(refused.body.errors.map((error: Json) => error.path).sort()).toEqual(["buyer.name", "fulfilment.address"]);
    expect((await shop.api.get(`${shop.base}/orders`)).body.items).toEqual([]);
  });
});

describe("the owner's list of undelivered emails", () => {
  /** The templates before decision 010 refused a line break; this stands in for any template bug. */
  const brokenBuild: typeof renderNotification = (template, locale, payload) => {
    if (template === "order_placed") throw new TemplateError(`Invalid payload for notification template "${template}"`);
    return renderNotification(template, locale, payload);
  };

  it("shows an order email that could not be written, with the reason and the order; only to that shop", async () => {
    const shopA = await openShop("Jam");
    const shopB = await openShop("Tea");
    const placed = await checkout(shopA, { name: "Bo", email: "bo@example.test" }, "Mill road");
    expect(placed.status).toBe(201);
    await outbox(brokenBuild).runOnce();

    const listed = await shopA.api.get(`${shopA.base}/undelivered-emails`);
    expect(listed.status).toBe(200);
    expect(listed.body.items).toEqual([
      {
        id: expect.any(String),
        template: "order_placed",
        recipient: "bo@example.test",
        orderId: placed.body.order.id,
        reason: "unrenderable",
        detail: 'Invalid payload for notification template "order_placed"',
        attempts: 1,
        createdAt: expect.any(Number),
        nextAttemptAt: null,
      },
    ]);
    expect(JSON.stringify(listed.body)).not.toContain("token=");
    expect((await shopB.api.get(`${shopB.base}/undelivered-emails`)).body.items).toEqual([]);
    expect((await shopB.api.get(`${shopA.base}/undelivered-emails`)).status).toBe(404);

    // The next build starts its worker: the email goes out and leaves the list.
    const fixed = outbox();
    fixed.start(60_000);
    await fixed.stop();
    expect((await shopA.api.get(`${shopA.base}/undelivered-emails`)).body.items).toEqual([]);
    const [row] = (await platform(harness.database.db).notifications.listForRecipient("bo@example.test")).filter(
      (candidate) => candidate.shopId === shopA.shopId,
    );
    expect(row).toMatchObject({ status: "sent", failure: null });
  });
});
