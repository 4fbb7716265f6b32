// Changing what someone who helps in a shop may do, after they joined: PATCH …/members/{membershipId}.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ownerWithShop } from "./client.ts";
import { createHarness, type Harness, type Json } from "./harness.ts";

let harness: Harness;
beforeAll(async () => {
  harness = await createHarness();
});
afterAll(() => harness?.cleanup());

/** An owner and a helper who joined with only the catalogue right. */
async function ownerAndHelper() {
  const owner = await ownerWithShop(harness);
  const base = `/v1/shops/${owner.shopId}`;
  const invite = await owner.api.post(`${base}/invites`, { role: "helper", permissions: ["catalogue"] });
  const helper = await ownerWithShop(harness);
  expect((await helper.api.post("/v1/invites/accept", { token: invite.body.token })).status).toBe(200);
  const members = (await owner.api.get(`${base}/members`)).body.members as Json[];
  const membershipId = members.find((member) => member.role === "helper")?.id as string;
  const ownerMembershipId = members.find((member) => member.role === "owner")?.id as string;
  return { owner, helper, base, membershipId, ownerMembershipId };
}

describe("changing a member's rights", () => {
  it("applies at the helper's next request, and the audit log says who changed it", async () => {
    const { owner, helper, base, membershipId } = await ownerAndHelper();
    expect((await helper.api.get(`${base}/orders`)).status).toBe(403);

    const changed = await owner.api.patch(`${base}/members/${membershipId}`, {
      role: "helper",
      permissions: ["orders", "orders", "settings"],
    });
    expect(changed.status).toBe(200);
    expect(changed.body).toEqual({ id: membershipId, role: "helper", permissions: ["orders", "settings"] });
    expect((await helper.api.get(`${base}/orders`)).status).toBe(200);
    expect((await helper.api.post(`${base}/products`, { title: "Nope", variants: [{ price: 1 }] })).status).toBe(403);
    const me = (await helper.api.get("/v1/me")).body;
    expect(me.memberships.find((item: Json) => item.shopId === owner.shopId)).toMatchObject({
      role: "helper",
      permissions: ["orders", "settings"],
    });

    const audit = (await owner.api.get(`${base}/audit-log`)).body.items as Json[];
    expect(audit[0]).toMatchObject({
      actorUserId: owner.user.id,
      action: "member.rights_changed",
      targetType: "member",
      targetId: membershipId,
    });

    const staff = await owner.api.patch(`${base}/members/${membershipId}`, { role: "staff", permissions: ["orders"] });
    expect(staff.body).toEqual({ id: membershipId, role: "staff", permissions: [] });
    expect((await helper.api.post(`${base}/products`, { title: "Yes", variants: [{ price: 1 }] })).status).toBe(201);
    // Staff still cannot manage people.
    expect((await helper.api.patch(`${base}/members/${membershipId}`, { role: "staff" })).status).toBe(403);
  });

  it("refuses a helper with no rights and the owner's own access, changing nothing", async () => {
    const { owner, base, membershipId, ownerMembershipId } = await ownerAndHelper();
    const empty = await owner.api.patch(`${base}/members/${membershipId}`, { role: "helper", permissions: [] });
    expect(empty.status).toBe(422);
    expect(empty.body.errors).toEqual([{ path: "permissions", message: "Give a helper at least one right" }]);
    const self = await owner.api.patch(`${base}/members/${ownerMembershipId}`, {
      role: "helper",
      permissions: ["orders"],
    });
    expect(self.status).toBe(409);
    expect(self.body.detail).toBe("The owner's own access cannot change");
    const members = (await owner.api.get(`${base}/members`)).body.members as Json[];
    expect(members.map((member) => [member.role, member.permissions])).toEqual([
      ["owner", []],
      ["helper", ["catalogue"]],
    ]);
  });

  it("another shop's owner cannot change this shop's member (404), nor reach it through their own shop", async () => {
    const a = await ownerAndHelper();
    const b = await ownerWithShop(harness);
    const across = await b.api.patch(`${a.base}/members/${a.membershipId}`, { role: "staff" });
    expect(across.status).toBe(404);
    const viaOwn = await b.api.patch(`/v1/shops/${b.shopId}/members/${a.membershipId}`, { role: "staff" });
    expect(viaOwn.status).toBe(404);
    const members = (await a.owner.api.get(`${a.base}/members`)).body.members as Json[];
    expect(members.find((member) => member.id === a.membershipId)?.role).toBe("helper");
  });
});
