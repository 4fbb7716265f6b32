import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import { PHOTO_FAILURES } from "@stall/db";
import type { Deps } from "../deps.ts";
import type { AppEnv } from "../http/app-env.ts";
import { permit } from "../http/shop-access.ts";
import { getPhotoImport, listPhotoImports } from "../use-cases/media/read-photo-imports.ts";
import { bearer, idParam, jsonResponse, ShopIdParam, shopErrors } from "./common.ts";

const tags = ["Products"];

const PhotoImportSummary = z
  .object({
    id: z.string(),
    status: z.enum(["fetching", "finished"]).openapi({ description: "`finished` once no photo waits" }),
    createdAt: z.number().int(),
    finishedAt: z.number().int().nullable(),
    productsCreated: z.number().int(),
    productsUpdated: z.number().int(),
    photos: z.object({
      total: z.number().int(),
      waiting: z.number().int().openapi({ description: "Not fetched yet, being fetched, or waiting to be retried" }),
      fetched: z.number().int(),
      failed: z.number().int(),
    }),
  })
  .openapi("PhotoImportSummary");

const PhotoProblem = z.object({
  url: z.string(),
  productId: z.string(),
  productTitle: z.string().openapi({ description: "Empty when the product was deleted since" }),
  reason: z.string().openapi({ description: "Why, in plain words (English)" }),
  failure: z.enum(PHOTO_FAILURES).openapi({ description: "Why, as a code (for words in other languages)" }),
  attempts: z.number().int(),
});

const PhotoImport = PhotoImportSummary.extend({
  failures: z.array(PhotoProblem).openapi({ description: "Photos that will not arrive (up to 500)" }),
  retrying: z
    .array(PhotoProblem.extend({ nextAttemptAt: z.number().int() }))
    .openapi({ description: "Photos that failed for a passing reason and will be tried again" }),
}).openapi("PhotoImport");

const routes = {
  list: createRoute({
    operationId: "listImports",
    method: "get",
    path: "/v1/shops/{shopId}/imports",
    tags,
    summary: "The shop's recent product imports and how far their photos got (newest first, up to 20)",
    security: bearer,
    request: { params: ShopIdParam },
    responses: { 200: jsonResponse(z.object({ items: z.array(PhotoImportSummary) }), "Imports"), ...shopErrors },
  }),
  get: createRoute({
    operationId: "getImport",
    method: "get",
    path: "/v1/shops/{shopId}/imports/{importId}",
    tags,
    summary: "One import's photos: fetched, waiting, and each that failed with the reason",
    security: bearer,
    request: { params: idParam("importId") },
    responses: { 200: jsonResponse(PhotoImport, "The import"), ...shopErrors },
  }),
};

export function importRoutes(_deps: Deps) {
  const app = new OpenAPIHono<AppEnv>();
  app.use("/v1/shops/:shopId/imports/*", permit("catalogue"));
  return app
    .openapi(routes.list, async (c) => c.json(await listPhotoImports({ access: c.get("access") }), 200))
    .openapi(routes.get, async (c) =>
      c.json(await getPhotoImport({ access: c.get("access"), importId: c.req.valid("param").importId as string }), 200),
    );
}
