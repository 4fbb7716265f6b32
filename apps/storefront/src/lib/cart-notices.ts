import { MAX_FORM_QUANTITY, type Notice } from "./cart-form.ts";
import type { Messages } from "./i18n.ts";
import { numberLabel } from "./labels.ts";

/** What the cart page says after a form post (`/cart?notice=…`), from a closed list. */
export const CART_NOTICES = ["added", "updated", "removed", "limited", "gone", "try-again", "check", "short"] as const;
export type CartNotice = (typeof CART_NOTICES)[number];

/** A line the checkout found short: `available` is how many there are now. */
export type ShortItem = { variantId: string; available: number };

/** The `short` list of a checkout refused for stock: `var_1*0 var_2*1` (variant, how many are left). */
function shortItemsFrom(value: string | null): ShortItem[] {
  return (value ?? "")
    .split(/\s+/)
    .slice(0, 50)
    .flatMap((part) => {
      const match = /^([\w-]{1,64})\*(\d{1,6})$/.exec(part);
      return match ? [{ variantId: match[1] as string, available: Number(match[2]) }] : [];
    });
}

export function cartNoticeFrom(url: URL): { notice: CartNotice; left: number; short: ShortItem[] } | undefined {
  const notice = url.searchParams.get("notice");
  if (!(CART_NOTICES as readonly string[]).includes(notice ?? "")) return undefined;
  const left = Number(url.searchParams.get("left"));
  return {
    notice: notice as CartNotice,
    left: Number.isSafeInteger(left) && left >= 0 ? left : 0,
    short: notice === "short" ? shortItemsFrom(url.searchParams.get("short")) : [],
  };
}

/**
 * What the cart page says after a form post. A checkout refused for stock names what is short, by the
 * names of the buyer's own cart lines (only ids travel in the URL, so a link cannot make it say anything).
 */
export function cartNoticeText(
  notice: CartNotice,
  left: number,
  text: Messages,
  locale: string,
  short: { items: ShortItem[]; nameOf: (variantId: string) => string | undefined } = {
    items: [],
    nameOf: () => undefined,
  },
): string {
  const count = numberLabel(left, locale);
  const named = short.items.flatMap((item) => {
    const name = short.nameOf(item.variantId);
    if (!name) return [];
    return [item.available === 0 ? text.shortSoldOut(name) : text.shortItem(name, numberLabel(item.available, locale))];
  });
  const list = new Intl.ListFormat(locale, { type: "conjunction" }).format(named);
  return {
    added: text.addedToCart,
    updated: text.cartUpdated,
    removed: text.removedFromCart,
    limited: text.cartLimited(count),
    gone: text.cartGone,
    "try-again": text.noticeTryAgain,
    check: text.cartCheck,
    short: named.length > 0 ? text.cartShort(list) : text.cartCheck,
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
    paused: text.noticePaused,
  }[notice];
}
