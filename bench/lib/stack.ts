// The whole stack as `npm start` runs it (built apps, demo shop seeded), on free ports and a fresh
// data directory, for benchmarks of pages.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { freePort } from "@stall/db/testing";
import { root } from "./processes.ts";

export type Stack = {
  api: string;
  storefront: string;
  dashboard: string;
  /** The supervisor (`scripts/start.cjs`); the apps are its children. */
  pid: number;
  stop(): Promise<void>;
};

export async function startStack(): Promise<Stack> {
  const dir = mkdtempSync(join(tmpdir(), "stall-bench-stack-"));
  const [api, storefront, dashboard] = [await freePort(), await freePort(), await freePort()];
  const child = spawn(process.execPath, [join(root, "scripts/start.cjs")], {
    cwd: root,
    env: {
      ...process.env,
      API_PORT: String(api),
      STOREFRONT_PORT: String(storefront),
      DASHBOARD_PORT: String(dashboard),
      DATA_DIR: dir,
      DATABASE_URL: `file:${join(dir, "stall.db")}`,
      LOG_LEVEL: "warn",
    },
    stdio: ["ignore", "pipe", "inherit"],
  });
  await new Promise<void>((resolve, reject) => {
    let output = "";
    const timer = setTimeout(() => reject(new Error(`stack did not start:\n${output}`)), 180_000);
    child.stdout.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes("Stall is ready")) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once("exit", (code) => reject(new Error(`stack exited with ${code}:\n${output}`)));
  });
  return {
    api: `http://127.0.0.1:${api}`,
    storefront: `http://demo.localhost:${storefront}`,
    dashboard: `http://localhost:${dashboard}`,
    pid: child.pid ?? 0,
    async stop() {
      await new Promise<void>((resolve) => {
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      });
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
