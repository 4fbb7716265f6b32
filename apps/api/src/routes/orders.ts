import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import { DomainError, ORDER_STAGE_NAMES, ORDER_STATUSES, OrderActionInput } from "@stall/domain";
import type { Deps } from "../deps.ts";
import type { AppEnv } from "../http/app-env.ts";
import { validationError } from "../http/problem.ts";
import { permit } from "../http/shop-access.ts";
import {
  actOnOrder,
  countOrders,
  getOrder,
  listOrders,
  ORDER_ACTIONS,
  type OrderActionName,
} from "../use-cases/checkout/owner-orders.ts";
import { connectStripe } from "../use-cases/payments/connect-stripe.ts";
import { bearer, errorResponse, idParam, jsonResponse, Page, ShopIdParam, shopErrors } from "./common.ts";
import { Order } from "./storefront-schemas.ts";

const tags = ["Orders"];

const routes = {
  list: createRoute({
    operationId: "listOrders",
    method: "get",
    path: "/v1/shops/{shopId}/orders",
    tags,
    summary: "Orders, newest first",
    security: bearer,
    request: {
      params: ShopIdParam,
      query: z.object({
        limit: z.coerce.number().int().min(1).max(100).default(25),
        cursor: z.string().max(64).optional(),
        status: z.enum(ORDER_STATUSES).optional(),
        stage: z
          .enum(["needs_action", "other", ...ORDER_STAGE_NAMES])
          .optional()
          .openapi({
            description:
              "What needs doing: to_pay, to_hand_over, done, cancelled; needs_action is to_pay and to_hand_over, other is everything else.",
          }),
      }),
    },
    responses: { 200: jsonResponse(Page(Order, "OrderPage"), "A page of orders"), ...shopErrors },
  }),
  counts: createRoute({
    operationId: "countOrders",
    method: "get",
    path: "/v1/shops/{shopId}/orders/counts",
    tags,
    summary: "How many orders need the shop, and how many are at each stage",
    description: "One grouped count over an index: cheap enough for every dashboard page's badge.",
    security: bearer,
    request: { params: ShopIdParam },
    responses: {
      200: jsonResponse(
        z
          .object({
            needsAction: z.number().int(),
            stages: z.object({
              to_pay: z.number().int(),
              to_hand_over: z.number().int(),
              done: z.number().int(),
              cancelled: z.number().int(),
            }),
            all: z.number().int(),
          })
          .openapi("OrderCounts"),
        "The counts",
      ),
      ...shopErrors,
    },
  }),
  get: createRoute({
    operationId: "getOrder",
    method: "get",
    path: "/v1/shops/{shopId}/orders/{orderId}",
    tags,
    summary: "An order with its history and the steps possible now",
    security: bearer,
    request: { params: idParam("orderId") },
    responses: { 200: jsonResponse(Order, "The order"), ...shopErrors },
  }),
  act: createRoute({
    operationId: "actOnOrder",
    method: "post",
    path: "/v1/shops/{shopId}/orders/{orderId}/{action}",
    tags,
    summary: "Take a step: mark-paid, mark-ready, fulfil, complete, cancel, refund, undo",
    description:
      "One tap per step. `refund` takes `{ amount? }` (minor units; all that is left when absent) and refunds Stripe payments through Stripe. `undo` takes `{ step }` (the order's `undo.step`) and takes back the asker's own last step (mark-paid, mark-ready, fulfil) within 10 seconds; later, or after anyone's next step, it answers 409. A step the order cannot take now answers 409 saying why. A step already taken (a double tap, a stale tab: `mark-paid` on a paid order) changes nothing and answers 200 with the order as it is.",
    security: bearer,
    request: {
      params: z.object({
        shopId: ShopIdParam.shape.shopId,
        orderId: z
          .string()
          .min(1)
          .max(64)
          .openapi({ param: { name: "orderId", in: "path" } }),
        action: z
          .enum(Object.keys(ORDER_ACTIONS) as [OrderActionName, ...OrderActionName[]])
          .openapi({ param: { name: "action", in: "path" } }),
      }),
    },
    responses: {
      200: jsonResponse(Order, "The order after the step"),
      400: errorResponse("The optional body is not valid JSON"),
      409: errorResponse("Not possible now"),
      502: errorResponse("Stripe refused"),
      ...shopErrors,
    },
  }),
  connect: createRoute({
    operationId: "connectStripe",
    method: "post",
    path: "/v1/shops/{shopId}/stripe/connect",
    tags: ["Payments"],
    summary: "Connect the shop's own Stripe account",
    description: "Answers Stripe's onboarding link; send the owner there. Card, WeChat Pay and Alipay follow from it.",
    security: bearer,
    request: { params: ShopIdParam },
    responses: {
      200: jsonResponse(z.object({ accountId: z.string(), url: z.string() }), "Where to go next"),
      502: errorResponse("Stripe did not answer"),
      ...shopErrors,
    },
  }),
};

/** The body is optional for every step but refund; when sent it must be valid. */
async function readOptionalBody(request: Request): Promise<OrderActionInput> {
  const raw = await request.text();
  if (!raw.trim()) return {};
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    throw new DomainError("invalid_json", "The body is not valid JSON; check quotes and commas");
  }
  const parsed = OrderActionInput.safeParse(json);
  if (!parsed.success) throw validationError(parsed.error, "request body");
  return parsed.data;
}

export function orderRoutes(deps: Deps) {
  const app = new OpenAPIHono<AppEnv>();
  app.use("/v1/shops/:shopId/orders/*", permit("orders"));
  app.use("/v1/shops/:shopId/stripe/*", permit("manage"));
  return app
    .openapi(routes.list, async (c) =>
      c.json(await listOrders(deps, { access: c.get("access"), query: c.req.valid("query") }), 200),
    )
    .openapi(routes.counts, async (c) => c.json(await countOrders(deps, { access: c.get("access") }), 200))
    .openapi(routes.get, async (c) =>
      c.json(
        await getOrder(deps, {
          access: c.get("access"),
          user: c.get("user"),
          orderId: c.req.valid("param").orderId as string,
        }),
        200,
      ),
    )
    .openapi(routes.act, async (c) => {
      const { orderId, action } = c.req.valid("param");
      const body = await readOptionalBody(c.req.raw);
      return c.json(
        await actOnOrder(deps, {
          access: c.get("access"),
          user: c.get("user"),
          orderId,
          action,
          amount: body.amount,
          note: body.note,
          step: body.step,
        }),
        200,
      );
    })
    .openapi(routes.connect, async (c) => c.json(await connectStripe(deps, { access: c.get("access") }), 200));
}
