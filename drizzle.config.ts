import { defineConfig } from "drizzle-kit";

// Generates SQL migrations from the schema: `npm run db:generate`. Migrations are applied by
// `createDb` users through `migrate()` (packages/db/src/migrate.ts), never by `push`.
export default defineConfig({
  dialect: "turso",
  schema: "./packages/db/src/schema/index.ts",
  out: "./packages/db/migrations",
  dbCredentials: { url: process.env.DATABASE_URL ?? "file:./data/stall.db" },
  strict: true,
  verbose: true,
});
