// The API as a real process: boots from env, serves, refuses bad env, stops cleanly on SIGTERM.
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { createDb, migrate } from "@stall/db";
import { freePort } from "@stall/db/testing";
import { postsInFlight } from "@stall/http-edge/testing";
import { afterAll, describe, expect, it } from "vitest";

const serverEntry = fileURLToPath(new URL("../src/server.ts", import.meta.url));
const dir = mkdtempSync(join(tmpdir(), "stall-server-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function start(env: Record<string, string>) {
  const child = spawn(process.execPath, [serverEntry], {
    env: { PATH: process.env.PATH ?? "", DATA_DIR: dir, DATABASE_URL: `file:${join(dir, "stall.db")}`, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const output = { stdout: "", stderr: "" };
  child.stdout?.on("data", (chunk: Buffer) => {
    output.stdout += chunk.toString();
  });
  child.stderr?.on("data", (chunk: Buffer) => {
    output.stderr += chunk.toString();
  });
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  return { child, output, exited };
}

async function waitFor(url: string, child: ChildProcess) {
  for (let attempt = 0; attempt < 200; attempt++) {
    if (child.exitCode !== null) throw new Error("server exited");
    try {
      return await fetch(url);
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
  throw new Error(`${url} never answered`);
}

/** Waits for a condition the process reports on its own (a log line), checking every 20 ms. */
async function until(check: () => boolean) {
  for (let attempt = 0; attempt < 500 && !check(); attempt++) {
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  if (!check()) throw new Error("the process never reported it");
}

describe("API process", () => {
  it("refuses to start on a database that needs migrating, and says what to run", async () => {
    const server = start({ API_PORT: String(await freePort()), DATABASE_URL: `file:${join(dir, "empty.db")}` });
    expect(await server.exited).toBe(1);
    expect(server.output.stderr).toMatch(/has \d+ migration\(s\) to apply \(0000_init, /);
    expect(server.output.stderr).toContain("npm run db:migrate");
  });

  it("serves, then on SIGTERM finishes, closes the database and exits 0", async () => {
    const database = await createDb(`file:${join(dir, "stall.db")}`);
    await migrate(database.db);
    database.close();
    const port = await freePort();
    const server = start({ API_PORT: String(port), API_HOST: "127.0.0.1" });
    const ready = await waitFor(`http://127.0.0.1:${port}/readyz`, server.child);
    expect(ready.status).toBe(200);
    server.child.kill("SIGTERM");
    expect(await server.exited).toBe(0);
    const lines = server.output.stdout
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line) as { msg: string });
    expect(lines.map((line) => line.msg)).toEqual(["api listening", "request", "api stopping", "api stopped"]);
  });

  it("on SIGTERM answers every request in flight in full before it exits", async () => {
    const database = await createDb(`file:${join(dir, "stall.db")}`);
    await migrate(database.db);
    database.close();
    const port = await freePort();
    // A generous limit: this checks that nothing is cut, not how fast a busy machine answers.
    const server = start({ API_PORT: String(port), API_HOST: "127.0.0.1", SHUTDOWN_TIMEOUT_MS: "60000" });
    await waitFor(`http://127.0.0.1:${port}/readyz`, server.child);
    // A sign-up the API reads in full and refuses (422) without the cost of hashing a password.
    const body = JSON.stringify({ email: "not an email", password: "short" });
    const replies = await postsInFlight({
      port,
      path: "/v1/auth/signup",
      count: 20,
      body,
      headers: { "Content-Type": "application/json" },
      probePath: "/healthz",
      midFlight: async () => {
        server.child.kill("SIGTERM");
        await until(() => server.output.stdout.includes('"api stopping"'));
      },
    });
    expect(replies).toHaveLength(20);
    for (const reply of replies) {
      expect(reply.status).toBe(422);
      expect(reply.headers["content-type"]).toMatch(/^application\/problem\+json/);
      expect(() => JSON.parse(reply.body)).not.toThrow();
      expect(reply.headers.connection).toBe("close");
    }
    expect(await server.exited).toBe(0);
    const stopping = server.output.stdout
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line) as { msg: string; inFlight?: number })
      .find((line) => line.msg === "api stopping");
    expect(stopping?.inFlight).toBe(20);
  });

  it("refuses to start on a bad variable and names it", async () => {
    const server = start({ API_PORT: "eighty" });
    expect(await server.exited).toBe(1);
    expect(server.output.stderr).toContain("API_PORT");
    expect(server.output.stderr).toContain('(got "eighty")');
  });
});
