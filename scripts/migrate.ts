// `npm run db:migrate`: apply committed migrations to DATABASE_URL (file, sqld or Turso).
import { createDb, migrate } from "@stall/db";
import { parseEnv } from "../apps/api/src/env.ts";

const env = parseEnv(process.env);
const database = await createDb(env.DATABASE_URL, { authToken: env.DATABASE_AUTH_TOKEN });
await migrate(database.db);
database.close();
process.stdout.write(`Migrated ${env.DATABASE_URL}\n`);
