import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import { CheckoutInput, CheckoutQuoteInput, DomainError } from "@stall/domain";
import type { Context } from "hono";
import { createShareCardComposer } from "../adapters/share-card.ts";
import type { Deps } from "../deps.ts";
import type { AppEnv } from "../http/app-env.ts";
import type { CacheWatch } from "../http/metrics.ts";
import { cancelBuyerOrder, getBuyerOrder } from "../use-cases/checkout/buyer-order.ts";
import { createCheckoutContexts } from "../use-cases/checkout/checkout-context.ts";
import { placeOrder } from "../use-cases/checkout/place-order.ts";
import { quoteOrder } from "../use-cases/checkout/quote-order.ts";
import {
  addToCart,
  createCart,
  getCart,
  MAX_LINE_QUANTITY,
  removeFromCart,
  setCartQuantity,
} from "../use-cases/storefront/carts.ts";
import { createSnapshotService } from "../use-cases/storefront/get-snapshot.ts";
import type { HostDirectory } from "../use-cases/storefront/host-directory.ts";
import { createShareImageService, type ShareImage } from "../use-cases/storefront/share-image.ts";
import { errorResponse, jsonBody, jsonResponse } from "./common.ts";
import { BuyerOrder, Cart, CheckoutResult, Quote, Snapshot } from "./storefront-schemas.ts";

const tags = ["Storefront"];
const Host = z
  .string()
  .min(1)
  .max(253)
  .openapi({ param: { name: "host", in: "path" }, example: "demo.localhost" });
const CartId = z
  .string()
  .min(1)
  .max(64)
  .openapi({ param: { name: "cartId", in: "path" } });
const LineId = z
  .string()
  .min(1)
  .max(64)
  .openapi({ param: { name: "lineId", in: "path" } });

/** Load shedding (decision 014, `http/fairness.ts`): any storefront route may be turned away for load. */
const busyErrors = {
  429: errorResponse(
    "Too many requests from this address, or to this shop, for now (`rate_limited`): wait `Retry-After` seconds",
  ),
  503: errorResponse("The shop is too busy right now (`shop_busy`): wait `Retry-After` seconds"),
} as const;

const cartErrors = {
  404: errorResponse("No published shop there, or the cart expired"),
  409: errorResponse("Not enough stock; `available` says how many there are"),
  422: errorResponse("Bad input"),
  ...busyErrors,
  503: errorResponse("The shop is closed for now, or too busy (`shop_busy`: wait `Retry-After` seconds)"),
} as const;

/** An Idempotency-Key: new for each order, the same when the same order is sent again. */
const IdempotencyKey = z
  .string()
  .regex(/^[\w.:-]{8,200}$/, "Send an Idempotency-Key header (8 to 200 letters, digits, - _ . :), new for each order")
  .openapi({
    param: { name: "idempotency-key", in: "header" },
    description:
      "New for each order (a UUID will do); the same key with the same body answers the same order, so a retry after a lost answer never orders twice.",
    example: "3f8a2c1e-5b7d-4e9a-8c2f-1a6b9d0e4f7c",
  });

