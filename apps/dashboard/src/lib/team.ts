// The team page's plain words: what a person may do, and what an audit-log entry means.
import type { DashboardMessages } from "@stall/i18n/dashboard";

export const HELPER_RIGHTS = ["catalogue", "orders", "settings", "content"] as const;
export type HelperRight = (typeof HELPER_RIGHTS)[number];

/** "Orders, Products" for a helper; "Everything…" for staff and the owner. */
export function rightsText(
  t: DashboardMessages,
  role: "owner" | "staff" | "helper",
  permissions: readonly string[],
): string {
  if (role === "owner") return t.everything;
  if (role === "staff") return t.everythingButPayments;
  return permissions
    .filter((right): right is HelperRight => (HELPER_RIGHTS as readonly string[]).includes(right))
    .map((right) => t[`right_${right}`])
    .join(", ");
}

type Entry = { action: string; targetType: string | null; targetId: string | null };

/**
 * An audit entry in plain words. The API records "METHOD /v1/shops/:shopId/…" for most changes and a
 * name for the ones that matter for security ("member.rights_changed", "shop.exported", "support.*");
 * an order step's name is the last part of its target ("ord_x/mark-ready").
 */
export function changeText(t: DashboardMessages, entry: Entry): string {
  if (entry.action === "member.rights_changed") return t.audit_rights;
  if (entry.action === "shop.created") return t.audit_created;
  if (entry.action === "shop.exported") return t.audit_export;
  // Stall's own people: an operator's page view during support access, or a change to the shop's status.
  if (entry.action.startsWith("support.")) return t.audit_supportVisit;
  if (entry.action === "operator.shop.suspend") return t.audit_operatorSuspend;
  if (entry.action === "operator.shop.restore") return t.audit_operatorRestore;
  if (entry.action === "operator.shop.close") return t.audit_operatorClose;
  const [, path = ""] = entry.action.split(" ");
  const parts = path.split("/").slice(4);
  const area = parts[0] ?? "";
  if (area === "orders" && parts.length >= 3) {
    // The API's step names are kebab-case ("mark-ready"); the dashboard's messages use mark_ready.
    const step = (entry.targetId?.split("/").pop() ?? "").replaceAll("-", "_");
    const key = `action_${step}` as keyof DashboardMessages;
    const label = typeof t[key] === "string" ? (t[key] as string) : step;
    return t.audit_order(label);
  }
  if (area === "") return t.audit_shop;
  if (area === "publish") return t.audit_publish;
  if (area === "unpublish") return t.audit_unpublish;
  if (area === "products") return t.audit_products;
  if (area === "pickup-points") return t.audit_pickup;
  if (area === "members" || area === "invites") return t.audit_people;
  if (area === "media") return t.audit_media;
  return t.audit_other;
}
