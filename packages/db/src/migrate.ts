import { fileURLToPath } from "node:url";
import { migrate as drizzleMigrate } from "drizzle-orm/libsql/migrator";
import type { Db } from "./client.ts";

export const migrationsFolder = fileURLToPath(new URL("../migrations", import.meta.url));

/** Applies every committed migration not yet applied. Safe to run on every start. */
export async function migrate(db: Db): Promise<void> {
  await drizzleMigrate(db, { migrationsFolder });
}
