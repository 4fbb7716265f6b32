// Decision 024: `npm run stall -- backup` taken from another process while the API takes checkouts for
// 30 s restores (`npm run stall -- restore`) with every order acknowledged before the backup began,
// an intact file, and stock that still adds up; the API starts on the restored file.
import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { createDb } from "@stall/db";
import { afterAll, expect, it } from "vitest";
import { client, ownerWithShop } from "./client.ts";
import { createHarness, type Harness } from "./harness.ts";

const LOAD_MS = 30_000;
const WORKERS = 6;
const INITIAL_STOCK = 1_000_000;
const repositoryRoot = fileURLToPath(new URL("../../../", import.meta.url));

const cleanups: (() => void)[] = [];
afterAll(() => {
  for (const cleanup of cleanups.reverse()) cleanup();
});

/** Runs the operator's command line in its own process, as `npm run stall -- <args>` does. */
function stall(args: string[], databaseUrl: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(repositoryRoot, "scripts", "stall.ts"), ...args], {
      cwd: repositoryRoot,
      env: { PATH: process.env.PATH ?? "", DATABASE_URL: databaseUrl, LOG_LEVEL: "silent" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.once("error", reject);
    child.once("exit", (code) => resolve({ code: code ?? 1, stdout, stderr }));
  });
}

it("a backup taken during 30 s of concurrent checkouts restores with every acknowledged order, intact", {
  timeout: 180_000,
}, async () => {
  const harness = await createHarness();
  cleanups.push(() => harness.cleanup());
  const owner = await ownerWithShop(harness);
  const base = `/v1/shops/${owner.shopId}`;
  const product = await owner.api.post(`${base}/products`, {
    title: "Rice",
    variants: [{ price: 300, stock: INITIAL_STOCK }],
  });
  const variantId = product.body.variants[0].id as string;
  const pickup = await owner.api.post(`${base}/pickup-points`, { name: "Market", address: "Town green" });
  await owner.api.patch(base, { paymentMethods: ["pay_at_pickup"] });
  expect((await owner.api.post(`${base}/publish`)).status).toBe(200);
  const host = `${owner.shop.slug}.localhost`;

  const acknowledged = new Set<string>();
  const failures: string[] = [];
  let key = 0;
  const loadEnds = Date.now() + LOAD_MS;
  async function buyer() {
    while (Date.now() < loadEnds) {
      // app.request() has no socket, so a loop of them would run on promise callbacks alone and starve
      // the timers and child-process events below; a real server gets I/O turns between requests.
      await new Promise((resolve) => setImmediate(resolve));
      key += 1;
      const response = await client(harness).post(
        `/v1/storefront/${host}/checkouts`,
        {
          lines: [{ variantId, quantity: 1 }],
          buyer: { name: "Ana", email: "ana@example.test" },
          fulfilment: { type: "pickup", pickupPointId: pickup.body.id },
          paymentMethod: "pay_at_pickup",
        },
        { "idempotency-key": `backup-${key}` },
      );
      if (response.status === 201) acknowledged.add(response.body.order.id as string);
      else failures.push(`${response.status} ${response.text}`);
    }
  }
  const buyers = Array.from({ length: WORKERS }, () => buyer());

  // Halfway through, back up from another process while the buyers keep going.
  const folder = mkdtempSync(join(tmpdir(), "stall-backup-api-"));
  cleanups.push(() => rmSync(folder, { recursive: true, force: true }));
  while (Date.now() < loadEnds - LOAD_MS / 2) await new Promise((resolve) => setTimeout(resolve, 100));
  const beforeBackup = new Set(acknowledged);
  const backupFile = join(folder, "backup.db");
  const backup = await stall(["backup", backupFile], harness.database.url);
  const duringBackup = acknowledged.size - beforeBackup.size;
  await Promise.all(buyers);
  expect(backup.stderr).toBe("");
  expect(backup.code).toBe(0);
  expect(backup.stdout).toMatch(/integrity check ok/);
  expect(failures).toEqual([]);
  // Checkouts went on while the copy was made, and after it.
  expect(duringBackup).toBeGreaterThan(0);
  expect(acknowledged.size).toBeGreaterThan(beforeBackup.size + duringBackup);

  // Restore into a fresh place, as an operator would on a new machine.
  const restoredPath = join(folder, "restored", "stall.db");
  mkdirSync(join(folder, "restored"));
  const restore = await stall(["restore", backupFile], `file:${restoredPath}`);
  expect(restore.stderr).toBe("");
  expect(restore.code).toBe(0);

  // Start the API on the restored file; the owner's session is in it too.
  const restoredDb = await createDb(`file:${restoredPath}`);
  const restored: Harness = await createHarness({
    database: {
      ...restoredDb,
      url: `file:${restoredPath}`,
      dir: folder,
      cleanup: () => restoredDb.close(),
    },
  });
  cleanups.push(() => restored.cleanup());
  const integrity = await restored.database.client.execute("PRAGMA integrity_check");
  expect(integrity.rows.map((row) => row[0])).toEqual(["ok"]);

  const api = client(restored, owner.token);
  const restoredIds = new Set<string>();
  let cursor: string | null = null;
  do {
    const page = await api.get(`${base}/orders?limit=100${cursor ? `&cursor=${cursor}` : ""}`);
    expect(page.status).toBe(200);
    for (const order of page.body.items) restoredIds.add(order.id as string);
    cursor = page.body.nextCursor;
  } while (cursor);

  const missing = [...beforeBackup].filter((id) => !restoredIds.has(id));
  expect(missing).toEqual([]);
  const unknown = [...restoredIds].filter((id) => !acknowledged.has(id));
  expect(unknown).toEqual([]);
  // Every order took one unit: what is left plus what was ordered is what there was.
  const stock = (await api.get(`${base}/products/${product.body.id}`)).body.variants[0].stock as number;
  expect(stock + restoredIds.size).toBe(INITIAL_STOCK);
  // And the live database adds up the same way with everything the buyers were told.
  const live = (await owner.api.get(`${base}/products/${product.body.id}`)).body.variants[0].stock as number;
  expect(live + acknowledged.size).toBe(INITIAL_STOCK);
});
