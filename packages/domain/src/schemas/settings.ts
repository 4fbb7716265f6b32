import { z } from "zod";
import { EpochMs, LongText, MinorAmount, MultiLineText, SingleLineText } from "./common.ts";

const Time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "Use 24-hour time like 09:30");
const Weekday = z.number().int().min(0).max(6);

export const OpeningHoursInput = z
  .array(
    z
      .object({ day: Weekday, opens: Time, closes: Time })
      .strict()
      .refine((slot) => slot.opens < slot.closes, {
        message: "Closing time must be after opening time",
        path: ["closes"],
      }),
  )
  .max(21);

export const PickupPointInput = z
  .object({
    name: SingleLineText().min(1, "Name the place, like Saturday market").max(120),
    address: MultiLineText().min(1, "Say where it is").max(500),
    hours: OpeningHoursInput.optional(),
    instructions: LongText(1000).optional(),
    isActive: z.boolean().optional(),
  })
  .strict();
export type PickupPointInput = z.infer<typeof PickupPointInput>;
export const UpdatePickupPointInput = PickupPointInput.partial().strict();

export const DeliveryAreaInput = z
  .object({
    name: SingleLineText().min(1, "Name the area, like Old Town").max(120),
    /** Landmarks and streets in the owner's words. */
    description: LongText(1000).optional(),
    postcodes: z.array(SingleLineText().min(1).max(20)).max(500).optional(),
    fee: MinorAmount,
    minimumOrder: MinorAmount.optional(),
    freeOver: MinorAmount.nullable().optional(),
    deliveryDays: z.array(Weekday).max(7).optional(),
    isActive: z.boolean().optional(),
  })
  .strict();
export type DeliveryAreaInput = z.infer<typeof DeliveryAreaInput>;
export const UpdateDeliveryAreaInput = DeliveryAreaInput.partial().strict();

const CountryCode = z
  .string()
  .regex(/^([A-Z]{2}|\*)$/, 'Use two-letter country codes like CN or US, or "*" for everywhere else');

export const ShippingRateInput = z
  .object({
    name: SingleLineText().min(1).max(120),
    countries: z.array(CountryCode).min(1).max(250),
    price: MinorAmount,
    freeOver: MinorAmount.nullable().optional(),
    minDays: z.number().int().min(0).max(365).nullable().optional(),
    maxDays: z.number().int().min(0).max(365).nullable().optional(),
    isActive: z.boolean().optional(),
    /** For parcels from / up to this many grams, both inclusive (decision 033); null means no bound. */
    minWeightGrams: z.number().int().min(0).max(1_000_000_000).nullable().optional(),
    maxWeightGrams: z.number().int().min(0).max(1_000_000_000).nullable().optional(),
  })
  .strict();
export type ShippingRateInput = z.infer<typeof ShippingRateInput>;
export const UpdateShippingRateInput = ShippingRateInput.partial().strict();

const DiscountFields = {
  code: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z0-9_-]{3,32}$/, "Use 3 to 32 letters, digits, - or _"),
  kind: z.enum(["percent", "fixed"]),
  /** Basis points for percent (1000 = 10%), minor units for fixed. */
  value: z.number().int().min(1),
  minimumSubtotal: MinorAmount,
  startsAt: EpochMs.nullable(),
  endsAt: EpochMs.nullable(),
  usageLimit: z.number().int().min(1).max(10_000_000).nullable(),
  isActive: z.boolean(),
};

function checkDiscount(
  discount: { kind?: "percent" | "fixed"; value?: number; startsAt?: number | null; endsAt?: number | null },
  ctx: z.RefinementCtx,
) {
  if (discount.kind === "percent" && discount.value !== undefined && discount.value > 10_000) {
    ctx.addIssue({ code: "custom", path: ["value"], message: "A percentage is at most 10000 basis points (100%)" });
  }
  if (discount.startsAt != null && discount.endsAt != null && discount.endsAt <= discount.startsAt) {
    ctx.addIssue({ code: "custom", path: ["endsAt"], message: "The end must be after the start" });
  }
}

export const DiscountCodeInput = z
  .object({
    code: DiscountFields.code,
    kind: DiscountFields.kind,
    value: DiscountFields.value,
    minimumSubtotal: DiscountFields.minimumSubtotal.optional(),
    startsAt: DiscountFields.startsAt.optional(),
    endsAt: DiscountFields.endsAt.optional(),
    usageLimit: DiscountFields.usageLimit.optional(),
    isActive: DiscountFields.isActive.optional(),
  })
  .strict()
  .superRefine(checkDiscount);
export type DiscountCodeInput = z.infer<typeof DiscountCodeInput>;

export const UpdateDiscountCodeInput = z.object(DiscountFields).partial().strict().superRefine(checkDiscount);
export type UpdateDiscountCodeInput = z.infer<typeof UpdateDiscountCodeInput>;
