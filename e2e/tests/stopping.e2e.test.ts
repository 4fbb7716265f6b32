// `npm start` stopping: Ctrl-C (SIGINT to the whole process group) and one app stopped on purpose both
// end in a clean stop of everything, exit code 0, and no app reported as a crash.
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { freePorts } from "../src/stack.ts";

const repoRoot = fileURLToPath(new URL("../../", import.meta.url));
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

type Started = { child: ChildProcess; output: () => string; exited: Promise<number | null> };

/** Runs `node scripts/start.cjs` in its own process group on free ports; resolves once it is ready. */
async function startStall(): Promise<Started> {
  const dataDir = await mkdtemp(path.join(tmpdir(), "stall-stop-"));
  const [apiPort = 0, storefrontPort = 0, dashboardPort = 0] = await freePorts(3);
  const child = spawn(process.execPath, [path.join(repoRoot, "scripts/start.cjs")], {
    cwd: repoRoot,
    env: {
      ...process.env,
      API_PORT: String(apiPort),
      STOREFRONT_PORT: String(storefrontPort),
      DASHBOARD_PORT: String(dashboardPort),
      DATA_DIR: dataDir,
      DATABASE_URL: `file:${path.join(dataDir, "stall.db")}`,
      STOREFRONT_ROOT_DOMAIN: "localhost",
      PUBLIC_API_URL: `http://localhost:${apiPort}`,
      ASTRO_TELEMETRY_DISABLED: "1",
      // No demo shop: making its photos is the slow part of a first start, and stopping does not need it.
      SEED_DEMO: "false",
    },
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout?.setEncoding("utf8").on("data", (chunk: string) => {
    output += chunk;
  });
  child.stderr?.setEncoding("utf8").on("data", (chunk: string) => {
    output += chunk;
  });
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  cleanups.push(async () => {
    if (child.exitCode === null && child.signalCode === null && child.pid) process.kill(-child.pid, "SIGKILL");
    await rm(dataDir, { recursive: true, force: true });
  });
  const deadline = Date.now() + 120_000;
  while (!output.includes("Stall is ready")) {
    if (child.exitCode !== null) throw new Error(`start.ts exited before it was ready:\n${output}`);
    if (Date.now() > deadline) throw new Error(`start.ts was not ready within 120 s:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return { child, output: () => output, exited };
}

/** The process start.ts started for an app, found by the entry file on its command line. */
async function appProcess(parent: number, entry: string): Promise<number> {
  const children = (await readFile(`/proc/${parent}/task/${parent}/children`, "utf8")).trim().split(/\s+/);
  for (const pid of children) {
    const commandLine = await readFile(`/proc/${pid}/cmdline`, "utf8").catch(() => "");
    if (commandLine.includes(entry)) return Number(pid);
  }
  throw new Error(`no process for ${entry} under ${parent}`);
}

describe("stopping npm start", () => {
  it("on Ctrl-C stops every app cleanly and exits 0", async () => {
    const stall = await startStall();
    process.kill(-(stall.child.pid ?? 0), "SIGINT");
    expect(await stall.exited).toBe(0);
    const output = stall.output();
    expect(output).not.toContain("exited unexpectedly");
    for (const line of ['"msg":"api stopped"', "Storefront stopped", "Dashboard stopped", "Stall stopped."]) {
      expect(output).toContain(line);
    }
  }, 150_000);

  it("when one app is stopped on purpose, stops the rest without calling it a crash", async () => {
    const stall = await startStall();
    process.kill(await appProcess(stall.child.pid ?? 0, "apps/api/dist/server.mjs"), "SIGTERM");
    expect(await stall.exited).toBe(0);
    const output = stall.output();
    expect(output).toContain("[api] stopped; stopping the rest");
    expect(output).not.toContain("exited unexpectedly");
    expect(output).toContain("Stall stopped.");
  }, 150_000);
});
