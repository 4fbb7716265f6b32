// The simple lists a shop keeps, each the same five routes (see shop-resource.ts).
import { OpenAPIHono, z } from "@hono/zod-openapi";
import {
  CreateCollectionInput,
  CreatePageInput,
  DeliveryAreaInput,
  DiscountCodeInput,
  PickupPointInput,
  ShippingRateInput,
  UpdateCollectionInput,
  UpdateDeliveryAreaInput,
  UpdateDiscountCodeInput,
  UpdatePageInput,
  UpdatePickupPointInput,
  UpdateShippingRateInput,
} from "@stall/domain";
import type { Deps } from "../deps.ts";
import type { AppEnv } from "../http/app-env.ts";
import { collectionHandlers } from "../use-cases/catalog/collections.ts";
import { pageHandlers } from "../use-cases/catalog/pages.ts";
import { deliveryAreaHandlers } from "../use-cases/settings/delivery-areas.ts";
import { discountCodeHandlers } from "../use-cases/settings/discount-codes.ts";
import { pickupPointHandlers } from "../use-cases/settings/pickup-points.ts";
import { shippingRateHandlers } from "../use-cases/settings/shipping-rates.ts";
import { shopResource } from "./shop-resource.ts";
import { CollectionTranslationsOut, PageTranslationsOut } from "./translation-schemas.ts";

const Hours = z.array(z.object({ day: z.number(), opens: z.string(), closes: z.string() }));

export const PickupPoint = z
  .object({
    id: z.string(),
    name: z.string(),
    address: z.string(),
    hours: Hours,
    instructions: z.string(),
    isActive: z.boolean(),
    position: z.number(),
  })
  .openapi("PickupPoint");
export const DeliveryArea = z
  .object({
    id: z.string(),
    name: z.string(),
    description: z.string(),
    postcodes: z.array(z.string()),
    fee: z.number().int(),
    minimumOrder: z.number().int(),
    freeOver: z.number().int().nullable(),
    currency: z.string(),
    deliveryDays: z.array(z.number()),
    isActive: z.boolean(),
    position: z.number(),
  })
  .openapi("DeliveryArea");
export const ShippingRate = z
  .object({
    id: z.string(),
    name: z.string(),
    countries: z.array(z.string()),
    price: z.number().int(),
    freeOver: z.number().int().nullable(),
    currency: z.string(),
    minDays: z.number().nullable(),
    maxDays: z.number().nullable(),
    isActive: z.boolean(),
    position: z.number(),
    minWeightGrams: z
      .number()
      .int()
      .nullable()
      .openapi({ description: "Only for parcels of at least this many grams (null: no lower bound)." }),
    maxWeightGrams: z
      .number()
      .int()
      .nullable()
      .openapi({ description: "Only for parcels of at most this many grams (null: no upper bound)." }),
  })
  .openapi("ShippingRate");
const DiscountCode = z
  .object({
    id: z.string(),
    code: z.string(),
    kind: z.enum(["percent", "fixed"]),
    value: z.number().int(),
    currency: z.string(),
    minimumSubtotal: z.number().int(),
    startsAt: z.number().nullable(),
    endsAt: z.number().nullable(),
    usageLimit: z.number().nullable(),
    usageCount: z.number(),
    isActive: z.boolean(),
  })
  .openapi("DiscountCode");
const Collection = z
  .object({
    id: z.string(),
    slug: z.string(),
    title: z.string(),
    description: z.string(),
    isFeatured: z.boolean(),
    position: z.number(),
    productIds: z.array(z.string()),
    translations: CollectionTranslationsOut,
  })
  .openapi("Collection");
const ContentPage = z
  .object({
    id: z.string(),
    slug: z.string(),
    title: z.string(),
    body: z.string(),
    html: z.string(),
    isPublished: z.boolean(),
    position: z.number(),
    translations: PageTranslationsOut,
    updatedAt: z.number(),
  })
  .openapi("ContentPage");

export function shopListRoutes(deps: Deps) {
  return new OpenAPIHono<AppEnv>()
    .route(
      "/",
      shopResource(deps, {
        segment: "pickup-points",
        noun: "pickup point",
        operationName: "PickupPoint",
        tag: "Getting goods to buyers",
        need: "settings",
        input: PickupPointInput,
        patch: UpdatePickupPointInput,
        output: PickupPoint,
        description: "A place buyers collect from: a market stall, the farm gate, a shop counter, with opening hours.",
        handlers: pickupPointHandlers,
      }),
    )
    .route(
      "/",
      shopResource(deps, {
        segment: "delivery-areas",
        noun: "delivery area",
        operationName: "DeliveryArea",
        tag: "Getting goods to buyers",
        need: "settings",
        input: DeliveryAreaInput,
        patch: UpdateDeliveryAreaInput,
        output: DeliveryArea,
        description:
          "Local delivery described the way people say it (a village, a street, landmarks), with a fee, a minimum order and the days it goes out. Amounts in minor units.",
        handlers: deliveryAreaHandlers,
      }),
    )
    .route(
      "/",
      shopResource(deps, {
        segment: "shipping-rates",
        noun: "shipping rate",
        operationName: "ShippingRate",
        tag: "Getting goods to buyers",
        need: "settings",
        input: ShippingRateInput,
        patch: UpdateShippingRateInput,
        output: ShippingRate,
        description: 'Posting by country: two-letter codes, or "*" for everywhere else.',
        handlers: shippingRateHandlers,
      }),
    )
    .route(
      "/",
      shopResource(deps, {
        segment: "discount-codes",
        noun: "discount code",
        operationName: "DiscountCode",
        tag: "Discounts",
        need: "settings",
        input: DiscountCodeInput,
        patch: UpdateDiscountCodeInput,
        output: DiscountCode,
        description:
          "Percent (value in basis points: 1000 = 10%) or a fixed amount off, with a minimum, dates and a usage limit.",
        handlers: discountCodeHandlers,
      }),
    )
    .route(
      "/",
      shopResource(deps, {
        segment: "collections",
        noun: "collection",
        operationName: "Collection",
        tag: "Catalogue",
        need: "catalogue",
        input: CreateCollectionInput,
        patch: UpdateCollectionInput,
        output: Collection,
        description: "A hand-picked, ordered group of products. `productIds` sets the members in order.",
        handlers: collectionHandlers,
      }),
    )
    .route(
      "/",
      shopResource(deps, {
        segment: "pages",
        noun: "page",
        operationName: "Page",
        tag: "Content",
        need: "content",
        input: CreatePageInput,
        patch: UpdatePageInput,
        output: ContentPage,
        description:
          "About, delivery, returns: a small Markdown subset (no raw HTML, no images) rendered to safe HTML.",
        handlers: pageHandlers,
      }),
    );
}
