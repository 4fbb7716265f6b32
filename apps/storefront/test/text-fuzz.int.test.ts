// Property: whatever an owner or a buyer types (every control character, lone surrogates, U+FFFE/U+FFFF,
// bidi overrides, markup, very long text), nothing is lost and nothing breaks. Each field is either
// refused with a 422 that names it, or stored cleaned (decision 010) and then shown: by the built
// storefront's pages (through the real API process) and in every email the outbox worker writes.
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { type BuiltServer, freePort, get, request, startBuiltServer } from "@stall/http-edge/testing";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decode } from "./html.ts";
import { type RealApi, startRealApi } from "./real-api.ts";

const appDir = new URL("../", import.meta.url);
let api: RealApi;
let server: BuiltServer;
let token = "";
let storefrontPort = 0;

/** Fixed, so a failure reproduces; enough runs to meet every kind of character, few enough to stay quick. */
const SEED = 8_010;
const RUNS = 10;

const HOSTILE: string[] = [
  ...Array.from({ length: 0x20 }, (_, code) => String.fromCharCode(code)),
  ...Array.from({ length: 0x21 }, (_, offset) => String.fromCharCode(0x7f + offset)),
  ...["\uD800", "\uDBFF", "\uDC00", "\uDFFF", "\uFFFE", "\uFFFF", "\uFDD0", "\u{10FFFF}"],
  ...["\u202A", "\u202B", "\u202C", "\u202D", "\u202E", "\u2066", "\u2067", "\u2068", "\u2069"],
  ...["\u2028", "\u2029", "\uFEFF", "\u200B", "\u00A0"],
  ...["<script>alert(1)</script>", "&amp;", "&#0;", "&#x110000;", '"', "'", "</textarea>", "]]>", "{{x}}"],
  ...["**bold**", "[x](javascript:alert(1))", "# ", "\n\n", "\r\n", "Bcc: x@example.test", "𠀀", "👩‍🌾"],
  `a${"𠀀".repeat(99)}`, // at a slug's length limit, a cut between the halves of a character
];

const piece = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...HOSTILE) },
  { weight: 4, arbitrary: fc.string({ unit: "binary", minLength: 1, maxLength: 4 }) },
  { weight: 3, arbitrary: fc.string({ unit: "grapheme", minLength: 1, maxLength: 6 }) },
);
/** Mostly short hostile text; sometimes nothing but control characters; sometimes far past every limit. */
const text = fc.oneof(
  { weight: 8, arbitrary: fc.array(piece, { maxLength: 24 }).map((parts) => parts.join("")) },
  {
    weight: 1,
    arbitrary: fc
      .array(fc.constantFrom(...HOSTILE.slice(0, 65)), { minLength: 1, maxLength: 6 })
      .map((parts) => parts.join("")),
  },
  {
    weight: 1,
    arbitrary: fc
      .tuple(
        fc.array(piece, { maxLength: 8 }),
        fc.integer({ min: 100, max: 60_000 }),
        fc.constantFrom("x", "长", "\n", "\u0000 "),
      )
      .map(([parts, length, filler]) => parts.join("") + filler.repeat(Math.ceil(length / filler.length))),
  },
);

const FIELD_NAMES = [
  "shopName",
  "tagline",
  "shopAddress",
  "contactPhone",
  "bankInstructions",
  "returnsPolicy",
  "socialLabel",
  "ownerName",
  "productTitle",
  "description",
  "optionName",
  "value1",
  "value2",
  "sku",
  "collectionTitle",
  "collectionDescription",
  "pageTitle",
  "pageBody",
  "pickupName",
  "pickupAddress",
  "pickupInstructions",
  "areaName",
  "areaDescription",
  "shippingName",
  "buyerName",
  "buyerEmail",
  "buyerPhone",
  "deliveryAddress",
  "deliveryInstructions",
  "note",
] as const;
type FieldName = (typeof FIELD_NAMES)[number];
type Values = Record<FieldName, string>;

