// Closing and deleting a shop, the owner's side: schedule (with the shop's name typed) and undo.
import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import type { Deps } from "../deps.ts";
import type { AppEnv } from "../http/app-env.ts";
import { noteAudit } from "../http/audit.ts";
import { requestIp } from "../http/client-ip.ts";
import { permit } from "../http/shop-access.ts";
import { cancelShopDeletion, scheduleShopDeletion } from "../use-cases/shops/shop-deletion.ts";
import { bearer, errorResponse, jsonBody, jsonResponse, ShopIdParam, shopErrors } from "./common.ts";

export const ShopDeletion = z
  .object({
    shopId: z.string(),
    deletionDueAt: z
      .number()
      .int()
      .nullable()
      .openapi({ description: "When everything goes for good; null when no deletion is scheduled" }),
  })
  .openapi("ShopDeletion");

export const ScheduleDeletionInput = z
  .object({
    confirmName: z
      .string()
      .max(200)
      .openapi({ description: "The shop's name, typed by the person to show they mean it", example: "Wang's Noodles" }),
  })
  .openapi("ScheduleDeletionInput");

const tags = ["Shops"];
const schedule = createRoute({
  operationId: "scheduleShopDeletion",
  method: "post",
  path: "/v1/shops/{shopId}/deletion",
  tags,
  summary: "Close the shop and delete it in 14 days (the owner only)",
  description:
    "Buyers see the shop as closed at once. After 14 days every row and every file of the shop is deleted and its address is free for anyone; until then `DELETE` on the same path undoes it. `confirmName` must be the shop's name.",
  security: bearer,
  request: { params: ShopIdParam, ...jsonBody(ScheduleDeletionInput) },
  responses: {
    200: jsonResponse(ShopDeletion, "Scheduled"),
    409: errorResponse("Already scheduled"),
    ...shopErrors,
    403: errorResponse("Only the owner"),
  },
});
const cancel = createRoute({
  operationId: "cancelShopDeletion",
  method: "delete",
  path: "/v1/shops/{shopId}/deletion",
  tags,
  summary: "Undo the shop's scheduled deletion (the owner only)",
  description: "Opens the shop again as it was. Refused (409) when no deletion is scheduled or it is already due.",
  security: bearer,
  request: { params: ShopIdParam },
  responses: {
    200: jsonResponse(ShopDeletion, "Undone"),
    409: errorResponse("Nothing to undo, or too late"),
    ...shopErrors,
    403: errorResponse("Only the owner"),
  },
});

export function shopDeletionRoutes(deps: Deps) {
  const app = new OpenAPIHono<AppEnv>();
  app.use("/v1/shops/:shopId/deletion", permit("manage"));
  const actor = (c: Parameters<typeof requestIp>[1]) => ({
    userId: c.get("user").id,
    role: "owner" as const,
    ip: requestIp(deps, c),
  });
  return app
    .openapi(schedule, async (c) => {
      const shop = await scheduleShopDeletion(deps, {
        shop: c.get("access").shop,
        actor: actor(c),
        confirmName: c.req.valid("json").confirmName,
      });
      noteAudit(c, { isWritten: true });
      return c.json({ shopId: shop.id, deletionDueAt: shop.deletionDueAt }, 200);
    })
    .openapi(cancel, async (c) => {
      const shop = await cancelShopDeletion(deps, { shop: c.get("access").shop, actor: actor(c) });
      noteAudit(c, { isWritten: true });
      return c.json({ shopId: shop.id, deletionDueAt: shop.deletionDueAt }, 200);
    });
}
