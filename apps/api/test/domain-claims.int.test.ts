// Custom domains: a claim alone blocks nobody; the first shop to prove control by DNS gets the hostname.
import { platform } from "@stall/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ownerWithShop } from "./client.ts";
import { createHarness, type Harness } from "./harness.ts";

let harness: Harness;
beforeAll(async () => {
  harness = await createHarness();
});
afterAll(() => harness?.cleanup());

const HOURS = 3_600_000;

describe("custom domain claims", () => {
  it("an unverified claim does not block the real owner, who verifies and gets the domain", async () => {
    const squatter = await ownerWithShop(harness);
    const owner = await ownerWithShop(harness);
    const squat = await squatter.api.post(`/v1/shops/${squatter.shopId}/domains`, { hostname: "noodles.example.com" });
    expect(squat.status).toBe(201);
    expect(squat.body.expiresAt).toBe(squat.body.createdAt + 72 * HOURS);

    const claim = await owner.api.post(`/v1/shops/${owner.shopId}/domains`, { hostname: "noodles.example.com" });
    expect(claim.status).toBe(201);
    expect(claim.body.verification.value).not.toBe(squat.body.verification.value);
    harness.dns.records.set("_stall-verify.noodles.example.com", [[claim.body.verification.value]]);
    const verified = await owner.api.post(`/v1/shops/${owner.shopId}/domains/${claim.body.id}/verify`);
    expect(verified.status).toBe(200);
    expect(verified.body).toMatchObject({ isVerified: true, expiresAt: null });
    expect((await platform(harness.database.db).shops.resolveHost("noodles.example.com", "localhost"))?.id).toBe(
      owner.shopId,
    );

    // The squatter cannot verify, and a verified claim blocks every new one.
    expect((await squatter.api.post(`/v1/shops/${squatter.shopId}/domains/${squat.body.id}/verify`)).status).toBe(412);
    const late = await ownerWithShop(harness);
    const blocked = await late.api.post(`/v1/shops/${late.shopId}/domains`, { hostname: "noodles.example.com" });
    expect(blocked.status).toBe(409);
  });

  it("the first shop to verify wins; the other's verify is refused with a plain 409", async () => {
    const first = await ownerWithShop(harness);
    const second = await ownerWithShop(harness);
    const a = await first.api.post(`/v1/shops/${first.shopId}/domains`, { hostname: "tea.example.com" });
    const b = await second.api.post(`/v1/shops/${second.shopId}/domains`, { hostname: "tea.example.com" });
    // Both records are published (say the domain changed hands): order decides.
    harness.dns.records.set("_stall-verify.tea.example.com", [
      [a.body.verification.value],
      [b.body.verification.value],
    ]);
    const [one, two] = await Promise.all([
      first.api.post(`/v1/shops/${first.shopId}/domains/${a.body.id}/verify`),
      second.api.post(`/v1/shops/${second.shopId}/domains/${b.body.id}/verify`),
    ]);
    expect([one.status, two.status].sort()).toEqual([200, 409]);
    const loser = one.status === 409 ? one : two;
    expect(loser.body.code).toBe("conflict");
    expect(loser.body.detail).toMatch(/tea\.example\.com was just verified by another shop/);
    const claims = await platform(harness.database.db).domains.claimsOf("tea.example.com");
    expect(claims.filter((claim) => claim.verifiedAt !== null)).toHaveLength(1);
  });

  it("a claim lapses after 72 hours unverified; the shop can add the domain again", async () => {
    const shop = await ownerWithShop(harness);
    const claim = await shop.api.post(`/v1/shops/${shop.shopId}/domains`, { hostname: "late.example.com" });
    expect((await shop.api.post(`/v1/shops/${shop.shopId}/domains`, { hostname: "late.example.com" })).status).toBe(
      409,
    );
    harness.dns.records.set("_stall-verify.late.example.com", [[claim.body.verification.value]]);
    harness.clock.advance(72 * HOURS);
    const expired = await shop.api.post(`/v1/shops/${shop.shopId}/domains/${claim.body.id}/verify`);
    expect(expired.status).toBe(410);
    expect(expired.body.detail).toMatch(/not verified within 72 hours/);
    expect(await platform(harness.database.db).shops.resolveHost("late.example.com", "localhost")).toBeUndefined();

    const again = await shop.api.post(`/v1/shops/${shop.shopId}/domains`, { hostname: "late.example.com" });
    expect(again.status).toBe(201);
    expect(again.body.verification.value).not.toBe(claim.body.verification.value);
    harness.dns.records.set("_stall-verify.late.example.com", [[again.body.verification.value]]);
    expect((await shop.api.post(`/v1/shops/${shop.shopId}/domains/${again.body.id}/verify`)).status).toBe(200);
    const list = await shop.api.get(`/v1/shops/${shop.shopId}/domains`);
    expect(list.body.items).toHaveLength(1);
  });
});
