// The operator door, route by route: every `/v1/operator/` route in the OpenAPI document answers 404 to
// strangers and to signed-in owners (exactly like a path that does not exist), and refuses actions to an
// operator whose password is older than 15 minutes. A new operator route is covered as soon as it is
// in the document; one that takes a body needs a sample here so the call would reach its use-case.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditEntries, fromAddress } from "./audit.ts";
import { client, operator, ownerWithShop } from "./client.ts";
import { createHarness, type Harness, type Json } from "./harness.ts";

let harness: Harness;
let owner: Awaited<ReturnType<typeof ownerWithShop>>;

/** A valid body for each operator action, so a refusal is the door's and not validation's. */
const BODIES: Record<string, unknown> = {
  "POST /v1/operator/shops/{shopId}/deletion": { confirmName: "Shop" },
  "POST /v1/operator/shops/{shopId}/suspend": { reason: "Selling things that are not allowed" },
  "POST /v1/operator/shops/{shopId}/restore": { reason: "Sorted out with the owner" },
  "POST /v1/operator/shops/{shopId}/close": { reason: "The owner asked us to" },
  "POST /v1/operator/plans": {
    name: "Door check",
    maxProducts: 10,
    storageQuotaBytes: 1_000_000,
    maxMembers: 1,
    maxCustomDomains: 0,
    paymentMethods: ["pay_at_pickup"],
    applicationFeeBasisPoints: 0,
  },
  "PATCH /v1/operator/plans/{planId}": { description: "Changed at the door" },
  "PUT /v1/operator/shops/{shopId}/plan": { planId: "plan_free" },
  "POST /v1/operator/cohorts": { name: "Riverside market 2026", description: "Twelve stalls go online" },
  "PATCH /v1/operator/cohorts/{cohortId}": { name: "Riverside market 2027" },
};

type Operation = { method: string; path: string; key: string };

async function operatorOperations(): Promise<Operation[]> {
  const document = (await (await harness.app.request("/openapi.json")).json()) as Json;
  const operations: Operation[] = [];
  for (const [path, item] of Object.entries(document.paths as Record<string, Json>)) {
    if (!path.startsWith("/v1/operator/")) continue;
    for (const method of Object.keys(item))
      operations.push({ method: method.toUpperCase(), path, key: `${method.toUpperCase()} ${path}` });
  }
  return operations;
}

/** The path with every parameter filled: the owner's own shop for shop ids, a made-up id otherwise. */
function fill(path: string): string {
  return path.replace(/\{(\w+)\}/g, (_, name: string) => (name === "shopId" ? owner.shopId : `${name}_unknown`));
}

async function send(token: string | undefined, operation: Operation) {
  const body = BODIES[operation.key] ?? (operation.method === "GET" || operation.method === "DELETE" ? undefined : {});
  return client(harness, token).call(operation.method, fill(operation.path), body);
}

beforeAll(async () => {
  harness = await createHarness({ config: { storefrontSecret: "front-end-secret-for-operator-routes" } });
  owner = await ownerWithShop(harness);
});
afterAll(() => harness?.cleanup());

