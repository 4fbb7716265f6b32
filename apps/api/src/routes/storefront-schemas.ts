// What the storefront-facing routes answer, field by field: the snapshot a storefront renders from,
// carts, quotes, placed orders and the buyer's view of an order. Every field is named and every
// nullable one says so, because the typed client (`@stall/api-client`) is generated from these.
import { z } from "@hono/zod-openapi";
import {
  LOCALES,
  ORDER_ACTORS,
  ORDER_STATUSES,
  PAYMENT_METHODS,
  SHOP_ACTIONS,
  SHOP_STATUSES,
  THEME_PRESETS,
} from "@stall/domain";
import { orNull } from "./common.ts";
import { Photo } from "./products.ts";
import { DeliveryArea, PickupPoint, ShippingRate } from "./shop-lists.ts";

export const Availability = z
  .enum(["in_stock", "low_stock", "sold_out"])
  .openapi("Availability", { description: "A stock badge; the count is given only when it is low." });

export const TaxMode = z
  .enum(["included", "added", "none"])
  .openapi("TaxMode", { description: "Whether prices include tax, tax is added on top, or there is none." });

export const Totals = z
  .object({
    subtotal: z.number().int(),
    discount: z.number().int(),
    fulfilment: z.number().int(),
    tax: z.number().int(),
    taxMode: TaxMode,
    total: z.number().int(),
  })
  .openapi("Totals", { description: "Amounts in minor units (1250 = 12.50) of the order's currency." });

export const OrderFulfilment = z
  .discriminatedUnion("type", [
    z.object({
      type: z.literal("pickup"),
      pickupPointId: z.string(),
      name: z.string(),
      address: z.string(),
      instructions: z.string(),
    }),
    z.object({
      type: z.literal("delivery"),
      deliveryAreaId: z.string(),
      name: z.string(),
      address: z.string(),
      instructions: z.string().optional(),
    }),
    z.object({
      type: z.literal("shipping"),
      shippingRateId: z.string(),
      name: z.string(),
      address: z.record(z.string(), z.string()),
    }),
  ])
  .openapi("OrderFulfilment", { description: "How the goods reach the buyer, as it was when the order was placed." });

const OrderLine = z.object({
  title: z.string(),
  variantTitle: z.string(),
  quantity: z.number().int(),
  unitPrice: z.number().int(),
  total: z.number().int(),
});

const buyerOrderFields = {
  id: z.string(),
  number: z.number().int(),
  status: z.enum(ORDER_STATUSES),
  placedAt: z.number().int(),
  paidAt: z.number().int().nullable(),
  currency: z.string(),
  paymentMethod: z.enum(PAYMENT_METHODS),
  fulfilment: OrderFulfilment,
  lines: z.array(OrderLine),
  totals: Totals.extend({ refunded: z.number().int() }),
};

export const BuyerOrder = z
  .object({ ...buyerOrderFields, buyer: z.object({ name: z.string() }) })
  .openapi("BuyerOrder", { description: "What a buyer may see of their order, through the token in their link." });

export const Order = z
  .object({
    ...buyerOrderFields,
    buyer: z.object({
      name: z.string(),
      email: z.string().nullable(),
      phone: z.string().nullable(),
      locale: z.string(),
    }),
    note: z.string(),
    discountCode: z.string().nullable(),
    applicationFee: z.number().int(),
    holdExpiresAt: z.number().int().nullable(),
    actions: z
      .array(z.enum(SHOP_ACTIONS))
      .openapi({ description: "The steps the shop can take now; a step already taken is not listed." }),
    undo: z.object({ step: z.string(), until: z.number().int() }).nullable().openapi({
      description:
        "The step the person asking took last, which they can still take back until `until` (epoch ms) with `POST …/undo { step }`; null when there is none.",
    }),
    history: z.array(
      z.object({
        id: z.string(),
        from: z.enum(ORDER_STATUSES).nullable(),
        to: z.enum(ORDER_STATUSES),
        actor: z.enum(ORDER_ACTORS),
        actorId: z.string().nullable(),
        note: z.string(),
        undone: z.boolean().openapi({ description: "True for an undo: the order went back to `to`." }),
        at: z.number().int(),
      }),
    ),
  })
  .openapi("Order", { description: "An order as the shop's members see it: everything, with its history." });

