// The five routes of a simple list a shop keeps (pickup points, delivery areas, shipping rates,
// discount codes, pages, collections): list, add, read, change, delete. One shape, defined once.
import { createRoute, OpenAPIHono, type RouteConfig, z } from "@hono/zod-openapi";
import { DomainError } from "@stall/domain";
import type { Context } from "hono";
import type { Deps } from "../deps.ts";
import type { AppEnv } from "../http/app-env.ts";
import { type Need, permit } from "../http/shop-access.ts";
import type { ResourceHandlers } from "../use-cases/resource-handlers.ts";
import { bearer, errorResponse, jsonBody, jsonResponse, ShopIdParam, shopErrors } from "./common.ts";

export type ResourceDefinition<Input extends z.ZodType, Patch extends z.ZodType, Output extends z.ZodType> = {
  /** URL segment, e.g. "pickup-points". */
  segment: string;
  /** Said in messages, e.g. "pickup point". */
  noun: string;
  /** Names the operations, e.g. "PickupPoint" gives listPickupPoints, createPickupPoint, … */
  operationName: string;
  tag: string;
  need: Need;
  input: Input;
  patch: Patch;
  output: Output;
  description?: string;
  /** What the handlers answer must fit `output`: the compiler checks it here. */
  handlers: ResourceHandlers<z.output<Input>, z.output<Patch>, z.input<Output>>;
};

export function shopResource<Input extends z.ZodType, Patch extends z.ZodType, Output extends z.ZodType>(
  deps: Deps,
  definition: ResourceDefinition<Input, Patch, Output>,
) {
  const { segment, noun, tag, handlers, operationName } = definition;
  const base = `/v1/shops/{shopId}/${segment}`;
  const itemParams = z.object({
    shopId: ShopIdParam.shape.shopId,
    id: z
      .string()
      .min(1)
      .max(64)
      .openapi({ param: { name: "id", in: "path" } }),
  });
  const notFound = () => new DomainError("not_found", `No such ${noun} in this shop`);
  const tags = [tag];
  const list = createRoute({
    method: "get",
    path: base,
    operationId: `list${operationName}s`,
    tags,
    summary: `List ${noun}s`,
    security: bearer,
    request: { params: ShopIdParam },
    responses: {
      200: jsonResponse(z.object({ items: z.array(definition.output) }), `The ${noun}s`),
      ...shopErrors,
    },
  });
  const create = createRoute({
    method: "post",
    path: base,
    operationId: `create${operationName}`,
    tags,
    summary: `Add a ${noun}`,
    ...(definition.description ? { description: definition.description } : {}),
    security: bearer,
    request: { params: ShopIdParam, ...jsonBody(definition.input) },
    responses: {
      201: jsonResponse(definition.output, "Added"),
      409: errorResponse("Conflicts with another"),
      ...shopErrors,
    },
  });
  const get = createRoute({
    method: "get",
    path: `${base}/{id}`,
    operationId: `get${operationName}`,
    tags,
    summary: `A ${noun}`,
    security: bearer,
    request: { params: itemParams },
    responses: { 200: jsonResponse(definition.output, `The ${noun}`), ...shopErrors },
  });
  const update = createRoute({
    method: "patch",
    path: `${base}/{id}`,
    operationId: `update${operationName}`,
    tags,
    summary: `Change a ${noun}`,
    security: bearer,
    request: { params: itemParams, ...jsonBody(definition.patch) },
    responses: {
      200: jsonResponse(definition.output, "Changed"),
      409: errorResponse("Conflicts with another"),
      ...shopErrors,
    },
  });
  const remove = createRoute({
    method: "delete",
    path: `${base}/{id}`,
    operationId: `delete${operationName}`,
    tags,
    summary: `Delete a ${noun}`,
    security: bearer,
    request: { params: itemParams },
    responses: { 204: { description: "Deleted" }, ...shopErrors },
  });

  // TypeScript cannot work out Hono's request and response types over generic schemas, so inside
  // this factory a route is registered with a plain handler. The types still hold: what a handler
  // receives and answers is typed from the same zod schemas (`ResourceDefinition`), and the compiler
  // checks each list's handlers against its schemas where the list is defined (shop-lists.ts).
  const app = new OpenAPIHono<AppEnv>();
  const register = app.openapi.bind(app) as unknown as (
    route: RouteConfig,
    handler: (c: Context<AppEnv>) => Promise<Response>,
  ) => void;
  const id = (c: Context<AppEnv>) => (c.req.valid as (target: "param") => { id: string })("param").id;
  const body = <T>(c: Context<AppEnv>) => (c.req.valid as (target: "json") => T)("json");
  app.use(`/v1/shops/:shopId/${segment}/*`, permit(definition.need));
  register(list, async (c) => c.json({ items: await handlers.list(deps, c.get("access")) }, 200));
  register(create, async (c) => c.json(await handlers.create(deps, c.get("access"), body<z.output<Input>>(c)), 201));
  register(get, async (c) => {
    const found = await handlers.get(deps, c.get("access"), id(c));
    if (!found) throw notFound();
    return c.json(found, 200);
  });
  register(update, async (c) => {
    const updated = await handlers.update(deps, c.get("access"), id(c), body<z.output<Patch>>(c));
    if (!updated) throw notFound();
    return c.json(updated, 200);
  });
  register(remove, async (c) => {
    if (!(await handlers.remove(deps, c.get("access"), id(c)))) throw notFound();
    return c.body(null, 204);
  });
  return app;
}
