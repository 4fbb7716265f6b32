// Checking a new shop's web address before opening it: free, taken (with a free one offered), reserved,
// or not an address at all; only for someone signed in.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { client } from "./client.ts";
import { createHarness, type Harness } from "./harness.ts";

let harness: Harness;
let token: string;
beforeAll(async () => {
  harness = await createHarness();
  const signup = await client(harness).post("/v1/auth/signup", {
    email: "mei@example.test",
    password: "noodles every saturday",
    name: "Mei",
  });
  token = signup.body.token;
  for (const slug of ["noodle-stall", "noodle-stall-2"]) {
    const opened = await client(harness, token).post("/v1/shops", {
      name: "Noodles",
      slug,
      currency: "CNY",
      locale: "en",
    });
    expect(opened.status).toBe(201);
  }
});
afterAll(() => harness?.cleanup());

const check = (slug: string) => client(harness, token).get(`/v1/me/shop-addresses/${encodeURIComponent(slug)}`);

describe("GET /v1/me/shop-addresses/{slug}", () => {
  it("says a free address is free, as buyers would type it", async () => {
    const reply = await check("dumpling-corner");
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({
      slug: "dumpling-corner",
      address: expect.stringMatching(/^dumpling-corner\./),
      isAvailable: true,
      reason: null,
      suggestion: null,
    });
  });

  it("offers the first free address made from a taken one", async () => {
    const reply = await check("noodle-stall");
    expect(reply.body).toMatchObject({ isAvailable: false, reason: "taken", suggestion: "noodle-stall-3" });
    // The offer is real: a shop opens there.
    const opened = await client(harness, token).post("/v1/shops", {
      name: "Noodles",
      slug: reply.body.suggestion,
      currency: "CNY",
      locale: "en",
    });
    expect(opened.status).toBe(201);
  });

  it("refuses a reserved address and offers one like it", async () => {
    expect((await check("www")).body).toMatchObject({ isAvailable: false, reason: "reserved", suggestion: "www-shop" });
  });

  it.each(["No Spaces", "ab", "-dash-first", "x".repeat(41), "中文"])("says %j is not an address", async (slug) => {
    const reply = await check(slug);
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({ isAvailable: false, reason: "invalid", suggestion: null });
  });

  it("answers only someone signed in", async () => {
    const reply = await client(harness).get("/v1/me/shop-addresses/dumpling-corner");
    expect(reply.status).toBe(401);
    expect(reply.headers.get("content-type")).toContain("application/problem+json");
  });
});
