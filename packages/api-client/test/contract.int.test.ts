// The contract between the API and its client, checked against the real API as a process: it serves
// exactly the document the client was generated from, and a client generated from what it serves
// compiles and places an order from sign-up to checkout.
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { createDb, migrate } from "@stall/db";
import { freePort } from "@stall/db/testing";
import openapiTS, { astToString } from "openapi-typescript";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const require = createRequire(import.meta.url);
const serverEntry = fileURLToPath(new URL("./server.ts", import.meta.resolve("@stall/api")));
const dir = mkdtempSync(join(tmpdir(), "stall-contract-"));
let api: ChildProcess | undefined;
let output = "";
let url = "";
const cleanups: (() => void)[] = [];

beforeAll(async () => {
  const databaseUrl = `file:${join(dir, "stall.db")}`;
  const database = await createDb(databaseUrl);
  await migrate(database.db);
  database.client.close();
  const port = await freePort();
  url = `http://127.0.0.1:${port}`;
  api = spawn(process.execPath, [serverEntry], {
    env: {
      PATH: process.env.PATH ?? "",
      NODE_ENV: "test",
      API_HOST: "127.0.0.1",
      API_PORT: String(port),
      DATA_DIR: dir,
      DATABASE_URL: databaseUrl,
      STOREFRONT_ROOT_DOMAIN: "localhost",
      LOG_LEVEL: "warn",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  api.stdout?.on("data", (chunk: Buffer) => {
    output += chunk.toString();
  });
  api.stderr?.on("data", (chunk: Buffer) => {
    output += chunk.toString();
  });
  for (;;) {
    if (api.exitCode !== null) throw new Error(`The API exited:\n${output}`);
    const ready = await fetch(`${url}/readyz`).catch(() => undefined);
    if (ready?.ok) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}, 60_000);

afterAll(async () => {
  if (api && api.exitCode === null) {
    const exited = new Promise((resolve) => api?.once("exit", resolve));
    api.kill("SIGTERM");
    await exited;
  }
  for (const cleanup of cleanups) cleanup();
  rmSync(dir, { recursive: true, force: true });
});

describe("the API's contract with its client", () => {
  it("serves exactly the document the client was generated from", async () => {
    const served = await (await fetch(`${url}/openapi.json`)).json();
    const committed = JSON.parse(readFileSync(new URL("../src/openapi.json", import.meta.url), "utf8"));
    expect(served).toEqual(committed);
  });

  it("a client generated from the served document compiles and places an order end to end", async () => {
    // Inside this package (in an ignored dist/ folder), so the script finds openapi-fetch and Node's
    // types the way any caller would; Node does not run TypeScript from under node_modules.
    const scratch = fileURLToPath(new URL("../dist/", import.meta.url));
    mkdirSync(scratch, { recursive: true });
    const work = mkdtempSync(join(scratch, "contract-"));
    cleanups.push(() => rmSync(work, { recursive: true, force: true }));
    const served = await (await fetch(`${url}/openapi.json`)).text();
    writeFileSync(join(work, "schema.ts"), astToString(await openapiTS(served)));
    copyFileSync(fileURLToPath(new URL("./fixtures/place-order.ts", import.meta.url)), join(work, "place-order.ts"));
    writeFileSync(
      join(work, "tsconfig.json"),
      JSON.stringify({
        extends: fileURLToPath(new URL("../../../tsconfig.json", import.meta.url)),
        include: ["*.ts"],
        exclude: [],
      }),
    );
    const tsc = spawnSync(process.execPath, [require.resolve("typescript/bin/tsc"), "-p", work], { encoding: "utf8" });
    expect(tsc.stdout + tsc.stderr).toBe("");
    expect(tsc.status).toBe(0);

    const run = spawnSync(process.execPath, [join(work, "place-order.ts"), url], { encoding: "utf8" });
    expect(run.stderr).toBe("");
    expect(JSON.parse(run.stdout)).toEqual({
      status: "awaiting_payment",
      total: 3600,
      instructions: expect.stringContaining("取货时付款"),
    });
  }, 120_000);
});