/** A failure report shows each value cut to 80 characters, not 60,000 of them. */
function shortly(values: Values): string {
  return JSON.stringify(values, (_, value: unknown) =>
    typeof value === "string" && value.length > 80 ? `${value.slice(0, 80)}…(${value.length} chars)` : value,
  );
}
const typed = fc
  .record(Object.fromEntries(FIELD_NAMES.map((name) => [name, text])) as Record<FieldName, fc.Arbitrary<string>>)
  .map((values) => Object.defineProperty(values, fc.toStringMethod, { value: () => shortly(values) }));

/** What each field falls back to when the API refuses what was typed. */
const FALLBACK: Values = {
  shopName: "Fallback shop",
  tagline: "Fresh every day",
  shopAddress: "1 Market Square",
  contactPhone: "+1 555 0100",
  bankInstructions: "Account 12-345",
  returnsPolicy: "Bring it back within a week.",
  socialLabel: "Photos",
  ownerName: "Owner",
  productTitle: "Honey",
  description: "Raw honey.",
  optionName: "Size",
  value1: "Small",
  value2: "Large",
  sku: "SKU-1",
  collectionTitle: "Best",
  collectionDescription: "Our best.",
  pageTitle: "About",
  pageBody: "We keep bees.",
  pickupName: "Market",
  pickupAddress: "Town green",
  pickupInstructions: "Green awning",
  areaName: "Village",
  areaDescription: "Inside the ring road",
  shippingName: "Post",
  buyerName: "Ana",
  buyerEmail: "ana@example.test",
  buyerPhone: "+1 555 0199",
  deliveryAddress: "12 Oak Lane",
  deliveryInstructions: "Ring twice",
  note: "Thanks",
};

type Reply = { status: number; body: Record<string, unknown> & { errors?: { path: string }[] }; text: string };

