import { createDb, migrate, platform } from "@stall/db";
import { createImageProcessor } from "../adapters/image-processor.ts";
import { createScryptHasher } from "../adapters/password-hasher.ts";
import type { Env } from "../env.ts";
import { DEMO_OWNER, seedDemoShop } from "../seed/seed-demo-shop.ts";
import { createMediaStore } from "./create-deps.ts";

export type Prepared = { demoSlug?: string; demoOwner?: { email: string; password: string } };

export async function prepareDatabase(env: Env, log: (message: string) => void): Promise<Prepared> {
  const database = await createDb(env.DATABASE_URL, { authToken: env.DATABASE_AUTH_TOKEN });
  try {
    await migrate(database.db);
    log(`database ready at ${env.DATABASE_URL}`);
    const directory = platform(database.db);
    if (env.SEED_DEMO && (await directory.shops.count()) === 0) {
      log("first run: creating the demo shop (photos are drawn and processed; this takes a few seconds)…");
      const hasher = createScryptHasher();
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
