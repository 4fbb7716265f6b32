// Shared route pieces: response schemas, error responses, security, params.
import { type RouteConfig, z } from "@hono/zod-openapi";
import { AGE_BANDS, PLAN_LIMITS, USER_ROLES } from "@stall/domain";

export const Problem = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    code: z.string(),
    requestId: z.string().optional(),
    errors: z
      .array(z.object({ path: z.string(), message: z.string() }))
      .optional()
      .openapi({ description: "With 422: each problem, by its path in the request." }),
    lines: z
      .array(z.object({ variantId: z.string(), requested: z.number().int(), available: z.number().int() }))
      .optional()
      .openapi({ description: "With 409 insufficient_stock at checkout: what is short." }),
    available: z
      .number()
      .int()
      .optional()
      .openapi({ description: "With 409 insufficient_stock on a cart: how many there are." }),
    retryAfterSeconds: z
      .number()
      .int()
      .optional()
      .openapi({ description: "With 429 and 503: how long to wait, as the Retry-After header says." }),
    limit: z.enum(PLAN_LIMITS).optional().openapi({
      description:
        "With a plan limit (409 `plan_limit_reached`; 429 `quota_exceeded` for products and photo storage): which limit refused.",
    }),
    plan: z.string().optional().openapi({ description: "With a plan limit: the name of the shop's plan." }),
    contact: z.string().optional().openapi({
      description: "With a plan limit: where to ask for a bigger plan, when the platform gives an address.",
    }),
    allowed: z
      .union([z.number().int(), z.array(z.string())])
      .optional()
      .openapi({
        description:
          "With a plan limit: what the plan allows (a count, bytes for photo storage, or the ways of paying).",
      }),
    used: z
      .union([z.number().int(), z.array(z.string())])
      .optional()
      .openapi({
        description: "With a plan limit: what the shop uses already (for ways of paying: the ones refused).",
      }),
  })
  .openapi("Problem", {
    description:
      "Every refusal (RFC 9457 problem details). `code` is stable and machine-readable; `detail` is for people.",
  });

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
  403: problem("You are a member of the shop, but your role may not do this"),
  404: problem("No such shop or resource, or you are not a member of the shop"),
} as const;

export const errorResponse = problem;

/** Refusals of routes that count requests (sign-in, carts, checkouts): wait `Retry-After` seconds. */
export const rateLimitErrors = {
  429: problem("Too many requests for now; `Retry-After` says how many seconds to wait"),
} as const;

/** Owner routes: a session token in `Authorization: Bearer …`. */
export const bearer = [{ bearer: [] }];
/** Public routes: no token. */
export const noAuth: { [name: string]: string[] }[] = [];

/**
 * The answers any route can give because of how it is called, added to every route's description in
 * one place (app.ts), so a new route cannot forget them: 503 when the API is busy or a dependency is
 * down; for any action (not GET), 413 (a body over the size limit, whether the route takes one or not); for a
 * route taking a body, 400 (not JSON), 415 (a body of another type, or a body without a Content-Type) and
 * 422; for a route with
 * parameters, 422; for an owner route, 401; for an operator route, 404 (to anyone who is not an operator)
 * and, for an action, 403 (password not entered in the last 15 minutes). A route that says more about
 * one of these keeps its own words.
 */
export function withCommonAnswers(route: RouteConfig): RouteConfig {
  const request = route.request;
  const hasBody = request?.body !== undefined;
  const hasParameters = Boolean(request?.params || request?.query || request?.headers);
  const isOwnerRoute = (route.security ?? []).some((requirement) => "bearer" in requirement);
  const isOperatorRoute = route.path.startsWith("/v1/operator/");
  const isAction = route.method !== "get" && route.method !== "head";
  const common = {
    ...(isOperatorRoute ? { 404: problem("Not found: anyone but a signed-in operator gets this answer") } : {}),
    ...(isOperatorRoute && isAction
      ? { 403: problem("Operator actions need the password entered in the last 15 minutes (recent_sign_in_required)") }
      : {}),
    ...(isOwnerRoute ? { 401: authErrors[401] } : {}),
    // The size limit is checked before routing, for every request that may carry a body.
    ...(isAction ? { 413: problem("The body is over the size limit") } : {}),
    ...(hasBody
      ? {
          400: problem("The body is not valid JSON"),
          415: problem("The body is not of a type the route takes (most take application/json)"),
        }
      : {}),
    ...(hasBody || hasParameters ? { 422: authErrors[422] } : {}),
    503: problem("Busy or briefly unavailable; try again in a moment"),
  };
  return { ...route, security: route.security ?? noAuth, responses: { ...common, ...route.responses } };
}

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
    /** Stated by the user or null ("prefer not to say"); programmes see it only in groups of 5 or more. */
    ageBand: z.enum(AGE_BANDS).nullable(),
    createdAt: z.number().int(),
  })
  .openapi("User");

export const Page = <T extends z.ZodType>(item: T, name: string) =>
  z.object({ items: z.array(item), nextCursor: z.string().nullable() }).openapi(name);

/**
 * A named schema or null. The generator writes `.nullable()` of a named schema as
 * `allOf: [$ref, {type: [object, null]}]`, which null can never satisfy; a union says it right.
 */
export const orNull = <T extends z.ZodType>(schema: T) => z.union([schema, z.null()]);