const routes = {
  checkout: createRoute({
    operationId: "placeOrder",
    method: "post",
    path: "/v1/storefront/{host}/checkouts",
    tags,
    summary: "Place an order",
    description:
      "Needs an `Idempotency-Key` header, new per order: the same key again answers the same order. Prices come from the shop, never from the request. Stock is taken at once; Stripe orders hold it for 30 minutes while the buyer pays. `next` is a redirect to Stripe, or the manual method's instructions.",
    request: {
      params: z.object({ host: Host }),
      headers: z.object({ "idempotency-key": IdempotencyKey }),
      ...jsonBody(CheckoutInput),
    },
    responses: {
      201: jsonResponse(CheckoutResult, "Placed"),
      404: errorResponse("No published shop there"),
      409: errorResponse(
        "Not enough stock (`lines` says what is short), the key was used for another order, or the shop is paused (`shop_paused`, with the owner's `pauseMessage`)",
      ),
      422: errorResponse(
        "Bad input, a missing or malformed Idempotency-Key, or a way of paying the shop does not take; `errors` lists them by field path",
      ),
      502: errorResponse("Stripe did not answer; nothing was ordered"),
      ...busyErrors,
    },
  }),
  quote: createRoute({
    operationId: "quoteOrder",
    method: "post",
    path: "/v1/storefront/{host}/checkouts/quote",
    tags,
    summary: "What an order would cost, before placing it",
    description:
      "Same lines, fulfilment and discount code as a checkout; answers the totals from the shop's prices. Nothing is written or held.",
    request: { params: z.object({ host: Host }), ...jsonBody(CheckoutQuoteInput) },
    responses: {
      200: jsonResponse(Quote, "The totals"),
      404: errorResponse("No published shop there"),
      422: errorResponse("Bad input"),
      ...busyErrors,
    },
  }),
  cancelOrder: createRoute({
    operationId: "cancelBuyerOrder",
    method: "post",
    path: "/v1/storefront/{host}/orders/{orderId}/cancel",
    tags,
    summary: "The buyer turned back from paying",
    description:
      "With the token from the order link. An unpaid Stripe order is cancelled at once and its stock goes back; anything else is answered as it is. 409 if Stripe says it was paid after all.",
    request: {
      params: z.object({
        host: Host,
        orderId: z
          .string()
          .min(1)
          .max(64)
          .openapi({ param: { name: "orderId", in: "path" } }),
      }),
      query: z.object({ token: z.string().max(100).optional() }),
    },
    responses: {
      200: jsonResponse(BuyerOrder, "The order now"),
      404: errorResponse("No order here with that token"),
      409: errorResponse("It was paid after all"),
      ...busyErrors,
    },
  }),
  buyerOrder: createRoute({
    operationId: "getBuyerOrder",
    method: "get",
    path: "/v1/storefront/{host}/orders/{orderId}",
    tags,
    summary: "A buyer's order, with the token from their link",
    request: {
      params: z.object({
        host: Host,
        orderId: z
          .string()
          .min(1)
          .max(64)
          .openapi({ param: { name: "orderId", in: "path" } }),
      }),
      query: z.object({ token: z.string().max(100).optional() }),
    },
    responses: {
      200: jsonResponse(BuyerOrder, "The order"),
      404: errorResponse("No order here with that token"),
      ...busyErrors,
    },
  }),
  snapshot: createRoute({
    operationId: "getSnapshot",
    method: "get",
    path: "/v1/storefront/{host}/snapshot",
    tags,
    summary: "Everything a storefront needs to render a shop",
    description:
      "Public. `host` is `{slug}.{root domain}` (with or without port) or a verified custom domain. The shop's published settings, theme, active products with variants, prices, stock badges and photo renditions, collections, pages and ways to get goods. Send `If-None-Match` with the last ETag (weak: the gzipped and plain bodies are the same snapshot): 304 while nothing changed. Sent gzipped (`Content-Encoding: gzip`) to a client that accepts it, as fetch does. `preview` (from the owner's preview link) opens an unpublished shop.",
    request: { params: z.object({ host: Host }), query: z.object({ preview: z.string().max(200).optional() }) },
    responses: {
      200: {
        description: "The snapshot",
        content: { "application/json": { schema: Snapshot } },
      },
      304: { description: "Unchanged since the ETag sent" },
      404: errorResponse("No published shop at that host"),
      503: busyErrors[503],
    },
  }),
  shopShareImage: createRoute({
    operationId: "getShopShareImage",
    method: "get",
    path: "/v1/storefront/{host}/share.jpg",
    tags,
    summary: "The picture chat apps show for a shared link to the shop's home page",
    description:
      "1200x630 JPEG: the shop's logo (else its first product photo), name and tagline. Use it for og:image.",
    request: { params: z.object({ host: Host }) },
    responses: {
      200: {
        description: "The image",
        content: { "image/jpeg": { schema: z.string().openapi({ format: "binary" }) } },
      },
      304: { description: "Unchanged" },
      404: errorResponse("No published shop at that host"),
    },
  }),
  collectionShareImage: createRoute({
    operationId: "getCollectionShareImage",
    method: "get",
    path: "/v1/storefront/{host}/collections/{slug}/share.jpg",
    tags,
    summary: "The picture chat apps show for a shared collection link",
    description: "1200x630 JPEG: the collection's first product photo, its title, description and the shop's name.",
    request: {
      params: z.object({
        host: Host,
        slug: z
          .string()
          .min(1)
          .max(120)
          .openapi({ param: { name: "slug", in: "path" } }),
      }),
    },
    responses: {
      200: {
        description: "The image",
        content: { "image/jpeg": { schema: z.string().openapi({ format: "binary" }) } },
      },
      304: { description: "Unchanged" },
      404: errorResponse("No such collection in that shop"),
    },
  }),
  shareImage: createRoute({
    operationId: "getShareImage",
    method: "get",
    path: "/v1/storefront/{host}/products/{slug}/share.jpg",
    tags,
    summary: "The picture chat apps show for a shared product link",
    description: "1200x630 JPEG: the product photo, name, price and shop name. Use it for og:image.",
    request: {
      params: z.object({
        host: Host,
        slug: z
          .string()
          .min(1)
          .max(120)
          .openapi({ param: { name: "slug", in: "path" } }),
      }),
    },
    responses: {
      200: {
        description: "The image",
        content: { "image/jpeg": { schema: z.string().openapi({ format: "binary" }) } },
      },
      304: { description: "Unchanged" },
      404: errorResponse("No such product on sale there"),
      503: busyErrors[503],
    },
  }),
  createCart: createRoute({
    operationId: "createCart",
    method: "post",
    path: "/v1/storefront/{host}/carts",
    tags,
    summary: "Start a cart",
    description: "Keep the cart id (a cookie on the storefront). A cart lives 30 days from its last change.",
    request: { params: z.object({ host: Host }) },
    responses: { 201: jsonResponse(Cart, "A new, empty cart"), ...cartErrors },
  }),
  getCart: createRoute({
    operationId: "getCart",
    method: "get",
    path: "/v1/storefront/{host}/carts/{cartId}",
    tags,
    summary: "A cart, with today's prices and stock",
    description: "Each line says whether its price changed since it was added and whether there is enough stock.",
    request: { params: z.object({ host: Host, cartId: CartId }) },
    responses: { 200: jsonResponse(Cart, "The cart"), ...cartErrors },
  }),
  addLine: createRoute({
    operationId: "addCartLine",
    method: "post",
    path: "/v1/storefront/{host}/carts/{cartId}/lines",
    tags,
    summary: "Put something in the cart",
    request: {
      params: z.object({ host: Host, cartId: CartId }),
      ...jsonBody(
        z
          .object({ variantId: z.string().min(1).max(64), quantity: z.number().int().min(1).max(MAX_LINE_QUANTITY) })
          .strict(),
      ),
    },
    responses: {
      200: jsonResponse(Cart, "The cart"),
      ...cartErrors,
      409: errorResponse("Not enough stock (`available` says how many), or the shop is paused (`shop_paused`)"),
    },
  }),
  setQuantity: createRoute({
    operationId: "setCartLineQuantity",
    method: "patch",
    path: "/v1/storefront/{host}/carts/{cartId}/lines/{lineId}",
    tags,
    summary: "Change how many (0 removes the line)",
    request: {
      params: z.object({ host: Host, cartId: CartId, lineId: LineId }),
      ...jsonBody(z.object({ quantity: z.number().int().min(0).max(MAX_LINE_QUANTITY) }).strict()),
    },
    responses: { 200: jsonResponse(Cart, "The cart"), ...cartErrors },
  }),
  removeLine: createRoute({
    operationId: "removeCartLine",
    method: "delete",
    path: "/v1/storefront/{host}/carts/{cartId}/lines/{lineId}",
    tags,
    summary: "Take a line out of the cart",
    request: { params: z.object({ host: Host, cartId: CartId, lineId: LineId }) },
    responses: { 200: jsonResponse(Cart, "The cart"), ...cartErrors },
  }),
};

