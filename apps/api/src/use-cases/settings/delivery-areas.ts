import type { DeliveryAreaInput } from "@stall/domain";
import type { ResourceHandlers } from "../resource-handlers.ts";

type Row = NonNullable<Awaited<ReturnType<import("@stall/db").ShopRepositories["deliveryAreas"]["get"]>>>;

export function toDeliveryArea(row: Row) {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    postcodes: row.postcodes,
    fee: row.feeAmount,
    minimumOrder: row.minimumOrderAmount,
    freeOver: row.freeOverAmount,
    currency: row.currency,
    deliveryDays: row.deliveryDays,
    isActive: row.isActive,
    position: row.position,
  };
}

function toColumns(input: Partial<DeliveryAreaInput>) {
  return {
    ...(input.name !== undefined ? { name: input.name } : {}),
    ...(input.description !== undefined ? { description: input.description } : {}),
    ...(input.postcodes !== undefined ? { postcodes: input.postcodes } : {}),
    ...(input.fee !== undefined ? { feeAmount: input.fee } : {}),
    ...(input.minimumOrder !== undefined ? { minimumOrderAmount: input.minimumOrder } : {}),
    ...(input.freeOver !== undefined ? { freeOverAmount: input.freeOver } : {}),
    ...(input.deliveryDays !== undefined ? { deliveryDays: [...new Set(input.deliveryDays)].sort() } : {}),
    ...(input.isActive !== undefined ? { isActive: input.isActive } : {}),
  };
}

export const deliveryAreaHandlers: ResourceHandlers<
  DeliveryAreaInput,
  Partial<DeliveryAreaInput>,
  ReturnType<typeof toDeliveryArea>
> = {
  list: async (_deps, access) => (await access.repos.deliveryAreas.list()).map(toDeliveryArea),
  get: async (_deps, access, id) => {
    const row = await access.repos.deliveryAreas.get(id);
    return row && toDeliveryArea(row);
  },
  create: async (deps, access, input) => {
    const now = deps.clock.now();
    const row = await access.repos.deliveryAreas.create(
      {
        id: deps.newId("deliveryArea"),
        feeAmount: input.fee,
        name: input.name,
        ...toColumns(input),
        currency: access.shop.currency,
        position: (await access.repos.deliveryAreas.list()).length,
        createdAt: now,
        updatedAt: now,
      },
      now,
    );
    return toDeliveryArea(row);
  },
  update: async (deps, access, id, patch) => {
    const row = await access.repos.deliveryAreas.update(id, toColumns(patch), deps.clock.now());
    return row && toDeliveryArea(row);
  },
  remove: (deps, access, id) => access.repos.deliveryAreas.delete(id, deps.clock.now()),
};
