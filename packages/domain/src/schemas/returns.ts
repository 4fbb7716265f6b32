// The return policy an owner sets, as search engines read it (JSON-LD hasMerchantReturnPolicy).
import { z } from "zod";

export const RETURN_METHODS = ["by_mail", "in_store", "by_mail_or_in_store"] as const;
export const RETURN_FEES = ["free", "buyer_pays_shipping"] as const;

export const ReturnPolicyInput = z
  .object({
    isAccepted: z.boolean({ error: "Say whether you take things back" }),
    days: z
      .number({ error: "Enter the number of days, or leave it empty for no limit" })
      .int("Enter a whole number of days")
      .min(1, "Enter at least 1 day")
      .max(365, "Enter 365 days or fewer")
      .nullable()
      .optional(),
    method: z.enum(RETURN_METHODS, { error: "Say how buyers return things" }).optional(),
    fees: z.enum(RETURN_FEES, { error: "Say who pays for sending it back" }).optional(),
    countries: z
      .array(z.string().regex(/^[A-Z]{2}$/, "Use a two-letter country code in capitals, like CN or GB"))
      .max(50, "List at most 50 countries")
      .optional(),
  })
  .strict()
  .superRefine((input, context) => {
    if (!input.isAccepted) return;
    if (input.method === undefined) {
      context.addIssue({ code: "custom", path: ["method"], message: "Say how buyers return things" });
    }
    if (input.fees === undefined) {
      context.addIssue({ code: "custom", path: ["fees"], message: "Say who pays for sending it back" });
    }
  });
export type ReturnPolicyInput = z.infer<typeof ReturnPolicyInput>;

export type ReturnPolicy = {
  isAccepted: boolean;
  days: number | null;
  method: (typeof RETURN_METHODS)[number];
  fees: (typeof RETURN_FEES)[number];
  countries: string[];
};

/**
 * The policy as stored: a shop that takes nothing back keeps no days, way or fees of its own (the
 * stored defaults mean nothing then), and countries are listed once each.
 */
export function toReturnPolicy(input: ReturnPolicyInput): ReturnPolicy {
  const countries = [...new Set(input.countries ?? [])];
  if (!input.isAccepted) return { isAccepted: false, days: null, method: "by_mail", fees: "free", countries };
  return {
    isAccepted: true,
    days: input.days ?? null,
    method: input.method ?? "by_mail",
    fees: input.fees ?? "free",
    countries,
  };
}
