import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import { PAYMENT_METHODS } from "@stall/domain";
import type { Deps } from "../deps.ts";
import type { AppEnv } from "../http/app-env.ts";
import { getShopPlan } from "../use-cases/plans/get-shop-plan.ts";
import { bearer, jsonResponse, ShopIdParam, shopErrors } from "./common.ts";

const Counted = (what: string) =>
  z.object({
    allowed: z
      .number()
      .int()
      .openapi({ description: `How many ${what} the plan allows` }),
    used: z
      .number()
      .int()
      .openapi({ description: `How many ${what} the shop has (counted as the limit counts)` }),
  });

export const ShopPlan = z
  .object({
    plan: z.object({
      id: z.string(),
      name: z.string(),
      description: z.string(),
      applicationFeeBasisPoints: z
        .number()
        .int()
        .openapi({ description: "The platform's fee on card payments online, in basis points (150 = 1.5%)" }),
    }),
    contact: z
      .string()
      .nullable()
      .openapi({ description: "Where to ask for a bigger plan (the platform's address), or null when it gives none" }),
    limits: z.object({
      products: Counted("products (archived ones count too)"),
      photo_storage: Counted("bytes of photos"),
      members: Counted("people besides the owner (members and open invitations)"),
      custom_domains: Counted("own web addresses (verified, or added and not yet lapsed)"),
      payment_methods: z.object({
        allowed: z.array(z.enum(PAYMENT_METHODS)).openapi({ description: "The ways of paying the plan includes" }),
        used: z.array(z.enum(PAYMENT_METHODS)).openapi({ description: "The ways of paying the shop has turned on" }),
      }),
    }),
  })
  .openapi("ShopPlan");

const getPlan = createRoute({
  operationId: "getShopPlan",
  method: "get",
  path: "/v1/shops/{shopId}/plan",
  tags: ["Shops"],
  summary: "The shop's plan: each limit and how much of it the shop uses",
  description:
    "Anyone in the shop may read it. Adding one more of something past its limit is refused with the limit named (`limit` in the problem body); only the platform's operators move a shop to another plan.",
  security: bearer,
  request: { params: ShopIdParam },
  responses: { 200: jsonResponse(ShopPlan, "The plan and what the shop uses"), ...shopErrors },
});

export function shopPlanRoutes(deps: Deps) {
  return new OpenAPIHono<AppEnv>().openapi(getPlan, async (c) =>
    c.json(await getShopPlan(deps, { access: c.get("access") }), 200),
  );
}
