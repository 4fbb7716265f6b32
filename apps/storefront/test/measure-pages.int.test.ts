// `npm run stall -- measure-pages` against the built storefront and the real API: it weighs a published
// shop's home and product pages as a phone downloads them (compressed HTML plus the CSS, scripts and
// images they load) and stores the figure for the programmes' green figure; unpublished shops are skipped.
import { spawn } from "node:child_process";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { createClient } from "@libsql/client";
import { type BuiltServer, freePort, startBuiltServer } from "@stall/http-edge/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RealApi, signUp, startRealApi } from "./real-api.ts";

const appDir = new URL("../", import.meta.url);
const root = fileURLToPath(new URL("../../../", import.meta.url));
let api: RealApi;
let server: BuiltServer;
let port: number;
let publishedId: string;
let draftId: string;

beforeAll(async () => {
  port = await freePort();
  api = await startRealApi({ storefrontPort: port, seedDemo: false });
  server = await startBuiltServer(
    appDir,
    "STOREFRONT_PORT",
    { API_URL: api.url, PUBLIC_API_URL: api.publicUrl, STOREFRONT_ROOT_DOMAIN: "localhost" },
    { port },
  );
  const owner = await signUp(api.url, "baker@measure.test");
  const shop = await owner.call<{ id: string }>("POST", "/v1/shops", {
    name: "Rye Bakery",
    slug: "rye-bakery",
    currency: "GBP",
    locale: "en",
    template: "bakery",
  });
  publishedId = shop.id;
  await owner.call("POST", `/v1/shops/${shop.id}/products`, {
    title: "Sourdough",
    slug: "sourdough",
    status: "active",
    variants: [{ price: 450, stock: 10 }],
  });
  await owner.call("POST", `/v1/shops/${shop.id}/pickup-points`, { name: "Market", address: "East gate" });
  await owner.call("POST", `/v1/shops/${shop.id}/publish`);
  const draft = await owner.call<{ id: string }>("POST", "/v1/shops", {
    name: "Not Yet",
    slug: "not-yet",
    currency: "GBP",
    locale: "en",
  });
  draftId = draft.id;
}, 120_000);

afterAll(async () => {
  await server?.stop();
  await api?.stop();
});

function measure(...args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn("npm", ["run", "--silent", "stall", "--", "measure-pages", ...args], {
      cwd: root,
      env: {
        ...process.env,
        DATABASE_URL: `file:${join(api.dataDir, "stall.db")}`,
        STOREFRONT_ROOT_DOMAIN: "localhost",
        STOREFRONT_PORT: String(port),
        LOG_LEVEL: "silent",
      },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => {
      stdout += chunk;
    });
    child.stderr.on("data", (chunk) => {
      stderr += chunk;
    });
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

async function weights() {
  const client = createClient({ url: `file:${join(api.dataDir, "stall.db")}` });
  try {
    return (await client.execute("SELECT shop_id, bytes_per_view, pages, measured_at, source FROM shop_page_weights"))
      .rows;
  } finally {
    client.close();
  }
}

/** The compressed size of one file from the storefront, fetched as a phone would (brotli or gzip). */
async function compressedBytes(path: string): Promise<number> {
  const { request } = await import("node:http");
  return new Promise((resolve, reject) => {
    const call = request(
      {
        host: "127.0.0.1",
        port,
        path,
        headers: { host: `rye-bakery.localhost:${port}`, "accept-encoding": "br, gzip" },
      },
      (response) => {
        let length = 0;
        response.on("data", (chunk: Buffer) => {
          length += chunk.length;
        });
        response.on("end", () => resolve(length));
      },
    );
    call.on("error", reject);
    call.end();
  });
}

describe("measure-pages", () => {
  it("stores each published shop's page weight, and skips shops not open", async () => {
    const run = await measure("--storefront", `http://127.0.0.1:${port}`);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^rye-bakery: [\d.]+ KB a page \(2 pages\), about [\d.]+ g CO2e a view$/m);
    expect(run.stdout).toContain("Measured 1 of 1 shops");

    const rows = await weights();
    expect(rows.map((row) => row.shop_id)).toEqual([publishedId]);
    expect(rows.map((row) => row.shop_id)).not.toContain(draftId);
    const [row] = rows;
    const pages = JSON.parse(String(row?.pages)) as { path: string; bytes: number }[];
    expect(pages.map((page) => page.path)).toEqual(["/", "/products/sourdough"]);
    expect(row?.source).toBe(`http://127.0.0.1:${port}`);
    // Each page counts more than its compressed HTML alone (its stylesheet at least), and the shop's
    // figure is the average of its pages.
    for (const page of pages) expect(page.bytes).toBeGreaterThan(await compressedBytes(page.path));
    const [home, product] = pages;
    expect(Number(row?.bytes_per_view)).toBe(Math.round(((home?.bytes ?? 0) + (product?.bytes ?? 0)) / 2));
  });

  it("says plainly when asked for a shop that is not open", async () => {
    const run = await measure("--shop", "not-yet");
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('No published shop "not-yet".');
  });
});
