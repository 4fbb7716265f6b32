import { createHash } from "node:crypto";
import {
  errorChain,
  isUniqueViolation,
  type NewOrder,
  type Order,
  type PlanRow,
  type ShopRepositories,
  type ShopRow,
} from "@stall/db";
import {
  assertTakingOrders,
  type CheckoutInput,
  DomainError,
  initialOrderState,
  type OrderStatus,
  platformFee,
  type StripeMethod,
} from "@stall/domain";
import { asLocale } from "@stall/i18n";
import { apiMessages } from "@stall/i18n/api";
import type { Deps } from "../../deps.ts";
import { shopRepos } from "../../pods/shop-db.ts";
import { orderToken, orderTokenHash } from "../../security/order-token.ts";
import { storefrontUrl } from "../storefront/get-snapshot.ts";
import type { HostDirectory } from "../storefront/host-directory.ts";
import { publicShop } from "../storefront/public-shop.ts";
import type { CheckoutContexts, OrderReads } from "./checkout-context.ts";
import { orderNotifications } from "./order-notifications.ts";
import { priceFromReads } from "./price-order.ts";
import { cancelUnpaidOrder } from "./release-order.ts";

export type CheckoutResult = {
  order: {
    id: string;
    number: number;
    status: OrderStatus;
    token: string;
    currency: string;
    totals: {
      subtotal: number;
      discount: number;
      fulfilment: number;
      tax: number;
      taxMode: Order["taxMode"];
      total: number;
    };
  };
  next: { type: "redirect"; url: string } | { type: "instructions"; text: string };
};

function requestHash(input: CheckoutInput): string {
  return createHash("sha256").update(JSON.stringify(input)).digest("hex");
}

function assertMethodFits(shop: ShopRow, plan: PlanRow, deps: Deps, input: CheckoutInput) {
  const method = input.paymentMethod;
  const refuse = (message: string) =>
    new DomainError("validation_failed", message, { errors: [{ path: "paymentMethod", message }] });
  // A method the shop's plan no longer includes is refused like one the shop never offered: the buyer
  // can do nothing about the shop's plan, and the storefront stops offering it at once.
  if (!shop.paymentMethods.includes(method) || !plan.paymentMethods.includes(method))
    throw refuse("This shop does not take that way of paying");
  if (method === "stripe" && !(deps.payments && shop.stripeAccountId && shop.stripeChargesEnabled)) {
    throw refuse("Paying online is not available in this shop right now");
  }
  if (method === "pay_at_pickup" && input.fulfilment.type !== "pickup")
    throw refuse("Pay at pickup needs the pickup option");
  if (method === "cash_on_delivery" && input.fulfilment.type !== "delivery")
    throw refuse("Cash on delivery needs local delivery");
}

function instructions(shop: ShopRow, order: Order, locale: string): string {
  const text = apiMessages[asLocale(locale)];
  if (order.paymentMethod === "bank_transfer")
    return text.bankTransferInstructions(String(order.number), shop.bankTransferInstructions ?? "");
  if (order.paymentMethod === "cash_on_delivery") return text.cashOnDeliveryInstructions;
  return text.payAtPickupInstructions;
}

async function respond(deps: Deps, shop: ShopRow, order: Order, checkoutUrl?: string): Promise<CheckoutResult> {
  const token = orderToken(deps.config.secretKey, order.id);
  let next: CheckoutResult["next"];
  if (order.paymentMethod !== "stripe")
    next = { type: "instructions", text: instructions(shop, order, order.buyerLocale) };
  else if (order.status === "pending_payment")
    next = { type: "redirect", url: checkoutUrl ?? (await openPayment(deps, shop, order)) };
  else next = { type: "redirect", url: `${storefrontUrl(deps, shop.slug)}/orders/${order.id}?token=${token}` };
  return {
    order: {
      id: order.id,
      number: order.number,
      status: order.status,
      token,
      currency: order.currency,
      totals: {
        subtotal: order.subtotalAmount,
        discount: order.discountAmount,
        fulfilment: order.fulfilmentAmount,
        tax: order.taxAmount,
        taxMode: order.taxMode,
        total: order.totalAmount,
      },
    },
    next,
  };
}

