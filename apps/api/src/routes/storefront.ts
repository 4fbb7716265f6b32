import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import type { Deps } from "../deps.ts";
import type { AppEnv } from "../http/app-env.ts";
import { createSnapshotService } from "../use-cases/storefront/get-snapshot.ts";
import { errorResponse } from "./common.ts";

const snapshotRoute = createRoute({
  method: "get",
  path: "/v1/storefront/{host}/snapshot",
  tags: ["Storefront"],
  summary: "Everything a storefront needs to render a shop",
  description:
    "Public. `host` is `{slug}.{root domain}` (with or without port) or a verified custom domain. The shop's published settings, theme, active products with variants, prices, stock badges and photo renditions, collections, pages and ways to get goods. Send `If-None-Match` with the last ETag: 304 while nothing changed.",
  request: {
    params: z.object({
      host: z
        .string()
        .min(1)
        .max(253)
        .openapi({ param: { name: "host", in: "path" }, example: "demo.localhost" }),
    }),
  },
  responses: {
    200: {
      description: "The snapshot",
      content: { "application/json": { schema: z.object({ version: z.number() }).passthrough() } },
    },
    304: { description: "Unchanged since the ETag sent" },
    404: errorResponse("No published shop at that host"),
  },
});

export function storefrontRoutes(deps: Deps) {
  const snapshots = createSnapshotService(deps);
  return new OpenAPIHono<AppEnv>().openapi(snapshotRoute, async (c) => {
    const result = await snapshots.get(c.req.valid("param").host, c.req.header("If-None-Match"));
    const headers = { ETag: result.etag, "Cache-Control": "no-cache", Vary: "Accept-Encoding" };
    if (result.notModified) return c.body(null, 304, headers);
    return c.body(result.body, 200, { ...headers, "Content-Type": "application/json; charset=utf-8" });
  });
}
