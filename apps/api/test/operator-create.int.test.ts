// `npm run stall -- operator:create <email>`, run as a person runs it (a child process on the same database
// file as the API under test): it makes the account an operator and prints a one-time link; following
// the link through the API sets the password and signs in, once.
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { client } from "./client.ts";
import { createHarness, type Harness } from "./harness.ts";

const root = fileURLToPath(new URL("../../../", import.meta.url));
let harness: Harness;

beforeAll(async () => {
  harness = await createHarness();
});
afterAll(() => harness?.cleanup());

function stall(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn("npm", ["run", "--silent", "stall", "--", ...args], {
      cwd: root,
      env: {
        ...process.env,
        DATABASE_URL: harness.database.url,
        PUBLIC_DASHBOARD_URL: "https://dashboard.stall.test",
        LOG_LEVEL: "silent",
      },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => {
      stdout += chunk;
    });
    child.stderr.on("data", (chunk) => {
      stderr += chunk;
    });
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

function tokenOf(output: string): string {
  const link = /https:\/\/dashboard\.stall\.test\/reset-password\?token=([\w-]+)/.exec(output);
  if (!link?.[1]) throw new Error(`No link in: ${output}`);
  return link[1];
}

describe("npm run stall -- operator:create", () => {
  it("creates an operator account with no usable password and prints a link that signs in once", async () => {
    const run = await stall(["operator:create", "Ops@Example.test"]);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("ops@example.test is an operator (new account).");
    const token = tokenOf(run.stdout);

    // No password works before the link is followed.
    const guess = await client(harness).post("/v1/auth/login", {
      email: "ops@example.test",
      password: "unusable$set-by-the-link",
    });
    expect(guess.status).toBe(401);

    const followed = await client(harness).post("/v1/auth/password-reset/confirm", {
      token,
      password: "a long operator passphrase",
    });
    expect(followed.status).toBe(200);
    expect(followed.body.user.role).toBe("operator");
    const staff = client(harness, followed.body.token);
    expect((await staff.get("/v1/operator/overview")).status).toBe(200);

    const again = await client(harness).post("/v1/auth/password-reset/confirm", {
      token,
      password: "another passphrase",
    });
    expect(again.status).toBe(410);
  }, 60_000);

  it("makes an existing account an operator and keeps its password", async () => {
    const signup = await client(harness).post("/v1/auth/signup", {
      email: "mei@example.test",
      password: "correct horse battery",
      name: "Mei",
    });
    expect((await client(harness, signup.body.token).get("/v1/operator/overview")).status).toBe(404);
    const run = await stall(["operator:create", "mei@example.test"]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("mei@example.test is an operator.");
    expect((await client(harness, signup.body.token).get("/v1/operator/overview")).status).toBe(200);
    const login = await client(harness).post("/v1/auth/login", {
      email: "mei@example.test",
      password: "correct horse battery",
    });
    expect(login.status).toBe(200);
  }, 60_000);

  it("explains a missing or malformed email, exit code 2", async () => {
    const missing = await stall(["operator:create"]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("Usage: npm run stall -- operator:create <email>");
    const malformed = await stall(["operator:create", "not-an-email"]);
    expect(malformed.code).toBe(2);
    expect(malformed.stderr).toContain('"not-an-email" does not look like an email address.');
  }, 60_000);
});
