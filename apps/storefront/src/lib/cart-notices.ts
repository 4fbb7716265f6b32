import { MAX_FORM_QUANTITY, type Notice } from "./cart-form.ts";
import type { Messages } from "./i18n.ts";
import { numberLabel } from "./labels.ts";

/** What the cart page says after a form post (`/cart?notice=…`), from a closed list. */
export const CART_NOTICES = ["added", "updated", "removed", "limited", "gone", "try-again"] as const;
export type CartNotice = (typeof CART_NOTICES)[number];

export function cartNoticeFrom(url: URL): { notice: CartNotice; left: number } | undefined {
  const notice = url.searchParams.get("notice");
  if (!(CART_NOTICES as readonly string[]).includes(notice ?? "")) return undefined;
  const left = Number(url.searchParams.get("left"));
  return { notice: notice as CartNotice, left: Number.isSafeInteger(left) && left >= 0 ? left : 0 };
}

export function cartNoticeText(notice: CartNotice, left: number, text: Messages, locale: string): string {
  const count = numberLabel(left, locale);
  return {
    added: text.addedToCart,
    updated: text.cartUpdated,
    removed: text.removedFromCart,
    limited: text.cartLimited(count),
    gone: text.cartGone,
    "try-again": text.noticeTryAgain,
  }[notice];
}

/** What a product page says after an add-to-cart that could not add everything. */
export function productNoticeText(notice: Notice, left: number, text: Messages, locale: string): string {
  return {
    limited: text.noticeLimited(numberLabel(left, locale)),
    "sold-out": text.noticeSoldOut,
    unavailable: text.noticeUnavailable,
    choose: text.noticeChoose,
    "too-many": text.noticeTooMany(numberLabel(MAX_FORM_QUANTITY, locale)),
    "try-again": text.noticeTryAgain,
  }[notice];
}
