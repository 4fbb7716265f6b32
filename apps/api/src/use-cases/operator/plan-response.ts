import type { PlanRow } from "@stall/db";
import type { PaymentMethod } from "@stall/domain";

/** A plan as the operator API shows it (price columns are not used yet and stay out). */
export function toPlanResponse(plan: PlanRow) {
  return {
    id: plan.id,
    name: plan.name,
    description: plan.description,
    maxProducts: plan.maxProducts,
    storageQuotaBytes: plan.storageQuotaBytes,
    maxMembers: plan.maxMembers,
    maxCustomDomains: plan.maxCustomDomains,
    paymentMethods: plan.paymentMethods as PaymentMethod[],
    applicationFeeBasisPoints: plan.applicationFeeBasisPoints,
    isDefault: plan.isDefault,
    createdAt: plan.createdAt,
    updatedAt: plan.updatedAt,
  };
}
