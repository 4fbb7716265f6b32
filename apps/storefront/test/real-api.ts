// The real API, started as its own process on a fresh libSQL file with the demo shop seeded, plus a
// small client for the owner's side (sign up, create a shop, add products) that tests drive it with.
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { freePort, stopProcess } from "@stall/http-edge/testing";

// `npm start`'s first-run steps (migrate, seed the demo shop), loaded at run time by a name held in a
// variable: a static import would make the storefront's typecheck (DOM types) check the API's sources
// (Node types) too.
type ApiBoot = {
  prepareDatabase: (env: unknown, log: (message: string) => void) => Promise<unknown>;
  parseEnv: (source: Record<string, string>) => unknown;
};
async function loadApiBoot(): Promise<ApiBoot> {
  const [seed, env] = ["@stall/demo-seed", "@stall/api/env"];
  const [{ prepareDatabase }, { parseEnv }] = await Promise.all([import(seed), import(env)]);
  return { prepareDatabase, parseEnv };
}

export type RealApi = {
  port: number;
  url: string;
  publicUrl: string;
  /** The API's DATA_DIR: its .eml files land in `mail/` under it. */
  dataDir: string;
  stop: () => Promise<void>;
  output: () => string;
};

/** `seedDemo: false` skips the demo shop (its photos take most of the start-up) for tests that make their own. */
export async function startRealApi(options: {
  storefrontPort: number;
  seedDemo?: boolean;
  /** More settings for the API process (limits, secrets). */
  env?: Record<string, string>;
}): Promise<RealApi> {
  const dataDir = mkdtempSync(join(tmpdir(), "stall-storefront-"));
  const port = await freePort();
  const env = {
    NODE_ENV: "test",
    API_PORT: String(port),
    API_HOST: "127.0.0.1",
    DATA_DIR: dataDir,
    DATABASE_URL: `file:${join(dataDir, "stall.db")}`,
    STOREFRONT_PORT: String(options.storefrontPort),
    STOREFRONT_ROOT_DOMAIN: "localhost",
    PUBLIC_API_URL: `http://localhost:${port}`,
    SEED_DEMO: options.seedDemo === false ? "false" : "true",
    LOG_LEVEL: "warn",
    // Every test request comes from one address: load shedding is tested on its own (fairness.int.test.ts).
    CART_LIMIT_PER_IP: "1000000",
    CART_LIMIT_PER_SHOP: "1000000",
    CHECKOUT_LIMIT_PER_IP: "1000000",
    CHECKOUT_LIMIT_PER_SHOP: "1000000",
    ...options.env,
  };
  const { prepareDatabase, parseEnv } = await loadApiBoot();
  await prepareDatabase(parseEnv(env), () => {});
  const child: ChildProcess = spawn(
    process.execPath,
    [fileURLToPath(new URL("../../api/src/server.ts", import.meta.url))],
    {
      env: { ...process.env, ...env },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
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
    if (ready?.ok) return { port, url, publicUrl: env.PUBLIC_API_URL, dataDir, stop, output: () => output };
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  await stop();
  throw new Error(`The API did not become ready within 30 s:\n${output}`);
}

export type OwnerSession = {
  call: <T = Record<string, unknown>>(method: string, path: string, body?: unknown) => Promise<T>;
};

async function callApi<T>(apiUrl: string, method: string, path: string, body: unknown, token?: string): Promise<T> {
  const response = await fetch(`${apiUrl}${path}`, {
    method,
    headers: {
      ...(body === undefined ? {} : { "Content-Type": "application/json" }),
      ...(token ? { Authorization: `Bearer ${token}` } : {}),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path} answered ${response.status}: ${text}`);
  return (text ? JSON.parse(text) : {}) as T;
}

function session(apiUrl: string, token: string): OwnerSession {
  return { call: (method, path, body) => callApi(apiUrl, method, path, body, token) };
}

/** A new owner's session on the API: JSON in, JSON out, any refusal thrown with the API's words. */
export async function signUp(apiUrl: string, email: string): Promise<OwnerSession> {
  const body = { email, password: "a long passphrase for tests", name: "Owner" };
  const { token } = await callApi<{ token: string }>(apiUrl, "POST", "/v1/auth/signup", body);
  return session(apiUrl, token);
}

/** The demo owner the seed creates (packages/demo-seed/src/seed-demo-shop.ts). */
export async function logInDemoOwner(apiUrl: string): Promise<OwnerSession> {
  const body = { email: "owner@demo.stall.test", password: "demo-owner-2026" };
  const { token } = await callApi<{ token: string }>(apiUrl, "POST", "/v1/auth/login", body);
  return session(apiUrl, token);
}
