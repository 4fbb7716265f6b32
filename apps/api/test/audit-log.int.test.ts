// The audit log (decision 024): member actions and security events with actor, shop, time and address;
// append-only in the database itself; the operator's list and CSV, with filters and pages.
import { platform } from "@stall/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { recordAudit } from "../src/use-cases/audit/record-audit.ts";
import { auditEntries, expectAudited, fromAddress } from "./audit.ts";
import { client, operator, ownerWithShop } from "./client.ts";
import { createHarness, type Harness, type Json } from "./harness.ts";

let harness: Harness;
const password = "correct horse battery";

beforeAll(async () => {
  harness = await createHarness({ config: { storefrontSecret: "audit-test-secret-0123456789abcdef0123" } });
});
afterAll(() => harness?.cleanup());

let emails = 0;
const newEmail = () => `audit${++emails}-${Date.now()}@example.test`;

describe("security events", () => {
  it("records sign-up, sign-in, a sign-in lock, a password change and a reset, each with the address", async () => {
    const email = newEmail();
    const anon = client(harness);
    const signup = await anon.post(
      "/v1/auth/signup",
      { email, password, name: "Ada" },
      fromAddress(harness, "203.0.113.1"),
    );
    expect(signup.status).toBe(201);
    const userId = signup.body.user.id as string;
    await expectAudited(harness, { action: "auth.signed_up", actorUserId: userId, shopId: null, ip: "203.0.113.1" });

    const login = await anon.post("/v1/auth/login", { email, password }, fromAddress(harness, "203.0.113.2"));
    expect(login.status).toBe(200);
    await expectAudited(harness, {
      action: "auth.signed_in",
      actorUserId: userId,
      actorRole: "user",
      ip: "203.0.113.2",
    });

    // Five wrong passwords lock the account: one entry for the burst, none for each wrong guess.
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 6; attempt++) {
      const wrong = await anon.post(
        "/v1/auth/login",
        { email, password: "wrong guess" },
        fromAddress(harness, "198.51.100.9"),
      );
      statuses.push(wrong.status);
    }
    expect(statuses).toEqual([401, 401, 401, 401, 429, 429]);
    const locked = await expectAudited(harness, { action: "auth.sign_in_locked", targetId: email, ip: "198.51.100.9" });
    expect(locked.actorUserId).toBe(userId);
    expect(locked.data).toMatchObject({ by: "account" });

    const api = client(harness, login.body.token);
    const changed = await api.call(
      "POST",
      "/v1/me/password",
      { currentPassword: password, newPassword: "a brand new phrase" },
      fromAddress(harness, "203.0.113.3"),
    );
    expect(changed.status).toBe(204);
    await expectAudited(harness, { action: "auth.password_changed", actorUserId: userId, ip: "203.0.113.3" });

    await anon.post("/v1/auth/password-reset", { email });
    const queued = await platform(harness.database.db).notifications.listForRecipient(email);
    const resetUrl = String((queued.at(-1)?.payload as { resetUrl?: string } | undefined)?.resetUrl);
    const token = new URL(resetUrl).searchParams.get("token");
    const reset = await anon.post(
      "/v1/auth/password-reset/confirm",
      { token, password: "yet another phrase" },
      fromAddress(harness, "203.0.113.4"),
    );
    expect(reset.status).toBe(200);
    await expectAudited(harness, { action: "auth.password_reset", actorUserId: userId, ip: "203.0.113.4" });
  });

  it("records a member's changes with their role and address, a rights change with the new rights, and an export", async () => {
    const owner = await ownerWithShop(harness);
    const base = `/v1/shops/${owner.shopId}`;
    const invite = await owner.api.post(`${base}/invites`, { role: "helper", permissions: ["catalogue"] });
    const helper = await ownerWithShop(harness);
    expect((await helper.api.post("/v1/invites/accept", { token: invite.body.token })).status).toBe(200);
    const members = (await owner.api.get(`${base}/members`)).body.members as Json[];
    const membershipId = members.find((member) => member.role === "helper")?.id as string;

    const product = await helper.api.post(
      `${base}/products`,
      { title: "Jam", variants: [{ price: 400 }] },
      fromAddress(harness, "192.0.2.10"),
    );
    expect(product.status).toBe(201);
    await expectAudited(harness, {
      action: "POST /v1/shops/:shopId/products",
      shopId: owner.shopId,
      actorUserId: helper.user.id,
      actorRole: "helper",
      ip: "192.0.2.10",
    });

    const change = await owner.api.call(
      "PATCH",
      `${base}/members/${membershipId}`,
      { role: "helper", permissions: ["catalogue", "orders"] },
      fromAddress(harness, "192.0.2.11"),
    );
    expect(change.status).toBe(200);
    const rights = await expectAudited(harness, {
      action: "member.rights_changed",
      shopId: owner.shopId,
      actorRole: "owner",
      targetId: membershipId,
      ip: "192.0.2.11",
    });
    expect(rights.data).toMatchObject({ role: "helper", permissions: ["catalogue", "orders"] });

    expect((await owner.api.get(`${base}/export`, fromAddress(harness, "192.0.2.12"))).status).toBe(200);
    await expectAudited(harness, { action: "shop.exported", shopId: owner.shopId, ip: "192.0.2.12" });
    // Reading is not an action: listing products wrote nothing.
    const before = (await auditEntries(harness, { shopId: owner.shopId })).length;
    await owner.api.get(`${base}/products`);
    expect(await auditEntries(harness, { shopId: owner.shopId })).toHaveLength(before);
  });
});

