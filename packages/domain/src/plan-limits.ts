// What a shop's plan allows, and whether one more of something still fits. Pure: the API counts what
// the shop uses and asks here; the answer and the words of a refusal are decided in one place.
import type { PaymentMethod } from "./constants.ts";
import { DomainError } from "./errors.ts";
import { multiplyDivideRounded } from "./money.ts";

/** The limits a plan sets, by the name a refusal gives in its `limit` field. */
export const PLAN_LIMITS = ["products", "photo_storage", "members", "custom_domains", "payment_methods"] as const;
export type PlanLimit = (typeof PLAN_LIMITS)[number];

/** The columns of a plan this module reads (the database row has more). */
export type PlanLimits = {
  name: string;
  maxProducts: number;
  storageQuotaBytes: number;
  maxMembers: number;
  maxCustomDomains: number;
  paymentMethods: readonly PaymentMethod[];
  applicationFeeBasisPoints: number;
};

/** The most a counted limit may be set to: far beyond any real shop, well inside a safe integer. */
export const PLAN_LIMIT_MAX = {
  products: 1_000_000,
  photo_storage: 1024 ** 4,
  members: 1000,
  custom_domains: 100,
} as const;

/** The highest platform fee a plan may take: 20% (Stripe refuses a fee above the charge anyway). */
export const MAX_APPLICATION_FEE_BPS = 2000;

/** How many of a counted limit the plan allows. */
export function allowedBy(plan: PlanLimits, limit: Exclude<PlanLimit, "payment_methods">): number {
  switch (limit) {
    case "products":
      return plan.maxProducts;
    case "photo_storage":
      return plan.storageQuotaBytes;
    case "members":
      return plan.maxMembers;
    case "custom_domains":
      return plan.maxCustomDomains;
  }
}

/**
 * Whether `adding` more fits when `used` are already there. A shop moved to a smaller plan can be
 * over it: what it has stays, only adding is refused (adding nothing always fits).
 */
export function fitsLimit(allowed: number, used: number, adding = 1): boolean {
  if (adding <= 0) return true;
  return used + adding <= allowed;
}

/** The methods the shop turns on that its plan does not include, in the order given. */
export function methodsOutsidePlan(plan: Pick<PlanLimits, "paymentMethods">, methods: readonly string[]): string[] {
  return methods.filter((method) => !(plan.paymentMethods as readonly string[]).includes(method));
}

/** The platform's fee on an amount in minor units: basis points (150 = 1.5%), rounded half away from zero. */
export function platformFee(amount: number, basisPoints: number): number {
  if (!Number.isSafeInteger(amount) || amount < 0)
    throw new RangeError("The amount must be a whole, non-negative number");
  if (!Number.isSafeInteger(basisPoints) || basisPoints < 0 || basisPoints > 10_000) {
    throw new RangeError("The fee must be whole basis points from 0 to 10000");
  }
  return multiplyDivideRounded(amount, basisPoints, 10_000);
}

const METHOD_WORDS: Record<PaymentMethod, string> = {
  stripe: "card payments online",
  pay_at_pickup: "pay at pickup",
  cash_on_delivery: "cash on delivery",
  bank_transfer: "bank transfer",
};

const megabytes = (bytes: number) =>
  bytes >= 1024 ** 3
    ? `${Math.round((bytes / 1024 ** 3) * 10) / 10} GB`
    : bytes >= 1024 * 1024
      ? `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`
      : `${Math.round(bytes / 1024)} KB`;

/** How the refusal says what the plan allows, and what the owner can do about it themself. */
function allowance(limit: PlanLimit, plan: PlanLimits, allowed: number | string[]): { allows: string; fix: string } {
  const count = typeof allowed === "number" ? allowed : 0;
  switch (limit) {
    case "products":
      return {
        allows: `${count} ${count === 1 ? "product" : "products"}`,
        fix: "Delete products you no longer sell",
      };
    case "photo_storage":
      return { allows: `${megabytes(count)} of photos`, fix: "Delete photos you no longer use" };
    case "members":
      return {
        allows: `${count} ${count === 1 ? "person" : "people"} besides you`,
        fix: "Remove someone or withdraw an invitation",
      };
    case "custom_domains":
      return {
        allows: count === 0 ? "no own web address" : `${count} own web ${count === 1 ? "address" : "addresses"}`,
        fix: "Remove an address you no longer use",
      };
    case "payment_methods": {
      const list = plan.paymentMethods.map((method) => METHOD_WORDS[method]).join(", ");
      return { allows: list ? `these ways of paying: ${list}` : "no ways of paying", fix: "Turn that way off" };
    }
  }
}

/**
 * Limits whose refusal shipped as 429 `quota_exceeded` before the other limits existed; a shipped code
 * keeps its meaning and its clients, so these keep it. Every other limit answers 409 `plan_limit_reached`.
 * Either way the body's `limit` field names the limit: that is how a client recognises any of them.
 */
const SHIPPED_AS_QUOTA: readonly PlanLimit[] = ["products", "photo_storage"];

/**
 * The refusal of the first item over a limit, naming the limit, the plan, what it allows and what is
 * used, and saying how to get more room: make room, or ask the platform (its contact address when it
 * has one) for a bigger plan.
 */
export function planLimitError(options: {
  limit: PlanLimit;
  plan: PlanLimits;
  allowed: number | string[];
  used: number | string[];
  contact?: string | undefined;
  /** What the refused call wanted, in the owner's words ("This photo needs 2 MB"); the sentence before. */
  lead?: string;
  details?: Record<string, unknown>;
  /** The field the refusal is about, when a form can point at it. */
  path?: string;
}): DomainError {
  const { limit, plan, contact } = options;
  const { allows, fix } = allowance(limit, plan, options.allowed);
  const ask = contact ? `write to ${contact}` : "ask the people who run this platform";
  const message = [
    options.lead,
    `Your plan, ${plan.name}, allows ${allows}.`,
    `${fix}, or ${ask} to move you to a bigger plan.`,
  ]
    .filter(Boolean)
    .join(" ");
  return new DomainError(SHIPPED_AS_QUOTA.includes(limit) ? "quota_exceeded" : "plan_limit_reached", message, {
    details: {
      ...options.details,
      limit,
      plan: plan.name,
      allowed: options.allowed,
      used: options.used,
      ...(contact ? { contact } : {}),
    },
    ...(options.path ? { errors: [{ path: options.path, message }] } : {}),
  });
}
