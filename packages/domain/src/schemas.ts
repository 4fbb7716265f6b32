import { z } from "zod";
import { LOCALES, PAYMENT_METHODS, PRODUCT_STATUSES, RESERVED_SLUGS, THEME_PRESETS } from "./constants.ts";
import { isCurrency } from "./money.ts";

/** A shop's sub-domain: lowercase letters, digits and single hyphens inside, 3 to 40 characters. */
export const ShopSlug = z
  .string()
  .min(3, "Use at least 3 characters")
  .max(40, "Use at most 40 characters")
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "Use lowercase letters, digits and single hyphens (like my-shop)")
  .refine((slug) => !RESERVED_SLUGS.has(slug), "That address is reserved; please choose another");

/** A product, collection or page slug inside one shop. */
export const HandleSlug = z
  .string()
  .min(1)
  .max(120)
  .regex(/^[\p{Ll}\p{Lo}\p{N}]+(?:-[\p{Ll}\p{Lo}\p{N}]+)*$/u, "Use lowercase letters, digits and hyphens");

export const Email = z
  .string()
  .trim()
  .max(254)
  .pipe(z.email("Enter an email address like name@example.com"))
  .transform((email) => email.toLowerCase());

/** Long passphrases welcome; the lower bound follows NIST 800-63B. */
export const Password = z.string().min(8, "Use at least 8 characters").max(200, "Use at most 200 characters");

export const Locale = z.enum(LOCALES);
export type Locale = z.infer<typeof Locale>;

export const Currency = z
  .string()
  .transform((code) => code.toUpperCase())
  .refine(isCurrency, "Use a three-letter currency code such as USD, CNY or EUR");

/** An amount in minor units (cents, fen): a whole number, never negative, under 100 million units. */
export const MinorAmount = z.number().int("Prices are whole minor units (1250 means 12.50)").min(0).max(99_999_999_99);

export const Stock = z.number().int().min(0).max(1_000_000);

export const PersonName = z.string().trim().min(1, "Enter a name").max(120);

export const SignupInput = z
  .object({ email: Email, password: Password, name: PersonName, locale: Locale.optional() })
  .strict();
export type SignupInput = z.infer<typeof SignupInput>;

export const LoginInput = z.object({ email: Email, password: z.string().min(1).max(200) }).strict();
export type LoginInput = z.infer<typeof LoginInput>;

export const CreateShopInput = z
  .object({
    name: z.string().trim().min(1, "Enter the shop's name").max(80),
    slug: ShopSlug,
    currency: Currency,
    locale: Locale,
  })
  .strict();
export type CreateShopInput = z.infer<typeof CreateShopInput>;

export const ThemeTokens = z
  .object({
    accent: z
      .string()
      .regex(/^#[0-9a-fA-F]{6}$/)
      .optional(),
    background: z
      .string()
      .regex(/^#[0-9a-fA-F]{6}$/)
      .optional(),
    text: z
      .string()
      .regex(/^#[0-9a-fA-F]{6}$/)
      .optional(),
    radius: z.enum(["none", "small", "large"]).optional(),
    density: z.enum(["cosy", "roomy"]).optional(),
  })
  .strict();

export const UpdateShopInput = z
  .object({
    name: z.string().trim().min(1).max(80),
    tagline: z.string().trim().max(160),
    contactEmail: Email.nullable(),
    contactPhone: z.string().trim().max(40).nullable(),
    address: z.string().trim().max(400).nullable(),
    currency: Currency,
    locale: Locale,
    extraLocales: z.array(Locale).max(LOCALES.length),
    themePreset: z.enum(THEME_PRESETS),
    themeTokens: ThemeTokens,
    logoMediaId: z.string().nullable(),
    socialLinks: z.array(z.object({ label: z.string().max(40), url: z.url() }).strict()).max(10),
    paymentMethods: z.array(z.enum(PAYMENT_METHODS)).max(PAYMENT_METHODS.length),
    bankTransferInstructions: z.string().max(2000).nullable(),
  })
  .partial()
  .strict();
export type UpdateShopInput = z.infer<typeof UpdateShopInput>;

export const ProductOptionInput = z
  .object({
    name: z.string().trim().min(1).max(40),
    values: z.array(z.string().trim().min(1).max(60)).min(1).max(50),
  })
  .strict();

export const ProductVariantInput = z
  .object({
    optionValues: z.array(z.string().trim().min(1).max(60)).max(3).optional(),
    price: MinorAmount,
    compareAtPrice: MinorAmount.nullable().optional(),
    sku: z.string().trim().max(64).nullable().optional(),
    stock: Stock.nullable().optional(),
  })
  .strict();

export const CreateProductInput = z
  .object({
    title: z.string().trim().min(1, "Give the product a name").max(200),
    description: z.string().max(20_000).optional(),
    status: z.enum(PRODUCT_STATUSES).optional(),
    options: z.array(ProductOptionInput).max(3, "A product has at most 3 options").optional(),
    variants: z.array(ProductVariantInput).min(1, "Give the product a price").max(100),
  })
  .strict()
  .superRefine((product, ctx) => {
    const options = product.options ?? [];
    product.variants.forEach((variant, index) => {
      const values = variant.optionValues ?? [];
      if (values.length !== options.length) {
        ctx.addIssue({
          code: "custom",
          path: ["variants", index, "optionValues"],
          message: `Give one value for each option (${options.length})`,
        });
        return;
      }
      values.forEach((value, position) => {
        if (!options[position]?.values.includes(value)) {
          ctx.addIssue({
            code: "custom",
            path: ["variants", index, "optionValues", position],
            message: `"${value}" is not one of the values of ${options[position]?.name ?? "this option"}`,
          });
        }
      });
    });
    const seen = new Set<string>();
    product.variants.forEach((variant, index) => {
      const key = JSON.stringify(variant.optionValues ?? []);
      if (seen.has(key)) {
        ctx.addIssue({ code: "custom", path: ["variants", index], message: "This combination is listed twice" });
      }
      seen.add(key);
    });
  });
export type CreateProductInput = z.infer<typeof CreateProductInput>;

/** Cursor pagination query shared by every list. */
export const ListQuery = z
  .object({
    limit: z.coerce.number().int().min(1).max(100).default(25),
    cursor: z.string().max(200).optional(),
  })
  .strict();
export type ListQuery = z.infer<typeof ListQuery>;
