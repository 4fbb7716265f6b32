// The real API started the way `npm start` starts it (migrate, seed when asked, then its built server as
// its own process) on a fresh data directory: what the storefront's and the dashboard's tests run against.
// With SEED_DEMO=true the directory starts as a copy of the demo shop seeded once for the run.
import { type ChildProcess, spawn } from "node:child_process";
import { type Dirent, mkdtempSync, readdirSync, rmSync, statSync } from "node:fs";
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

const apiDir = fileURLToPath(new URL("../", import.meta.resolve("@stall/api")));
const workspaceDir = join(apiDir, "../..");

/** The newest modification time of any file under `dir`, in ms (0 when it does not exist). */
function newestUnder(dir: string): number {
  let newest = 0;
  let entries: Dirent[];
  try {
    entries = readdirSync(dir, { withFileTypes: true, recursive: true });
  } catch {
    return 0;
  }
  for (const entry of entries) {
    if (entry.isFile()) newest = Math.max(newest, statSync(join(entry.parentPath, entry.name)).mtimeMs);
  }
  return newest;
}

/**
 * The API's server as `npm start` runs it, `dist/server.mjs`, when that bundle is newer than every source it
 * is built from (the API's and the workspace packages'); otherwise its TypeScript source, so a test run
 * straight after an edit never meets an old build. `npm test` builds the API first (turbo.json). The bundle is
 * ready in about 0.8 s here, the sources in 2.5-2.9 s, and the storefront's and dashboard's tests start an API
 * for each file (decision 061).
 */
export function apiServerEntry(): string {
  const built = join(apiDir, "dist/server.mjs");
  let builtAt: number;
  try {
    builtAt = statSync(built).mtimeMs;
  } catch {
    return join(apiDir, "src/server.ts");
  }
  const sources = [
    join(apiDir, "src"),
    ...readdirSync(join(workspaceDir, "packages")).map((name) => join(workspaceDir, "packages", name, "src")),
  ];
  return sources.every((dir) => newestUnder(dir) < builtAt) ? built : join(apiDir, "src/server.ts");
}

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
  const child: ChildProcess = spawn(process.execPath, [apiServerEntry()], {
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
