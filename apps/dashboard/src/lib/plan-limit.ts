// A plan limit's refusal in the owner's language: the API names the limit (`limit`, `plan`, `allowed`),
// and the page says it in its own words with the way to a bigger plan. Pure, so it is tested alone.
import type { ApiProblem } from "@stall/api-client";
import type { DashboardMessages } from "@stall/i18n/dashboard";

const LIMITS = ["products", "photo_storage", "members", "custom_domains", "payment_methods"] as const;
type Limit = (typeof LIMITS)[number];

/** Bytes as people read them: "340 KB", "12.5 MB", "1 GB". */
export function sizeOf(bytes: number): string {
  if (bytes >= 1024 ** 3) return `${Math.round((bytes / 1024 ** 3) * 10) / 10} GB`;
  if (bytes >= 1024 * 1024) return `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`;
  return `${Math.round(bytes / 1024)} KB`;
}

/** A way of getting paid, in the owner's words. */
export function methodName(t: DashboardMessages, method: string): string {
  const key = `method_${method}` as keyof DashboardMessages;
  const words = t[key];
  return typeof words === "string" ? words : method;
}

/** The way to a bigger plan: the platform's address when it gives one. */
export function askForBiggerPlan(t: DashboardMessages, contact: string | null | undefined): string {
  return contact ? t.planAskContact(contact) : t.planAskGeneric;
}

/** The refusal in the page's language, or undefined when the problem is not a plan limit. */
export function planLimitMessage(t: DashboardMessages, problem: ApiProblem | undefined): string | undefined {
  const limit = problem?.limit as Limit | undefined;
  if (!problem || !limit || !LIMITS.includes(limit)) return undefined;
  const plan = String(problem.plan ?? "");
  const allowed = problem.allowed;
  const allows =
    limit === "photo_storage" && typeof allowed === "number"
      ? sizeOf(allowed)
      : Array.isArray(allowed)
        ? allowed.map((method) => methodName(t, String(method))).join(", ")
        : String(allowed ?? "");
  const contact = typeof problem.contact === "string" ? problem.contact : undefined;
  const lead = t[`planLimit_${limit}`](plan, allows);
  // Chinese sentences follow each other without a space.
  return `${lead}${lead.endsWith("。") ? "" : " "}${askForBiggerPlan(t, contact)}`;
}