export const CheckoutResult = z
  .object({
    order: z.object({
      id: z.string(),
      number: z.number().int(),
      status: z.enum(ORDER_STATUSES),
      token: z.string().openapi({ description: "Opens the buyer's order page; keep it with the order id." }),
      currency: z.string(),
      totals: Totals,
    }),
    next: z.discriminatedUnion("type", [
      z.object({ type: z.literal("redirect"), url: z.string() }),
      z.object({ type: z.literal("instructions"), text: z.string() }),
    ]),
  })
  .openapi("CheckoutResult");

export const Quote = z
  .object({
    currency: z.string(),
    lines: z.array(
      z.object({
        variantId: z.string(),
        title: z.string(),
        variantTitle: z.string(),
        quantity: z.number().int(),
        unitPrice: z.number().int(),
        total: z.number().int(),
      }),
    ),
    totals: Totals,
    discountCode: z.string().nullable(),
    fulfilment: z.string().openapi({ description: "The chosen way to get the goods, in words." }),
  })
  .openapi("Quote");

export const CartLine = z
  .object({
    id: z.string(),
    variantId: z.string(),
    productId: z.string().nullable(),
    productSlug: z.string().nullable(),
    title: z.string(),
    variantTitle: z.string(),
    photo: orNull(Photo).openapi({ description: "The product's first photo; null when it has none." }),
    quantity: z.number().int(),
    unitPrice: z.number().int(),
    addedUnitPrice: z.number().int(),
    priceChanged: z.boolean(),
    lineTotal: z.number().int(),
    availability: Availability,
    stockLeft: z.number().int().nullable(),
    maxQuantity: z.number().int(),
    problem: z.enum(["sold_out", "not_enough_stock", "unavailable"]).nullable(),
    weightGrams: z.number().int().openapi({
      description: "What the line weighs in a parcel: weight × quantity, 0 when not posted or not weighed.",
    }),
  })
  .openapi("CartLine");

export const Cart = z
  .object({
    id: z.string(),
    currency: z.string(),
    itemCount: z.number().int(),
    subtotal: z.number().int(),
    lines: z.array(CartLine),
  })
  .openapi("Cart");

export const ReturnPolicy = z
  .object({
    isAccepted: z.boolean().openapi({ description: "False: the shop takes nothing back." }),
    days: z.number().int().min(1).max(365).nullable().openapi({
      description: "Days after the buyer gets it; null with isAccepted means no limit.",
    }),
    method: z.enum(["by_mail", "in_store", "by_mail_or_in_store"]),
    fees: z.enum(["free", "buyer_pays_shipping"]),
    countries: z
      .array(z.string().regex(/^[A-Z]{2}$/))
      .max(50)
      .openapi({ description: "ISO 3166-1 alpha-2 codes; empty means the countries the shop ships to." }),
  })
  .openapi("ReturnPolicy", { description: "Whether and how buyers may return things." });

const ThemeTokens = z
  .object({
    accent: z.string().optional(),
    background: z.string().optional(),
    text: z.string().optional(),
    radius: z.enum(["none", "small", "large"]).optional(),
    density: z.enum(["cosy", "roomy"]).optional(),
  })
  .openapi("ThemeTokens");

/**
 * Text in the shop's other languages (decision 031), by locale; only fields with a translation, and
 * no `translations` at all when there is none. The storefront falls back to the main field.
 */
const inLanguages = (fields: Record<string, z.ZodType>) =>
  z
    .record(z.string(), z.object(fields))
    .optional()
    .openapi({ description: "Per extra language, the fields translated; missing ones use the main language." });

