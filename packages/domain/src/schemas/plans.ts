import { z } from "zod";
import { PAYMENT_METHODS } from "../constants.ts";
import { MAX_APPLICATION_FEE_BPS, PLAN_LIMIT_MAX } from "../plan-limits.ts";
import { LongText, SingleLineText } from "./common.ts";

const count = (max: number, what: string) =>
  z.number().int(`Use a whole number of ${what}`).min(0, "Use 0 or more").max(max, `Use at most ${max}`);

/** A plan as an operator writes it: every limit, in whole numbers. */
export const PlanInput = z
  .object({
    name: SingleLineText().min(1, "Give the plan a name").max(60),
    description: LongText(500).optional(),
    maxProducts: count(PLAN_LIMIT_MAX.products, "products"),
    storageQuotaBytes: count(PLAN_LIMIT_MAX.photo_storage, "bytes"),
    maxMembers: count(PLAN_LIMIT_MAX.members, "people"),
    maxCustomDomains: count(PLAN_LIMIT_MAX.custom_domains, "addresses"),
    paymentMethods: z
      .array(z.enum(PAYMENT_METHODS))
      .max(PAYMENT_METHODS.length)
      .refine((methods) => new Set(methods).size === methods.length, "List each way of paying once"),
    applicationFeeBasisPoints: count(MAX_APPLICATION_FEE_BPS, "basis points"),
  })
  .strict();
export type PlanInput = z.infer<typeof PlanInput>;

/** A change to a plan: any of its fields. */
export const PlanPatch = PlanInput.partial().strict();
export type PlanPatch = z.infer<typeof PlanPatch>;

/** Moves a shop to a plan. */
export const AssignPlanInput = z.object({ planId: z.string().min(1).max(64) }).strict();
export type AssignPlanInput = z.infer<typeof AssignPlanInput>;
