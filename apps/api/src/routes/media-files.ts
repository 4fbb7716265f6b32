import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import { DomainError } from "@stall/domain";
import type { MediaStore } from "../adapters/media-store.ts";
import type { AppEnv } from "../http/app-env.ts";
import { errorResponse } from "./common.ts";

const CONTENT_TYPES: Record<string, string> = {
  avif: "image/avif",
  webp: "image/webp",
  jpg: "image/jpeg",
  png: "image/png",
};

const getMediaFile = createRoute({
  operationId: "getMediaFile",
  method: "get",
  path: "/media/{a}/{b}/{file}",
  tags: ["Media"],
  summary: "A photo rendition",
  description:
    "Serves a rendition by its content-addressed key. The bytes behind a key never change, so responses are cacheable forever.",
  request: {
    params: z.object({
      a: z.string().regex(/^[0-9a-f]{2}$/),
      b: z.string().regex(/^[0-9a-f]{2}$/),
      file: z.string().regex(/^[0-9a-f]{64}\.(avif|webp|jpg|png)$/),
    }),
  },
  responses: {
    200: {
      description: "The image bytes",
      content: { "image/*": { schema: z.string().openapi({ format: "binary" }) } },
    },
    304: { description: "Not modified" },
    404: errorResponse("No such file"),
  },
});

export function mediaFileRoutes(store: MediaStore) {
  return new OpenAPIHono<AppEnv>().openapi(getMediaFile, async (c) => {
    const { a, b, file } = c.req.valid("param");
    const key = `${a}/${b}/${file}`;
    const etag = `"${file.slice(0, 64)}"`;
    const headers = {
      "Cache-Control": "public, max-age=31536000, immutable",
      ETag: etag,
      "Content-Type": CONTENT_TYPES[file.split(".")[1] ?? ""] ?? "application/octet-stream",
      "Access-Control-Allow-Origin": "*",
    };
    if (c.req.header("If-None-Match") === etag) return c.body(null, 304, headers);
    const stored = await store.get(key);
    if (!stored) throw new DomainError("not_found", "No photo with that key");
    return c.body(new Uint8Array(stored.data), 200, { ...headers, "Content-Length": String(stored.size) });
  });
}