async function call(
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<Reply> {
  const response = await fetch(`${api.url}${path}`, {
    method,
    headers: {
      ...(body === undefined ? {} : { "Content-Type": "application/json" }),
      ...(token ? { Authorization: `Bearer ${token}` } : {}),
      ...headers,
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  let parsed: Reply["body"] = {};
  try {
    parsed = text ? JSON.parse(text) : {};
  } catch {
    // A page or an image: the status is what counts.
  }
  return { status: response.status, body: parsed, text };
}

/**
 * Sends what was typed; a 422 must name only fields that were typed (by their path in the body), and
 * those take their fallbacks for a second try, which must succeed. Returns the accepted answer.
 */
async function sendTyped(
  values: Values,
  fields: Partial<Record<FieldName, string[]>>,
  send: (values: Values) => Promise<Reply>,
): Promise<Reply> {
  const first = await send(values);
  if (first.status !== 422) {
    expect(first.status, first.text).toBeLessThan(300);
    return first;
  }
  expect(first.text).toContain("problem");
  const refused = new Set<FieldName>();
  for (const error of first.body.errors ?? []) {
    const owners = (Object.entries(fields) as [FieldName, string[]][]).filter(([, paths]) =>
      paths.some(
        (path) => path === error.path || path.startsWith(`${error.path}.`) || error.path.startsWith(`${path}.`),
      ),
    );
    expect(owners, `a 422 names a field nobody typed: ${error.path} (${first.text})`).not.toEqual([]);
    for (const [name] of owners) refused.add(name);
  }
  expect(refused.size, first.text).toBeGreaterThan(0);
  for (const name of refused) values[name] = FALLBACK[name];
  const second = await send(values);
  expect(second.status, second.text).toBeLessThan(300);
  return second;
}

/** The page's text as a reader sees it: tags dropped, entities decoded, whitespace collapsed. */
const pageText = (html: string) => decode(html.replace(/<[^>]*>/g, " ")).replace(/\s+/g, " ");
const oneLine = (value: string) => value.replace(/\s+/g, " ").trim();

async function visit(path: string, host: string, headers: Record<string, string> = {}) {
  const reply = await get(storefrontPort, path, { Host: host, ...headers });
  expect(reply.status, `${path}: ${reply.body.slice(0, 500)}`).toBe(200);
  return reply;
}

let runNumber = 0;
const expected = { emails: 0 };
const shopIds: string[] = [];

beforeAll(async () => {
  storefrontPort = await freePort();
  api = await startRealApi({ storefrontPort, seedDemo: false });
  server = await startBuiltServer(
    appDir,
    "STOREFRONT_PORT",
    { API_URL: api.url, PUBLIC_API_URL: api.publicUrl, STOREFRONT_ROOT_DOMAIN: "localhost" },
    { port: storefrontPort },
  );
  const signup = await call("POST", "/v1/auth/signup", {
    email: "fuzz-owner@example.test",
    password: "a long passphrase for tests",
    name: "Owner",
  });
  expect(signup.status, signup.text).toBe(201);
  token = String(signup.body.token);
}, 120_000);

afterAll(async () => {
  await server?.stop();
  await api?.stop();
});

async function oneShop(input: Values): Promise<void> {
  const values = { ...input };
  runNumber += 1;
  const locale = runNumber % 2 === 0 ? "zh-CN" : "en";

  const shop = await sendTyped(values, { shopName: ["name"] }, (v) =>
    call("POST", "/v1/shops", { name: v.shopName, slug: `fuzz-${runNumber}-${SEED}`, currency: "USD", locale }),
  );
  const shopId = String(shop.body.id);
  shopIds.push(shopId);
  const base = `/v1/shops/${shopId}`;
  const host = `fuzz-${runNumber}-${SEED}.localhost:${storefrontPort}`;

  await sendTyped(
    values,
    {
      tagline: ["tagline"],
      shopAddress: ["address"],
      contactPhone: ["contactPhone"],
      bankInstructions: ["bankTransferInstructions"],
      returnsPolicy: ["policies.returns"],
      socialLabel: ["socialLinks.0.label"],
    },
    (v) =>
      call("PATCH", base, {
        tagline: v.tagline,
        address: v.shopAddress,
        contactPhone: v.contactPhone,
        contactEmail: "shop@example.test",
        bankTransferInstructions: v.bankInstructions,
        policies: { returns: v.returnsPolicy },
        socialLinks: [{ label: v.socialLabel, url: "https://example.test/photos" }],
        paymentMethods: ["pay_at_pickup", "cash_on_delivery", "bank_transfer"],
      }),
  );
  await sendTyped(values, { ownerName: ["name"] }, (v) => call("PATCH", "/v1/me", { name: v.ownerName }));

  const product = await sendTyped(
    values,
    {
      productTitle: ["title"],
      description: ["description"],
      optionName: ["options.0.name"],
      value1: ["options.0.values.0", "variants.0.optionValues.0"],
      value2: ["options.0.values.1", "variants.1.optionValues.0"],
      sku: ["variants.0.sku"],
    },
    (v) =>
      call("POST", `${base}/products`, {
        title: v.productTitle,
        description: v.description,
        status: "active",
        options: [{ name: v.optionName, values: [v.value1, v.value2] }],
        variants: [
          { price: 1000, stock: 50, optionValues: [v.value1], sku: v.sku },
          { price: 1200, stock: 50, optionValues: [v.value2] },
        ],
      }),
  );
  const productBody = product.body as {
    id: string;
    slug: string;
    title: string;
    options: { name: string; values: string[] }[];
    variants: { id: string }[];
  };
  const collection = await sendTyped(
    values,
    { collectionTitle: ["title"], collectionDescription: ["description"] },
    (v) =>
      call("POST", `${base}/collections`, {
        title: v.collectionTitle,
        description: v.collectionDescription,
        isFeatured: true,
        productIds: [productBody.id],
      }),
  );
  const page = await sendTyped(values, { pageTitle: ["title"], pageBody: ["body"] }, (v) =>
    call("POST", `${base}/pages`, { title: v.pageTitle, body: v.pageBody, isPublished: true }),
  );
  const pickup = await sendTyped(
    values,
    { pickupName: ["name"], pickupAddress: ["address"], pickupInstructions: ["instructions"] },
    (v) =>
      call("POST", `${base}/pickup-points`, {
        name: v.pickupName,
        address: v.pickupAddress,
        instructions: v.pickupInstructions,
        hours: [{ day: 6, opens: "08:00", closes: "13:00" }],
      }),
  );
  const area = await sendTyped(values, { areaName: ["name"], areaDescription: ["description"] }, (v) =>
    call("POST", `${base}/delivery-areas`, { name: v.areaName, description: v.areaDescription, fee: 300 }),
  );
  await sendTyped(values, { shippingName: ["name"] }, (v) =>
    call("POST", `${base}/shipping-rates`, { name: v.shippingName, countries: ["*"], price: 800 }),
  );
  expect((await call("POST", `${base}/publish`, {})).status).toBeLessThan(300);

  // Every storefront page that shows the owner's text answers 200 and shows what was stored.
  const home = pageText((await visit("/", host)).body);
  expect(home).toContain(oneLine(String((await call("GET", base)).body.name)));
  expect(home).toContain(oneLine(String(collection.body.title)));
  const productPage = pageText((await visit(`/products/${encodeURIComponent(productBody.slug)}`, host)).body);
  expect(productPage).toContain(oneLine(productBody.title));
  expect(productPage).toContain(oneLine(productBody.options[0]?.values[0] ?? ""));
  await visit(`/collections/${encodeURIComponent(String(collection.body.slug))}`, host);
  const pagePage = pageText((await visit(`/pages/${encodeURIComponent(String(page.body.slug))}`, host)).body);
  expect(pagePage).toContain(oneLine(String(page.body.title)));
  await visit("/sitemap.xml", host);
  const share = await call(
    "GET",
    `/v1/storefront/${host.split(":")[0]}/products/${encodeURIComponent(productBody.slug)}/share.jpg`,
  );
  expect(share.status).toBe(200);

  // The buyer, through the storefront's own checkout form, the way a phone without JavaScript sends it.
  const jar = new Map<string, string>();
  const cookie = () => [...jar].map(([name, value]) => `${name}=${value}`).join("; ");
  const remember = (lines: string[] | undefined) => {
    for (const line of lines ?? []) {
      const [pair = ""] = line.split(";");
      const at = pair.indexOf("=");
      jar.set(pair.slice(0, at), pair.slice(at + 1));
    }
  };
  const post = async (path: string, form: Record<string, string>) => {
    const reply = await request(storefrontPort, {
      method: "POST",
      path,
      headers: {
        Host: host,
        Origin: `http://${host}`,
        "Content-Type": "application/x-www-form-urlencoded",
        ...(jar.size > 0 ? { Cookie: cookie() } : {}),
      },
      body: new URLSearchParams(form).toString(),
    });
    remember(reply.headers["set-cookie"]);
    return { ...reply, body: reply.bytes.toString("utf8") };
  };
  const added = await post("/cart/add", {
    product: productBody.slug,
    option1: productBody.options[0]?.values[0] ?? "",
    quantity: "1",
  });
  expect(added.status, added.body.slice(0, 300)).toBe(303);
  const checkout = await get(storefrontPort, "/checkout", { Host: host, Cookie: cookie() });
  expect(checkout.status, checkout.body.slice(0, 500)).toBe(200);
  const checkoutText = pageText(checkout.body);
  expect(checkoutText).toContain(oneLine(String(pickup.body.name)));
  expect(checkoutText).toContain(oneLine(String(area.body.name)));
  const hidden = (name: string) => decode(new RegExp(`name="${name}" value="([^"]*)"`).exec(checkout.body)?.[1] ?? "");
  const formFields = {
    buyerName: "name",
    buyerEmail: "email",
    buyerPhone: "phone",
    deliveryAddress: "deliveryAddress",
    deliveryInstructions: "deliveryInstructions",
    note: "note",
  } as const;
  const placeForm = (v: Values) => ({
    idempotencyKey: hidden("idempotencyKey"),
    lines: hidden("lines"),
    fulfilment: `delivery:${String(area.body.id)}`,
    paymentMethod: "bank_transfer",
    intent: "place",
    ...Object.fromEntries(Object.entries(formFields).map(([name, field]) => [field, v[name as FieldName]])),
  });
  let placed = await post("/checkout", placeForm(values));
  if (placed.status === 413) {
    // The storefront's edge refuses a form past its body limit, in plain words; what was typed is the
    // buyer's to shorten: the longest fields take their fallbacks.
    expect(placed.body).toContain("shorten what you typed");
    for (const name of Object.keys(formFields) as FieldName[]) {
      if (values[name].length > 4000) values[name] = FALLBACK[name];
    }
    placed = await post("/checkout", placeForm(values));
  }
  for (let attempt = 0; placed.status === 422 && attempt < 2; attempt++) {
    // Each refusal sits next to its field; those fields take their fallbacks.
    let named = 0;
    for (const [name, field] of Object.entries(formFields)) {
      if (placed.body.includes(`id="error-${field}"`)) {
        values[name as FieldName] = FALLBACK[name as FieldName];
        named++;
      }
    }
    expect(named, pageText(placed.body).slice(0, 800)).toBeGreaterThan(0);
    placed = await post("/checkout", placeForm(values));
  }
  expect(placed.status, pageText(placed.body).slice(0, 800)).toBe(303);
  const orderPath = placed.headers.location ?? "";
  expect(orderPath).toMatch(/^\/orders\/ord_\w+\?token=/);
  const orderPage = pageText((await visit(orderPath, host)).body);
  const orderId = /^\/orders\/(ord_\w+)/.exec(orderPath)?.[1] ?? "";
  const stored = (await call("GET", `${base}/orders/${orderId}`)).body as {
    buyer: { name: string };
    fulfilment: { address: string };
  };
  expect(orderPage).toContain(oneLine(stored.fulfilment.address));
  expect(orderPage).toContain(oneLine(productBody.title));
  expected.emails += 2; // the buyer's confirmation, the owner's new-order email

  // A pickup order the owner takes through its steps: the "ready" email names the pickup point and its address.
  const pickupOrder = await call(
    "POST",
    `/v1/storefront/${host.split(":")[0]}/checkouts`,
    {
      lines: [{ variantId: productBody.variants[0]?.id, quantity: 1 }],
      buyer: { name: stored.buyer.name, email: "pickup-buyer@example.test" },
      fulfilment: { type: "pickup", pickupPointId: pickup.body.id },
      paymentMethod: "pay_at_pickup",
    },
    { "idempotency-key": `fuzz-pickup-${runNumber}-${SEED}` },
  );
  expect(pickupOrder.status, pickupOrder.text).toBe(201);
  const pickupOrderId = String((pickupOrder.body.order as { id: string }).id);
  for (const step of ["mark-paid", "mark-ready", "fulfil"]) {
    const moved = await call("POST", `${base}/orders/${pickupOrderId}/${step}`, {});
    expect(moved.status, moved.text).toBe(200);
  }
  // Placed (buyer and owner), the receipt for marking it paid, ready (names the pickup point), handed
  // over. The step emails wait out the undo window (decision 018) before they go.
  expected.emails += 5;
  const cancelled = await call("POST", `${base}/orders/${orderId}/cancel`, {});
  expect(cancelled.status, cancelled.text).toBe(200);
  expected.emails += 1;

  // The invitation (shop name, the owner's name) and a password reset (the owner's name).
  expect(
    (await call("POST", `${base}/invites`, { role: "helper", email: `helper-${runNumber}@example.test` })).status,
  ).toBe(201);
  expect((await call("POST", "/v1/auth/password-reset", { email: "fuzz-owner@example.test" })).status).toBeLessThan(
    300,
  );
  expected.emails += 2;
}

describe("text typed anywhere (property)", () => {
  it("is refused with a 422 naming the field, or stored cleaned and shown by every page and email", async () => {
    await fc.assert(fc.asyncProperty(typed, oneShop), { seed: SEED, numRuns: RUNS, endOnFailure: true });

    // Every email the runs queued goes out: none fails, none is left for an owner's list.
    const mailDir = join(api.dataDir, "mail");
    const mailCount = () => readdirSync(mailDir).filter((name) => name.endsWith(".eml")).length;
    const undelivered = async () => {
      const lists = await Promise.all(shopIds.map((shopId) => call("GET", `/v1/shops/${shopId}/undelivered-emails`)));
      return lists.flatMap((list) => list.body.items as unknown[]);
    };
    // Done when every email is out, or as soon as one has not gone out (then the list says why).
    await expect
      .poll(async () => mailCount() === expected.emails || (await undelivered()).length > 0, {
        timeout: 60_000,
        interval: 250,
      })
      .toBe(true);
    expect(await undelivered()).toEqual([]);
    expect(mailCount(), api.output().slice(-3000)).toBe(expected.emails);
    expect(api.output()).not.toContain('"level":"error"');
    expect(server.output()).not.toMatch(/error/i);
  }, 300_000);
});