describe("append-only", () => {
  it("the database refuses to change or delete an entry while its shop exists, and platform entries always", async () => {
    const owner = await ownerWithShop(harness);
    await owner.api.patch(`/v1/shops/${owner.shopId}`, { name: "Renamed" });
    const [shopEntry] = await auditEntries(harness, { shopId: owner.shopId });
    const [platformEntry] = await auditEntries(harness, { action: "auth.signed_up", actor: owner.email });
    const { client: raw } = harness.database;
    for (const entry of [shopEntry, platformEntry]) {
      await expect(
        raw.execute({ sql: "UPDATE audit_log SET action = 'nothing happened' WHERE id = ?", args: [entry?.id ?? ""] }),
      ).rejects.toThrow(/append-only/);
      await expect(raw.execute({ sql: "DELETE FROM audit_log WHERE id = ?", args: [entry?.id ?? ""] })).rejects.toThrow(
        /append-only/,
      );
    }
    await expect(raw.execute("DELETE FROM audit_log")).rejects.toThrow(/append-only/);
    expect((await auditEntries(harness, { shopId: owner.shopId })).length).toBeGreaterThan(0);
  });

  it("lets a purge delete a shop's entries with the shop, and keeps the platform note of it", async () => {
    const owner = await ownerWithShop(harness);
    await owner.api.patch(`/v1/shops/${owner.shopId}`, { name: "Soon gone" });
    expect((await auditEntries(harness, { shopId: owner.shopId })).length).toBeGreaterThan(0);
    const { client: raw } = harness.database;
    // The shop's own rows first (what a purge does), then the shop: its entries go by ON DELETE CASCADE.
    const tables = await raw.execute(
      "SELECT m.name FROM sqlite_master m JOIN pragma_table_info(m.name) c WHERE m.type = 'table' AND c.name = 'shop_id' AND m.name NOT IN ('audit_log', 'shops')",
    );
    await raw.execute("PRAGMA foreign_keys = OFF");
    for (const row of tables.rows) {
      await raw.execute({ sql: `DELETE FROM "${String(row.name)}" WHERE shop_id = ?`, args: [owner.shopId] });
    }
    await raw.execute("PRAGMA foreign_keys = ON");
    await raw.execute({ sql: "DELETE FROM shops WHERE id = ?", args: [owner.shopId] });
    expect(await auditEntries(harness, { shopId: owner.shopId })).toEqual([]);
    // The purge leaves one platform entry naming the shop, which nothing can delete.
    await recordAudit(harness.deps, {
      actor: { userId: null, role: "system", ip: null },
      shopId: null,
      action: "shop.purged",
      targetType: "shop",
      targetId: owner.shopId,
    });
    const [note] = await auditEntries(harness, { action: "shop.purged" });
    expect(note).toMatchObject({ shopId: null, targetId: owner.shopId, actorRole: "system" });
    await expect(raw.execute({ sql: "DELETE FROM audit_log WHERE id = ?", args: [note?.id ?? ""] })).rejects.toThrow(
      /append-only/,
    );
  });
});

