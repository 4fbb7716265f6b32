import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import {
  CreateProductInput,
  DomainError,
  PRODUCT_CONDITIONS,
  PRODUCT_STATUSES,
  ProductListQuery,
  ReorderInput,
  UpdateProductInput,
  WEIGHT_UNITS,
} from "@stall/domain";
import type { Context } from "hono";
import type { Deps } from "../deps.ts";
import type { AppEnv } from "../http/app-env.ts";
import { partText, readForm } from "../http/multipart.ts";
import { permit } from "../http/shop-access.ts";
import { createProduct } from "../use-cases/catalog/create-product.ts";
import { exportProducts } from "../use-cases/catalog/export-products.ts";
import { importProducts } from "../use-cases/catalog/import-products.ts";
import { deleteProduct, getProduct, listProducts, reorderProducts } from "../use-cases/catalog/read-products.ts";
import { updateProduct } from "../use-cases/catalog/update-product.ts";
import { bearer, errorResponse, idParam, jsonBody, jsonResponse, Page, ShopIdParam, shopErrors } from "./common.ts";
import { OptionTranslationsOut, ProductTranslationsOut } from "./translation-schemas.ts";

export const Photo = z
  .object({
    id: z.string(),
    alt: z.string(),
    width: z.number().int(),
    height: z.number().int(),
    bytes: z.number().int(),
    renditions: z.array(
      z.object({
        format: z.enum(["avif", "webp", "jpeg"]),
        width: z.number(),
        height: z.number(),
        bytes: z.number(),
        url: z.string(),
      }),
    ),
    createdAt: z.number(),
  })
  .openapi("Photo");

const Product = z
  .object({
    id: z.string(),
    slug: z.string(),
    title: z.string(),
    description: z.string(),
    status: z.enum(PRODUCT_STATUSES),
    position: z.number().int(),
    // Details (decision 033)
    vendor: z.string(),
    productType: z.string(),
    productCategory: z.string(),
    tags: z.array(z.string()),
    seoTitle: z.string(),
    seoDescription: z.string(),
    condition: z.enum(PRODUCT_CONDITIONS),
    isGiftCard: z.boolean(),
    metafields: z
      .record(z.string(), z.string())
      .openapi({ description: "Data kept from other systems (Shopify metafields), read-only; owner-only." }),
    options: z.array(
      z.object({ id: z.string(), name: z.string(), values: z.array(z.string()), translations: OptionTranslationsOut }),
    ),
    variants: z.array(
      z.object({
        id: z.string(),
        optionValues: z.array(z.string()),
        title: z.string(),
        price: z.number().int(),
        compareAtPrice: z.number().int().nullable(),
        currency: z.string(),
        sku: z.string().nullable(),
        stock: z.number().int().nullable(),
        // Details (decision 033)
        barcode: z.string().nullable(),
        weightGrams: z.number().int().nullable(),
        weightUnit: z.enum(WEIGHT_UNITS).nullable(),
        weight: z.number().nullable().openapi({ description: "`weightGrams` in `weightUnit`, to 3 decimals." }),
        cost: z
          .number()
          .int()
          .nullable()
          .openapi({ description: "What one cost the owner, minor units. Owner-only: never shown to buyers." }),
        isTaxable: z.boolean(),
        isSoldWhenOutOfStock: z.boolean().openapi({ description: "Keep selling when stock runs out." }),
        requiresShipping: z.boolean(),
      }),
    ),
    photos: z.array(Photo),
    translations: ProductTranslationsOut,
    createdAt: z.number(),
    updatedAt: z.number(),
  })
  .openapi("Product");

const tags = ["Catalogue"];
const productParams = idParam("productId");

const routes = {
  create: createRoute({
    operationId: "createProduct",
    method: "post",
    path: "/v1/shops/{shopId}/products",
    tags,
    summary: "Add a product",
    description:
      "Prices are whole minor units (1250 = 12.50). Up to 3 options (like Size, Colour) with a variant per combination; `stock: null` means stock is not tracked.",
    security: bearer,
    request: { params: ShopIdParam, ...jsonBody(CreateProductInput) },
    responses: {
      201: jsonResponse(Product, "Created"),
      409: errorResponse("The slug is taken"),
      429: errorResponse("The plan's product limit is reached (`quota_exceeded`, `limit: products`)"),
      ...shopErrors,
    },
  }),
  list: createRoute({
    operationId: "listProducts",
    method: "get",
    path: "/v1/shops/{shopId}/products",
    tags,
    summary: "Products, in creation order",
    security: bearer,
    request: { params: ShopIdParam, query: ProductListQuery },
    responses: { 200: jsonResponse(Page(Product, "ProductPage"), "A page of products"), ...shopErrors },
  }),
  get: createRoute({
    operationId: "getProduct",
    method: "get",
    path: "/v1/shops/{shopId}/products/{productId}",
    tags,
    summary: "A product with its options, variants and photos",
    security: bearer,
    request: { params: productParams },
    responses: { 200: jsonResponse(Product, "The product"), ...shopErrors },
  }),
  update: createRoute({
    operationId: "updateProduct",
    method: "patch",
    path: "/v1/shops/{shopId}/products/{productId}",
    tags,
    summary: "Change a product",
    description:
      "`variants` is the whole new list: variants with an `id` are updated in place, new ones added, missing ones removed. Changing `slug` keeps the old address as a redirect.",
    security: bearer,
    request: { params: productParams, ...jsonBody(UpdateProductInput) },
    responses: { 200: jsonResponse(Product, "Updated"), 409: errorResponse("The slug is taken"), ...shopErrors },
  }),
  remove: createRoute({
    operationId: "deleteProduct",
    method: "delete",
    path: "/v1/shops/{shopId}/products/{productId}",
    tags,
    summary: "Delete a product",
    description: "Past orders keep their own copy of what was bought.",
    security: bearer,
    request: { params: productParams },
    responses: { 204: { description: "Deleted" }, ...shopErrors },
  }),
  reorder: createRoute({
    operationId: "reorderProducts",
    method: "post",
    path: "/v1/shops/{shopId}/products/reorder",
    tags,
    summary: "Set the order products are shown in",
    security: bearer,
    request: { params: ShopIdParam, ...jsonBody(ReorderInput) },
    responses: { 204: { description: "Reordered" }, ...shopErrors },
  }),
};

