// sharp and the Stripe SDK are loaded when first needed (decision 036): an API that serves shoppers but
// never handles a photo or a payment does not hold them in memory. sharp starts loading at a signed-in
// owner's first request, who may send a photo next (decision 059).
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { createDb, migrate } from "@stall/db";
import { afterAll, expect, it } from "vitest";

const dir = mkdtempSync(join(tmpdir(), "stall-heavy-modules-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it("boots and answers shoppers and sign-ups without importing sharp or stripe; an owner's request imports sharp", async () => {
  const url = `file:${join(dir, "stall.db")}`;
  const database = await createDb(url);
  await migrate(database.db);
  database.close();
  const result = spawnSync(process.execPath, [fileURLToPath(new URL("./fixtures/heavy-modules.ts", import.meta.url))], {
    env: {
      PATH: process.env.PATH ?? "",
      DATA_DIR: dir,
      DATABASE_URL: url,
      STRIPE_SECRET_KEY: "sk_test_heavy_modules",
      STRIPE_WEBHOOK_SECRET: "whsec_heavy_modules",
      SECRET_KEY: "heavy-modules-test-secret-0123456789abcdef",
    },
    encoding: "utf8",
  });
  expect(result.stderr).toBe("");
  expect(JSON.parse(result.stdout)).toEqual({ afterBoot: [], afterOwner: ["sharp"], afterPhoto: ["sharp"] });
});
