// An operator suspends, restores and closes a shop (through the real API, the way the console does),
// and the built storefront follows: "closed for now" (503 with Retry-After, a plain page) on every page
// and a refused checkout within 2 seconds of the suspension, the shop back after a restore, 410 when
// closed. Measured by polling the storefront as a buyer would, never by sleeping a fixed time.
import { spawn } from "node:child_process";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { type BuiltServer, freePort, get, type Reply, request, startBuiltServer } from "@stall/http-edge/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { h1Of } from "./html.ts";
import { type OwnerSession, type RealApi, signUp, startRealApi } from "./real-api.ts";

const appDir = new URL("../", import.meta.url);
const root = fileURLToPath(new URL("../../../", import.meta.url));
/** How soon a suspension must show on the storefront (issue 11). */
const VISIBLE_WITHIN_MS = 2000;

let api: RealApi;
let server: BuiltServer;
let operator: OwnerSession;
let shopId: string;
let host: string;
let checkoutBody: Record<string, unknown>;
let orderCounter = 0;

/** `npm run stall -- operator:create` on the API's own database file, as the person running Stall would. */
function makeOperator(email: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn("npm", ["run", "--silent", "stall", "--", "operator:create", email], {
      cwd: root,
      env: { ...process.env, DATABASE_URL: `file:${join(api.dataDir, "stall.db")}`, LOG_LEVEL: "silent" },
      stdio: ["ignore", "ignore", "pipe"],
    });
    let stderr = "";
    child.stderr.on("data", (chunk) => {
      stderr += chunk;
    });
    child.on("error", reject);
    child.on("close", (code) => (code === 0 ? resolve() : reject(new Error(`operator:create: ${code} ${stderr}`))));
  });
}

beforeAll(async () => {
  const port = await freePort();
  api = await startRealApi({ storefrontPort: port, seedDemo: false });
  server = await startBuiltServer(
    appDir,
    "STOREFRONT_PORT",
    { API_URL: api.url, PUBLIC_API_URL: api.publicUrl, STOREFRONT_ROOT_DOMAIN: "localhost" },
    { port },
  );
  const owner = await signUp(api.url, "jam@suspension.test");
  const shop = await owner.call<{ id: string }>("POST", "/v1/shops", {
    name: "Plum Jam Co",
    slug: "plum-jam",
    currency: "USD",
    locale: "en",
  });
  shopId = shop.id;
  const product = await owner.call<{ variants: { id: string }[] }>("POST", `/v1/shops/${shopId}/products`, {
    title: "Plum jam",
    slug: "plum-jam",
    status: "active",
    variants: [{ price: 650, stock: 100 }],
  });
  const pickup = await owner.call<{ id: string }>("POST", `/v1/shops/${shopId}/pickup-points`, {
    name: "Market",
    address: "East gate",
  });
  await owner.call("POST", `/v1/shops/${shopId}/publish`);
  host = `plum-jam.localhost:${port}`;
  checkoutBody = {
    lines: [{ variantId: product.variants[0]?.id, quantity: 1 }],
    buyer: { name: "Ana", email: "ana@example.test" },
    fulfilment: { type: "pickup", pickupPointId: pickup.id },
    paymentMethod: "pay_at_pickup",
  };
  operator = await signUp(api.url, "ops@suspension.test");
  await makeOperator("ops@suspension.test");
}, 120_000);

afterAll(async () => {
  await server?.stop();
  await api?.stop();
});

const page = (path: string) => get(server.port, path, { Host: host });

/** A buyer's order straight at the API, as the storefront's checkout places it. */
async function placeOrder(): Promise<number> {
  const response = await fetch(`${api.url}/v1/storefront/${encodeURIComponent(host)}/checkouts`, {
    method: "POST",
    headers: { "Content-Type": "application/json", "Idempotency-Key": `suspension-${++orderCounter}` },
    body: JSON.stringify(checkoutBody),
  });
  await response.body?.cancel();
  return response.status;
}

/**
 * Asks the storefront for `path` again and again until `check` passes; answers the reply and how long
 * it took from `since`. Gives up after `withinMs`, which is the test failing.
 */
async function pollUntil(path: string, check: (reply: Reply) => boolean, since: number, withinMs: number) {
  for (;;) {
    const reply = await page(path);
    const elapsed = performance.now() - since;
    if (check(reply)) return { reply, elapsed };
    if (elapsed > withinMs) throw new Error(`${path} still answered ${reply.status} after ${Math.round(elapsed)} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

async function act(action: "suspend" | "restore" | "close", reason: string) {
  await operator.call("POST", `/v1/operator/shops/${shopId}/${action}`, { reason });
}

describe("a suspended shop on the storefront", () => {
  it("shows 'closed for now' (503, Retry-After) and refuses checkout within 2 seconds; a restore brings both back", async () => {
    // Warm: the page and the snapshot are held by the storefront, as for any busy shop.
    expect((await page("/")).status).toBe(200);
    expect((await page("/products/plum-jam")).status).toBe(200);
    expect(await placeOrder()).toBe(201);

    const suspendedAt = performance.now();
    await act("suspend", "Checking the jam's labels");
    const { reply } = await pollUntil("/", (answer) => answer.status === 503, suspendedAt, VISIBLE_WITHIN_MS);
    expect(reply.headers["retry-after"]).toBe("3600");
    expect(reply.headers["content-type"]).toBe("text/html; charset=utf-8");
    expect(h1Of(reply.body)).toBe("Plum Jam Co is closed for now");
    // The operator's reason is for the owner, not for buyers.
    expect(reply.body).not.toContain("labels");
    for (const path of ["/products/plum-jam", "/cart", "/checkout"]) {
      expect((await page(path)).status, path).toBe(503);
    }
    expect(await placeOrder()).toBe(503);

    const restoredAt = performance.now();
    await act("restore", "Labels are fine");
    await pollUntil("/", (answer) => answer.status === 200, restoredAt, VISIBLE_WITHIN_MS);
    expect((await page("/products/plum-jam")).status).toBe(200);
    expect(await placeOrder()).toBe(201);
  });

  it("answers 410 Gone once closed", async () => {
    const closedAt = performance.now();
    await act("close", "The owner asked us to close it");
    const { reply } = await pollUntil("/", (answer) => answer.status === 410, closedAt, VISIBLE_WITHIN_MS);
    expect(h1Of(reply.body)).toContain("Plum Jam Co");
    expect((await page("/products/plum-jam")).status).toBe(410);
    expect(await placeOrder()).toBe(503);
  });
});

describe("checkout form while suspended", () => {
  it("a posted checkout form places nothing", async () => {
    await act("restore", "Reopened for this test");
    await act("suspend", "Paused again");
    const since = performance.now();
    await pollUntil("/", (answer) => answer.status === 503, since, VISIBLE_WITHIN_MS);
    const posted = await request(server.port, {
      method: "POST",
      path: "/checkout",
      headers: { Host: host, Origin: `http://${host}`, "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ intent: "place", name: "Ana", email: "ana@example.test" }).toString(),
    });
    expect(posted.status).toBe(503);
  });
});