/** Opens (or, with the same idempotency key, finds again) the Stripe Checkout Session for an order. */
async function openPayment(deps: Deps, shop: ShopRow, order: Order): Promise<string> {
  const payments = deps.payments;
  if (!payments || !shop.stripeAccountId)
    throw new DomainError("payment_provider_error", "Paying online is not available right now");
  const base = storefrontUrl(deps, shop.slug);
  const session = await payments.createCheckoutSession({
    accountId: shop.stripeAccountId,
    orderId: order.id,
    shopName: shop.name,
    description: order.lines
      .map((line) => `${line.quantity} × ${line.title}${line.variantTitle ? ` (${line.variantTitle})` : ""}`)
      .join(", "),
    currency: order.currency,
    amount: order.totalAmount,
    methods: (shop.stripePaymentMethods.length > 0 ? shop.stripePaymentMethods : ["card"]) as StripeMethod[],
    applicationFee: order.applicationFeeAmount,
    successUrl: `${base}/orders/${order.id}?token=${orderToken(deps.config.secretKey, order.id)}`,
    cancelUrl: `${base}/checkout?cancelled=${order.id}&token=${orderToken(deps.config.secretKey, order.id)}`,
    expiresAt: Math.ceil((order.holdExpiresAt ?? deps.clock.now() + deps.config.paymentHoldMs) / 1000),
    customerEmail: order.buyerEmail ?? undefined,
    locale: order.buyerLocale === "zh-CN" ? "zh" : "en",
  });
  if (order.stripeCheckoutSessionId !== session.id) {
    await (await shopRepos(deps, shop.id)).orders.setCheckoutSession(order.id, session.id, deps.clock.now());
  }
  return session.url;
}

/** The refusal when stock ran out between the cart and the order, naming what is short. */
async function shortfall(repos: ShopRepositories, input: CheckoutInput): Promise<DomainError> {
  const found = await repos.products.variantsByIds(input.lines.map((line) => line.variantId));
  const short = input.lines.flatMap((line) => {
    const variant = found.find((row) => row.variant.id === line.variantId)?.variant;
    const stock = variant?.isSoldWhenOutOfStock ? null : (variant?.stock ?? null);
    return stock !== null && stock < line.quantity
      ? [{ variantId: line.variantId, requested: line.quantity, available: Math.max(0, stock) }]
      : [];
  });
  return new DomainError("insufficient_stock", "Some items sold out while you were choosing; nothing was ordered", {
    details: { lines: short },
    errors: short.map((line) => ({
      path: `lines.${input.lines.findIndex((candidate) => candidate.variantId === line.variantId)}.quantity`,
      message: line.available === 0 ? "Sold out" : `Only ${line.available} left`,
    })),
  });
}

/**
 * Places an order: prices every line from the database, takes stock, numbers the order and writes it
 * in one atomic write, then opens a Stripe Checkout Session or gives the manual method's instructions.
 * The same Idempotency-Key again returns the same order; with a different request it is refused.
 */
