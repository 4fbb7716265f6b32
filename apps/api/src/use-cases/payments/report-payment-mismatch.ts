import type { Order, ShopRow } from "@stall/db";
import { formatMoney, money } from "@stall/domain";
import type { Deps } from "../../deps.ts";

function describe(paid: { amount: number | null; currency: string | null }): string {
  if (paid.amount === null || !paid.currency) return "an unknown amount";
  try {
    return formatMoney(money(paid.amount, paid.currency.toUpperCase()), "en");
  } catch {
    // A currency our money code does not know: say it as Stripe gave it.
    return `${paid.amount} (smallest units) ${paid.currency}`;
  }
}

/**
 * A Stripe payment that is not the order's total (amount or currency): logged at error for the operator,
 * and returned as the note the order's history keeps for the owner. The order is then held
 * (`payment_mismatch`), never marked paid as if all was well.
 */
export function reportPaymentMismatch(
  deps: Deps,
  options: {
    shop: ShopRow;
    order: Order;
    paid: { amount: number | null; currency: string | null };
    sessionId: string | null;
    source: string;
  },
): string {
  const { order, paid } = options;
  const expected = formatMoney(money(order.totalAmount, order.currency), "en");
  const received = describe(paid);
  deps.logger.log("error", "A Stripe payment does not match its order's total; the order is on hold", {
    shopId: options.shop.id,
    orderId: order.id,
    sessionId: options.sessionId,
    source: options.source,
    expectedAmount: order.totalAmount,
    expectedCurrency: order.currency,
    paidAmount: paid.amount,
    paidCurrency: paid.currency,
  });
  return `Stripe took ${received} but the order total is ${expected}. Not marked paid: check the payment in Stripe, then accept it (mark it paid) or refund it.`;
}
