// Closing and deleting a shop, the operator's side: the same schedule and undo as the owner's, for any
// shop, behind the operator door (404 to anyone else, the password entered in the last 15 minutes).
import { createRoute, OpenAPIHono } from "@hono/zod-openapi";
import { platform } from "@stall/db";
import { DomainError } from "@stall/domain";
import type { Deps } from "../deps.ts";
import type { AppEnv } from "../http/app-env.ts";
import { noteAudit } from "../http/audit.ts";
import { requestIp } from "../http/client-ip.ts";
import { cancelShopDeletion, scheduleShopDeletion } from "../use-cases/shops/shop-deletion.ts";
import { authErrors, bearer, errorResponse, jsonBody, jsonResponse, ShopIdParam } from "./common.ts";
import { ScheduleDeletionInput, ShopDeletion } from "./shop-deletion.ts";

const tags = ["Operators"];
const schedule = createRoute({
  operationId: "operatorScheduleShopDeletion",
  method: "post",
  path: "/v1/operator/shops/{shopId}/deletion",
  tags,
  summary: "Close a shop and delete it in 14 days",
  description:
    "As the owner's `POST /v1/shops/{shopId}/deletion`, for any shop: buyers see it closed at once, everything goes after 14 days, the owner or an operator can undo until then. `confirmName` must be the shop's name. Audited.",
  security: bearer,
  request: { params: ShopIdParam, ...jsonBody(ScheduleDeletionInput) },
  responses: {
    200: jsonResponse(ShopDeletion, "Scheduled"),
    409: errorResponse("Already scheduled"),
    ...authErrors,
  },
});
const cancel = createRoute({
  operationId: "operatorCancelShopDeletion",
  method: "delete",
  path: "/v1/operator/shops/{shopId}/deletion",
  tags,
  summary: "Undo a shop's scheduled deletion",
  security: bearer,
  request: { params: ShopIdParam },
  responses: {
    200: jsonResponse(ShopDeletion, "Undone"),
    409: errorResponse("Nothing to undo, or too late"),
    ...authErrors,
  },
});

export function operatorDeletionRoutes(deps: Deps) {
  const directory = platform(deps.database.db);
  const shopOf = async (shopId: string) => {
    const shop = await directory.shops.findById(shopId);
    if (!shop) throw new DomainError("shop_not_found", `No shop with id ${shopId}`);
    return shop;
  };
  const actor = (c: Parameters<typeof requestIp>[1]) => ({
    userId: c.get("user").id,
    role: "operator" as const,
    ip: requestIp(deps, c),
  });
  return new OpenAPIHono<AppEnv>()
    .openapi(schedule, async (c) => {
      const shop = await scheduleShopDeletion(deps, {
        shop: await shopOf(c.req.valid("param").shopId),
        actor: actor(c),
        confirmName: c.req.valid("json").confirmName,
      });
      noteAudit(c, { isWritten: true });
      return c.json({ shopId: shop.id, deletionDueAt: shop.deletionDueAt }, 200);
    })
    .openapi(cancel, async (c) => {
      const shop = await cancelShopDeletion(deps, { shop: await shopOf(c.req.valid("param").shopId), actor: actor(c) });
      noteAudit(c, { isWritten: true });
      return c.json({ shopId: shop.id, deletionDueAt: shop.deletionDueAt }, 200);
    });
}
