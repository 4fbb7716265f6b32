import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import { NOTIFICATION_FAILURES } from "@stall/db";
import type { Deps } from "../deps.ts";
import type { AppEnv } from "../http/app-env.ts";
import { permit } from "../http/shop-access.ts";
import { listUndeliveredEmails } from "../use-cases/notifications/list-undelivered-emails.ts";
import { bearer, jsonResponse, ShopIdParam, shopErrors } from "./common.ts";

const UndeliveredEmail = z
  .object({
    id: z.string(),
    template: z.string().openapi({ example: "order_placed" }),
    recipient: z.string(),
    orderId: z.string().nullable(),
    reason: z.enum([...NOTIFICATION_FAILURES, "retrying"]).openapi({
      description:
        "`unrenderable`: the email could not be written from what was typed (it is tried again after the next update); `recipient_invalid` / `recipient_refused`: the address is wrong or the mail server refused it; `gave_up`: the mail server could not be reached after every attempt; `retrying`: an attempt failed and another is due at `nextAttemptAt`.",
    }),
    detail: z.string().nullable(),
    attempts: z.number().int(),
    createdAt: z.number().int(),
    nextAttemptAt: z.number().int().nullable(),
  })
  .openapi("UndeliveredEmail");

const routes = {
  list: createRoute({
    method: "get",
    path: "/v1/shops/{shopId}/undelivered-emails",
    tags: ["Orders"],
    summary: "Emails of this shop that have not gone out, newest first",
    description:
      "Order emails (to buyers and to the owner) and invitations that failed for good or are waiting for another try, with the reason. At most 100.",
    security: bearer,
    request: { params: ShopIdParam },
    responses: {
      200: jsonResponse(z.object({ items: z.array(UndeliveredEmail) }), "The undelivered emails"),
      ...shopErrors,
    },
  }),
};

export function notificationRoutes(deps: Deps) {
  const app = new OpenAPIHono<AppEnv>();
  app.use("/v1/shops/:shopId/undelivered-emails", permit("orders"));
  return app.openapi(routes.list, async (c) =>
    c.json(await listUndeliveredEmails(deps, { access: c.get("access") }), 200),
  );
}
