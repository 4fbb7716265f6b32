import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import { AssignPlanInput, PAYMENT_METHODS, PlanInput, PlanPatch } from "@stall/domain";
import type { Deps } from "../deps.ts";
import type { AppEnv } from "../http/app-env.ts";
import { noteAudit } from "../http/audit.ts";
import { requestIp } from "../http/client-ip.ts";
import { assignPlan } from "../use-cases/operator/assign-plan.ts";
import { createPlan } from "../use-cases/operator/create-plan.ts";
import { getShopPlanForOperator } from "../use-cases/operator/get-shop-plan-for-operator.ts";
import { listPlans } from "../use-cases/operator/list-plans.ts";
import { updatePlan } from "../use-cases/operator/update-plan.ts";
import { authErrors, bearer, errorResponse, jsonBody, jsonResponse } from "./common.ts";
import { ShopPlan } from "./shop-plan.ts";

const tags = ["Operators"];

const Plan = z
  .object({
    id: z.string(),
    name: z.string(),
    description: z.string(),
    maxProducts: z.number().int(),
    storageQuotaBytes: z.number().int(),
    maxMembers: z.number().int().openapi({ description: "People a shop may have besides its owner" }),
    maxCustomDomains: z.number().int(),
    paymentMethods: z.array(z.enum(PAYMENT_METHODS)),
    applicationFeeBasisPoints: z
      .number()
      .int()
      .openapi({ description: "The platform's fee on card payments online, in basis points (150 = 1.5%)" }),
    isDefault: z.boolean().openapi({ description: "New shops start on this plan" }),
    createdAt: z.number().int(),
    updatedAt: z.number().int().nullable(),
  })
  .openapi("Plan");

const PlanIdParam = z.object({
  planId: z
    .string()
    .min(1)
    .max(64)
    .openapi({ param: { name: "planId", in: "path" } }),
});
const OperatorShopParam = z.object({
  shopId: z
    .string()
    .min(1)
    .max(64)
    .openapi({ param: { name: "shopId", in: "path" } }),
});

const routes = {
  list: createRoute({
    operationId: "listPlans",
    method: "get",
    path: "/v1/operator/plans",
    tags,
    summary: "Every plan, with how many shops are on each",
    security: bearer,
    responses: {
      200: jsonResponse(
        z.object({ items: z.array(Plan.extend({ shopCount: z.number().int() })) }).openapi("PlanList"),
        "Plans, the default first",
      ),
      ...authErrors,
    },
  }),
  create: createRoute({
    operationId: "createPlan",
    method: "post",
    path: "/v1/operator/plans",
    tags,
    summary: "Make a plan",
    description: "Every limit is given. Shops join a plan only when an operator moves them. Written to the audit log.",
    security: bearer,
    request: jsonBody(PlanInput),
    responses: {
      201: jsonResponse(Plan, "Made"),
      409: errorResponse("A plan has that name already"),
      ...authErrors,
    },
  }),
  update: createRoute({
    operationId: "updatePlan",
    method: "patch",
    path: "/v1/operator/plans/{planId}",
    tags,
    summary: "Change a plan's limits",
    description:
      "Applies to every shop on the plan at once. A smaller limit takes nothing away: a shop over it keeps what it has and is refused only when it adds more. Written to the audit log.",
    security: bearer,
    request: { params: PlanIdParam, ...jsonBody(PlanPatch) },
    responses: {
      200: jsonResponse(Plan, "Changed"),
      409: errorResponse("A plan has that name already"),
      ...authErrors,
    },
  }),
  shopPlan: createRoute({
    operationId: "getOperatorShopPlan",
    method: "get",
    path: "/v1/operator/shops/{shopId}/plan",
    tags,
    summary: "A shop's plan and how much of each limit it uses",
    security: bearer,
    request: { params: OperatorShopParam },
    responses: {
      200: jsonResponse(
        ShopPlan.extend({ shop: z.object({ id: z.string(), name: z.string(), slug: z.string() }) }).openapi(
          "OperatorShopPlan",
        ),
        "The shop, its plan and its use",
      ),
      ...authErrors,
    },
  }),
  assign: createRoute({
    operationId: "assignPlan",
    method: "put",
    path: "/v1/operator/shops/{shopId}/plan",
    tags,
    summary: "Move a shop to a plan",
    description:
      "Nothing the shop has is taken away when the plan is smaller; adding more is refused until it is under the limit again. Written to the audit log.",
    security: bearer,
    request: { params: OperatorShopParam, ...jsonBody(AssignPlanInput) },
    responses: {
      200: jsonResponse(
        z.object({ shopId: z.string(), previousPlanId: z.string(), plan: Plan }).openapi("PlanAssignment"),
        "Moved (or already there)",
      ),
      ...authErrors,
    },
  }),
};

export function operatorPlanRoutes(deps: Deps) {
  // Each action writes its audit entry in the same write as the change; the operator door adds none.
  const actor = (c: Parameters<typeof requestIp>[1]) => {
    noteAudit(c, { isWritten: true });
    return { user: c.get("user"), ip: requestIp(deps, c) };
  };
  return new OpenAPIHono<AppEnv>()
    .openapi(routes.list, async (c) => c.json({ items: await listPlans(deps) }, 200))
    .openapi(routes.create, async (c) =>
      c.json(await createPlan(deps, { actor: actor(c), input: c.req.valid("json") }), 201),
    )
    .openapi(routes.update, async (c) =>
      c.json(
        await updatePlan(deps, { actor: actor(c), planId: c.req.valid("param").planId, input: c.req.valid("json") }),
        200,
      ),
    )
    .openapi(routes.shopPlan, async (c) =>
      c.json(await getShopPlanForOperator(deps, { shopId: c.req.valid("param").shopId }), 200),
    )
    .openapi(routes.assign, async (c) =>
      c.json(
        await assignPlan(deps, {
          actor: actor(c),
          shopId: c.req.valid("param").shopId,
          planId: c.req.valid("json").planId,
        }),
        200,
      ),
    );
}
