// Moving in from Shopify: how long the products import takes over HTTP for the generated 1,000-product,
// 70-column export (VND) and a 1 MB file of 1,243 products (USD), against a real API process, and the
// write inside it: one multi-row INSERT per table (now) against the former three statements per product
// (the baseline), both in one batch on a fresh libSQL file, for the same products.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseEnv } from "@stall/api/env";
import { generateShopifyExport } from "@stall/api/fixtures/shopify-export";
import { createDb, forShop, type NewProduct, platform, schema } from "@stall/db";
import { createShop, freePort, newTestId } from "@stall/db/testing";
import { prepareDatabase } from "@stall/demo-seed";

import { API_ENTRY, startProcess, stopProcess } from "./lib/processes.ts";
import { percentiles, round, table } from "./lib/stats.ts";

const RUNS = 5;

export async function benchCsvImport() {
  const dir = mkdtempSync(join(tmpdir(), "stall-bench-csv-"));
  const url = `file:${join(dir, "stall.db")}`;
  await prepareDatabase(parseEnv({ DATA_DIR: dir, DATABASE_URL: url }), () => {});
  const database = await createDb(url);
  const port = await freePort();
  const api = `http://127.0.0.1:${port}`;
  const child = await startProcess(
    API_ENTRY,
    { API_PORT: String(port), API_HOST: "127.0.0.1", DATA_DIR: dir, DATABASE_URL: url },
    `${api}/healthz`,
  );
  const files = [
    { name: "1,000 products, 70 columns (VND)", currency: "VND", count: 1000 },
    { name: "1,243 products (USD)", currency: "USD", count: 1243 },
  ];
  const http = [];
  const writes = [];
  try {
    const token = await signUp(api);
    const directory = platform(database.db);
    await directory.plans.upsert({
      id: "plan_bench_csv",
      name: "Bench",
      priceAmount: 0,
      currency: "USD",
      maxProducts: 100_000,
      storageQuotaBytes: 2 ** 30,
      applicationFeeBasisPoints: 0,
      createdAt: Date.now(),
    });
    // Generated before any request: a pause longer than the server's keep-alive would close the socket.
    const generated = files.map((file) => ({
      file,
      ...generateShopifyExport({ ...file, imageBaseUrl: "https://cdn.example.com/p" }),
    }));
    for (const { file, csv } of generated) {
      const times = { create: [] as number[], update: [] as number[] };
      for (let run = 0; run < RUNS; run++) {
        const shopId = await newShop(api, token, file.currency, `${file.count}-${run}`);
        await directory.shops.setPlan(shopId, "plan_bench_csv", Date.now());
        for (const mode of ["create", "update"] as const) {
          try {
            times[mode].push(await timeImport(api, token, shopId, csv, mode));
          } catch (error) {
            throw new Error(`${file.name}, run ${run}, ${mode}: API exit code ${child.exitCode}`, { cause: error });
          }
        }
      }
      for (const mode of ["create", "update"] as const) {
        const { p50 } = percentiles(times[mode]);
        http.push({
          file: file.name,
          bytes: Buffer.byteLength(csv),
          mode,
          runs: RUNS,
          "p50 ms": round(p50),
          "max ms": round(Math.max(...times[mode])),
        });
      }
    }
    await stopProcess(child);
    for (const { file, products } of generated)
      writes.push(...(await timeWrites(database.db, file.name, products.length)));
  } finally {
    await stopProcess(child);
    database.close?.();
    rmSync(dir, { recursive: true, force: true });
  }
  return { http, writes };
}

async function signUp(api: string): Promise<string> {
  const response = await fetch(`${api}/v1/auth/signup`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      email: `bench-csv-${Date.now()}@example.test`,
      password: "correct horse battery",
      name: "Bench",
    }),
  });
  return ((await response.json()) as { token: string }).token;
}

async function newShop(api: string, token: string, currency: string, suffix: string): Promise<string> {
  const response = await fetch(`${api}/v1/shops`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
    body: JSON.stringify({ name: `CSV ${suffix}`, slug: `csv-${suffix}-${Date.now()}`, currency, locale: "en" }),
  });
  if (response.status !== 201) throw new Error(`shop: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { id: string }).id;
}

async function timeImport(api: string, token: string, shopId: string, csv: string, mode: string): Promise<number> {
  const started = performance.now();
  const response = await fetch(`${api}/v1/shops/${shopId}/products/import?mode=${mode}`, {
    method: "POST",
    headers: { "content-type": "text/csv", authorization: `Bearer ${token}` },
    body: csv,
  });
  await response.arrayBuffer();
  if (response.status !== 200) throw new Error(`import: ${response.status}`);
  return performance.now() - started;
}

type Db = Awaited<ReturnType<typeof createDb>>["db"];

/** The same products written both ways, each in one batch on a fresh shop. */
async function timeWrites(db: Db, name: string, count: number) {
  const rows = [];
  for (const shape of ["baseline: 3 statements per product", "now: multi-row INSERT per table"] as const) {
    const times = [];
    for (let run = 0; run < RUNS; run++) {
      const shop = await createShop(db);
      const products = sampleProducts(count);
      const started = performance.now();
      if (shape.startsWith("now")) await forShop(db, shop.id).products.importMany(products, [], Date.now());
      else await db.batch(perProductStatements(db, shop.id, products) as [never, ...never[]]);
      times.push(performance.now() - started);
    }
    const { p50 } = percentiles(times);
    rows.push({ file: name, write: shape, runs: RUNS, "p50 ms": round(p50), "max ms": round(Math.max(...times)) });
  }
  return rows;
}

function perProductStatements(db: Db, shopId: string, products: NewProduct[]) {
  return products.flatMap(({ options, variants, ...fields }) => [
    db.insert(schema.products).values({ ...fields, shopId }),
    ...(options.length > 0
      ? [
          db
            .insert(schema.productOptions)
            .values(options.map((option) => ({ ...option, shopId, productId: fields.id }))),
        ]
      : []),
    db.insert(schema.productVariants).values(variants.map((variant) => ({ ...variant, shopId, productId: fields.id }))),
  ]);
}

/** Products shaped like the generated file's: two options, four variants each. */
function sampleProducts(count: number): NewProduct[] {
  const now = Date.now();
  return Array.from({ length: count }, (_, index) => ({
    id: newTestId("product"),
    slug: `product-${index}`,
    title: `Product ${index}`,
    description: `## About product ${index}\n\nHand made in **batch ${index}**.`,
    vendor: "Fern Hill",
    tags: ["handmade"],
    metafields: { "Material (product.metafields.custom.material)": "Stoneware" },
    position: index,
    createdAt: now,
    updatedAt: now,
    options: [
      { id: newTestId("option"), name: "Size", position: 0, values: ["S", "M"] },
      { id: newTestId("option"), name: "Colour", position: 1, values: ["Red", "Blue"] },
    ],
    variants: ["S", "M"].flatMap((size, a) =>
      ["Red", "Blue"].map((colour, b) => ({
        id: newTestId("variant"),
        optionValues: [size, colour],
        priceAmount: 120_000 + a * 10 + b,
        currency: "VND",
        sku: `SKU-${index}-${a}${b}`,
        barcode: String(4_006_381_333_931 + index),
        weightGrams: 250,
        weightUnit: "g" as const,
        stock: 5,
        position: a * 2 + b,
        createdAt: now,
        updatedAt: now,
      })),
    ),
  }));
}

// `cd bench && npx node csv-import.ts` runs this one alone.
if (import.meta.main) {
  const { http, writes } = await benchCsvImport();
  process.stdout.write(`${table(http)}\n\n${table(writes)}\n`);
}
