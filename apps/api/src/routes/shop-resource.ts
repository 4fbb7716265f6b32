// The five routes of a simple list a shop keeps (pickup points, delivery areas, shipping rates,
// discount codes, pages, collections): list, add, read, change, delete. One shape, defined once.
import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import { DomainError } from "@stall/domain";
import type { Context } from "hono";
import type { Deps } from "../deps.ts";
import type { AppEnv } from "../http/app-env.ts";
import { type Need, permit } from "../http/shop-access.ts";
import type { ResourceHandlers } from "../use-cases/resource-handlers.ts";
import { bearer, errorResponse, jsonBody, jsonResponse, ShopIdParam, shopErrors } from "./common.ts";

export type ResourceDefinition<Input, Patch, Response> = {
  /** URL segment, e.g. "pickup-points". */
  segment: string;
  /** Said in messages, e.g. "pickup point". */
  noun: string;
  tag: string;
  need: Need;
  input: z.ZodType<Input>;
  patch: z.ZodType<Patch>;
  output: z.ZodType;
  description?: string;
  handlers: ResourceHandlers<Input, Patch, Response>;
};

export function shopResource<Input, Patch, Response>(
  deps: Deps,
  definition: ResourceDefinition<Input, Patch, Response>,
) {
  const { segment, noun, tag, handlers } = definition;
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
    tags,
    summary: `List ${noun}s`,
    security: bearer,
    request: { params: ShopIdParam },
    responses: { 200: jsonResponse(z.object({ items: z.array(definition.output) }), `The ${noun}s`), ...shopErrors },
  });
  const create = createRoute({
    method: "post",
    path: base,
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
    tags,
    summary: `A ${noun}`,
    security: bearer,
    request: { params: itemParams },
    responses: { 200: jsonResponse(definition.output, `The ${noun}`), ...shopErrors },
  });
  const update = createRoute({
    method: "patch",
    path: `${base}/{id}`,
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
    tags,
    summary: `Delete a ${noun}`,
    security: bearer,
    request: { params: itemParams },
    responses: { 204: { description: "Deleted" }, ...shopErrors },
  });

  // The route schemas are generic here; handlers are typed through `definition`.
  // biome-ignore lint/suspicious/noExplicitAny: see above
  type Loose = Context<AppEnv, any, any>;
  const id = (c: Loose) => (c.req.valid("param") as { id: string }).id;
  const app = new OpenAPIHono<AppEnv>();
  app.use(`/v1/shops/:shopId/${segment}/*`, permit(definition.need));
  // biome-ignore lint/suspicious/noExplicitAny: see above
  const loose = app as OpenAPIHono<AppEnv, any, any>;
  loose.openapi(list, async (c: Loose) => c.json({ items: await handlers.list(deps, c.get("access")) }, 200));
  loose.openapi(create, async (c: Loose) =>
    c.json(await handlers.create(deps, c.get("access"), c.req.valid("json") as Input), 201),
  );
  loose.openapi(get, async (c: Loose) => {
    const found = await handlers.get(deps, c.get("access"), id(c));
    if (!found) throw notFound();
    return c.json(found, 200);
  });
  loose.openapi(update, async (c: Loose) => {
    const updated = await handlers.update(deps, c.get("access"), id(c), c.req.valid("json") as Patch);
    if (!updated) throw notFound();
    return c.json(updated, 200);
  });
  loose.openapi(remove, async (c: Loose) => {
    if (!(await handlers.remove(deps, c.get("access"), id(c)))) throw notFound();
    return c.body(null, 204);
  });
  return app;
}
