import { DomainError, type ShippingRateInput } from "@stall/domain";
import type { ResourceHandlers } from "../resource-handlers.ts";

type Row = NonNullable<Awaited<ReturnType<import("@stall/db").ShopRepositories["shippingRates"]["get"]>>>;

export function toShippingRate(row: Row) {
  return {
    id: row.id,
    name: row.name,
    countries: row.countries,
    price: row.priceAmount,
    freeOver: row.freeOverAmount,
    currency: row.currency,
    minDays: row.minDays,
    maxDays: row.maxDays,
    isActive: row.isActive,
    position: row.position,
    minWeightGrams: row.minWeightGrams,
    maxWeightGrams: row.maxWeightGrams,
  };
}

function toColumns(input: Partial<ShippingRateInput>, current?: Row) {
  const minWeight = input.minWeightGrams !== undefined ? input.minWeightGrams : (current?.minWeightGrams ?? null);
  const maxWeight = input.maxWeightGrams !== undefined ? input.maxWeightGrams : (current?.maxWeightGrams ?? null);
  if (minWeight !== null && maxWeight !== null && maxWeight < minWeight) {
    throw new DomainError("validation_failed", "The heaviest parcel cannot weigh less than the lightest", {
      errors: [{ path: "maxWeightGrams", message: "Must be at least minWeightGrams" }],
    });
  }
  if (input.minDays != null && input.maxDays != null && input.maxDays < input.minDays) {
    throw new DomainError("validation_failed", "The slowest delivery cannot be quicker than the fastest", {
      errors: [{ path: "maxDays", message: "Must be at least minDays" }],
    });
  }
  return {
    ...(input.name !== undefined ? { name: input.name } : {}),
    ...(input.countries !== undefined ? { countries: [...new Set(input.countries)] } : {}),
    ...(input.price !== undefined ? { priceAmount: input.price } : {}),
    ...(input.freeOver !== undefined ? { freeOverAmount: input.freeOver } : {}),
    ...(input.minDays !== undefined ? { minDays: input.minDays } : {}),
    ...(input.maxDays !== undefined ? { maxDays: input.maxDays } : {}),
    ...(input.isActive !== undefined ? { isActive: input.isActive } : {}),
    ...(input.minWeightGrams !== undefined ? { minWeightGrams: input.minWeightGrams } : {}),
    ...(input.maxWeightGrams !== undefined ? { maxWeightGrams: input.maxWeightGrams } : {}),
  };
}

export const shippingRateHandlers: ResourceHandlers<
  ShippingRateInput,
  Partial<ShippingRateInput>,
  ReturnType<typeof toShippingRate>
> = {
  list: async (_deps, access) => (await access.repos.shippingRates.list()).map(toShippingRate),
  get: async (_deps, access, id) => {
    const row = await access.repos.shippingRates.get(id);
    return row && toShippingRate(row);
  },
  create: async (deps, access, input) => {
    const now = deps.clock.now();
    const row = await access.repos.shippingRates.create(
      {
        id: deps.newId("shippingRate"),
        name: input.name,
        countries: input.countries,
        priceAmount: input.price,
        ...toColumns(input),
        currency: access.shop.currency,
        position: (await access.repos.shippingRates.list()).length,
        createdAt: now,
        updatedAt: now,
      },
      now,
    );
    return toShippingRate(row);
  },
  update: async (deps, access, id, patch) => {
    const current = await access.repos.shippingRates.get(id);
    if (!current) return undefined;
    const row = await access.repos.shippingRates.update(id, toColumns(patch, current), deps.clock.now());
    return row && toShippingRate(row);
  },
  remove: (deps, access, id) => access.repos.shippingRates.delete(id, deps.clock.now()),
};
