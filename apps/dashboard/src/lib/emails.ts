// Plain words for an email that did not arrive: what it was, and why it did not go.
import type { components } from "@stall/api-client";
import type { DashboardMessages } from "@stall/i18n/dashboard";

type UndeliveredEmail = components["schemas"]["UndeliveredEmail"];

const KINDS = ["order_placed", "order_update", "owner_new_order", "helper_invite", "password_reset"] as const;

export function emailKindText(t: DashboardMessages, template: string): string {
  const kind = KINDS.find((known) => known === template);
  return kind ? t[`emailKind_${kind}`] : t.emailKindOther;
}

export function emailReasonText(
  t: DashboardMessages,
  email: Pick<UndeliveredEmail, "reason" | "nextAttemptAt">,
  when: (epochMs: number) => string,
): string {
  if (email.reason === "retrying") return t.reason_retrying(email.nextAttemptAt ? when(email.nextAttemptAt) : "…");
  return t[`reason_${email.reason}`];
}