describe("operator routes", () => {
  it("exist in the API's document", async () => {
    const operations = await operatorOperations();
    expect(operations.map((operation) => operation.key)).toEqual(
      expect.arrayContaining([
        "GET /v1/operator/overview",
        "GET /v1/operator/shops",
        "GET /v1/operator/shops/{shopId}",
        ...Object.keys(BODIES),
      ]),
    );
  });

  it("answer 404 to strangers and owners, the same as a path that does not exist", async () => {
    const nowhere = await client(harness, owner.token).get("/v1/nowhere");
    for (const operation of await operatorOperations()) {
      for (const token of [undefined, owner.token]) {
        const answer = await send(token, operation);
        expect(answer.status, `${operation.key} as ${token ? "owner" : "stranger"}`).toBe(404);
        expect(answer.headers.get("content-type")).toContain("application/problem+json");
        expect(answer.body.code).toBe(nowhere.body.code);
        expect(answer.body.title).toBe(nowhere.body.title);
      }
    }
  });

  it("let an operator read, and act only with a password entered in the last 15 minutes", async () => {
    const staff = await operator(harness);
    const overview = await staff.api.get("/v1/operator/overview");
    expect(overview.status).toBe(200);
    expect(overview.body.shops.total).toBeGreaterThanOrEqual(1);
    expect(overview.body.shops.byStatus.active).toBeGreaterThanOrEqual(1);

    const actions = (await operatorOperations()).filter((operation) => operation.method !== "GET");
    // The door stands in front of every operator path, listed or not, so the rule holds for actions
    // still to come as well as the ones in the document.
    actions.push({ method: "POST", path: "/v1/operator/anything", key: "POST /v1/operator/anything" });
    for (const operation of actions) {
      const fresh = await send(staff.token, operation);
      expect(fresh.status, operation.key).not.toBe(403);
    }
    harness.clock.advance(15 * 60_000 + 1);
    expect((await staff.api.get("/v1/operator/overview")).status).toBe(200);
    for (const operation of actions) {
      const stale = await send(staff.token, operation);
      expect(stale.status, operation.key).toBe(403);
      expect(stale.body.code).toBe("recent_sign_in_required");
      expect(stale.body.detail).toMatch(/password/);
    }
  });

  it("write each action that succeeds to the audit log once, as the operator's, with their address", async () => {
    const staff = await operator(harness);
    const cohort = await staff.api.post("/v1/operator/cohorts", { name: "Audited programme" });
    expect(cohort.status).toBe(201);
    // A plan to move shops to (moving a shop to the plan it is on changes nothing and records nothing).
    const plan = await staff.api.post("/v1/operator/plans", {
      ...(BODIES["POST /v1/operator/plans"] as object),
      name: "Audit target",
    });
    expect(plan.status).toBe(201);
    const actions = (await operatorOperations()).filter((operation) => operation.method !== "GET");
    expect(actions.length).toBeGreaterThanOrEqual(8);
    for (const operation of actions) {
      // A shop of its own for each action, named as the deletion's confirmation expects; a suspended one
      // to restore, one scheduled for deletion to undo it.
      const shop = await ownerWithShop(harness, { name: "Shop" });
      const shopPath = `/v1/operator/shops/${shop.shopId}`;
      if (operation.path.endsWith("/restore")) {
        expect((await staff.api.post(`${shopPath}/suspend`, { reason: "For the test" })).status).toBe(200);
      }
      if (operation.key === "DELETE /v1/operator/shops/{shopId}/deletion") {
        expect((await staff.api.post(`${shopPath}/deletion`, { confirmName: "Shop" })).status).toBe(200);
      }
      const path = operation.path.replace(/\{(\w+)\}/g, (_, name: string) =>
        name === "shopId" ? shop.shopId : name === "planId" ? "plan_free" : name === "cohortId" ? cohort.body.id : name,
      );
      const before = await auditEntries(harness, { actor: staff.userId });
      const answer = await client(harness, staff.token).call(
        operation.method,
        path,
        // Names are unique among plans: this run's must differ from the door test's.
        operation.key === "POST /v1/operator/plans"
          ? { ...(BODIES[operation.key] as object), name: "Audited plan" }
          : operation.key === "PUT /v1/operator/shops/{shopId}/plan"
            ? { planId: plan.body.id }
            : (BODIES[operation.key] ?? (operation.method === "DELETE" ? undefined : {})),
        fromAddress(harness, "198.51.100.7"),
      );
      expect(answer.status, `${operation.key}: ${answer.text}`).toBeLessThan(300);
      const written = (await auditEntries(harness, { actor: staff.userId })).slice(0, -before.length || undefined);
      expect(written, operation.key).toHaveLength(1);
      expect(written[0], operation.key).toMatchObject({ actorRole: "operator", ip: "198.51.100.7" });
    }
  });
});
