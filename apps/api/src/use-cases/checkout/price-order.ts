// Works out what an order costs from the database: prices, stock, discount, fulfilment, tax. The
// client's idea of prices is never asked for.
import type { ShopRepositories, ShopRow } from "@stall/db";
import {
  type CheckoutInput,
  computeTotals,
  DomainError,
  type FieldError,
  orderWeightGrams,
  rateFitsWeight,
  type Totals,
} from "@stall/domain";

export type PricedLine = {
  variantId: string;
  productId: string;
  title: string;
  optionValues: string[];
  sku: string | null;
  quantity: number;
  unitPrice: number;
  isStockTracked: boolean;
  isTaxable: boolean;
  weightGrams: number | null;
  requiresShipping: boolean;
};

export type FulfilmentChoice = {
  fee: number;
  minimumOrder: number;
  freeOver: number | null;
  snapshot:
    | { type: "pickup"; pickupPointId: string; name: string; address: string; instructions: string }
    | { type: "delivery"; deliveryAreaId: string; name: string; address: string; instructions?: string }
    | { type: "shipping"; shippingRateId: string; name: string; address: Record<string, string> };
  summary: string;
};

export type PricedOrder = {
  lines: PricedLine[];
  fulfilment: FulfilmentChoice;
  discount: { id: string; code: string } | null;
  totals: Totals;
  taxMode: "included" | "added" | "none";
};

function invalid(message: string, errors: FieldError[]): DomainError {
  return new DomainError("validation_failed", message, { errors });
}

/** Everything pricing reads, gathered before it (checkout-context.ts), so pricing itself never waits. */
export type PricingReads = {
  variants: Awaited<ReturnType<ShopRepositories["products"]["variantsByIds"]>>;
  place:
    | Awaited<ReturnType<ShopRepositories["pickupPoints"]["get"]>>
    | Awaited<ReturnType<ShopRepositories["deliveryAreas"]["get"]>>
    | Awaited<ReturnType<ShopRepositories["shippingRates"]["get"]>>;
  discounts: Awaited<ReturnType<ShopRepositories["discountCodes"]["list"]>>;
  tax: Awaited<ReturnType<ShopRepositories["tax"]["get"]>>;
};

type PickupPoint = NonNullable<Awaited<ReturnType<ShopRepositories["pickupPoints"]["get"]>>>;
type DeliveryArea = NonNullable<Awaited<ReturnType<ShopRepositories["deliveryAreas"]["get"]>>>;
type ShippingRate = NonNullable<Awaited<ReturnType<ShopRepositories["shippingRates"]["get"]>>>;

function chooseFulfilment(
  input: CheckoutInput["fulfilment"],
  weightGrams: number,
  found: PricingReads["place"],
): FulfilmentChoice {
  if (input.type === "pickup") {
    const point = found as PickupPoint | undefined;
    if (!point?.isActive)
      throw invalid("That pickup place is not available", [
        { path: "fulfilment.pickupPointId", message: "Choose another place" },
      ]);
    return {
      fee: 0,
      minimumOrder: 0,
      freeOver: null,
      snapshot: {
        type: "pickup",
        pickupPointId: point.id,
        name: point.name,
        address: point.address,
        instructions: point.instructions,
      },
      summary: `${point.name}, ${point.address}`,
    };
  }
  if (input.type === "delivery") {
    const area = found as DeliveryArea | undefined;
    if (!area?.isActive)
      throw invalid("The shop does not deliver there", [
        { path: "fulfilment.deliveryAreaId", message: "Choose another area" },
      ]);
    return {
      fee: area.feeAmount,
      minimumOrder: area.minimumOrderAmount,
      freeOver: area.freeOverAmount,
      snapshot: {
        type: "delivery",
        deliveryAreaId: area.id,
        name: area.name,
        address: input.address,
        ...(input.instructions ? { instructions: input.instructions } : {}),
      },
      summary: `${area.name}: ${input.address}`,
    };
  }
  const rate = found as ShippingRate | undefined;
  const country = input.address.country;
  if (!rate?.isActive || !(rate.countries.includes(country) || rate.countries.includes("*"))) {
    throw invalid("The shop does not post to that country with this option", [
      { path: "fulfilment.shippingRateId", message: "Choose another option" },
    ]);
  }
  if (!rateFitsWeight(rate, weightGrams)) {
    throw invalid("This way of posting is not for a parcel of this weight", [
      { path: "fulfilment.shippingRateId", message: "Choose another way of posting" },
    ]);
  }
  const address = Object.fromEntries(
    Object.entries(input.address).filter(([, value]) => value !== undefined),
  ) as Record<string, string>;
  return {
    fee: rate.priceAmount,
    minimumOrder: 0,
    freeOver: rate.freeOverAmount,
    snapshot: { type: "shipping", shippingRateId: rate.id, name: rate.name, address },
    summary: `${rate.name}: ${[input.address.line1, input.address.city, country].join(", ")}`,
  };
}

