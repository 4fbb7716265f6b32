/** Languages the storefront chrome and the dashboard speak. */
export const LOCALES = ["en", "zh-CN"] as const;

export const SHOP_STATUSES = ["active", "suspended", "closed"] as const;
export type ShopStatus = (typeof SHOP_STATUSES)[number];

export const MEMBERSHIP_ROLES = ["owner", "staff", "helper"] as const;
export type MembershipRole = (typeof MEMBERSHIP_ROLES)[number];

/** Rights a helper may be given; owners and staff have all of them. */
export const HELPER_PERMISSIONS = ["catalogue", "orders", "settings", "content"] as const;
export type HelperPermission = (typeof HELPER_PERMISSIONS)[number];

export const USER_ROLES = ["user", "operator"] as const;
export type UserRole = (typeof USER_ROLES)[number];

/**
 * Age bands an owner may choose to state (optional, changeable). Shown to programmes only in aggregate,
 * and only for groups of 5 or more, so a programme can say how many owners over 50 it reached.
 */
export const AGE_BANDS = ["under_30", "30_49", "50_64", "65_plus"] as const;
export type AgeBand = (typeof AGE_BANDS)[number];

export const PRODUCT_STATUSES = ["draft", "active", "archived"] as const;
export type ProductStatus = (typeof PRODUCT_STATUSES)[number];

export const PAYMENT_METHODS = ["stripe", "pay_at_pickup", "cash_on_delivery", "bank_transfer"] as const;
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];

/** What Stripe Checkout may offer a buyer, when the shop takes payments by Stripe. */
export const STRIPE_METHODS = ["card", "wechat_pay", "alipay"] as const;
export type StripeMethod = (typeof STRIPE_METHODS)[number];

export const FULFILMENT_TYPES = ["pickup", "delivery", "shipping"] as const;
export type FulfilmentType = (typeof FULFILMENT_TYPES)[number];

export const ORDER_STATUSES = [
  "pending_payment",
  "awaiting_payment",
  "paid",
  "ready",
  "fulfilled",
  "completed",
  "cancelled",
  "expired",
  "refunded",
  "partially_refunded",
  "on_hold",
] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

export const THEME_PRESETS = ["market", "studio", "kitchen"] as const;
export type ThemePreset = (typeof THEME_PRESETS)[number];

/** Sub-domains no shop may take: they belong to the platform or confuse people. */
export const RESERVED_SLUGS: ReadonlySet<string> = new Set([
  "www",
  "api",
  "admin",
  "app",
  "dashboard",
  "mail",
  "smtp",
  "ftp",
  "static",
  "cdn",
  "assets",
  "media",
  "help",
  "support",
  "status",
  "docs",
  "blog",
  "shop",
  "shops",
  "stall",
  "store",
  "login",
  "signup",
  "account",
  "billing",
  "operator",
  "root",
  "test",
  "localhost",
]);

/**
 * Named events in the audit log besides member changes (written as `METHOD /route`) and operator
 * actions (`METHOD /v1/operator/…`, or `operator.*` names the operator routes choose). Decision 024.
 */
export const AUDIT_EVENTS = [
  "auth.signed_up",
  "auth.signed_in",
  /** Wrong passwords reached the limit and sign-in is locked for a while (per account or per address). */
  "auth.sign_in_locked",
  "auth.password_changed",
  "auth.password_reset",
  "member.rights_changed",
  "shop.created",
  "shop.exported",
  "support.opened",
  "support.used",
  "support.ended",
  /** Left with no shop after a purge deleted the shop and its entries; the target is the shop's id. */
  "shop.purged",
  "operator.audit_exported",
] as const;
export type AuditEvent = (typeof AUDIT_EVENTS)[number];