describe("the operator's audit log", () => {
  it("lists every shop's and the platform's entries, filtered by shop, actor, action and time, in pages", async () => {
    const ops = await operator(harness);
    const first = await ownerWithShop(harness);
    const second = await ownerWithShop(harness);
    harness.clock.advance(60_000);
    const since = harness.clock.now();
    for (const name of ["One", "Two", "Three"]) {
      await first.api.patch(`/v1/shops/${first.shopId}`, { name });
      harness.clock.advance(1000);
    }
    await second.api.patch(`/v1/shops/${second.shopId}`, { name: "Other" });

    const byShop = await ops.api.get(`/v1/operator/audit?shop=${first.shopId}&from=${since}`);
    expect(byShop.status).toBe(200);
    expect(byShop.body.items).toHaveLength(3);
    for (const item of byShop.body.items) {
      expect(item).toMatchObject({ shopId: first.shopId, shopSlug: first.shop.slug, actorEmail: first.email });
    }
    // Newest first, and pages that join up without a gap or a repeat.
    const page1 = await ops.api.get(`/v1/operator/audit?shop=${first.shopId}&from=${since}&limit=2`);
    const page2 = await ops.api.get(
      `/v1/operator/audit?shop=${first.shopId}&from=${since}&limit=2&cursor=${page1.body.nextCursor}`,
    );
    expect([...page1.body.items, ...page2.body.items].map((item: Json) => item.id)).toEqual(
      byShop.body.items.map((item: Json) => item.id),
    );
    expect(page2.body.nextCursor).toBeNull();
    const times = byShop.body.items.map((item: Json) => item.createdAt);
    expect(times).toEqual([...times].sort((a, b) => b - a));

    const byActor = await ops.api.get(`/v1/operator/audit?actor=${encodeURIComponent(second.email)}&action=PATCH`);
    expect(byActor.body.items.map((item: Json) => item.shopId)).toEqual([second.shopId]);
    const signUps = await ops.api.get(`/v1/operator/audit?actor=${second.user.id}&action=auth.`);
    expect(signUps.body.items.map((item: Json) => item.action)).toEqual(["auth.signed_up"]);
    const window = await ops.api.get(`/v1/operator/audit?shop=${first.shopId}&from=${since + 1000}&to=${since + 2000}`);
    expect(window.body.items).toHaveLength(1);

    expect((await ops.api.get("/v1/operator/audit?from=yesterday")).status).toBe(422);
  });

  it("downloads the filtered log as CSV, safe to open in a spreadsheet, and records the download", async () => {
    const ops = await operator(harness);
    const owner = await ownerWithShop(harness);
    await owner.api.patch(`/v1/shops/${owner.shopId}`, { name: "Jam corner" });
    // A value someone typed that a spreadsheet would run as a formula.
    await recordAudit(harness.deps, {
      actor: { userId: owner.user.id, role: "owner", ip: "192.0.2.49" },
      shopId: owner.shopId,
      action: "shop.exported",
      targetType: "shop",
      targetId: '=HYPERLINK("http://evil.test")',
    });
    const answer = await ops.api.get(`/v1/operator/audit.csv?shop=${owner.shopId}`, fromAddress(harness, "192.0.2.50"));
    expect(answer.status).toBe(200);
    expect(answer.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(answer.headers.get("content-disposition")).toMatch(
      /^attachment; filename="stall-audit-\d{4}-\d{2}-\d{2}\.csv"$/,
    );
    const lines = answer.text.trim().split("\n");
    expect(lines[0]).toBe(
      "time,shop_id,shop,actor_user_id,actor_email,actor_role,action,target_type,target_id,ip,data,id",
    );
    expect(lines.slice(1).every((line) => line.includes(owner.shopId))).toBe(true);
    expect(lines.some((line) => line.includes("PATCH /v1/shops/:shopId"))).toBe(true);
    expect(answer.text).toContain(`'=HYPERLINK(""http://evil.test"")`);
    expect(answer.text).not.toMatch(/,=HYPERLINK/);

    const download = await expectAudited(harness, {
      action: "operator.audit_exported",
      actorUserId: ops.userId,
      actorRole: "operator",
      shopId: owner.shopId,
      ip: "192.0.2.50",
    });
    expect(download.data).toMatchObject({ rows: lines.length - 1, truncated: false });
  });
});
