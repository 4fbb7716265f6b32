import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import {
  MEMBERSHIP_ROLES,
  OperatorShopQuery,
  PRODUCT_STATUSES,
  SHOP_STATUSES,
  type ShopStatusAction,
  ShopStatusChangeInput,
} from "@stall/domain";
import type { Context } from "hono";
import type { Deps } from "../deps.ts";
import type { AppEnv } from "../http/app-env.ts";
import { noteAudit } from "../http/audit.ts";
import { requestIp } from "../http/client-ip.ts";
import { changeShopStatus } from "../use-cases/operator/change-shop-status.ts";
import { getShopDetail } from "../use-cases/operator/get-shop-detail.ts";
import { listShops } from "../use-cases/operator/list-shops.ts";
import { authErrors, bearer, errorResponse, jsonBody, jsonResponse, Page, ShopIdParam } from "./common.ts";

const tags = ["Operators"];

const ShopSummary = z
  .object({
    id: z.string(),
    name: z.string(),
    slug: z.string(),
    status: z.enum(SHOP_STATUSES),
    isPublished: z.boolean(),
    planId: z.string(),
    cohortId: z.string().nullable(),
    ownerEmails: z.array(z.string()),
    createdAt: z.number().int(),
    lastOrderAt: z.number().int().nullable(),
  })
  .openapi("OperatorShopSummary");

const ShopDetail = z
  .object({
    id: z.string(),
    name: z.string(),
    slug: z.string(),
    url: z.string(),
    status: z.enum(SHOP_STATUSES),
    statusReason: z.string().nullable(),
    statusChangedAt: z.number().int().nullable(),
    isPublished: z.boolean(),
    planId: z.string(),
    cohortId: z.string().nullable(),
    currency: z.string(),
    createdAt: z.number().int(),
    lastOrderAt: z.number().int().nullable(),
    supportAccessUntil: z
      .number()
      .int()
      .nullable()
      .openapi({ description: "The owner lets operators look (read-only) until then; null: not now." }),
    storageUsedBytes: z.number().int(),
    members: z.array(
      z.object({
        userId: z.string(),
        name: z.string(),
        email: z.string(),
        role: z.enum(MEMBERSHIP_ROLES),
        since: z.number().int(),
      }),
    ),
    products: z.object(Object.fromEntries(PRODUCT_STATUSES.map((status) => [status, z.number().int()]))),
    sales: z.array(
      z.object({
        currency: z.string(),
        orders: z.number().int(),
        paidOrders: z.number().int(),
        salesAmount: z.number().int().openapi({ description: "Paid orders' totals less refunds, minor units" }),
      }),
    ),
    domains: z.array(z.object({ hostname: z.string(), isVerified: z.boolean(), verifiedAt: z.number().nullable() })),
    audit: z.array(
      z.object({
        id: z.string(),
        action: z.string(),
        actorUserId: z.string().nullable(),
        actorRole: z.string(),
        targetType: z.string().nullable(),
        targetId: z.string().nullable(),
        ip: z.string().nullable(),
        data: z.record(z.string(), z.unknown()),
        createdAt: z.number().int(),
      }),
    ),
  })
  .openapi("OperatorShopDetail");

const StatusChanged = z
  .object({
    id: z.string(),
    status: z.enum(SHOP_STATUSES),
    statusReason: z.string().nullable(),
    statusChangedAt: z.number().int().nullable(),
    version: z.number().int(),
  })
  .openapi("OperatorShopStatus");

const notFound = { 404: errorResponse("No such shop (or you are not an operator)") };

const routes = {
  list: createRoute({
    operationId: "listOperatorShops",
    method: "get",
    path: "/v1/operator/shops",
    tags,
    summary: "Every shop, searched and filtered",
    description:
      "Newest first. `q` matches the shop's name, address (slug) or an owner's email. Dates are days (UTC), both ends included. Operators only.",
    security: bearer,
    request: { query: OperatorShopQuery },
    responses: { 200: jsonResponse(Page(ShopSummary, "OperatorShopPage"), "A page of shops"), ...authErrors },
  }),
  detail: createRoute({
    operationId: "getOperatorShop",
    method: "get",
    path: "/v1/operator/shops/{shopId}",
    tags,
    summary: "One shop, for operators",
    description: "Its people, products, orders and sales per currency, storage, web addresses and audit trail.",
    security: bearer,
    request: { params: ShopIdParam },
    responses: { 200: jsonResponse(ShopDetail, "The shop"), ...authErrors, ...notFound },
  }),
};

const STATUS_SUMMARY: Record<ShopStatusAction, string> = {
  suspend: "Suspend a shop: its storefront shows 'closed for now' (503) and takes no orders",
  restore: "Open a suspended or closed shop again",
  close: "Close a shop: its storefront answers 410 Gone",
};

function statusRoute(action: ShopStatusAction) {
  return createRoute({
    operationId: `${action}OperatorShop`,
    method: "post",
    path: `/v1/operator/shops/{shopId}/${action}`,
    tags,
    summary: STATUS_SUMMARY[action],
    description:
      "The reason (required, up to 1000 characters) is shown to the owner on their dashboard and in the email they get. Needs the password entered in the last 15 minutes. Audited.",
    security: bearer,
    request: { params: ShopIdParam, ...jsonBody(ShopStatusChangeInput) },
    responses: {
      200: jsonResponse(StatusChanged, "Done"),
      409: errorResponse("The shop is already in that state"),
      ...authErrors,
      ...notFound,
    },
  });
}

function actor(deps: Deps, c: Context<AppEnv>) {
  return { user: c.get("user"), ip: requestIp(deps, c) };
}

export function operatorShopRoutes(deps: Deps) {
  const app = new OpenAPIHono<AppEnv>()
    .openapi(routes.list, async (c) => c.json(await listShops(deps, { query: c.req.valid("query") }), 200))
    .openapi(routes.detail, async (c) =>
      c.json(await getShopDetail(deps, { shopId: c.req.valid("param").shopId }), 200),
    );
  for (const action of ["suspend", "restore", "close"] as const) {
    app.openapi(statusRoute(action), async (c) => {
      const changed = await changeShopStatus(deps, {
        actor: actor(deps, c),
        shopId: c.req.valid("param").shopId,
        action,
        input: c.req.valid("json"),
      });
      noteAudit(c, { isWritten: true });
      return c.json(changed, 200);
    });
  }
  return app;
}