/** A share card with its ETag; chat apps ask again now and then, an unchanged card is a 304. */
function shareImageReply(c: Context<AppEnv>, found: ShareImage) {
  const headers = { ETag: found.etag, "Cache-Control": "public, max-age=3600, stale-while-revalidate=86400" };
  if (c.req.header("If-None-Match") === found.etag) return c.body(null, 304, headers);
  return c.body(new Uint8Array(found.image), 200, { ...headers, "Content-Type": "image/jpeg" });
}

export function storefrontRoutes(deps: Deps, options: { directory: HostDirectory; caches: CacheWatch }) {
  const snapshots = createSnapshotService(deps, options.directory);
  options.caches.set("snapshots", snapshots.figures);
  const shareImages = createShareImageService(deps, createShareCardComposer());
  options.caches.set("share_images", shareImages.figures);
  const contexts = createCheckoutContexts(deps);
  options.caches.set("checkout_context", contexts.figures);
  options.caches.set("shop_rows", options.directory.rowFigures);
  return new OpenAPIHono<AppEnv>()
    .openapi(routes.snapshot, async (c) => {
      const result = await snapshots.get(c.req.valid("param").host, {
        ifNoneMatch: c.req.header("If-None-Match"),
        acceptEncoding: c.req.header("Accept-Encoding"),
        previewToken: c.req.valid("query").preview,
      });
      const headers = {
        ETag: result.etag,
        // A preview must never sit in a shared cache.
        "Cache-Control": result.isPreview ? "private, no-store" : "no-cache",
        Vary: "Accept-Encoding",
      };
      if (result.notModified) return c.body(null, 304, headers);
      return c.body(result.body as Uint8Array<ArrayBuffer>, 200, {
        ...headers,
        "Content-Type": "application/json; charset=utf-8",
        ...(result.encoding === "gzip" ? { "Content-Encoding": "gzip" } : {}),
      });
    })
    .openapi(routes.shareImage, async (c) => {
      const { host, slug } = c.req.valid("param");
      const found = await shareImages.get(host, slug);
      if (!found) throw new DomainError("not_found", "No such product on sale in this shop");
      return shareImageReply(c, found);
    })
    .openapi(routes.shopShareImage, async (c) =>
      shareImageReply(c, await shareImages.getShop(c.req.valid("param").host)),
    )
    .openapi(routes.collectionShareImage, async (c) => {
      const { host, slug } = c.req.valid("param");
      const found = await shareImages.getCollection(host, slug);
      if (!found) throw new DomainError("not_found", "No such collection in this shop");
      return shareImageReply(c, found);
    })
    .openapi(routes.checkout, async (c) =>
      c.json(
        await placeOrder(deps, {
          host: c.req.valid("param").host,
          idempotencyKey: c.req.header("Idempotency-Key"),
          input: c.req.valid("json"),
          contexts,
          directory: options.directory,
        }),
        201,
      ),
    )
    .openapi(routes.quote, async (c) =>
      c.json(
        await quoteOrder(deps, {
          host: c.req.valid("param").host,
          input: c.req.valid("json"),
          contexts,
          directory: options.directory,
        }),
        200,
      ),
    )
    .openapi(routes.cancelOrder, async (c) =>
      c.json(await cancelBuyerOrder(deps, { ...c.req.valid("param"), token: c.req.valid("query").token }), 200),
    )
    .openapi(routes.buyerOrder, async (c) =>
      c.json(await getBuyerOrder(deps, { ...c.req.valid("param"), token: c.req.valid("query").token }), 200),
    )
    .openapi(routes.createCart, async (c) => c.json(await createCart(deps, { host: c.req.valid("param").host }), 201))
    .openapi(routes.getCart, async (c) => c.json(await getCart(deps, c.req.valid("param")), 200))
    .openapi(routes.addLine, async (c) =>
      c.json(await addToCart(deps, { ...c.req.valid("param"), ...c.req.valid("json") }), 200),
    )
    .openapi(routes.setQuantity, async (c) =>
      c.json(await setCartQuantity(deps, { ...c.req.valid("param"), quantity: c.req.valid("json").quantity }), 200),
    )
    .openapi(routes.removeLine, async (c) => c.json(await removeFromCart(deps, c.req.valid("param")), 200));
}
