// Limits on the account routes that cost something: sign-up (a password hash) and asking for a reset
// link (an email in someone's inbox). Each refusal is a 429 problem with Retry-After and a plain
// message, and the refused request writes nothing: no account, no session, no link, no email.
import { platform } from "@stall/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHarness, type Harness, type Json } from "./harness.ts";

const QUARTER_HOUR = 15 * 60_000;
const HOUR = 60 * 60_000;
let harness: Harness;

beforeAll(async () => {
  harness = await createHarness({
    config: {
      // Addresses come from X-Forwarded-For here, so each test picks its own.
      trustProxy: true,
      passwordThrottle: { ip: { limit: 3, windowMs: QUARTER_HOUR }, account: { limit: 5, windowMs: QUARTER_HOUR } },
      resetRequestThrottle: { ip: { limit: 4, windowMs: QUARTER_HOUR }, email: { limit: 2, windowMs: HOUR } },
    },
  });
});
afterAll(() => harness?.cleanup());

async function post(path: string, body: unknown, ip: string) {
  const response = await harness.app.request(path, {
    method: "POST",
    headers: { "content-type": "application/json", "x-forwarded-for": ip },
    body: JSON.stringify(body),
  });
  return {
    status: response.status,
    headers: response.headers,
    body: (await response.json().catch(() => ({}))) as Json,
  };
}

async function countRows(table: "users" | "sessions" | "password_resets" | "notifications"): Promise<number> {
  const result = await harness.database.client.execute(`SELECT count(*) AS n FROM ${table}`);
  return Number(result.rows[0]?.n ?? 0);
}

describe("sign-up", () => {
  it("is limited per address: the fourth in 15 minutes is a 429 with Retry-After, and no account is made", async () => {
    const ip = "10.9.1.1";
    for (let index = 0; index < 3; index++) {
      const made = await post(
        "/v1/auth/signup",
        { email: `maker${index}@example.test`, password: "a long passphrase", name: "M" },
        ip,
      );
      expect(made.status).toBe(201);
    }
    const [users, sessions] = [await countRows("users"), await countRows("sessions")];
    const refused = await post(
      "/v1/auth/signup",
      { email: "maker3@example.test", password: "a long passphrase", name: "M" },
      ip,
    );
    expect(refused.status).toBe(429);
    expect(refused.headers.get("content-type")).toMatch(/^application\/problem\+json/);
    expect(Number(refused.headers.get("retry-after"))).toBe(QUARTER_HOUR / 1000);
    expect(refused.body.retryAfterSeconds).toBe(QUARTER_HOUR / 1000);
    expect(refused.body.detail).toBe(
      "Too many password attempts from this address. Please wait 15 minutes and try again.",
    );
    expect(await countRows("users")).toBe(users);
    expect(await countRows("sessions")).toBe(sessions);
    expect(await platform(harness.database.db).users.findByEmail("maker3@example.test")).toBeUndefined();
    // Another address is not held back by this one.
    const elsewhere = await post(
      "/v1/auth/signup",
      { email: "maker3@example.test", password: "a long passphrase", name: "M" },
      "10.9.1.2",
    );
    expect(elsewhere.status).toBe(201);
  });

  it("counts the address the proxy added to X-Forwarded-For, not one the client wrote before it", async () => {
    const real = "10.9.7.1";
    for (let index = 0; index < 3; index++) {
      // Each request claims to come from somewhere else; nginx appends the address it really saw.
      const made = await post(
        "/v1/auth/signup",
        { email: `spoof${index}@example.test`, password: "a long passphrase", name: "M" },
        `203.0.113.${index + 1}, ${real}`,
      );
      expect(made.status).toBe(201);
    }
    const users = await countRows("users");
    const refused = await post(
      "/v1/auth/signup",
      { email: "spoof3@example.test", password: "a long passphrase", name: "M" },
      `198.51.100.77, ${real}`,
    );
    expect(refused.status).toBe(429);
    expect(await countRows("users")).toBe(users);
  });
});

describe("asking for a reset link", () => {
  it("is limited per email, counted whether or not it has an account, and a refusal sends nothing", async () => {
    const email = "forgetful@example.test";
    expect(
      (await post("/v1/auth/signup", { email, password: "a long passphrase", name: "F" }, "10.9.2.1")).status,
    ).toBe(201);
    const ask = (address: string, ip: string) => post("/v1/auth/password-reset", { email: address }, ip);
    // Two links for the account, from two addresses; the third (from a third address) is refused.
    expect((await ask(email, "10.9.2.2")).status).toBe(202);
    expect((await ask(email.toUpperCase(), "10.9.2.3")).status).toBe(202);
    const [links, mails] = [await countRows("password_resets"), await countRows("notifications")];
    expect(links).toBe(2);
    const refused = await ask(email, "10.9.2.4");
    expect(refused.status).toBe(429);
    expect(refused.headers.get("content-type")).toMatch(/^application\/problem\+json/);
    expect(Number(refused.headers.get("retry-after"))).toBe(HOUR / 1000);
    expect(refused.body.detail).toBe(
      "A reset link was asked for this email several times already: check the inbox and the spam folder. Please wait 60 minutes and try again.",
    );
    expect(await countRows("password_resets")).toBe(links);
    expect(await countRows("notifications")).toBe(mails);

    // An email without an account is refused the same way at the same count: no one learns who has one.
    const ghost = "nobody-here@example.test";
    const ghostStatuses = [];
    for (const ip of ["10.9.2.5", "10.9.2.6", "10.9.2.7"]) ghostStatuses.push((await ask(ghost, ip)).status);
    expect(ghostStatuses).toEqual([202, 202, 429]);

    // After the hour, the account can ask again.
    harness.clock.advance(HOUR);
    expect((await ask(email, "10.9.2.8")).status).toBe(202);
    expect(await countRows("password_resets")).toBe(links + 1);
  });

  it("is limited per address across different emails, before any look-up", async () => {
    const ip = "10.9.3.1";
    const statuses = [];
    for (let index = 0; index < 5; index++) {
      statuses.push((await post("/v1/auth/password-reset", { email: `someone${index}@example.test` }, ip)).status);
    }
    expect(statuses).toEqual([202, 202, 202, 202, 429]);
    const refused = await post("/v1/auth/password-reset", { email: "someone9@example.test" }, ip);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(refused.body.detail).toMatch(
      /^Too many reset emails asked for from your address\. Please wait \d+ minutes? and try again\.$/,
    );
    // A refusal by address does not use up the email's own allowance.
    expect((await post("/v1/auth/password-reset", { email: "someone9@example.test" }, "10.9.3.2")).status).toBe(202);
  });
});
