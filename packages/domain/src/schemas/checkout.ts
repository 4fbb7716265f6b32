import { z } from "zod";
import { LOCALES, PAYMENT_METHODS } from "../constants.ts";
import { Email, LongText, MultiLineText, PersonName, ShortText, SingleLineText } from "./common.ts";

const Id = z.string().min(1).max(64);

export const CheckoutAddress = z
  .object({
    line1: SingleLineText().min(1, "Enter the street and number").max(200),
    line2: ShortText(200).optional(),
    city: SingleLineText().min(1, "Enter the town or city").max(120),
    region: ShortText(120).optional(),
    postcode: ShortText(20).optional(),
    country: z.string().regex(/^[A-Z]{2}$/, "Use a two-letter country code like US or CN"),
  })
  .strict();

export const CheckoutFulfilment = z.discriminatedUnion("type", [
  z.object({ type: z.literal("pickup"), pickupPointId: Id }).strict(),
  z
    .object({
      type: z.literal("delivery"),
      deliveryAreaId: Id,
      /** Where to bring it, in the buyer's words: street, landmark, gate colour. */
      address: MultiLineText().min(3, "Say where to bring it").max(500),
      instructions: LongText(500).optional(),
    })
    .strict(),
  z.object({ type: z.literal("shipping"), shippingRateId: Id, address: CheckoutAddress }).strict(),
]);
export type CheckoutFulfilment = z.infer<typeof CheckoutFulfilment>;

export const CheckoutInput = z
  .object({
    lines: z
      .array(z.object({ variantId: Id, quantity: z.number().int().min(1).max(99) }).strict())
      .min(1, "The cart is empty")
      .max(50)
      .refine((lines) => new Set(lines.map((line) => line.variantId)).size === lines.length, "An item is listed twice"),
    buyer: z
      .object({
        name: PersonName,
        email: Email.optional(),
        phone: z
          .string()
          .trim()
          .regex(/^\+?[0-9 ()-]{6,24}$/, "Enter a phone number with digits, like +1 555 123 4567")
          .optional(),
      })
      .strict()
      .refine((buyer) => buyer.email !== undefined || buyer.phone !== undefined, {
        message: "Give an email or a phone number so the shop can reach you",
        path: ["email"],
      })
      .describe("Who is buying. An email or a phone number (or both) is required, so the shop can reach them."),
    fulfilment: CheckoutFulfilment,
    paymentMethod: z.enum(PAYMENT_METHODS),
    discountCode: SingleLineText().toUpperCase().max(32).optional(),
    note: LongText(1000).optional(),
    locale: z.enum(LOCALES).optional(),
  })
  .strict();
export type CheckoutInput = z.infer<typeof CheckoutInput>;

export const OrderActionInput = z
  .object({
    amount: z.number().int().min(1).optional(),
    note: LongText(500).optional(),
    /** For `undo`: the id of the step to take back (the order's `undo.step`). */
    step: z.string().min(1).max(64).optional(),
  })
  .strict();
export type OrderActionInput = z.infer<typeof OrderActionInput>;

/** What the checkout page asks while the buyer chooses: the totals, before anything is placed. */
export const CheckoutQuoteInput = z
  .object({
    lines: CheckoutInput.shape.lines,
    fulfilment: CheckoutFulfilment,
    discountCode: SingleLineText().toUpperCase().max(32).optional(),
  })
  .strict();
export type CheckoutQuoteInput = z.infer<typeof CheckoutQuoteInput>;
