import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import { SHOP_STATUSES } from "@stall/domain";
import type { Deps } from "../deps.ts";
import type { AppEnv } from "../http/app-env.ts";
import { getOverview } from "../use-cases/operator/get-overview.ts";
import { authErrors, bearer, jsonResponse } from "./common.ts";

const OperatorOverview = z
  .object({
    shops: z.object({
      total: z.number().int(),
      published: z.number().int(),
      byStatus: z.object(Object.fromEntries(SHOP_STATUSES.map((status) => [status, z.number().int()]))),
    }),
  })
  .openapi("OperatorOverview");

const overview = createRoute({
  operationId: "getOperatorOverview",
  method: "get",
  path: "/v1/operator/overview",
  tags: ["Operators"],
  summary: "The platform at a glance",
  description: "How many shops there are, by status and published or not. Operators only: anyone else gets 404.",
  security: bearer,
  responses: { 200: jsonResponse(OperatorOverview, "The figures"), ...authErrors },
});

export function operatorOverviewRoutes(deps: Deps) {
  return new OpenAPIHono<AppEnv>().openapi(overview, async (c) => c.json(await getOverview(deps), 200));
}
