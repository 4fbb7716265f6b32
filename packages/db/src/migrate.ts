import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { migrate as drizzleMigrate } from "drizzle-orm/libsql/migrator";
import type { Database, Db } from "./client.ts";

/**
 * The committed migrations, found through this package's own name so the folder is right from the sources
 * and from a bundle of them (the API's `dist/server.mjs`, where `import.meta.url` is the bundle's).
 */
export const migrationsFolder = join(
  dirname(createRequire(import.meta.url).resolve("@stall/db/package.json")),
  "migrations",
);

/** Applies every committed migration not yet applied. Safe to run again. */
export async function migrate(db: Db): Promise<void> {
  await drizzleMigrate(db, { migrationsFolder });
}

/** Committed migrations the database has not had yet (their tags), the way drizzle decides it. */
export async function pendingMigrations(database: Database): Promise<string[]> {
  const journal = JSON.parse(readFileSync(join(migrationsFolder, "meta", "_journal.json"), "utf8")) as {
    entries: { tag: string; when: number }[];
  };
  let lastApplied = 0;
  try {
    const result = await database.client.execute("SELECT MAX(created_at) AS last FROM __drizzle_migrations");
    lastApplied = Number(result.rows[0]?.last ?? 0);
  } catch {
    lastApplied = 0; // no migrations table: nothing applied
  }
  return journal.entries.filter((entry) => entry.when > lastApplied).map((entry) => entry.tag);
}
