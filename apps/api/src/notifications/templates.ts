// The closed registry of notification emails. A use-case enqueues { template, locale, payload }; the
// outbox worker renders it here. A template that is not registered, or a payload its schema refuses,
// is an error the worker records as a permanent failure.
import { LOCALES } from "@stall/i18n";
import type { z } from "zod";
import type { NotificationTemplate, RenderedEmail, TemplateLocale } from "./templates/email-layout.ts";
import { helperInvite } from "./templates/helper-invite.ts";
import { orderPlaced } from "./templates/order-placed.ts";
import { orderUpdate } from "./templates/order-update.ts";
import { ownerNewOrder } from "./templates/owner-new-order.ts";
import { passwordReset } from "./templates/password-reset.ts";
import { shopStatus } from "./templates/shop-status.ts";

export type { RenderedEmail, TemplateLocale } from "./templates/email-layout.ts";
export { HelperInvitePayload } from "./templates/helper-invite.ts";
export { OrderPlacedPayload } from "./templates/order-placed.ts";
export { ORDER_UPDATE_KINDS, type OrderUpdateKind, OrderUpdatePayload } from "./templates/order-update.ts";
export { OwnerNewOrderPayload } from "./templates/owner-new-order.ts";
export { PasswordResetPayload } from "./templates/password-reset.ts";
export { SHOP_STATUS_KINDS, ShopStatusPayload } from "./templates/shop-status.ts";

const templates = {
  password_reset: passwordReset,
  helper_invite: helperInvite,
  order_placed: orderPlaced,
  order_update: orderUpdate,
  owner_new_order: ownerNewOrder,
  shop_status: shopStatus,
} as const satisfies Record<string, NotificationTemplate>;

export type TemplateName = keyof typeof templates;

/** The payload each template expects, for use-cases that enqueue one. */
export type NotificationPayloads = { [Name in TemplateName]: z.input<(typeof templates)[Name]["payload"]> };

export const templateNames = Object.keys(templates) as TemplateName[];

const locales: readonly TemplateLocale[] = LOCALES;

/** Thrown for an unknown template, locale or a payload the template's schema refuses. */
export class TemplateError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "TemplateError";
  }
}

export function isTemplateName(name: string): name is TemplateName {
  return Object.hasOwn(templates, name);
}

/** The template locale for a stored locale tag: any Chinese tag reads zh-CN, anything else en. */
export function toTemplateLocale(locale: string): TemplateLocale {
  return /^zh\b/i.test(locale) ? "zh-CN" : "en";
}

/**
 * Renders one notification. Throws `TemplateError` naming the template and the bad fields (their
 * paths and what is wrong, never their values: a payload may hold a token).
 *
 * @example renderNotification("password_reset", "en", { name: "Mei", resetUrl, expiresInMinutes: 30 })
 */
export function renderNotification(
  template: string,
  locale: TemplateLocale,
  payload: Record<string, unknown>,
): RenderedEmail {
  if (!isTemplateName(template)) {
    throw new TemplateError(
      `Unknown notification template "${template}"; known templates: ${templateNames.join(", ")}`,
    );
  }
  if (!locales.includes(locale)) {
    throw new TemplateError(
      `Unsupported locale "${locale}" for template "${template}"; use one of ${locales.join(", ")}`,
    );
  }
  const definition: NotificationTemplate = templates[template];
  const parsed = definition.payload.safeParse(payload);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join(".") || "(payload)"}: ${issue.message}`);
    throw new TemplateError(`Invalid payload for notification template "${template}": ${problems.join("; ")}`);
  }
  return definition.render(locale, parsed.data);
}

/** Whether a template is a shop's email to its buyer (sent in the shop's name, replies to the shop). */
export function isFromShop(template: string): boolean {
  return isTemplateName(template) && templates[template].isFromShop;
}
