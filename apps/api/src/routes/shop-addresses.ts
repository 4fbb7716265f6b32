import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import type { Deps } from "../deps.ts";
import type { AppEnv } from "../http/app-env.ts";
import { checkShopAddress } from "../use-cases/shops/check-shop-address.ts";
import { authErrors, bearer, jsonResponse } from "./common.ts";

const ShopAddressCheck = z
  .object({
    slug: z.string(),
    address: z.string().openapi({ description: "The shop's address as buyers would type it: {slug}.{root domain}" }),
    isAvailable: z.boolean(),
    reason: z.enum(["taken", "reserved", "invalid"]).nullable(),
    suggestion: z
      .string()
      .nullable()
      .openapi({ description: "A free address made from this one, when it cannot be had" }),
  })
  .openapi("ShopAddressCheck");

const check = createRoute({
  operationId: "checkShopAddress",
  method: "get",
  path: "/v1/me/shop-addresses/{slug}",
  tags: ["Shops"],
  summary: "Check a web address for a new shop",
  description:
    "Whether a new shop could open at {slug}.{root domain}, and a free address made from it when not. Opening the shop checks again.",
  security: bearer,
  request: { params: z.object({ slug: z.string().min(1).max(64) }) },
  responses: { 200: jsonResponse(ShopAddressCheck, "The answer"), ...authErrors },
});

export function shopAddressRoutes(deps: Deps) {
  return new OpenAPIHono<AppEnv>().openapi(check, async (c) =>
    c.json(await checkShopAddress(deps, c.req.valid("param").slug), 200),
  );
}
