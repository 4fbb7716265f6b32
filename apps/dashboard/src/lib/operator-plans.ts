// The operator's plan form: what it shows for a plan, and what a posted form asks the API for. Photo
// room is asked in megabytes (people do not count bytes); everything else is a whole number.
import type { ApiProblem, components, paths } from "@stall/api-client";
import type { DashboardMessages } from "@stall/i18n/dashboard";
import { type FieldErrors, text } from "./forms.ts";

export type Plan = components["schemas"]["Plan"];
export type PlanBody = paths["/v1/operator/plans"]["post"]["requestBody"]["content"]["application/json"];

export const PLAN_METHODS = ["stripe", "pay_at_pickup", "cash_on_delivery", "bank_transfer"] as const;
type Method = (typeof PLAN_METHODS)[number];

/** The form's fields, in page order (the error summary follows it). */
export const PLAN_FIELDS = [
  "name",
  "description",
  "maxProducts",
  "storageMb",
  "maxMembers",
  "maxCustomDomains",
  "paymentMethods",
  "applicationFeeBasisPoints",
] as const;

export type PlanValues = Record<Exclude<(typeof PLAN_FIELDS)[number], "paymentMethods">, string> & {
  paymentMethods: string[];
};

const MB = 1024 * 1024;

/** A plan's values as the form shows them (a new plan starts from the free plan's). */
export function planValues(plan: Plan | undefined): PlanValues {
  return {
    name: plan?.name ?? "",
    description: plan?.description ?? "",
    maxProducts: String(plan?.maxProducts ?? 500),
    storageMb: String(Math.round((plan?.storageQuotaBytes ?? 1024 * MB) / MB)),
    maxMembers: String(plan?.maxMembers ?? 2),
    maxCustomDomains: String(plan?.maxCustomDomains ?? 1),
    paymentMethods: [...(plan?.paymentMethods ?? PLAN_METHODS)],
    applicationFeeBasisPoints: String(plan?.applicationFeeBasisPoints ?? 0),
  };
}

/** The posted values, as typed (shown again when something is wrong). */
export function postedPlanValues(form: FormData): PlanValues {
  return {
    name: text(form, "name"),
    description: text(form, "description"),
    maxProducts: text(form, "maxProducts"),
    storageMb: text(form, "storageMb"),
    maxMembers: text(form, "maxMembers"),
    maxCustomDomains: text(form, "maxCustomDomains"),
    paymentMethods: form
      .getAll("paymentMethods")
      .filter((value): value is Method => PLAN_METHODS.includes(value as Method)),
    applicationFeeBasisPoints: text(form, "applicationFeeBasisPoints"),
  };
}

const WHOLE = /^\d{1,13}$/;

/** The API body for the values, or the fields to fix; the API checks the bounds again. */
export function planBody(
  t: DashboardMessages,
  values: PlanValues,
): { body: PlanBody; errors?: undefined } | { body?: undefined; errors: FieldErrors } {
  const errors: FieldErrors = {};
  if (!values.name) errors.name = t.opPlanNameMissing;
  const numbers = ["maxProducts", "storageMb", "maxMembers", "maxCustomDomains", "applicationFeeBasisPoints"] as const;
  for (const field of numbers) if (!WHOLE.test(values[field])) errors[field] = t.opPlanNumberWrong;
  if (values.paymentMethods.length === 0) errors.paymentMethods = t.opPlanMethodsMissing;
  if (Object.keys(errors).length > 0) return { errors };
  return {
    body: {
      name: values.name,
      description: values.description,
      maxProducts: Number(values.maxProducts),
      storageQuotaBytes: Number(values.storageMb) * MB,
      maxMembers: Number(values.maxMembers),
      maxCustomDomains: Number(values.maxCustomDomains),
      paymentMethods: values.paymentMethods as Method[],
      applicationFeeBasisPoints: Number(values.applicationFeeBasisPoints),
    },
  };
}

/** The API's field paths, mapped to the form's fields (bytes are asked in megabytes). */
export function planFieldOf(path: string): string {
  return path === "storageQuotaBytes" ? "storageMb" : path.split(".")[0] || "name";
}

/** A refusal of the plan form, by field: the API's field errors, or its message on the name. */
export function planProblemErrors(t: DashboardMessages, problem: ApiProblem): FieldErrors {
  if (problem.code === "recent_sign_in_required") return { name: t.opPlanSignInAgain };
  const found: FieldErrors = {};
  for (const item of problem.errors ?? []) found[planFieldOf(item.path)] ??= item.message;
  return Object.keys(found).length > 0 ? found : { name: problem.detail };
}
