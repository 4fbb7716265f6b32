import { z } from "zod";
import { LOCALES, RESERVED_SLUGS } from "../constants.ts";
import { isCurrency } from "../money.ts";
import { cleanMultiLineText, cleanSingleLineText } from "../text.ts";

/** A shop's sub-domain: lowercase letters, digits and single hyphens inside, 3 to 40 characters. */
export const ShopSlug = z
  .string()
  .min(3, "Use at least 3 characters")
  .max(40, "Use at most 40 characters")
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "Use lowercase letters, digits and single hyphens (like my-shop)")
  .refine((slug) => !RESERVED_SLUGS.has(slug), "That address is reserved; please choose another");

const HANDLE_SLUG = /^[\p{Ll}\p{Lo}\p{N}]+(?:-[\p{Ll}\p{Lo}\p{N}]+)*$/u;

/** A product, collection or page slug inside one shop. */
export const HandleSlug = z
  .string()
  .min(1)
  .max(120)
  .regex(HANDLE_SLUG, "Use lowercase letters, digits and hyphens")
  // The OpenAPI generator writes a flagged regex as `…$/u`, which no slug matches; JSON Schema patterns
  // are Unicode-aware already, so the bare source is the right pattern.
  .meta({ pattern: HANDLE_SLUG.source });

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

/**
 * One line of text a person typed (a name, a title): line breaks fold into spaces and characters that
 * are not text are dropped before the length is checked, so what is stored always renders (decision 010).
 */
export const SingleLineText = () => z.string().overwrite(cleanSingleLineText);

/** Text that may run over several lines (an address, instructions, Markdown): line breaks kept as `\n`. */
export const MultiLineText = () => z.string().overwrite(cleanMultiLineText);

export const PersonName = SingleLineText().min(1, "Enter a name").max(120);

/** Cursor pagination query shared by every list. */
export const ListQuery = z
  .object({
    limit: z.coerce.number().int().min(1).max(100).default(25),
    cursor: z.string().max(200).optional(),
  })
  .strict();
export type ListQuery = z.infer<typeof ListQuery>;

/** Optional one-line text an owner types: cleaned, bounded. */
export const ShortText = (max: number) => SingleLineText().max(max);

/** Optional text over several lines (instructions, policies, descriptions): cleaned, bounded. */
export const LongText = (max: number) => MultiLineText().max(max);

/** Epoch milliseconds. */
export const EpochMs = z.number().int().min(0).max(8_640_000_000_000_000);

/** A list's ids in the order the owner wants them. */
export const ReorderInput = z
  .object({ ids: z.array(z.string().min(1).max(64)).min(1).max(5000) })
  .strict()
  .refine((input) => new Set(input.ids).size === input.ids.length, { message: "An id is listed twice", path: ["ids"] });
export type ReorderInput = z.infer<typeof ReorderInput>;
