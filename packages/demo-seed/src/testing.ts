// The real API started the way `npm start` starts it (migrate, seed when asked, then `server.ts` as its
// own process) on a fresh data directory: what the storefront's and the dashboard's tests run against.
// With SEED_DEMO=true the directory starts as a copy of the demo shop seeded once for the run.
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseEnv } from "@stall/api/env";
import { freePort, stopProcess } from "@stall/http-edge/testing";
import { prepareDatabase } from "./prepare-database.ts";
import { copySeededDemo, TEST_LOG2_N } from "./seeded-template.ts";

export type ApiProcess = {
  port: number;
  /** Where tests reach it: `http://127.0.0.1:{port}`. */
  url: string;
  /** Its PUBLIC_API_URL, as links in pages and emails show it. */
  publicUrl: string;
  /** Its DATA_DIR: mail lands in `mail/` under it as .eml files. */
  dataDir: string;
  stop: () => Promise<void>;
  output: () => string;
};

const serverEntry = fileURLToPath(new URL("./server.ts", import.meta.resolve("@stall/api")));

/** Starts the API on a free port; `env` adds to or overrides the test defaults (no demo shop by default). */
export async function startApiProcess(options: { env?: Record<string, string> } = {}): Promise<ApiProcess> {
  const dataDir = mkdtempSync(join(tmpdir(), "stall-api-"));
  const port = await freePort();
  const env: Record<string, string> = {
    NODE_ENV: "test",
    API_PORT: String(port),
    API_HOST: "127.0.0.1",
    DATA_DIR: dataDir,
    DATABASE_URL: `file:${join(dataDir, "stall.db")}`,
    STOREFRONT_ROOT_DOMAIN: "localhost",
    PUBLIC_API_URL: `http://localhost:${port}`,
    SEED_DEMO: "false",
    LOG_LEVEL: "warn",
    // Passwords at a test's cost: OWASP's takes 0.6 s a hash here, and these tests sign in often.
    TEST_PASSWORD_HASH_LOG2_N: TEST_LOG2_N,
    ...options.env,
  };
  // The demo shop is seeded once per run and copied (seeded-template.ts); photos on S3 are not copied.
  if (env.SEED_DEMO === "true" && env.MEDIA_STORE !== "s3") await copySeededDemo(dataDir);
  await prepareDatabase(parseEnv(env), () => {});
  const child: ChildProcess = spawn(process.execPath, [serverEntry], {
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout?.on("data", (chunk) => {
    output += chunk;
  });
  child.stderr?.on("data", (chunk) => {
    output += chunk;
  });
  const stop = async () => {
    await stopProcess(child);
    rmSync(dataDir, { recursive: true, force: true });
  };
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`The API exited with code ${child.exitCode}:\n${output}`);
    const ready = await fetch(`${url}/readyz`).catch(() => undefined);
    if (ready?.ok) return { port, url, publicUrl: env.PUBLIC_API_URL ?? url, dataDir, stop, output: () => output };
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  await stop();
  throw new Error(`The API did not become ready within 30 s:\n${output}`);
}
