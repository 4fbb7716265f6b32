// `npm run db:migrate`: apply committed migrations to DATABASE_URL (file, sqld or Turso).

import { parseEnv } from "@stall/api/env";
import { createDb, migrate } from "@stall/db";

const env = parseEnv(process.env);
const database = await createDb(env.DATABASE_URL, { authToken: env.DATABASE_AUTH_TOKEN });
await migrate(database.db);
database.close();
process.stdout.write(`Migrated ${env.DATABASE_URL}\n`);
// Every pod holds the whole schema (decision 040); the shops placed on it use its shop tables.
for (const pod of env.DATABASE_PODS) {
  const podDatabase = await createDb(pod.url);
  await migrate(podDatabase.db);
  podDatabase.close();
  process.stdout.write(`Migrated pod ${pod.name}\n`);
}
