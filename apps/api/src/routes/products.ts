import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import { CreateProductInput, ProductListQuery, ReorderInput, UpdateProductInput } from "@stall/domain";
import type { Deps } from "../deps.ts";
import type { AppEnv } from "../http/app-env.ts";
import { permit } from "../http/shop-access.ts";
import { createProduct } from "../use-cases/catalog/create-product.ts";
import { deleteProduct, getProduct, listProducts, reorderProducts } from "../use-cases/catalog/read-products.ts";
import { updateProduct } from "../use-cases/catalog/update-product.ts";
import { bearer, errorResponse, idParam, jsonBody, jsonResponse, Page, ShopIdParam, shopErrors } from "./common.ts";

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
    status: z.enum(["draft", "active", "archived"]),
    position: z.number().int(),
    options: z.array(z.object({ id: z.string(), name: z.string(), values: z.array(z.string()) })),
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
      }),
    ),
    photos: z.array(Photo),
    createdAt: z.number(),
    updatedAt: z.number(),
  })
  .openapi("Product");

const tags = ["Catalogue"];
const productParams = idParam("productId");

const routes = {
  create: createRoute({
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
      429: errorResponse("Plan limit"),
      ...shopErrors,
    },
  }),
  list: createRoute({
    method: "get",
    path: "/v1/shops/{shopId}/products",
    tags,
    summary: "Products, in creation order",
    security: bearer,
    request: { params: ShopIdParam, query: ProductListQuery },
    responses: { 200: jsonResponse(Page(Product, "ProductPage"), "A page of products"), ...shopErrors },
  }),
  get: createRoute({
    method: "get",
    path: "/v1/shops/{shopId}/products/{productId}",
    tags,
    summary: "A product with its options, variants and photos",
    security: bearer,
    request: { params: productParams },
    responses: { 200: jsonResponse(Product, "The product"), ...shopErrors },
  }),
  update: createRoute({
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
