// Write throughput through the shop-bound repositories, on a libSQL file and on sqld:
// product creation (one 4-statement batch) and guarded stock takes (one statement).
import { forShop } from "@stall/db";
import {
  createProduct,
  createShop,
  createSqldTestDb,
  createTestDb,
  newTestId,
  type TestDatabase,
} from "@stall/db/testing";
import { loop, table } from "./lib/stats.ts";

const DURATION_MS = Number(process.env.BENCH_DURATION_MS ?? 5000);
const CONCURRENCY = 50;

async function measure(name: string, database: TestDatabase) {
  const { db } = database;
  const shop = await createShop(db);
  const repos = forShop(db, shop.id);
  const create = await loop(CONCURRENCY, DURATION_MS, async () => {
    const now = Date.now();
    const id = newTestId("product");
    await repos.products.create(
      {
        id,
        slug: id,
        title: "Bench product",
        createdAt: now,
        updatedAt: now,
        options: [{ id: newTestId("option"), name: "Size", position: 0, values: ["S", "M"] }],
        variants: ["S", "M"].map((size, position) => ({
          id: newTestId("variant"),
          optionValues: [size],
          priceAmount: 1200,
          currency: "USD",
          stock: 1_000_000,
          position,
          createdAt: now,
          updatedAt: now,
        })),
      },
      now,
    );
  });
  const product = await createProduct(db, shop.id, { stock: 1_000_000 });
  const variantId = product.variants[0]?.id ?? "";
  const take = await loop(CONCURRENCY, DURATION_MS, async () => {
    if (!(await repos.stock.take(variantId, 1, Date.now()))) throw new Error("sold out");
  });
  return [
    { backend: name, operation: "create product (batch)", ...create },
    { backend: name, operation: "take stock (guarded)", ...take },
  ];
}

export async function benchDbWrites() {
  const rows = [];
  const file = await createTestDb();
  try {
    rows.push(...(await measure("libSQL file (WAL)", file)));
  } finally {
    file.cleanup();
  }
  const sqld = await createSqldTestDb();
  try {
    rows.push(...(await measure("sqld (HTTP)", sqld)));
  } finally {
    sqld.cleanup();
  }
  return rows;
}

if (import.meta.main) {
  const rows = await benchDbWrites();
  process.stdout.write(`Database writes, ${CONCURRENCY} concurrent, ${DURATION_MS / 1000} s each\n${table(rows)}\n`);
}
