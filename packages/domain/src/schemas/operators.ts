// Operators' inputs: re-entering the password, a shop's status change with its reason, the shop list's
// filters, and the owner's support-access switch.
import { z } from "zod";
import { SHOP_STATUSES } from "../constants.ts";
import { MultiLineText } from "./common.ts";

export const ConfirmPasswordInput = z.object({ password: z.string().min(1, "Enter your password").max(200) }).strict();
export type ConfirmPasswordInput = z.infer<typeof ConfirmPasswordInput>;

/** The owner reads this reason on their dashboard and in the email, so it must say something. */
export const ShopStatusReason = MultiLineText()
  .min(1, "Write the reason the owner will read")
  .max(1000, "Use at most 1000 characters");

export const ShopStatusChangeInput = z.object({ reason: ShopStatusReason }).strict();
export type ShopStatusChangeInput = z.infer<typeof ShopStatusChangeInput>;

/** What an operator does to a shop's status, and the status each leads to. */
export const SHOP_STATUS_ACTIONS = { suspend: "suspended", restore: "active", close: "closed" } as const;
export type ShopStatusAction = keyof typeof SHOP_STATUS_ACTIONS;

const Day = z.iso.date("Use a date like 2026-12-31");

/** The operators' shop list: text search, filters, cursor pages. Dates are days (UTC), `to` inclusive. */
export const OperatorShopQuery = z
  .object({
    q: z.string().trim().max(200).optional(),
    status: z.enum(SHOP_STATUSES).optional(),
    plan: z.string().max(100).optional(),
    cohort: z.string().max(100).optional(),
    createdFrom: Day.optional(),
    createdTo: Day.optional(),
    lastOrderFrom: Day.optional(),
    lastOrderTo: Day.optional(),
    published: z.enum(["yes", "no"]).optional(),
    limit: z.coerce.number().int().min(1).max(100).default(25),
    cursor: z.string().max(200).optional(),
  })
  .strict();
export type OperatorShopQuery = z.infer<typeof OperatorShopQuery>;

/** How long an owner lets operators into their shop for support. */
export const SUPPORT_ACCESS_CHOICES = { "24h": 24 * 60 * 60 * 1000, "7d": 7 * 24 * 60 * 60 * 1000 } as const;
export type SupportAccessChoice = keyof typeof SUPPORT_ACCESS_CHOICES;

export const SupportAccessInput = z.object({ duration: z.enum(["24h", "7d", "off"]) }).strict();
export type SupportAccessInput = z.infer<typeof SupportAccessInput>;

const DAY_MS = 24 * 60 * 60 * 1000;

/** The span of epoch ms a from/to pair of days (UTC, both inclusive) covers; open ends stay undefined. */
export function daySpan(from: string | undefined, to: string | undefined): { from?: number; before?: number } {
  return {
    ...(from ? { from: Date.parse(`${from}T00:00:00Z`) } : {}),
    ...(to ? { before: Date.parse(`${to}T00:00:00Z`) + DAY_MS } : {}),
  };
}

/**
 * The status an operator's action leads to from the shop's current one, or the reason it cannot:
 * suspend only an open shop; restore a suspended or closed one; close one that is not closed yet.
 */
export function nextShopStatus(
  current: (typeof SHOP_STATUSES)[number],
  action: ShopStatusAction,
): { status: (typeof SHOP_STATUSES)[number] } | { refusal: string } {
  if (action === "suspend" && current !== "active")
    return { refusal: `The shop is ${current}, not open: nothing to suspend` };
  if (action === "restore" && current === "active") return { refusal: "The shop is already open" };
  if (action === "close" && current === "closed") return { refusal: "The shop is already closed" };
  return { status: SHOP_STATUS_ACTIONS[action] };
}
