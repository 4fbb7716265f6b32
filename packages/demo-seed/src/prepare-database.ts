// The embedded default's first run (`npm start`): migrate, then seed the demo shop into an empty
// database when SEED_DEMO allows. The API itself never seeds: this package is not part of it.

import { createImageProcessor } from "@stall/api/adapters";
import { createHasher, createMediaStore } from "@stall/api/boot";
import type { Env } from "@stall/api/env";
import { createDb, migrate, platform } from "@stall/db";
import { DEMO_OWNER, seedDemoShop } from "./seed-demo-shop.ts";

export type Prepared = { demoSlug?: string; demoOwner?: { email: string; password: string } };

export async function prepareDatabase(env: Env, log: (message: string) => void): Promise<Prepared> {
  const database = await createDb(env.DATABASE_URL, { authToken: env.DATABASE_AUTH_TOKEN });
  try {
    await migrate(database.db);
    log(`database ready at ${env.DATABASE_URL}`);
    const directory = platform(database.db);
    if (env.SEED_DEMO && (await directory.shops.count()) === 0) {
      log("first run: creating the demo shop (photos are drawn and processed; this takes a few seconds)…");
      const hasher = createHasher(env);
      const seeded = await seedDemoShop({
        database,
        images: createImageProcessor(),
        store: createMediaStore(env),
        hasher,
        clock: { now: () => Date.now() },
        log,
      }).finally(() => hasher.close());
      return { demoSlug: seeded.slug, demoOwner: { email: DEMO_OWNER.email, password: DEMO_OWNER.password } };
    }
    const demo = await directory.shops.findBySlug("demo");
    return demo ? { demoSlug: demo.slug } : {};
  } finally {
    database.close();
  }
}
