import { type ChildProcess, spawn } from "node:child_process";
import { mkdir, mkdtemp, rm } from "node:fs/promises";
import net from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

export type StackPorts = { apiPort: number; storefrontPort: number; dashboardPort: number; dataDir: string };
export type Stack = { ports: StackPorts; stop: () => Promise<void> };

const repoRoot = fileURLToPath(new URL("../../", import.meta.url));
// Overridable so the harness itself can be tried against a stand-in script.
const startScript = process.env.STALL_START_SCRIPT ?? path.join(repoRoot, "scripts/start.cjs");
const readyLine = "Stall is ready";
// Generous: the first start seeds the demo shop (35 photos through sharp), slow on a busy machine.
const readyTimeoutMs = 240_000;
const stopTimeoutMs = 10_000;
const orphanGraceMs = 5_000;

/**
 * Starts the whole built stack (`node scripts/start.cjs`) on free ports with a fresh data directory,
 * and resolves once it prints "Stall is ready".
 */
export async function startStack(): Promise<Stack> {
  const tempDir = await mkdtemp(path.join(tmpdir(), "stall-e2e-"));
  const dataDir = path.join(tempDir, "data");
  await mkdir(dataDir);
  const [apiPort = 0, storefrontPort = 0, dashboardPort = 0] = await freePorts(3);
  const child = spawn(process.execPath, [startScript], {
    cwd: repoRoot,
    env: {
      ...process.env,
      API_PORT: String(apiPort),
      STOREFRONT_PORT: String(storefrontPort),
      DASHBOARD_PORT: String(dashboardPort),
      DATA_DIR: dataDir,
      DATABASE_URL: `file:${path.join(dataDir, "stall.db")}`,
      STALL_SKIP_BUILD: "1",
      // Fixed here so a developer's own settings cannot change the URLs the tests open.
      STOREFRONT_ROOT_DOMAIN: "localhost",
      PUBLIC_API_URL: `http://localhost:${apiPort}`,
      ASTRO_TELEMETRY_DISABLED: "1",
    },
    // Its own process group, so a forced stop also takes the app servers it started.
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  const stop = async () => {
    try {
      await stopProcessGroup(child);
    } finally {
      await rm(tempDir, { recursive: true, force: true });
    }
  };

  try {
    await waitForReady(child);
  } catch (error) {
    // The start failure is the news; stopping still kills whatever is left.
    await stop().catch(() => {});
    throw error;
  }
  return { ports: { apiPort, storefrontPort, dashboardPort, dataDir }, stop };
}

function waitForReady(child: ChildProcess): Promise<void> {
  return new Promise((resolve, reject) => {
    let output = "";
    const command = `node ${path.relative(repoRoot, startScript)}`;
    const fail = (why: string) => {
      clearTimeout(timer);
      reject(new Error(`${command} ${why}. Its output:\n${output || "(none)"}`));
    };
    const timer = setTimeout(
      () => fail(`did not print "${readyLine}" within ${readyTimeoutMs / 1000} s`),
      readyTimeoutMs,
    );
    child.stdout?.setEncoding("utf8").on("data", (chunk: string) => {
      output += chunk;
      if (output.split("\n").some((line) => line.includes(readyLine))) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.stderr?.setEncoding("utf8").on("data", (chunk: string) => {
      output += chunk;
    });
    child.once("error", (error) => fail(`could not start (${error.message})`));
    child.once("exit", (code, signal) => fail(`exited (${signal ?? `code ${code}`}) before it was ready`));
  });
}

/**
 * SIGTERM, then SIGKILL to the whole process group if it has not exited after 10 s.
 * Fails if anything it started is still running after it exited.
 */
async function stopProcessGroup(child: ChildProcess): Promise<void> {
  const group = child.pid;
  if (group === undefined) return;
  if (child.exitCode === null && child.signalCode === null) {
    const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
    child.kill("SIGTERM");
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<boolean>((resolve) => {
      timer = setTimeout(() => resolve(true), stopTimeoutMs);
    });
    const isTimedOut = await Promise.race([exited.then(() => false), timedOut]);
    clearTimeout(timer);
    if (isTimedOut) {
      process.kill(-group, "SIGKILL");
      await exited;
      throw new Error(`The stack did not exit within ${stopTimeoutMs / 1000} s of SIGTERM; it was killed.`);
    }
  }
  // What it started may take a moment to finish exiting, but must not outlive it for long.
  const deadline = Date.now() + orphanGraceMs;
  while (isGroupAlive(group)) {
    if (Date.now() > deadline) {
      process.kill(-group, "SIGKILL");
      throw new Error(
        `The stack exited on SIGTERM but left processes running ${orphanGraceMs / 1000} s later; they were killed.`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

function isGroupAlive(group: number): boolean {
  try {
    process.kill(-group, 0);
    return true;
  } catch {
    return false;
  }
}

/** Distinct ports that were free a moment ago: all held open at once, then released. */
export async function freePorts(count: number): Promise<number[]> {
  const servers = await Promise.all(
    Array.from(
      { length: count },
      () =>
        new Promise<net.Server>((resolve, reject) => {
          const server = net.createServer();
          server.once("error", reject);
          server.listen(0, "127.0.0.1", () => resolve(server));
        }),
    ),
  );
  const ports = servers.map((server) => (server.address() as net.AddressInfo).port);
  await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
  return ports;
}