function chooseDiscount(codes: PricingReads["discounts"], code: string | undefined, now: number) {
  if (!code) return null;
  const found = codes.find((row) => row.code === code);
  const problem = (message: string) => invalid(message, [{ path: "discountCode", message }]);
  if (!found?.isActive) throw problem(`The code ${code} does not work in this shop`);
  if (found.startsAt !== null && now < found.startsAt) throw problem(`The code ${code} does not work yet`);
  if (found.endsAt !== null && now >= found.endsAt) throw problem(`The code ${code} has ended`);
  if (found.usageLimit !== null && found.usageCount >= found.usageLimit)
    throw problem(`The code ${code} has been used up`);
  return found;
}

/** Prices an order from what was read before (checkout-context.ts): no database, so it can follow any read round. */
export function priceFromReads(options: {
  shop: ShopRow;
  input: CheckoutInput;
  reads: PricingReads;
  now: number;
}): PricedOrder {
  const { input, shop, reads } = options;
  const found = reads.variants;
  const byId = new Map(found.map((row) => [row.variant.id, row]));
  const missing: FieldError[] = [];
  const lines: PricedLine[] = [];
  input.lines.forEach((line, index) => {
    const row = byId.get(line.variantId);
    if (row?.product.status !== "active") {
      missing.push({ path: `lines.${index}.variantId`, message: "This item is no longer sold here" });
      return;
    }
    lines.push({
      variantId: row.variant.id,
      productId: row.product.id,
      title: row.product.title,
      optionValues: row.variant.optionValues,
      sku: row.variant.sku,
      quantity: line.quantity,
      unitPrice: row.variant.priceAmount,
      isStockTracked: row.variant.stock !== null,
      isTaxable: row.variant.isTaxable,
      weightGrams: row.variant.weightGrams,
      requiresShipping: row.variant.requiresShipping,
    });
  });
  if (missing.length > 0) throw invalid("Some items in the cart are no longer sold", missing);

  // Lines without a weight count as 0 g (decision 033).
  const fulfilment = chooseFulfilment(input.fulfilment, orderWeightGrams(lines), reads.place);
  const discount = chooseDiscount(reads.discounts, input.discountCode, options.now);
  const tax = reads.tax ?? { mode: "none" as const, rateBasisPoints: 0, appliesToFulfilment: false };
  const totals = computeTotals({
    currency: shop.currency,
    lines: lines.map((line) => ({
      key: line.variantId,
      unitPrice: line.unitPrice,
      quantity: line.quantity,
      isTaxable: line.isTaxable,
    })),
    discount: discount
      ? { kind: discount.kind, value: discount.value, minimumSubtotal: discount.minimumSubtotalAmount }
      : null,
    fulfilment: { fee: fulfilment.fee, minimumOrder: fulfilment.minimumOrder, freeOver: fulfilment.freeOver },
    tax: { mode: tax.mode, rate: tax.rateBasisPoints, appliesToFulfilment: tax.appliesToFulfilment },
  });
  if (totals.problems.length > 0) {
    throw invalid(
      "The order does not meet the shop's minimums",
      totals.problems.map((problem) => ({
        path: problem.code === "discount_minimum_not_met" ? "discountCode" : "fulfilment",
        message:
          problem.code === "discount_minimum_not_met"
            ? "This code needs a bigger order"
            : "This way of getting your order needs a bigger order",
      })),
    );
  }
  return {
    lines,
    fulfilment,
    discount: discount ? { id: discount.id, code: discount.code } : null,
    totals,
    taxMode: tax.mode,
  };
}
