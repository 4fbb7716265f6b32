// Shared route pieces: response schemas, error responses, security, params.

import { z } from "@hono/zod-openapi";
import { USER_ROLES } from "@stall/domain";

export const Problem = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    code: z.string(),
    requestId: z.string().optional(),
    errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  })
  .openapi("Problem");

const problem = (description: string) => ({
  description,
  content: { "application/problem+json": { schema: Problem } },
});

/** Error responses every authenticated route can give. */
export const authErrors = {
  401: problem("Not signed in, or the session has ended"),
  422: problem("The input has problems; `errors` lists them by field path"),
} as const;

/** Error responses of routes under /v1/shops/{shopId}. */
export const shopErrors = {
  ...authErrors,
  404: problem("No such shop or resource, or you are not a member of the shop"),
} as const;

export const errorResponse = problem;

export const bearer = [{ bearer: [] }];

export const ShopIdParam = z.object({
  shopId: z
    .string()
    .min(1)
    .max(64)
    .openapi({ param: { name: "shopId", in: "path" }, example: "shop_01j9…" }),
});

export const idParam = (name: string) =>
  z.object({
    shopId: ShopIdParam.shape.shopId,
    [name]: z
      .string()
      .min(1)
      .max(64)
      .openapi({ param: { name, in: "path" } }),
  });

export const jsonBody = <T extends z.ZodType>(schema: T, description = "") => ({
  body: { content: { "application/json": { schema } }, required: true, description },
});

export const jsonResponse = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { "application/json": { schema } },
});

export const User = z
  .object({
    id: z.string(),
    email: z.string(),
    name: z.string(),
    locale: z.string(),
    role: z.enum(USER_ROLES),
    createdAt: z.number().int(),
  })
  .openapi("User");

export const Page = <T extends z.ZodType>(item: T, name: string) =>
  z.object({ items: z.array(item), nextCursor: z.string().nullable() }).openapi(name);
