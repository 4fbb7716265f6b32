// Operators' plans: list with shop counts, make and change plans (strict input), move a shop to a plan;
// each action in the audit log with the operator, the shop and the address it came from. The shop's
// owner sees the new limits at once, and keeps what is over a smaller plan.
import { platform } from "@stall/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { operator, ownerWithShop } from "./client.ts";
import { createHarness, type Harness, type Json } from "./harness.ts";

let harness: Harness;
beforeAll(async () => {
  harness = await createHarness();
});
afterAll(() => harness?.cleanup());

const STALL_PLUS = {
  name: "Stall plus",
  description: "For a stall with a second site",
  maxProducts: 2000,
  storageQuotaBytes: 5 * 1024 ** 3,
  maxMembers: 5,
  maxCustomDomains: 2,
  paymentMethods: ["stripe", "pay_at_pickup", "bank_transfer"],
  applicationFeeBasisPoints: 150,
};

async function auditOf(action: string) {
  const result = await harness.database.client.execute({
    sql: "SELECT * FROM audit_log WHERE action = ? ORDER BY id",
    args: [action],
  });
  return result.rows.map((row) => ({ ...(row as Json), data: JSON.parse(String(row.data)) as Json }) as Json);
}

describe("operator plans", () => {
  it("lists plans, the default first, with how many shops are on each", async () => {
    const staff = await operator(harness);
    await ownerWithShop(harness);
    await ownerWithShop(harness);
    const listed = await staff.api.get("/v1/operator/plans");
    expect(listed.status).toBe(200);
    const free = listed.body.items[0];
    expect(free).toMatchObject({ id: "plan_free", name: "Free", isDefault: true, maxMembers: 2 });
    expect(free.shopCount).toBeGreaterThanOrEqual(2);
  });

  it("makes a plan, refusing unknown fields, bad numbers and a name in use, and audits it", async () => {
    const staff = await operator(harness);
    const made = await staff.api.post("/v1/operator/plans", STALL_PLUS);
    expect(made.status).toBe(201);
    expect(made.body).toMatchObject({ ...STALL_PLUS, isDefault: false });
    expect(made.body.id).toMatch(/^plan_/);

    const unknown = await staff.api.post("/v1/operator/plans", { ...STALL_PLUS, name: "Other", priceAmount: 5 });
    expect(unknown.status).toBe(422);
    expect(unknown.body.errors[0].message).toMatch(/Unknown field/);
    const negative = await staff.api.post("/v1/operator/plans", { ...STALL_PLUS, name: "Other", maxMembers: -1 });
    expect(negative.status).toBe(422);
    expect(negative.body.errors).toEqual([{ path: "maxMembers", message: "Use 0 or more" }]);
    const clash = await staff.api.post("/v1/operator/plans", { ...STALL_PLUS, name: "stall PLUS" });
    expect(clash.status).toBe(409);
    expect(clash.body.errors).toEqual([{ path: "name", message: "A plan has this name already" }]);

    const [entry] = (await auditOf("plan.create")).filter((row) => row.target_id === made.body.id);
    expect(entry).toMatchObject({ actor_user_id: staff.userId, actor_role: "operator", shop_id: null });
    expect(entry?.data).toMatchObject({ name: "Stall plus", maxMembers: 5 });
    expect(entry?.ip).toBeTruthy();
  });

  it("changes a plan for every shop on it at once, keeping what a shop has over a smaller limit", async () => {
    const staff = await operator(harness);
    const owner = await ownerWithShop(harness);
    const plan = (await staff.api.post("/v1/operator/plans", { ...STALL_PLUS, name: "Shrinking" })).body;
    expect((await staff.api.put(`/v1/operator/shops/${owner.shopId}/plan`, { planId: plan.id })).status).toBe(200);
    const base = `/v1/shops/${owner.shopId}`;
    expect((await owner.api.post(`${base}/invites`, { role: "staff" })).status).toBe(201);
    expect((await owner.api.post(`${base}/invites`, { role: "staff" })).status).toBe(201);

    const changed = await staff.api.patch(`/v1/operator/plans/${plan.id}`, { maxMembers: 1 });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ maxMembers: 1, maxProducts: 2000, updatedAt: expect.any(Number) });
    // Both invitations stay; a third is refused under the new limit.
    const seen = (await owner.api.get(`${base}/plan`)).body;
    expect(seen.limits.members).toEqual({ allowed: 1, used: 2 });
    const third = await owner.api.post(`${base}/invites`, { role: "staff" });
    expect(third.status).toBe(409);
    expect(third.body).toMatchObject({ limit: "members", plan: "Shrinking", allowed: 1, used: 2 });
    expect((await owner.api.get(`${base}/members`)).body.invites).toHaveLength(2);

    const [entry] = (await auditOf("plan.update")).filter((row) => row.target_id === plan.id);
    expect(entry?.data).toEqual({ before: { maxMembers: 5 }, after: { maxMembers: 1 } });

    expect((await staff.api.patch("/v1/operator/plans/plan_nothing", { maxMembers: 1 })).status).toBe(404);
    expect((await staff.api.patch(`/v1/operator/plans/${plan.id}`, { isDefault: true })).status).toBe(422);
  });

  it("moves a shop to a plan: the owner sees the new limits, the storefront the new ways of paying; audited", async () => {
    const staff = await operator(harness);
    const owner = await ownerWithShop(harness);
    const plan = (
      await staff.api.post("/v1/operator/plans", {
        ...STALL_PLUS,
        name: "Pickup only",
        paymentMethods: ["pay_at_pickup"],
      })
    ).body;
    const before = await platform(harness.database.db).shops.findById(owner.shopId);

    const moved = await staff.api.put(`/v1/operator/shops/${owner.shopId}/plan`, { planId: plan.id });
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({ shopId: owner.shopId, previousPlanId: "plan_free", plan: { id: plan.id } });
    const after = await platform(harness.database.db).shops.findById(owner.shopId);
    expect(after?.planId).toBe(plan.id);
    // Storefronts cache by version: the move must be noticed.
    expect(after?.version).toBe((before?.version ?? 0) + 1);

    const seen = (await owner.api.get(`/v1/shops/${owner.shopId}/plan`)).body;
    expect(seen.plan).toMatchObject({ id: plan.id, name: "Pickup only", applicationFeeBasisPoints: 150 });
    expect(seen.limits.payment_methods.allowed).toEqual(["pay_at_pickup"]);

    const operatorView = await staff.api.get(`/v1/operator/shops/${owner.shopId}/plan`);
    expect(operatorView.status).toBe(200);
    expect(operatorView.body.shop).toEqual({ id: owner.shopId, name: owner.shop.name, slug: owner.shop.slug });
    expect(operatorView.body.limits).toEqual(seen.limits);

    const [entry] = (await auditOf("shop.plan.assign")).filter((row) => row.shop_id === owner.shopId);
    expect(entry).toMatchObject({ actor_user_id: staff.userId, actor_role: "operator", target_id: owner.shopId });
    expect(entry?.data).toEqual({ from: "plan_free", to: plan.id });

    const unknownPlan = await staff.api.put(`/v1/operator/shops/${owner.shopId}/plan`, { planId: "plan_nothing" });
    expect(unknownPlan.status).toBe(422);
    expect(unknownPlan.body.errors).toEqual([{ path: "planId", message: "Choose one of the plans" }]);
    const unknownShop = await staff.api.put("/v1/operator/shops/shop_nothing/plan", { planId: plan.id });
    expect(unknownShop.status).toBe(404);
    expect((await staff.api.get("/v1/operator/shops/shop_nothing/plan")).status).toBe(404);
  });

  it("the owner's plan page is the owner's shop only", async () => {
    const a = await ownerWithShop(harness);
    const b = await ownerWithShop(harness);
    expect((await b.api.get(`/v1/shops/${a.shopId}/plan`)).status).toBe(404);
  });
});
