// A write lock held by another connection longer than the busy timeout: the client is told to retry.
import { createDb, type Database } from "@stall/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../src/app.ts";
import { client } from "./client.ts";
import { createHarness, type Harness } from "./harness.ts";

let harness: Harness;
let impatient: Database;
let holder: Database;
beforeAll(async () => {
  harness = await createHarness();
  // The API's own connection waits only 50 ms for the lock; the holder is a real second connection.
  impatient = await createDb(harness.database.url, { busyTimeoutMs: 50 });
  holder = await createDb(harness.database.url);
});
afterAll(() => {
  impatient?.close();
  holder?.close();
  harness?.cleanup();
});

describe("a busy database", () => {
  it("answers 503 with Retry-After while another connection holds the write lock, and works after", async () => {
    const app = createApp({ ...harness.deps, database: impatient });
    const signUp = (email: string) =>
      app.request("/v1/auth/signup", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ email, password: "correct horse battery", name: "Bea" }),
      });

    const lock = await holder.client.transaction("write"); // BEGIN IMMEDIATE
    let busy: Response;
    try {
      busy = await signUp("busy@example.test");
    } finally {
      await lock.rollback();
    }
    expect(busy.status).toBe(503);
    expect(busy.headers.get("content-type")).toMatch(/application\/problem\+json/);
    expect(busy.headers.get("retry-after")).toMatch(/^\d+$/);
    const problem = (await busy.json()) as Record<string, unknown>;
    expect(problem).toMatchObject({ status: 503, code: "service_unavailable" });
    expect(String(problem.detail)).toMatch(/database is busy/i);
    // Logged as a busy database, not as an unexpected error of ours.
    expect(harness.logs.filter((entry) => entry.message === "unhandled error")).toEqual([]);
    expect(harness.logs.some((entry) => entry.level === "warn" && entry.message === "database busy")).toBe(true);

    // Nothing half-written, and the same request works once the lock is gone.
    expect(
      (await client(harness).post("/v1/auth/login", { email: "busy@example.test", password: "correct horse battery" }))
        .status,
    ).toBe(401);
    expect((await signUp("busy@example.test")).status).toBe(201);
    // …and the API's connection does not keep the write lock afterwards: another writer gets in.
    await holder.client.execute("UPDATE plans SET name = name");
  });
});
