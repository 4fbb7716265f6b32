// Whether and how a shop takes things back, in the terms search engines use (decision 032).
import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import { ReturnPolicyInput } from "@stall/domain";
import type { Deps } from "../deps.ts";
import type { AppEnv } from "../http/app-env.ts";
import { permit } from "../http/shop-access.ts";
import { getReturnPolicy } from "../use-cases/shops/get-return-policy.ts";
import { setReturnPolicy } from "../use-cases/shops/set-return-policy.ts";
import { bearer, jsonBody, jsonResponse, ShopIdParam, shopErrors } from "./common.ts";
import { ReturnPolicy } from "./storefront-schemas.ts";

const ReturnPolicySetting = z
  .object({
    returnPolicy: ReturnPolicy.nullable().openapi({ description: "Null until the owner has answered." }),
  })
  .openapi("ReturnPolicySetting");

const tags = ["Shops"];

const getRoute = createRoute({
  operationId: "getReturnPolicy",
  method: "get",
  path: "/v1/shops/{shopId}/return-policy",
  tags,
  summary: "Whether and how the shop takes things back",
  security: bearer,
  request: { params: ShopIdParam },
  responses: { 200: jsonResponse(ReturnPolicySetting, "The return policy, or null"), ...shopErrors },
});

const setRoute = createRoute({
  operationId: "setReturnPolicy",
  method: "put",
  path: "/v1/shops/{shopId}/return-policy",
  tags,
  summary: "Set whether and how the shop takes things back",
  description:
    "Shown to search engines on every product page (JSON-LD `hasMerchantReturnPolicy`). `days` null means no time limit; `method` and `fees` are needed when `isAccepted` is true; `countries` empty means the countries the shop ships to (else its own).",
  security: bearer,
  request: { params: ShopIdParam, ...jsonBody(ReturnPolicyInput) },
  responses: { 200: jsonResponse(ReturnPolicySetting, "Saved"), ...shopErrors },
});

export function shopReturnRoutes(deps: Deps) {
  const app = new OpenAPIHono<AppEnv>();
  app.on(["PUT"], "/v1/shops/:shopId/return-policy", permit("settings"));
  return app
    .openapi(getRoute, (c) => c.json(getReturnPolicy(deps, { access: c.get("access") }), 200))
    .openapi(setRoute, async (c) =>
      c.json(await setReturnPolicy(deps, { access: c.get("access"), input: c.req.valid("json") }), 200),
    );
}