export async function placeOrder(
  deps: Deps,
  options: {
    host: string;
    idempotencyKey: string | undefined;
    input: CheckoutInput;
    contexts: CheckoutContexts;
    /** Where the shop's row is held (decision 048); without it the row is read. */
    directory?: Pick<HostDirectory, "shopAt">;
  },
) {
  const key = options.idempotencyKey?.trim() ?? "";
  if (!/^[\w.:-]{8,200}$/.test(key)) {
    throw new DomainError(
      "bad_request",
      "Send an Idempotency-Key header (8 to 200 letters, digits, - _ . :), new for each order",
    );
  }
  const { shop, repos } = await publicShop(deps, options.host, options.directory);
  const { input } = options;
  const hash = requestHash(input);
  const replay = async (existing: Order) => {
    if (existing.requestHash !== hash) {
      throw new DomainError(
        "idempotency_conflict",
        "This Idempotency-Key was already used for a different order; use a new key",
      );
    }
    return respond(deps, shop, existing);
  };
  // The key is looked up only when something refuses the order: a replay of a placed order is answered
  // from it whatever has changed since (the price, the stock, a pause), and a first attempt costs no read.
  const replayIfPlaced = async (error: unknown): Promise<CheckoutResult> => {
    const existing = await repos.orders.findByIdempotencyKey(key);
    if (existing) return replay(existing);
    throw error;
  };
  const initial = initialOrderState(input.paymentMethod);
  const now = deps.clock.now();
  let priced: ReturnType<typeof priceFromReads>;
  let plan: PlanRow;
  let owner: OrderReads["owner"] | null;
  try {
    // One round of reads, most of them from memory (decision 043); nothing is read again before the write.
    const context = await options.contexts.read(shop, repos, input);
    ({ plan } = context);
    owner = initial.sideEffects.includes("notify_owner_new_order") ? (context.owner ?? null) : null;
    // Holiday mode refuses new orders only: a replay answers an order placed before the pause.
    assertTakingOrders(shop);
    assertMethodFits(shop, plan, deps, input);
    priced = priceFromReads({ shop, input, reads: context.reads, now });
  } catch (error) {
    if (error instanceof DomainError) return replayIfPlaced(error);
    throw error;
  }
  const orderId = deps.newId("order");
  const token = orderToken(deps.config.secretKey, orderId);
  const isStripe = input.paymentMethod === "stripe";
  const { totals } = priced;
  const locale = input.locale ?? asLocale(shop.locale);

  const draft: Order = {
    shopId: shop.id,
    id: orderId,
    // Taken from the shop's counter inside the write (`place`); the outbox payloads get it there too.
    number: 0,
    status: initial.status,
    buyerTokenHash: orderTokenHash(token),
    idempotencyKey: key,
    requestHash: hash,
    currency: shop.currency,
    subtotalAmount: totals.subtotal,
    discountAmount: totals.discount,
    fulfilmentAmount: totals.fulfilment,
    taxAmount: totals.tax,
    taxMode: priced.taxMode,
    totalAmount: totals.total,
    refundedAmount: 0,
    // The platform's fee reaches Stripe as the Checkout Session's application_fee_amount.
    applicationFeeAmount: isStripe ? platformFee(totals.total, plan.applicationFeeBasisPoints) : 0,
    discountCode: priced.discount?.code ?? null,
    discountCodeId: priced.discount?.id ?? null,
    buyerName: input.buyer.name,
    buyerEmail: input.buyer.email ?? null,
    buyerPhone: input.buyer.phone ?? null,
    buyerLocale: locale,
    fulfilment: priced.fulfilment.snapshot,
    paymentMethod: input.paymentMethod,
    note: input.note ?? "",
    stripeCheckoutSessionId: null,
    holdExpiresAt: isStripe ? now + deps.config.paymentHoldMs : null,
    stockReleasedAt: null,
    placedAt: now,
    paidAt: null,
    createdAt: now,
    updatedAt: now,
    lines: priced.lines.map((line, position) => {
      const lineTotals = totals.lines.find((candidate) => candidate.key === line.variantId);
      return {
        shopId: shop.id,
        id: deps.newId("orderLine"),
        orderId,
        productId: line.productId,
        variantId: line.variantId,
        title: line.title,
        variantTitle: line.optionValues.join(" / "),
        optionValues: line.optionValues,
        sku: line.sku,
        quantity: line.quantity,
        unitPriceAmount: line.unitPrice,
        subtotalAmount: lineTotals?.subtotal ?? line.unitPrice * line.quantity,
        discountAmount: lineTotals?.discount ?? 0,
        taxAmount: lineTotals?.tax ?? 0,
        totalAmount: lineTotals?.total ?? line.unitPrice * line.quantity,
        currency: shop.currency,
        isStockTracked: line.isStockTracked,
        position,
      };
    }),
  };
  const { lines, shopId: _shop, number: _number, ...orderRow } = draft;
  const newOrder: NewOrder = {
    order: orderRow,
    lines: lines.map(({ shopId: _s, orderId: _o, ...line }) => line),
    event: {
      id: deps.newId("orderEvent"),
      fromStatus: null,
      toStatus: initial.status,
      actorType: "buyer",
      actorId: null,
      note: "",
      createdAt: now,
    },
    payment: {
      id: deps.newId("payment"),
      provider: isStripe ? "stripe" : "manual",
      method: input.paymentMethod,
      status: "pending",
      amount: totals.total,
      currency: shop.currency,
      providerReference: null,
      createdAt: now,
      updatedAt: now,
    },
    stock: priced.lines
      .filter((line) => line.isStockTracked)
      .map((line) => ({ variantId: line.variantId, quantity: line.quantity })),
    discountCodeId: priced.discount?.id ?? null,
    notifications: await orderNotifications(deps, {
      shop,
      order: draft,
      sideEffects: initial.sideEffects,
      step: "placed",
      owner,
    }),
  };

  let number: number;
  try {
    number = await repos.orders.place(newOrder, now);
  } catch (error) {
    const chain = errorChain(error);
    // The whole write rolled back. If the key's order exists (a replay racing its first attempt, or one
    // whose stock has gone since), that order is the answer; otherwise the refusal says what happened.
    if (/product_variants_stock_non_negative/.test(chain)) return replayIfPlaced(await shortfall(repos, input));
    if (/discount_codes_usage_within_limit/.test(chain)) {
      return replayIfPlaced(
        new DomainError("validation_failed", `The code ${priced.discount?.code} has just been used up`, {
          errors: [{ path: "discountCode", message: "Used up" }],
        }),
      );
    }
    if (isUniqueViolation(error)) return replayIfPlaced(error);
    throw error;
  }

  // Answered from what was written, not read back: the row is the draft plus its number.
  const placed: Order = { ...draft, number };

  if (!isStripe) {
    deps.metrics?.orderPlaced(placed.paymentMethod);
    return respond(deps, shop, placed);
  }
  try {
    const payment = await openPayment(deps, shop, placed);
    deps.metrics?.orderPlaced(placed.paymentMethod);
    return await respond(deps, shop, placed, payment);
  } catch (error) {
    // No payment page, no order: put the stock back at once rather than holding it for 30 minutes.
    await cancelUnpaidOrder(deps, { shop, orderId, note: "The payment page could not be opened" });
    throw new DomainError(
      "payment_provider_error",
      "Paying online is not working right now; nothing was charged. Please try again, or choose another way to pay.",
      { cause: error },
    );
  }
}
