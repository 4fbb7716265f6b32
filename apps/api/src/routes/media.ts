import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import { DomainError, UpdateMediaInput } from "@stall/domain";
import { createMiddleware } from "hono/factory";
import type { Deps } from "../deps.ts";
import type { AppEnv } from "../http/app-env.ts";
import { readForm } from "../http/multipart.ts";
import { validationError } from "../http/problem.ts";
import { permit } from "../http/shop-access.ts";
import { deletePhoto, describePhoto, listPhotos } from "../use-cases/media/manage-photos.ts";
import { uploadPhoto } from "../use-cases/media/upload-photo.ts";
import { bearer, errorResponse, idParam, jsonBody, jsonResponse, ShopIdParam, shopErrors } from "./common.ts";
import { Photo } from "./products.ts";

const tags = ["Photos"];

/** Says how to send a photo before the validator gives a bare 415. */
const requireMultipart = createMiddleware<AppEnv>(async (c, next) => {
  if (!(c.req.header("content-type") ?? "").startsWith("multipart/form-data")) {
    throw new DomainError("unsupported_media_type", "Send the photo as multipart/form-data in a field named file");
  }
  await next();
});

const routes = {
  upload: createRoute({
    operationId: "uploadMedia",
    method: "post",
    path: "/v1/shops/{shopId}/media",
    tags,
    middleware: [requireMultipart] as const,
    summary: "Upload a photo",
    description:
      "multipart/form-data with the photo in `file` (JPEG, PNG, WebP, AVIF or GIF; up to 40 megapixels) and optional `alt`. The photo is turned upright, EXIF and GPS are removed, and WebP and JPEG copies are made at 360, 720 and 1200 px wide before the answer; AVIF copies of the same sizes follow in the background and join the photo's renditions (and the shop's snapshot, whose version moves) within seconds. Uploading the same photo again returns the first one (200).",
    security: bearer,
    request: {
      params: ShopIdParam,
      body: {
        required: true,
        content: {
          // Described, not validated by a schema: the route reads the form itself (http/multipart.ts).
          "multipart/form-data": {
            schema: {
              type: "object",
              properties: { file: { type: "string", format: "binary" }, alt: { type: "string", maxLength: 300 } },
            },
          },
        },
      },
    },
    responses: {
      201: jsonResponse(Photo, "Stored"),
      200: jsonResponse(Photo, "Already stored"),
      413: errorResponse("Too big: over the upload limit or the pixel limit"),
      415: errorResponse("Not a photo we can read (SVG is refused)"),
      429: errorResponse("The plan's storage is full"),
      ...shopErrors,
    },
  }),
  list: createRoute({
    operationId: "listMedia",
    method: "get",
    path: "/v1/shops/{shopId}/media",
    tags,
    summary: "The shop's photos, newest first",
    security: bearer,
    request: { params: ShopIdParam },
    responses: { 200: jsonResponse(z.object({ items: z.array(Photo) }), "Photos"), ...shopErrors },
  }),
  describe: createRoute({
    operationId: "describeMedia",
    method: "patch",
    path: "/v1/shops/{shopId}/media/{mediaId}",
    tags,
    summary: "Describe a photo for screen readers",
    security: bearer,
    request: { params: idParam("mediaId"), ...jsonBody(UpdateMediaInput) },
    responses: { 200: jsonResponse(Photo, "Updated"), ...shopErrors },
  }),
  remove: createRoute({
    operationId: "deleteMedia",
    method: "delete",
    path: "/v1/shops/{shopId}/media/{mediaId}",
    tags,
    summary: "Delete a photo no product uses",
    security: bearer,
    request: { params: idParam("mediaId") },
    responses: { 204: { description: "Deleted" }, 409: errorResponse("A product still uses it"), ...shopErrors },
  }),
};

export function mediaRoutes(deps: Deps) {
  const app = new OpenAPIHono<AppEnv>();
  app.use("/v1/shops/:shopId/media/*", permit("catalogue"));
  return app
    .openapi(routes.upload, async (c) => {
      const form = await readForm(c);
      const file = form.file("file");
      if (!file) {
        throw new DomainError("validation_failed", "No photo in the request", {
          errors: [{ path: "file", message: "Attach the photo as file" }],
        });
      }
      // The description is held to what describing the photo later allows (UpdateMediaInput): refused, not cut.
      const alt = form.text("alt");
      const described = alt === undefined ? undefined : UpdateMediaInput.safeParse({ alt });
      if (described && !described.success) throw validationError(described.error, "form");
      const result = await uploadPhoto(deps, {
        access: c.get("access"),
        bytes: file.data,
        filename: file.filename || undefined,
        alt: described?.data?.alt,
      });
      return c.json(result.photo, result.isNew ? 201 : 200);
    })
    .openapi(routes.list, async (c) => c.json({ items: await listPhotos(deps, { access: c.get("access") }) }, 200))
    .openapi(routes.describe, async (c) =>
      c.json(
        await describePhoto(deps, {
          access: c.get("access"),
          mediaId: c.req.valid("param").mediaId as string,
          alt: c.req.valid("json").alt,
        }),
        200,
      ),
    )
    .openapi(routes.remove, async (c) => {
      await deletePhoto(deps, { access: c.get("access"), mediaId: c.req.valid("param").mediaId as string });
      return c.body(null, 204);
    });
}
