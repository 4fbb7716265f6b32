// Who a buyer's email is from and where a reply goes (decision 032): the shop's name on the platform's
// address, Reply-To the shop's contact address; owner and account emails stay the platform's. Through
// the real API, the real outbox worker and the .eml files the real mailer writes.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createMailer, displayName } from "../src/adapters/mailer.ts";
import { createOutboxWorker } from "../src/notifications/outbox-worker.ts";
import { client, ownerWithShop } from "./client.ts";
import { createHarness, type Harness } from "./harness.ts";
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

const outbox = () =>
  createOutboxWorker({
    db: harness.database.db,
    mailer: createMailer({ mailDir, from: "Stall <hello@stall.test>" }),
    clock: harness.clock,
    logger: harness.deps.logger,
  });

/** Every .eml written so far to this address: raw (for the header lines) and read. */
function mailsTo(address: string) {
  return readdirSync(mailDir)
    .filter((name) => name.endsWith(".eml"))
    .map((name) => readFileSync(join(mailDir, name), "utf8"))
    .map((raw) => ({ raw, head: raw.slice(0, raw.indexOf("\r\n\r\n")), ...readMessage(raw) }))
    .filter((mail) => mail.header("To") === address);
}

let orders = 0;
async function shopWithOrder(name: string, contactEmail: string | null, buyer: string) {
  const owner = await ownerWithShop(harness, { name: "Placeholder" });
  const base = `/v1/shops/${owner.shopId}`;
  const product = (await owner.api.post(`${base}/products`, { title: "Noodles", variants: [{ price: 1200 }] })).body;
  const point = (await owner.api.post(`${base}/pickup-points`, { name: "Counter", address: "1 Market St" })).body;
  await owner.api.patch(base, { contactEmail });
  // Set directly: the name may hold what the API refuses (a newline), to prove the mailer is safe anyway.
  await harness.database.client.execute({ sql: "UPDATE shops SET name = ? WHERE id = ?", args: [name, owner.shopId] });
  await owner.api.post(`${base}/publish`);
  const placed = await client(harness).post(
    `/v1/storefront/${owner.shop.slug}.localhost/checkouts`,
    {
      lines: [{ variantId: product.variants[0].id, quantity: 1 }],
      buyer: { name: "Mei", email: buyer },
      fulfilment: { type: "pickup", pickupPointId: point.id },
      paymentMethod: "pay_at_pickup",
    },
    { "idempotency-key": `sender-${++orders}` },
  );
  expect(placed.status, placed.text).toBe(201);
  return { ...owner, base, orderId: placed.body.order.id as string };
}

describe("buyer emails", () => {
  it("come in the shop's name (encoded for 陈记面馆) from the platform's address, replies going to the shop", async () => {
    const shop = await shopWithOrder("陈记面馆", "hello@chen-noodles.test", "mei.sender@example.test");
    const act = (step: string) => shop.api.post(`${shop.base}/orders/${shop.orderId}/${step}`);
    expect((await act("mark-paid")).status).toBe(200);
    expect((await act("mark-ready")).status).toBe(200);
    // Step emails wait out the undo window before they go.
    harness.clock.advance(60 * 60_000);
    await outbox().runOnce();

    const buyerMails = mailsTo("mei.sender@example.test");
    expect(buyerMails.map((mail) => mail.header("Subject"))).toHaveLength(3);
    for (const mail of buyerMails) {
      expect(mail.header("From")).toBe("陈记面馆 <hello@stall.test>");
      expect(mail.head).toMatch(/^From: =\?UTF-8\?[BQ]\?/m);
      expect(mail.header("Reply-To")).toBe("hello@chen-noodles.test");
    }

    const [ownerMail] = mailsTo(shop.email);
    expect(ownerMail?.header("From")).toBe("Stall <hello@stall.test>");
    expect(ownerMail?.head).not.toMatch(/^Reply-To:/im);
  });

  it("keep a shop name with quotes and a line break on one From line, adding no header, and no Reply-To without a contact address", async () => {
    const shop = await shopWithOrder('Bob\'s "Best"\r\nBcc: thief@evil.test', null, "ana.sender@example.test");
    await outbox().runOnce();
    const [mail] = mailsTo("ana.sender@example.test");
    if (!mail) throw new Error("the buyer's email is missing");
    expect(mail.head).not.toMatch(/^Bcc:/im);
    expect(mail.head).not.toContain("thief@evil.test>");
    expect(mail.head).not.toMatch(/^Reply-To:/im);
    const from = mail.head.split("\r\n").filter((line) => /^From:/i.test(line));
    expect(from).toHaveLength(1);
    expect(mail.header("From")).toBe('"Bob\'s \\"Best\\" Bcc: thief@evil.test" <hello@stall.test>');
    expect(mailsTo(shop.email)).toHaveLength(1);
  });
});

describe("account emails", () => {
  it("a password reset stays the platform's: its name, no Reply-To", async () => {
    const owner = await ownerWithShop(harness, { name: "Tea Hill" });
    await owner.api.patch(`/v1/shops/${owner.shopId}`, { contactEmail: "tea@tea-hill.test" });
    expect((await client(harness).post("/v1/auth/password-reset", { email: owner.email })).status).toBe(202);
    await outbox().runOnce();
    const [mail] = mailsTo(owner.email);
    expect(mail?.header("From")).toBe("Stall <hello@stall.test>");
    expect(mail?.head).not.toMatch(/^Reply-To:/im);
  });
});

describe("displayName", () => {
  it.each([
    ["Fern Hill", "Fern Hill"],
    ["  陈记面馆 ", "陈记面馆"],
    ["A\r\nBcc: x@y.test", "A Bcc: x@y.test"],
    ["Tab\tand\u0000nul\u2028line", "Tab and nul line"],
    ["x".repeat(100), "x".repeat(78)],
  ])("%j -> %j", (name, shown) => {
    expect(displayName(name)).toBe(shown);
  });
});