export function productRoutes(deps: Deps) {
  const app = new OpenAPIHono<AppEnv>();
  app.use("/v1/shops/:shopId/products/*", permit("catalogue"));
  return app
    .openapi(routes.reorder, async (c) => {
      await reorderProducts(deps, { access: c.get("access"), ids: c.req.valid("json").ids });
      return c.body(null, 204);
    })
    .openapi(routes.create, async (c) =>
      c.json(await createProduct(deps, { access: c.get("access"), input: c.req.valid("json") }), 201),
    )
    .openapi(routes.list, async (c) =>
      c.json(await listProducts(deps, { access: c.get("access"), query: c.req.valid("query") }), 200),
    )
    .openapi(routes.get, async (c) =>
      c.json(
        await getProduct(deps, { access: c.get("access"), productId: c.req.valid("param").productId as string }),
        200,
      ),
    )
    .openapi(routes.update, async (c) =>
      c.json(
        await updateProduct(deps, {
          access: c.get("access"),
          productId: c.req.valid("param").productId as string,
          input: c.req.valid("json"),
        }),
        200,
      ),
    )
    .openapi(routes.remove, async (c) => {
      await deleteProduct(deps, { access: c.get("access"), productId: c.req.valid("param").productId as string });
      return c.body(null, 204);
    });
}

const importRoute = createRoute({
  operationId: "importProducts",
  method: "post",
  path: "/v1/shops/{shopId}/products/import",
  tags,
  summary: "Import products from a CSV (Shopify's format)",
  description:
    "Send the CSV as text/csv (or multipart with a `file` field). All or nothing: problems come back as a 422 listing each row, and nothing is written. `mode=update` replaces products whose handle already exists. Photos named in the file (Image Src, Variant Image) are fetched in the background; the answer names the job to follow. The answer's `report` names the columns not kept and the cells kept otherwise than written.",
  security: bearer,
  request: {
    params: ShopIdParam,
    query: z.object({ mode: z.enum(["create", "update"]).default("create") }),
  },
  responses: {
    200: jsonResponse(
      z
        .object({
          created: z.number(),
          updated: z.number(),
          photosNotImported: z.number(),
          photoImport: z
            .object({
              id: z.string(),
              photosQueued: z.number().int(),
            })
            .describe("Photos are fetched in the background: follow them at GET …/imports/{id}"),
          report: z
            .object({
              columnsNotKept: z
                .array(z.object({ column: z.string(), rows: z.number() }))
                .describe("Columns nothing reads, with how many rows had a value there"),
              warningCount: z.number(),
              warnings: z
                .array(z.object({ row: z.number(), column: z.string().optional(), message: z.string() }))
                .describe("Cells kept otherwise than written (the first 200), by spreadsheet row"),
            })
            .openapi("ImportReport"),
        })
        .openapi("ImportResult"),
      "Imported",
    ),
    413: errorResponse("The file is over the upload limit"),
    409: errorResponse("Another import or edit took one of these handles meanwhile; nothing was imported"),
    415: errorResponse("Not CSV: send text/csv, or multipart/form-data with a `file` field"),
    429: errorResponse(
      "The file's new products would go past the plan's product limit (`limit: products`); nothing was imported",
    ),
    ...shopErrors,
  },
});

const exportRoute = createRoute({
  operationId: "exportProducts",
  method: "get",
  path: "/v1/shops/{shopId}/products/export",
  tags,
  summary: "Download every product as a CSV (Shopify's format)",
  security: bearer,
  request: { params: ShopIdParam },
  responses: { 200: { description: "The CSV", content: { "text/csv": { schema: z.string() } } }, ...shopErrors },
});

/** Reads a CSV from a text/csv body or a multipart `file`. */
async function readCsv(c: Context<AppEnv>): Promise<string> {
  const type = c.req.header("content-type") ?? "";
  if (type.startsWith("multipart/form-data")) {
    const file = (await readForm(c)).file("file");
    if (!file) {
      throw new DomainError("validation_failed", "No file in the request", {
        errors: [{ path: "file", message: "Attach the CSV as file" }],
      });
    }
    return partText(file);
  }
  if (type.startsWith("text/csv") || type.startsWith("text/plain") || type.startsWith("application/csv"))
    return c.req.text();
  throw new DomainError(
    "unsupported_media_type",
    "Send the CSV as text/csv, or as multipart/form-data in a field named file",
  );
}

export function productFileRoutes(deps: Deps) {
  const app = new OpenAPIHono<AppEnv>();
  app.use("/v1/shops/:shopId/products/*", permit("catalogue"));
  return app
    .openapi(importRoute, async (c) => {
      const csv = await readCsv(c);
      return c.json(await importProducts(deps, { access: c.get("access"), csv, mode: c.req.valid("query").mode }), 200);
    })
    .openapi(exportRoute, async (c) => {
      const csv = await exportProducts(deps, { access: c.get("access") });
      const shop = c.get("access").shop;
      return c.body(csv, 200, {
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": `attachment; filename="${shop.slug}-products.csv"`,
      });
    });
}
