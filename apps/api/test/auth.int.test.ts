import { platform } from "@stall/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createScryptHasher, OWASP_SCRYPT } from "../src/adapters/password-hasher.ts";
import { CLIENT_IP_HEADER, FRONT_END_SECRET_HEADER } from "../src/http/client-ip.ts";
import { client } from "./client.ts";
import { createHarness, type Harness } from "./harness.ts";

/** 5 wrong passwords pause an account for 15 minutes; 8 from one address pause the address for 10. */
const throttle = {
  account: { maxFailures: 5, windowMs: 15 * 60_000, lockMs: 15 * 60_000 },
  ip: { maxFailures: 8, windowMs: 15 * 60_000, lockMs: 10 * 60_000 },
};

let harness: Harness;
beforeAll(async () => {
  harness = await createHarness({
    config: {
      trustProxy: true,
      throttle,
    },
  });
});
afterAll(() => harness?.cleanup());

const password = "correct horse battery";

describe("sign-up", () => {
  it("creates an account and a session; the password hash never leaves", async () => {
    const response = await client(harness).post("/v1/auth/signup", {
      email: " Ann@Example.test ",
      password,
      name: "Ann",
      locale: "zh-CN",
    });
    expect(response.status).toBe(201);
    expect(response.body.user).toMatchObject({ email: "ann@example.test", name: "Ann", locale: "zh-CN", role: "user" });
    expect(response.body.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(response.text).not.toMatch(/scrypt|passwordHash/);
    const me = await client(harness, response.body.token).get("/v1/me");
    expect(me.status).toBe(200);
    expect(me.body).toEqual({ user: response.body.user, memberships: [] });
  });

  it("refuses a second account for the same email, in any case", async () => {
    await client(harness).post("/v1/auth/signup", { email: "dup@example.test", password, name: "A" });
    const again = await client(harness).post("/v1/auth/signup", { email: "DUP@example.test", password, name: "B" });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe("email_taken");
  });

  it.each([
    [{ email: "not-an-email", password, name: "A" }, "email"],
    [{ email: "a@b.test", password: "short", name: "A" }, "password"],
    [{ email: "a@b.test", password, name: "" }, "name"],
    [{ email: "a@b.test", password, name: "A", role: "operator" }, "(body)"],
    [{ email: 42, password, name: "A" }, "email"],
  ])("refuses %j with a 422 naming %s", async (body, path) => {
    const response = await client(harness).post("/v1/auth/signup", body);
    expect(response.status).toBe(422);
    expect(response.headers.get("content-type")).toMatch(/problem\+json/);
    expect(response.body.errors.map((error: { path: string }) => error.path)).toContain(path);
  });

  it("answers broken JSON with a 400 problem", async () => {
    const response = await client(harness).call("POST", "/v1/auth/signup", '{"email": "a@b.test",', {
      "content-type": "application/json",
    });
    expect(response.status).toBe(400);
    expect(response.body.code).toBe("invalid_json");
  });

  // Found by the fuzzer: the validator's bare 415 was missing from the document and said nothing useful.
  it.each([
    ["text/plain", { "content-type": "text/plain" }],
    ["no Content-Type", {}],
  ])("answers a JSON body sent as %s with a 415 problem naming application/json", async (_, headers) => {
    const body = new TextEncoder().encode(JSON.stringify({ email: "cy@example.test", password, name: "Cy" }));
    // The harness checks the answer against the document: a 415 it does not list would throw here.
    const response = await harness.app.request("/v1/auth/signup", { method: "POST", headers, body });
    expect(response.status).toBe(415);
    expect(response.headers.get("content-type")).toMatch(/problem\+json/);
    expect(await response.json()).toMatchObject({
      code: "unsupported_media_type",
      detail: expect.stringContaining("application/json"),
    });
    expect(await platform(harness.database.db).users.findByEmail("cy@example.test")).toBeUndefined();
  });
});

describe("sign-in and sign-out", () => {
  it("signs in, and a signed-out token stops working", async () => {
    await client(harness).post("/v1/auth/signup", { email: "bo@example.test", password, name: "Bo" });
    const login = await client(harness).post("/v1/auth/login", { email: "BO@example.test", password });
    expect(login.status).toBe(200);
    const api = client(harness, login.body.token);
    expect((await api.get("/v1/me")).status).toBe(200);
    expect((await api.post("/v1/auth/logout")).status).toBe(204);
    const after = await api.get("/v1/me");
    expect(after.status).toBe(401);
    expect(after.body.code).toBe("unauthenticated");
  });

  it("gives the same answer for an unknown email and a wrong password", async () => {
    await client(harness).post("/v1/auth/signup", { email: "cy@example.test", password, name: "Cy" });
    const wrong = await client(harness).post(
      "/v1/auth/login",
      { email: "cy@example.test", password: "nope nope" },
      { "x-forwarded-for": "10.0.0.1" },
    );
    const unknown = await client(harness).post(
      "/v1/auth/login",
      { email: "nobody@example.test", password: "nope nope" },
      { "x-forwarded-for": "10.0.0.1" },
    );
    expect([wrong.status, unknown.status]).toEqual([401, 401]);
    expect(wrong.body.detail).toBe(unknown.body.detail);
  });

  it("refuses missing, malformed and expired tokens", async () => {
    expect((await client(harness).get("/v1/me")).status).toBe(401);
    expect((await client(harness, "short").get("/v1/me")).status).toBe(401);
    const signup = await client(harness).post("/v1/auth/signup", { email: "exp@example.test", password, name: "E" });
    harness.clock.advance(31 * 24 * 60 * 60 * 1000);
    expect((await client(harness, signup.body.token).get("/v1/me")).status).toBe(401);
  });
});

describe("sign-in throttling", () => {
  it("pauses an account after 5 wrong passwords, with Retry-After, and lets it in after the pause", async () => {
    await client(harness).post("/v1/auth/signup", { email: "dee@example.test", password, name: "Dee" });
    const attempt = (secret: string, ip: string) =>
      client(harness).post(
        "/v1/auth/login",
        { email: "dee@example.test", password: secret },
        { "x-forwarded-for": ip },
      );
    for (let index = 1; index <= 4; index++) expect((await attempt("wrong one", `10.1.0.${index}`)).status).toBe(401);
    const fifth = await attempt("wrong one", "10.1.0.5");
    expect(fifth.status).toBe(429);
    expect(fifth.headers.get("retry-after")).toBe("900");
    // Locked even with the right password, from anywhere.
    const locked = await attempt(password, "10.1.0.6");
    expect(locked.status).toBe(429);
    expect(locked.body.detail).toMatch(/wait 15 minutes/);
    harness.clock.advance(15 * 60_000 + 1);
    expect((await attempt(password, "10.1.0.7")).status).toBe(200);
  });

  it("pauses an address that tries many accounts", async () => {
    const ip = "10.9.9.9";
    const statuses = [];
    for (let index = 0; index < 9; index++) {
      const response = await client(harness).post(
        "/v1/auth/login",
        { email: `spray${index}@example.test`, password: "guess guess" },
        { "x-forwarded-for": ip },
      );
      statuses.push(response.status);
    }
    expect(statuses.slice(0, 7)).toEqual(Array(7).fill(401));
    expect(statuses.slice(7)).toEqual([429, 429]);
    // Another address is not affected.
    const other = await client(harness).post(
      "/v1/auth/login",
      { email: "spray0@example.test", password: "guess" },
      { "x-forwarded-for": "10.9.9.10" },
    );
    expect(other.status).toBe(401);
  });
});

describe("the address a Stall front end forwards", () => {
  const secret = "a-secret-the-api-and-its-front-ends-share-0123456789";
  let fronted: Harness;
  beforeAll(async () => {
    fronted = await createHarness({
      config: {
        storefrontSecret: secret,
        throttle,
      },
    });
  });
  afterAll(() => fronted?.cleanup());
  const tryAccount = (index: number, headers: Record<string, string>) =>
    client(fronted).post("/v1/auth/login", { email: `owner${index}@example.test`, password: "guess guess" }, headers);

  it("counts sign-ins by the owner's address when the shared secret comes with it", async () => {
    const from = (ip: string) => ({ [CLIENT_IP_HEADER]: ip, [FRONT_END_SECRET_HEADER]: secret });
    const statuses = [];
    for (let index = 0; index < 9; index++) statuses.push((await tryAccount(index, from("10.7.7.7"))).status);
    expect(statuses.slice(7)).toEqual([429, 429]);
    // Another owner signing in through the same dashboard is not paused.
    expect((await tryAccount(0, from("10.7.7.8"))).status).toBe(401);
  });

  it("ignores the forwarded address without the secret, or with a wrong one", async () => {
    const statuses = [];
    for (let index = 0; index < 9; index++) {
      const headers = { [CLIENT_IP_HEADER]: `10.6.6.${index}`, [FRONT_END_SECRET_HEADER]: index % 2 ? "wrong" : "" };
      statuses.push((await tryAccount(index, headers)).status);
    }
    // Nine made-up addresses are one sender: paused like any other.
    expect(statuses.slice(7)).toEqual([429, 429]);
  });
});

describe("password change and reset", () => {
  it("changing the password signs out every other session", async () => {
    const first = await client(harness).post("/v1/auth/signup", { email: "eve@example.test", password, name: "Eve" });
    const second = await client(harness).post("/v1/auth/login", { email: "eve@example.test", password });
    const api = client(harness, first.body.token);
    expect(
      (await api.post("/v1/me/password", { currentPassword: "wrong", newPassword: "new secret phrase" })).status,
    ).toBe(401);
    expect(
      (await api.post("/v1/me/password", { currentPassword: password, newPassword: "new secret phrase" })).status,
    ).toBe(204);
    expect((await api.get("/v1/me")).status).toBe(200);
    expect((await client(harness, second.body.token).get("/v1/me")).status).toBe(401);
    expect(
      (await client(harness).post("/v1/auth/login", { email: "eve@example.test", password: "new secret phrase" }))
        .status,
    ).toBe(200);
  });

  it("emails a single-use reset link through the outbox, and answers the same for unknown emails", async () => {
    const signup = await client(harness).post("/v1/auth/signup", { email: "fay@example.test", password, name: "Fay" });
    expect((await client(harness).post("/v1/auth/password-reset", { email: "fay@example.test" })).status).toBe(202);
    expect((await client(harness).post("/v1/auth/password-reset", { email: "ghost@example.test" })).status).toBe(202);
    const { platform } = await import("@stall/db");
    const queued = await platform(harness.database.db).notifications.listForRecipient("fay@example.test");
    expect(queued).toHaveLength(1);
    expect(queued[0]).toMatchObject({ template: "password_reset", status: "pending", locale: "en" });
    const resetUrl = String((queued[0]?.payload as { resetUrl?: string } | undefined)?.resetUrl);
    expect(resetUrl).toMatch(/^http:\/\/localhost:4322\/reset-password\?token=/);
    expect(await platform(harness.database.db).notifications.listForRecipient("ghost@example.test")).toHaveLength(0);

    const token = new URL(resetUrl).searchParams.get("token");
    const confirm = await client(harness).post("/v1/auth/password-reset/confirm", {
      token,
      password: "brand new phrase",
    });
    expect(confirm.status).toBe(200);
    // Old sessions end, a new one starts for whoever followed the link; the token works once.
    expect((await client(harness, signup.body.token).get("/v1/me")).status).toBe(401);
    expect(confirm.body.user.email).toBe("fay@example.test");
    expect((await client(harness, confirm.body.token).get("/v1/me")).status).toBe(200);
    const again = await client(harness).post("/v1/auth/password-reset/confirm", { token, password: "another phrase" });
    expect(again.status).toBe(410);
    const relogin = await client(harness).post("/v1/auth/login", {
      email: "fay@example.test",
      password: "brand new phrase",
    });
    expect(relogin.status).toBe(200);
  });

  it("refuses an expired reset link", async () => {
    await client(harness).post("/v1/auth/signup", { email: "gus@example.test", password, name: "Gus" });
    await client(harness).post("/v1/auth/password-reset", { email: "gus@example.test" });
    const { platform } = await import("@stall/db");
    const [row] = await platform(harness.database.db).notifications.listForRecipient("gus@example.test");
    const token = new URL(String((row?.payload as { resetUrl?: string } | undefined)?.resetUrl)).searchParams.get(
      "token",
    );
    harness.clock.advance(61 * 60_000);
    expect(
      (await client(harness).post("/v1/auth/password-reset/confirm", { token, password: "brand new phrase" })).status,
    ).toBe(410);
  });
});

describe("password hashing", () => {
  it("uses scrypt at OWASP's cost by default and verifies only the right password", async () => {
    const hasher = createScryptHasher();
    const hash = await hasher.hash("pässword ☃");
    expect(hash).toMatch(new RegExp(`^scrypt\\$${OWASP_SCRYPT.N}\\$8\\$1\\$`));
    expect(await hasher.verify("pässword ☃", hash)).toBe(true);
    expect(await hasher.verify("password", hash)).toBe(false);
    expect(await hasher.verify("x", "garbage")).toBe(false);
    expect(await hasher.hash("pässword ☃")).not.toBe(hash);
  });
});