export const Snapshot = z
  .object({
    version: z.number().int().openapi({ description: "Goes up with every change shoppers can see." }),
    generatedAt: z.number().int(),
    shop: z.object({
      id: z.string(),
      slug: z.string(),
      url: z.string(),
      name: z.string(),
      tagline: z.string(),
      status: z.enum(SHOP_STATUSES),
      locale: z.enum(LOCALES),
      extraLocales: z.array(z.enum(LOCALES)),
      currency: z.string(),
      contactEmail: z.string().nullable(),
      contactPhone: z.string().nullable(),
      address: z.string().nullable(),
      themePreset: z.enum(THEME_PRESETS),
      themeTokens: ThemeTokens,
      logo: orNull(Photo),
      socialLinks: z.array(z.object({ label: z.string(), url: z.string() })),
      policies: z.record(z.string(), z.string()),
      paymentMethods: z.array(z.enum(PAYMENT_METHODS)).openapi({
        description: "The ways to pay the shop takes now (Stripe only while its account can take charges).",
      }),
      bankTransferInstructions: z.string().nullable(),
      isPaused: z.boolean().openapi({ description: "Holiday mode: browsing works, new orders are refused." }),
      pauseMessage: z.string().openapi({ description: "The owner's words for buyers while paused, maybe empty." }),
      returnPolicy: ReturnPolicy.nullable().openapi({
        description: "The shop's return policy for search engines (JSON-LD); null until the owner sets it.",
      }),
    }),
    tax: z.object({
      mode: TaxMode,
      rate: z.number().int().openapi({ description: "Basis points: 1000 = 10%." }),
      label: z.string(),
    }),
    products: z.array(
      z.object({
        id: z.string(),
        slug: z.string(),
        title: z.string(),
        descriptionHtml: z.string(),
        vendor: z.string().openapi({ description: "Who makes it (JSON-LD brand); empty when the owner gave none." }),
        condition: z.enum(["new", "used", "refurbished"]),
        translations: inLanguages({
          title: z.string().optional(),
          descriptionHtml: z.string().optional(),
          seoTitle: z.string().optional(),
          seoDescription: z.string().optional(),
        }),
        options: z.array(
          z.object({
            name: z.string(),
            values: z.array(z.string()),
            translations: inLanguages({
              name: z.string().optional(),
              values: z
                .array(z.string())
                .optional()
                .openapi({ description: "Lined up with `values`; an empty string has no translation." }),
            }),
          }),
        ),
        variants: z.array(
          z.object({
            id: z.string(),
            sku: z.string().nullable(),
            barcode: z.string().nullable().openapi({ description: "As the owner typed it (GTIN, UPC, EAN, ISBN)." }),
            isBackordered: z.boolean().openapi({
              description: "None left, but the shop keeps taking orders for it (decision 033); JSON-LD BackOrder.",
            }),
            optionValues: z.array(z.string()),
            title: z.string(),
            price: z.number().int(),
            compareAtPrice: z.number().int().nullable(),
            availability: Availability,
            stockLeft: z.number().int().nullable(),
          }),
        ),
        // Decision 033
        productType: z.string(),
        tags: z.array(z.string()),
        seoTitle: z.string(),
        seoDescription: z.string(),
        photos: z.array(Photo),
        updatedAt: z.number().int(),
      }),
    ),
    collections: z.array(
      z.object({
        id: z.string(),
        slug: z.string(),
        title: z.string(),
        description: z.string(),
        translations: inLanguages({ title: z.string().optional(), description: z.string().optional() }),
        isFeatured: z.boolean(),
        productIds: z.array(z.string()),
      }),
    ),
    pages: z.array(
      z.object({
        slug: z.string(),
        title: z.string(),
        html: z.string(),
        translations: inLanguages({ title: z.string().optional(), html: z.string().optional() }),
      }),
    ),
    pickupPoints: z.array(PickupPoint),
    deliveryAreas: z.array(DeliveryArea),
    shippingRates: z.array(ShippingRate),
    productRedirects: z
      .record(z.string(), z.string())
      .openapi({ description: "Old product slug → the product's slug now." }),
  })
  .openapi("Snapshot");
export type Snapshot = z.input<typeof Snapshot>;
