// The world the fuzzer plays in: the real app on a real libSQL file, with the Stripe double; the fuzz
// owner's shop (published, a catalogue, a photo, places to pick up, Stripe connected, an order), another
// owner's shop (for cross-tenant ids and tokens) and an operator. Every id the API hands out in an
// answer goes into a pool by its kind, and requests pick from the pools when they are sent. After a
// request that succeeded, the world is put right again where the fuzzer broke it (a suspended or
// unpublished shop, a session signed out), through the API itself.
import { platform } from "@stall/db";
import sharp from "sharp";
import Stripe from "stripe";
import { createStripePayments } from "../../src/adapters/stripe-payments.ts";
import { hashToken } from "../../src/security/tokens.ts";
import { client, operator, ownerWithShop } from "../client.ts";
import { createHarness, type Harness, type Json } from "../harness.ts";
import { pngClaiming } from "../images.ts";
import { signedEvent } from "../stripe-double/events.ts";
import { type StripeDouble, startStripeDouble } from "../stripe-double/server.ts";
import type { FilePart } from "./fuzz-requests.ts";
import type { Known } from "./schema-values.ts";

const STRIPE_KEY = "sk_test_fuzz";
const WEBHOOK_SECRET = "whsec_fuzz";
const PASSWORD = "correct horse battery";
const POOL_SIZE = 48;
const ID = /^([a-z]+)_[0-9a-hjkmnp-tv-z]{26}$/;
const MEDIA_FILE = /\/media\/([^/?#\s]+)\/([^/?#\s]+)\/([^/?#\s]+)/;

type Account = { token: string; email: string };

export type World = {
  harness: Harness;
  double: StripeDouble;
  stripe: Stripe;
  shopId: string;
  otherShopId: string;
  accounts: { owner: Account; otherOwner: Account; operator: Account };
  files: Record<FilePart["content"], Uint8Array>;
  pools: Map<string, string[]>;
  cleanup(): Promise<void>;
};

/** Whose things an answer holds: the fuzz owner's (`own`), or another tenant's or the operator's. */
export type Side = "own" | "other";

/**
 * Puts every id, slug, order token, media path and Stripe account in an answer into its pool, by kind
 * and by side.
 */
export function harvest(world: Pick<World, "pools">, value: unknown, path: string, side: Side): void {
  const add = (kind: string, item: string) => {
    const pool = `${side}:${kind}`;
    const items = world.pools.get(pool) ?? [];
    if (items.includes(item)) return;
    items.push(item);
    // The newest stay: the fuzzer keeps making things, and some of the old ones are gone by now.
    if (items.length > POOL_SIZE) items.shift();
    world.pools.set(pool, items);
  };
  const isAuthAnswer = path.startsWith("/v1/auth/") || path.startsWith("/v1/me");
  const walk = (node: unknown) => {
    if (typeof node === "string") {
      const id = ID.exec(node);
      if (id?.[1]) {
        add(id[1], node);
        add("any", node);
      }
      const file = MEDIA_FILE.exec(node);
      if (file) add("media-file", `${file[1]}/${file[2]}/${file[3]}`);
      if (node.startsWith("acct_")) add("stripe-account", node);
      return;
    }
    if (Array.isArray(node)) {
      for (const item of node) walk(item);
      return;
    }
    if (node && typeof node === "object") {
      const record = node as Record<string, unknown>;
      const kind = typeof record.id === "string" ? ID.exec(record.id)?.[1] : undefined;
      if (kind && typeof record.slug === "string") add(`slug:${kind}`, record.slug);
      // Session tokens come back from sign-up and sign-in; the buyer's order token from checkout.
      if (typeof record.token === "string" && !isAuthAnswer) add("token", record.token);
      for (const key of ["code", "invitationCode"]) {
        if (typeof record[key] === "string") add("code", record[key] as string);
      }
      for (const child of Object.values(record)) walk(child);
    }
  };
  walk(value);
}

/**
 * The pooled value a placeholder stands for, from its side's pool (else the other side's, else any id);
 * a media file's three segments are picked together.
 */
export function pickKnown(world: Pick<World, "pools">, known: Known): string {
  const [kind, part] = known.pool.startsWith("media-file:")
    ? ["media-file", known.pool.slice("media-file:".length)]
    : [known.pool, undefined];
  const sides = known.isOwn ? ["own", "other"] : ["other", "own"];
  const candidates = [...sides.map((side) => `${side}:${kind}`), ...sides.map((side) => `${side}:any`)];
  const items = candidates.map((pool) => world.pools.get(pool)).find((found) => found?.length);
  const item = items?.length ? (items[known.pick % items.length] as string) : "none";
  if (part === undefined) return item;
  const segments = item.split("/");
  return segments[["a", "b", "file"].indexOf(part)] ?? "none";
}

/** Starts the Stripe double and the app, and builds the two shops, the operator and the pools. */
export async function createWorld(): Promise<World> {
  let clockNow = () => Date.now();
  const double = await startStripeDouble({ now: () => clockNow() });
  const harness = await createHarness({
    payments: createStripePayments({ secretKey: STRIPE_KEY, webhookSecret: WEBHOOK_SECRET, ...double.sdkConfig }),
  });
  clockNow = () => harness.clock.now();
  const stripe = new Stripe(STRIPE_KEY, double.sdkConfig);
  const pools = new Map<string, string[]>();
  const world = { pools };
  const owner = await ownerWithShop(harness, { name: "Fuzz Stall" });
  const other = await ownerWithShop(harness, { name: "Other Stall" });
  const staff = await operator(harness);

  /** A setup call: must succeed, and what it answers is harvested. */
  const call = async (token: string | undefined, method: string, path: string, body?: unknown): Promise<Json> => {
    const answer = await client(harness, token).call(method, path, body);
    if (answer.status >= 300)
      throw new Error(`fuzz setup: ${method} ${path} answered ${answer.status}: ${answer.text}`);
    const isOwn = token === owner.token || path.includes(owner.shop.slug);
    harvest(world, answer.body, path, isOwn ? "own" : "other");
    return answer.body;
  };

  const png = await sharp({ create: { width: 24, height: 16, channels: 3, background: "#3a7" } })
    .png()
    .toBuffer();
  const jpeg = await sharp({ create: { width: 16, height: 24, channels: 3, background: "#a37" } })
    .jpeg()
    .toBuffer();
  const files: World["files"] = {
    png: new Uint8Array(png),
    jpeg: new Uint8Array(jpeg),
    "claims-huge": new Uint8Array(pngClaiming(60_000, 60_000)),
    truncated: new Uint8Array(png.subarray(0, 40)),
    svg: new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
    csv: new TextEncoder().encode("Handle,Title,Variant Price\nhoney,Honey,4.50\n"),
    empty: new Uint8Array(0),
    random: new Uint8Array(0),
  };

  harvest(world, owner.shop, "/v1/shops", "own");
  harvest(world, other.shop, "/v1/shops", "other");
  const base = `/v1/shops/${owner.shopId}`;
  const otherBase = `/v1/shops/${other.shopId}`;

  for (const [token, shopBase] of [
    [owner.token, base],
    [other.token, otherBase],
  ] as const) {
    for (const title of ["Honey", "Bread"]) {
      await call(token, "POST", `${shopBase}/products`, {
        title,
        variants: [
          { price: 450, stock: 1_000, options: { Size: "Small" } },
          { price: 900, stock: null, options: { Size: "Large" } },
        ],
        options: [{ name: "Size", values: ["Small", "Large"] }],
      }).catch(async () =>
        call(token, "POST", `${shopBase}/products`, { title, variants: [{ price: 450, stock: 1_000 }] }),
      );
    }
    await call(token, "POST", `${shopBase}/pickup-points`, { name: "Market", address: "Town green" });
    await call(token, "POST", `${shopBase}/delivery-areas`, { name: "Village", fee: 300 });
    await call(token, "POST", `${shopBase}/collections`, { title: "Breakfast" });
    await call(token, "POST", `${shopBase}/pages`, { title: "About us", body: "We sell honey." });
    await call(token, "POST", `${shopBase}/discount-codes`, { code: "FUZZ10", percentOff: 10 }).catch(() => undefined);
    await call(token, "POST", `${shopBase}/domains`, { hostname: `${shopBase.slice(-8)}.example.test` }).catch(
      () => undefined,
    );
    await call(token, "POST", `${shopBase}/invites`, {
      email: `helper-${shopBase.slice(-6)}@example.test`,
      role: "helper",
    }).catch(() => undefined);
  }

  // A photo on the fuzz shop, so media files and renditions have real paths.
  const form = new FormData();
  form.append("file", new File([png], "honey.png", { type: "image/png" }));
  const upload = await harness.app.request(`${base}/media`, {
    method: "POST",
    headers: { authorization: `Bearer ${owner.token}` },
    body: form,
  });
  if (upload.status !== 201) throw new Error(`fuzz setup: photo upload answered ${upload.status}`);
  harvest(world, await upload.json(), `${base}/media`, "own");

  // Stripe on the fuzz shop, as the checkout tests connect it.
  const connect = await call(owner.token, "POST", `${base}/stripe/connect`);
  const accountId = String(connect.accountId);
  double.onboard(accountId);
  const event = signedEvent(stripe, WEBHOOK_SECRET, {
    type: "account.updated",
    account: accountId,
    data: { object: { id: accountId, object: "account", charges_enabled: true } },
  });
  const webhook = await harness.app.request("/v1/webhooks/stripe", {
    method: "POST",
    headers: event.headers,
    body: event.body,
  });
  if (webhook.status !== 200) throw new Error(`fuzz setup: webhook answered ${webhook.status}`);
  await call(owner.token, "PATCH", base, {
    paymentMethods: ["stripe", "pay_at_pickup", "cash_on_delivery", "bank_transfer"],
    stripePaymentMethods: ["card"],
    bankTransferInstructions: "Account 12-345",
  });
  await call(other.token, "PATCH", otherBase, {
    paymentMethods: ["pay_at_pickup", "bank_transfer"],
    bankTransferInstructions: "Account 99-999",
  });
  await call(owner.token, "POST", `${base}/publish`);
  await call(other.token, "POST", `${otherBase}/publish`);
  pools.set("own:host", [`${owner.shop.slug}.localhost`]);
  pools.set("other:host", [`${other.shop.slug}.localhost`]);

  // A cart and an order on each shop, through the storefront.
  for (const [token, shopBase, shop] of [
    [owner.token, base, owner.shop],
    [other.token, otherBase, other.shop],
  ] as const) {
    const host = `${shop.slug}.localhost`;
    const products = await call(token, "GET", `${shopBase}/products`);
    const variantId = String(products.items?.[0]?.variants?.[0]?.id);
    const pickup = (await call(token, "GET", `${shopBase}/pickup-points`)).items?.[0]?.id;
    const cart = await call(undefined, "POST", `/v1/storefront/${host}/carts`);
    await call(undefined, "POST", `/v1/storefront/${host}/carts/${cart.id}/lines`, { variantId, quantity: 1 });
    const order = await client(harness).post(
      `/v1/storefront/${host}/checkouts`,
      {
        lines: [{ variantId, quantity: 1 }],
        buyer: { name: "Ana", email: "ana@example.test" },
        fulfilment: { type: "pickup", pickupPointId: pickup },
        paymentMethod: "pay_at_pickup",
      },
      { "idempotency-key": `fuzz-setup-${shop.slug}` },
    );
    if (order.status !== 201) throw new Error(`fuzz setup: checkout answered ${order.status}: ${order.text}`);
    harvest(world, order.body, "/v1/storefront", shop === owner.shop ? "own" : "other");
  }

  // The operator's own things: a plan and a cohort.
  await call(staff.token, "POST", "/v1/operator/plans", { name: "Fuzz plan", limits: {} }).catch(() => undefined);
  await call(staff.token, "POST", "/v1/operator/cohorts", { name: "Fuzz cohort" }).catch(() => undefined);

  // Everything there is to read, so ids of members, renditions, audit entries and orders are pooled.
  for (const [token, shopBase] of [
    [owner.token, base],
    [other.token, otherBase],
  ] as const) {
    for (const list of ["members", "media", "orders", "domains", "collections", "pages", "discount-codes"]) {
      await call(token, "GET", `${shopBase}/${list}`).catch(() => undefined);
    }
  }
  for (const list of ["/v1/operator/plans", "/v1/operator/cohorts", "/v1/operator/shops"]) {
    await call(staff.token, "GET", list).catch(() => undefined);
  }

  return {
    harness,
    double,
    stripe,
    shopId: owner.shopId,
    otherShopId: other.shopId,
    accounts: {
      owner: { token: owner.token, email: owner.email },
      otherOwner: { token: other.token, email: other.email },
      operator: { token: staff.token, email: staff.email },
    },
    files,
    pools,
    async cleanup() {
      harness.cleanup();
      await double.close();
    },
  };
}

/** The signature header Stripe would send with this payload. */
export function stripeSignature(world: World, payload: string): string {
  return world.stripe.webhooks.generateTestHeaderString({
    payload,
    secret: WEBHOOK_SECRET,
    timestamp: Math.floor(world.harness.clock.now() / 1000),
  });
}

/**
 * Undoes what a successful request did to the world that would stop later requests reaching deep
 * code: the fuzz shop suspended, closed, unpublished or due for deletion; a token signed out. Repairs
 * go through the API (they are real requests, not counted); returns how many were made.
 */
export async function repairWorld(world: World): Promise<number> {
  const { harness, accounts } = world;
  const directory = platform(harness.database.db);
  let repairs = 0;
  const now = harness.clock.now();
  for (const account of Object.values(accounts)) {
    if (await directory.sessions.findActive(hashToken(account.token), now)) continue;
    // The fuzzer's wrong passwords (confirm, change password) may have locked the account for 15 minutes
    // of a clock that never moves: the world forgets them before signing in again.
    await harness.database.client.execute("DELETE FROM login_throttles");
    const login = await client(harness).post("/v1/auth/login", { email: account.email, password: PASSWORD });
    if (login.status !== 200) throw new Error(`fuzz repair: sign-in answered ${login.status}: ${login.text}`);
    account.token = login.body.token as string;
    repairs++;
  }
  for (const [shopId, owner] of [
    [world.shopId, accounts.owner],
    [world.otherShopId, accounts.otherOwner],
  ] as const) {
    const shop = await directory.shops.findById(shopId);
    if (!shop) throw new Error(`fuzz repair: shop ${shopId} is gone`);
    const operatorApi = client(harness, accounts.operator.token);
    const ownerApi = client(harness, owner.token);
    if (shop.deletionDueAt !== null) {
      const undo = await ownerApi.delete(`/v1/shops/${shopId}/deletion`);
      if (undo.status !== 200) throw new Error(`fuzz repair: undoing deletion answered ${undo.status}: ${undo.text}`);
      repairs++;
    }
    const current = await directory.shops.findById(shopId);
    if (current && current.status !== "active") {
      const restore = await operatorApi.post(`/v1/operator/shops/${shopId}/restore`, { reason: "Fuzz run goes on" });
      if (restore.status !== 200) throw new Error(`fuzz repair: restore answered ${restore.status}: ${restore.text}`);
      repairs++;
    }
    if (current && !current.isPublished) {
      const publish = await ownerApi.post(`/v1/shops/${shopId}/publish`);
      if (publish.status !== 200) throw new Error(`fuzz repair: publish answered ${publish.status}: ${publish.text}`);
      repairs++;
    }
  }
  return repairs;
}

/** The placeholder's value in this world. */
export function resolver(world: World): (known: Known) => string {
  return (known) => pickKnown(world, known);
}
