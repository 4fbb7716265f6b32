// The password throttle: every route that hashes a new password is limited per address and per
// account, in the database, so a burst of bogus requests costs no hashing and every process agrees.
import { createDb, type Database } from "@stall/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PasswordHasher } from "../src/adapters/password-hasher.ts";
import { createApp } from "../src/app.ts";
import { createHarness, type Harness, type Json } from "./harness.ts";

const WINDOW = 15 * 60_000;
let harness: Harness;
let secondConnection: Database;
let hashes = 0;
/** When set, hashing waits until this many hashes are waiting: concurrent requests all get that far. */
let gate: { size: number; waiting: (() => void)[] } | undefined;
let app: ReturnType<typeof createApp>;
let otherProcessApp: ReturnType<typeof createApp>;

beforeAll(async () => {
  harness = await createHarness({
    config: {
      trustProxy: true,
      passwordThrottle: { ip: { limit: 10, windowMs: WINDOW }, account: { limit: 3, windowMs: WINDOW } },
      // Four reset links for one account below (the reset-email limit is tested in abuse-limits).
      resetRequestThrottle: { ip: { limit: 100, windowMs: WINDOW }, email: { limit: 10, windowMs: WINDOW } },
    },
  });
  const inner = harness.deps.hasher;
  const counting: PasswordHasher = {
    hash: async (password) => {
      hashes += 1;
      if (gate) {
        const current = gate;
        await new Promise<void>((resolve) => {
          current.waiting.push(resolve);
          if (current.waiting.length >= current.size) for (const release of current.waiting) release();
        });
      }
      return inner.hash(password);
    },
    verify: (password, stored) => {
      hashes += 1;
      return inner.verify(password, stored);
    },
  };
  app = createApp({ ...harness.deps, hasher: counting });
  // Another API process: its own app and its own database connection, sharing only the file.
  secondConnection = await createDb(harness.database.url);
  otherProcessApp = createApp({ ...harness.deps, hasher: counting, database: secondConnection });
});
afterAll(() => {
  secondConnection?.close();
  harness?.cleanup();
});

async function post(path: string, body: unknown, ip: string, token?: string, on = app) {
  const response = await on.request(path, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      "x-forwarded-for": ip,
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify(body),
  });
  return {
    status: response.status,
    headers: response.headers,
    body: (await response.json().catch(() => ({}))) as Json,
  };
}

const bogusReset = (index: number) => ({
  token: `made-up-token-${index}-aaaaaaaaaaaaaaaaaaaaaaaaaaaaa`,
  password: "new phrase here",
});
const count = (statuses: number[], status: number) => statuses.filter((value) => value === status).length;

describe("password throttle", () => {
  it("of 16 bogus reset confirmations at once from one address, 10 are answered and 6 refused; none hashes", async () => {
    hashes = 0;
    const results = await Promise.all(
      Array.from({ length: 16 }, (_, index) => post("/v1/auth/password-reset/confirm", bogusReset(index), "10.4.0.1")),
    );
    const statuses = results.map((result) => result.status);
    expect(count(statuses, 410)).toBe(10);
    expect(count(statuses, 429)).toBe(6);
    expect(hashes).toBe(0);
    const refused = results.find((result) => result.status === 429);
    expect(refused?.headers.get("content-type")).toMatch(/application\/problem\+json/);
    expect(Number(refused?.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(refused?.body).toMatchObject({ status: 429, code: "too_many_requests" });
    expect(refused?.body.detail).toMatch(/^Too many password attempts from this address\. Please wait 15 minutes/);
    // Another address is not affected; after the window the first one may try again.
    expect((await post("/v1/auth/password-reset/confirm", bogusReset(99), "10.4.0.2")).status).toBe(410);
    harness.clock.advance(WINDOW);
    expect((await post("/v1/auth/password-reset/confirm", bogusReset(100), "10.4.0.1")).status).toBe(410);
  });

  it("is shared by every process: two apps on two connections allow 10 between them", async () => {
    const results = await Promise.all(
      Array.from({ length: 12 }, (_, index) =>
        post(
          "/v1/auth/password-reset/confirm",
          bogusReset(index),
          "10.4.1.1",
          undefined,
          index % 2 ? app : otherProcessApp,
        ),
      ),
    );
    const statuses = results.map((result) => result.status);
    expect(count(statuses, 410)).toBe(10);
    expect(count(statuses, 429)).toBe(2);
  });

  it("limits sign-ups per address and per email", async () => {
    hashes = 0;
    const many = await Promise.all(
      Array.from({ length: 12 }, (_, index) =>
        post(
          "/v1/auth/signup",
          { email: `burst${index}@example.test`, password: "long enough phrase", name: "B" },
          "10.4.2.1",
        ),
      ),
    );
    const statuses = many.map((result) => result.status);
    expect(count(statuses, 201)).toBe(10);
    expect(count(statuses, 429)).toBe(2);
    expect(hashes).toBe(10);

    const sameEmail = await Promise.all(
      Array.from({ length: 5 }, (_, index) =>
        post(
          "/v1/auth/signup",
          { email: "one@example.test", password: "long enough phrase", name: "O" },
          `10.4.3.${index}`,
        ),
      ),
    );
    const byEmail = sameEmail.map((result) => result.status);
    expect(count(byEmail, 201)).toBe(1);
    expect(count(byEmail, 429)).toBe(2);
    expect(count(byEmail, 409)).toBe(2);
    expect(sameEmail.find((result) => result.status === 429)?.body.detail).toMatch(/for this account/);
  });

  it("limits password changes per account, before any hashing", async () => {
    const signup = await post(
      "/v1/auth/signup",
      { email: "changer@example.test", password: "long enough phrase", name: "C" },
      "10.4.4.1",
    );
    expect(signup.status).toBe(201);
    const attempt = (ip: string) =>
      post(
        "/v1/me/password",
        { currentPassword: "not my password", newPassword: "another long phrase" },
        ip,
        signup.body.token,
      );
    const statuses = [];
    for (let index = 0; index < 4; index++) statuses.push((await attempt(`10.4.4.${10 + index}`)).status);
    expect(statuses).toEqual([401, 401, 401, 429]);
    hashes = 0;
    expect((await attempt("10.4.4.99")).status).toBe(429);
    expect(hashes).toBe(0);
  });

  it("limits reset confirmations per account too", async () => {
    const { platform } = await import("@stall/db");
    const email = "resetter@example.test";
    await post("/v1/auth/signup", { email, password: "long enough phrase", name: "R" }, "10.4.5.1");
    for (let index = 0; index < 4; index++) await post("/v1/auth/password-reset", { email }, "10.4.5.1");
    const mails = await platform(harness.database.db).notifications.listForRecipient(email);
    const tokens = mails.map((mail) =>
      new URL(String((mail.payload as { resetUrl?: string }).resetUrl)).searchParams.get("token"),
    );
    expect(tokens).toHaveLength(4);
    // Four live links of one account tried at once from four addresses: three pass the account's
    // allowance and hash (held until all three are hashing); one of those wins and uses up the rest.
    gate = { size: 3, waiting: [] };
    const results = await Promise.all(
      tokens.map((token, index) =>
        post("/v1/auth/password-reset/confirm", { token, password: "fresh long phrase" }, `10.4.5.${10 + index}`),
      ),
    ).finally(() => {
      gate = undefined;
    });
    const statuses = results.map((result) => result.status);
    expect(count(statuses, 429)).toBe(1);
    expect(count(statuses, 200)).toBe(1);
    expect(count(statuses, 410)).toBe(2);
  });
});
