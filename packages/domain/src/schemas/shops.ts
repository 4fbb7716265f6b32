import { z } from "zod";
import { SHOP_TEMPLATES } from "../cohorts/templates.ts";
import { HELPER_PERMISSIONS, LOCALES, PAYMENT_METHODS, STRIPE_METHODS, THEME_PRESETS } from "../constants.ts";
import { Currency, Email, Locale, LongText, ShopSlug, ShortText, SingleLineText } from "./common.ts";

export const CreateShopInput = z
  .object({
    name: SingleLineText().min(1, "Enter the shop's name").max(80),
    slug: ShopSlug,
    currency: Currency,
    locale: Locale,
    /** Sample pages, collections and delivery words for a trade; absent = start empty. */
    template: z.enum(SHOP_TEMPLATES).optional(),
    /** A programme's invitation code (`/join/{code}`): the new shop joins that programme. */
    cohortCode: z.string().trim().min(1).max(64).optional(),
  })
  .strict();
export type CreateShopInput = z.infer<typeof CreateShopInput>;

const HexColour = z.string().regex(/^#[0-9a-fA-F]{6}$/, "Use a colour like #1f7a3a");

export const ThemeTokens = z
  .object({
    accent: HexColour.optional(),
    background: HexColour.optional(),
    text: HexColour.optional(),
    radius: z.enum(["none", "small", "large"]).optional(),
    density: z.enum(["cosy", "roomy"]).optional(),
  })
  .strict();

export const ShopPolicies = z
  .object({
    returns: LongText(5000),
    delivery: LongText(5000),
    privacy: LongText(5000),
    terms: LongText(10000),
  })
  .partial()
  .strict();

export const UpdateShopInput = z
  .object({
    name: SingleLineText().min(1).max(80),
    tagline: ShortText(160),
    contactEmail: Email.nullable(),
    contactPhone: ShortText(40).nullable(),
    address: LongText(400).nullable(),
    currency: Currency,
    locale: Locale,
    extraLocales: z.array(Locale).max(LOCALES.length),
    themePreset: z.enum(THEME_PRESETS),
    themeTokens: ThemeTokens,
    logoMediaId: z.string().max(64).nullable(),
    socialLinks: z
      .array(z.object({ label: ShortText(40).min(1), url: z.url({ protocol: /^https?$/ }) }).strict())
      .max(10),
    policies: ShopPolicies,
    paymentMethods: z
      .array(z.enum(PAYMENT_METHODS))
      .max(PAYMENT_METHODS.length)
      .refine((methods) => new Set(methods).size === methods.length, "A payment method is listed twice"),
    bankTransferInstructions: LongText(2000).nullable(),
    /** Holiday mode: buyers still browse, but carts and checkout refuse new orders. */
    isPaused: z.boolean(),
    pauseMessage: ShortText(200),
    stripePaymentMethods: z
      .array(z.enum(STRIPE_METHODS))
      .min(1, "Keep at least one way to pay by Stripe")
      .refine((methods) => new Set(methods).size === methods.length, "A method is listed twice"),
  })
  .partial()
  .strict();
export type UpdateShopInput = z.infer<typeof UpdateShopInput>;

/** A custom domain an owner points at their shop. */
export const AddDomainInput = z
  .object({
    hostname: z
      .string()
      .trim()
      .toLowerCase()
      .max(253)
      .regex(
        /^(?=.{4,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/,
        "Enter a domain like shop.example.com, without https:// or a path",
      ),
  })
  .strict();
export type AddDomainInput = z.infer<typeof AddDomainInput>;

export const TaxSettingsInput = z
  .object({
    mode: z.enum(["included", "added", "none"]),
    /** Basis points: 1000 = 10%. */
    rate: z.number().int().min(0).max(10_000),
    label: ShortText(40).min(1).optional(),
    appliesToFulfilment: z.boolean().optional(),
  })
  .strict();
export type TaxSettingsInput = z.infer<typeof TaxSettingsInput>;

export const CreateInviteInput = z
  .object({
    role: z.enum(["staff", "helper"]),
    permissions: z.array(z.enum(HELPER_PERMISSIONS)).max(HELPER_PERMISSIONS.length).optional(),
    email: Email.optional(),
  })
  .strict();
export type CreateInviteInput = z.infer<typeof CreateInviteInput>;

/** New rights for someone already in the shop: all tasks but the owner's (staff), or only the ones listed. */
export const ChangeMemberInput = z
  .object({
    role: z.enum(["staff", "helper"]),
    permissions: z.array(z.enum(HELPER_PERMISSIONS)).max(HELPER_PERMISSIONS.length).optional(),
  })
  .strict()
  .superRefine((input, context) => {
    if (input.role === "helper" && (input.permissions ?? []).length === 0) {
      context.addIssue({ code: "custom", path: ["permissions"], message: "Give a helper at least one right" });
    }
  });
export type ChangeMemberInput = z.infer<typeof ChangeMemberInput>;

export const AcceptInviteInput = z.object({ token: z.string().min(20).max(200) }).strict();
export type AcceptInviteInput = z.infer<typeof AcceptInviteInput>;
