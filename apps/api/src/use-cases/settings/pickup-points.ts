import type { PickupPointInput } from "@stall/domain";
import type { ResourceHandlers } from "../resource-handlers.ts";

type Row = NonNullable<Awaited<ReturnType<import("@stall/db").ShopRepositories["pickupPoints"]["get"]>>>;

export function toPickupPoint(row: Row) {
  return {
    id: row.id,
    name: row.name,
    address: row.address,
    hours: row.hours,
    instructions: row.instructions,
    isActive: row.isActive,
    position: row.position,
  };
}

export const pickupPointHandlers: ResourceHandlers<
  PickupPointInput,
  Partial<PickupPointInput>,
  ReturnType<typeof toPickupPoint>
> = {
  list: async (_deps, access) => (await access.repos.pickupPoints.list()).map(toPickupPoint),
  get: async (_deps, access, id) => {
    const row = await access.repos.pickupPoints.get(id);
    return row && toPickupPoint(row);
  },
  create: async (deps, access, input) => {
    const now = deps.clock.now();
    const row = await access.repos.pickupPoints.create(
      {
        id: deps.newId("pickupPoint"),
        name: input.name,
        address: input.address,
        hours: input.hours ?? [],
        instructions: input.instructions ?? "",
        isActive: input.isActive ?? true,
        position: (await access.repos.pickupPoints.list()).length,
        createdAt: now,
        updatedAt: now,
      },
      now,
    );
    return toPickupPoint(row);
  },
  update: async (deps, access, id, patch) => {
    const row = await access.repos.pickupPoints.update(id, patch, deps.clock.now());
    return row && toPickupPoint(row);
  },
  remove: (deps, access, id) => access.repos.pickupPoints.delete(id, deps.clock.now()),
};
