import { platform } from "@stall/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { client } from "./client.ts";
import { createHarness, type Harness } from "./harness.ts";

let harness: Harness;
beforeAll(async () => {
  harness = await createHarness();
});
afterAll(() => harness?.cleanup());

const password = "correct horse battery";

/** The tokens of every reset link mailed to an address, oldest first. */
async function resetTokens(email: string): Promise<string[]> {
  const mails = await platform(harness.database.db).notifications.listForRecipient(email);
  return mails
    .filter((mail) => mail.template === "password_reset")
    .sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id))
    .map((mail) => {
      const url = String((mail.payload as { resetUrl?: string }).resetUrl);
      return String(new URL(url).searchParams.get("token"));
    });
}

describe("outstanding reset links", () => {
  it("an older link stops working once a newer one was used", async () => {
    const email = "older-link@example.test";
    await client(harness).post("/v1/auth/signup", { email, password, name: "Ola" });
    await client(harness).post("/v1/auth/password-reset", { email });
    harness.clock.advance(1000);
    await client(harness).post("/v1/auth/password-reset", { email });
    const [older, newer] = await resetTokens(email);
    expect(older).toBeDefined();
    expect(newer).toBeDefined();

    const used = await client(harness).post("/v1/auth/password-reset/confirm", {
      token: newer,
      password: "newer phrase",
    });
    expect(used.status).toBe(200);
    const stale = await client(harness).post("/v1/auth/password-reset/confirm", {
      token: older,
      password: "older phrase",
    });
    expect(stale.status).toBe(410);
    expect(stale.body.code).toBe("gone");
    expect((await client(harness).post("/v1/auth/login", { email, password: "newer phrase" })).status).toBe(200);
    expect((await client(harness).post("/v1/auth/login", { email, password: "older phrase" })).status).toBe(401);
  });

  it("changing the password uses up every link mailed before", async () => {
    const email = "changed@example.test";
    const signup = await client(harness).post("/v1/auth/signup", { email, password, name: "Cha" });
    await client(harness).post("/v1/auth/password-reset", { email });
    const [mailed] = await resetTokens(email);
    const changed = await client(harness, signup.body.token).post("/v1/me/password", {
      currentPassword: password,
      newPassword: "changed phrase",
    });
    expect(changed.status).toBe(204);
    const stale = await client(harness).post("/v1/auth/password-reset/confirm", {
      token: mailed,
      password: "taken over",
    });
    expect(stale.status).toBe(410);
    expect((await client(harness).post("/v1/auth/login", { email, password: "changed phrase" })).status).toBe(200);
  });
});
