// `npm run reconcile`: re-read recent Stripe Checkout Sessions and refunds and repair orders missed webhooks left
// behind (the API also does this every few minutes). `--hours N` sets how far back (default 48).

import { createDeps, createJsonLogger } from "@stall/api/boot";
import { parseEnv } from "@stall/api/env";
import { reconcilePayments } from "@stall/api/reconcile";
import { createDb } from "@stall/db";

const hoursFlag = process.argv.indexOf("--hours");
const hours = hoursFlag > 0 ? Number(process.argv[hoursFlag + 1]) : 48;
const env = parseEnv(process.env);
const database = await createDb(env.DATABASE_URL, { authToken: env.DATABASE_AUTH_TOKEN });
const deps = createDeps(env, database, createJsonLogger("warn"));
if (!deps.payments) {
  process.stdout.write("Stripe is not configured (STRIPE_SECRET_KEY); nothing to reconcile.\n");
} else {
  const report = await reconcilePayments(deps, { sinceMs: Date.now() - hours * 3_600_000 });
  process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
}
database.close();
