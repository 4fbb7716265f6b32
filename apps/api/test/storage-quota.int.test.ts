// The plan's storage quota holds when uploads arrive at the same instant.
import { platform } from "@stall/db";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ownerWithShop } from "./client.ts";
import { createHarness, type Harness, type Json } from "./harness.ts";

let harness: Harness;
beforeAll(async () => {
  harness = await createHarness();
});
afterAll(() => harness?.cleanup());

type Owner = Awaited<ReturnType<typeof ownerWithShop>>;

async function upload(owner: Owner, bytes: Uint8Array): Promise<{ status: number; body: Json }> {
  const form = new FormData();
  form.append("file", new File([new Uint8Array(bytes)], "photo.jpg", { type: "image/jpeg" }));
  const response = await harness.app.request(`/v1/shops/${owner.shopId}/media`, {
    method: "POST",
    headers: { authorization: `Bearer ${owner.token}` },
    body: form,
  });
  return { status: response.status, body: (await response.json()) as Json };
}

/** Ten different photos of the same size class (one colour each). */
function photos(): Promise<Buffer[]> {
  return Promise.all(
    Array.from({ length: 10 }, (_, index) =>
      sharp({
        create: {
          width: 320,
          height: 240,
          channels: 3,
          background: `#${(index * 0x151515 + 0x102030).toString(16).slice(-6)}`,
        },
      })
        .jpeg()
        .toBuffer(),
    ),
  );
}

async function setQuota(owner: Owner, planId: string, storageQuotaBytes: number) {
  const directory = platform(harness.database.db);
  await directory.plans.upsert({
    id: planId,
    name: planId,
    priceAmount: 0,
    currency: "USD",
    maxProducts: 10,
    storageQuotaBytes,
    applicationFeeBasisPoints: 0,
    createdAt: harness.clock.now(),
  });
  await directory.shops.setPlan(owner.shopId, planId, harness.clock.now());
}

describe("storage quota under concurrent uploads", () => {
  it("of 10 uploads at once with room for 2, exactly 2 are stored and the quota holds", async () => {
    const images = await photos();
    // What each photo costs once processed, measured on a shop with plenty of room.
    const measuring = await ownerWithShop(harness);
    const sizes: number[] = [];
    for (const image of images) {
      const measured = await upload(measuring, image);
      expect(measured.status).toBe(201);
      sizes.push(measured.body.bytes);
    }
    const quota = Math.max(...sizes) * 2 + Math.floor(Math.min(...sizes) / 2);
    expect(Math.min(...sizes) * 3).toBeGreaterThan(quota); // room for two, never three

    const owner = await ownerWithShop(harness);
    await setQuota(owner, "plan_room_for_two", quota);
    const results = await Promise.all(images.map((image) => upload(owner, image)));

    const statuses = results.map((result) => result.status).sort();
    expect(statuses).toEqual([201, 201, ...Array(8).fill(429)]);
    const shop = await platform(harness.database.db).shops.findById(owner.shopId);
    const stored = results.filter((result) => result.status === 201).map((result) => result.body.bytes as number);
    expect(shop?.storageUsedBytes).toBe(stored.reduce((total, bytes) => total + bytes, 0));
    expect(shop?.storageUsedBytes).toBeLessThanOrEqual(quota);
    expect((await owner.api.get(`/v1/shops/${owner.shopId}/media`)).body.items).toHaveLength(2);
    for (const refused of results.filter((result) => result.status === 429)) {
      expect(refused.body.code).toBe("quota_exceeded");
      expect(refused.body.detail).not.toMatch(/-\d/);
    }
  });

  it("never says a negative amount is left when a shop is already over a smaller plan", async () => {
    const owner = await ownerWithShop(harness);
    const [first, second, third] = await photos();
    if (!first || !second || !third) throw new Error("photos() makes ten photos");
    // Two small plain photos (WebP and JPEG, decision 038) take more than the 1,000 bytes below.
    expect((await upload(owner, first)).status).toBe(201);
    expect((await upload(owner, third)).status).toBe(201);
    expect((await platform(harness.database.db).shops.findById(owner.shopId))?.storageUsedBytes).toBeGreaterThan(1000);
    await setQuota(owner, "plan_shrunk", 1000); // the shop now uses more than its plan allows
    const refused = await upload(owner, second);
    expect(refused.status).toBe(429);
    expect(refused.body.detail).toMatch(/the shop has 0 KB of its 1 KB left/);
    expect(refused.body.leftBytes).toBe(0);
  });
});
