// Opens the pods of DATABASE_PODS next to home (decision 040), for the API server and the operator's tools.
import { createDb, type Database, HOME_POD, migrate, pendingMigrations, podDirectory } from "@stall/db";
import type { Env } from "../env.ts";
import { EnvError } from "../env.ts";
import { createPods, type Pod, type Pods } from "./pods.ts";

/**
 * Connects to every pod; with `migrate`, brings each up to date (tools), otherwise refuses one that is
 * not (the server, like home). Refuses too when the directory places a shop on a pod DATABASE_PODS does
 * not name: that shop's rows would be looked for in the wrong database.
 */
export async function openPods(
  env: Pick<Env, "DATABASE_PODS" | "DATABASE_MAX_WRITERS" | "HOST_DIRECTORY_REFRESH_MS">,
  home: Database,
  options: { migrate?: boolean } = {},
): Promise<Pods> {
  const others: Pod[] = [];
  try {
    for (const { name, url } of env.DATABASE_PODS) {
      const database = await createDb(url, { maxWriters: env.DATABASE_MAX_WRITERS });
      others.push({ name, database });
      if (options.migrate) await migrate(database.db);
      const pending = await pendingMigrations(database);
      if (pending.length > 0) {
        throw new EnvError([
          `DATABASE_PODS: pod "${name}" has ${pending.length} migration(s) to apply (${pending.join(", ")}); run "npm run db:migrate" first`,
        ]);
      }
    }
    const named = new Set([HOME_POD, ...others.map((pod) => pod.name)]);
    const unknown = new Set<string>();
    for (const row of await podDirectory(home.db).changedSince(0)) {
      if (!named.has(row.pod)) unknown.add(row.pod);
      if (row.movingTo && !named.has(row.movingTo)) unknown.add(row.movingTo);
    }
    if (unknown.size > 0) {
      throw new EnvError([
        `DATABASE_PODS: shops are placed on ${[...unknown].map((name) => `"${name}"`).join(", ")}, which it does not name`,
      ]);
    }
  } catch (error) {
    for (const pod of others) pod.database.close();
    throw error;
  }
  return createPods(home, others, { refreshMs: () => env.HOST_DIRECTORY_REFRESH_MS, now: () => Date.now() });
}
