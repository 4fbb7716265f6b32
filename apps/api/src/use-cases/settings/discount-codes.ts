import { type DiscountCodeInput, DomainError, type UpdateDiscountCodeInput } from "@stall/domain";
import type { ResourceHandlers } from "../resource-handlers.ts";

type Row = NonNullable<Awaited<ReturnType<import("@stall/db").ShopRepositories["discountCodes"]["get"]>>>;

export function toDiscountCode(row: Row) {
  return {
    id: row.id,
    code: row.code,
    kind: row.kind,
    value: row.value,
    currency: row.currency,
    minimumSubtotal: row.minimumSubtotalAmount,
    startsAt: row.startsAt,
    endsAt: row.endsAt,
    usageLimit: row.usageLimit,
    usageCount: row.usageCount,
    isActive: row.isActive,
  };
}

function toColumns(input: UpdateDiscountCodeInput) {
  return {
    ...(input.code !== undefined ? { code: input.code } : {}),
    ...(input.kind !== undefined ? { kind: input.kind } : {}),
    ...(input.value !== undefined ? { value: input.value } : {}),
    ...(input.minimumSubtotal !== undefined ? { minimumSubtotalAmount: input.minimumSubtotal } : {}),
    ...(input.startsAt !== undefined ? { startsAt: input.startsAt } : {}),
    ...(input.endsAt !== undefined ? { endsAt: input.endsAt } : {}),
    ...(input.usageLimit !== undefined ? { usageLimit: input.usageLimit } : {}),
    ...(input.isActive !== undefined ? { isActive: input.isActive } : {}),
  };
}

const codeTaken = (code: string) =>
  new DomainError("conflict", `The code ${code} already exists in this shop`, {
    errors: [{ path: "code", message: "Already exists" }],
  });

export const discountCodeHandlers: ResourceHandlers<
  DiscountCodeInput,
  UpdateDiscountCodeInput,
  ReturnType<typeof toDiscountCode>
> = {
  list: async (_deps, access) => (await access.repos.discountCodes.list()).map(toDiscountCode),
  get: async (_deps, access, id) => {
    const row = await access.repos.discountCodes.get(id);
    return row && toDiscountCode(row);
  },
  create: async (deps, access, input) => {
    const repo = access.repos.discountCodes;
    if ((await repo.list()).some((row) => row.code === input.code)) throw codeTaken(input.code);
    const now = deps.clock.now();
    try {
      const row = await repo.create(
        {
          id: deps.newId("discount"),
          code: input.code,
          kind: input.kind,
          value: input.value,
          ...toColumns(input),
          currency: access.shop.currency,
          createdAt: now,
          updatedAt: now,
        },
        now,
      );
      return toDiscountCode(row);
    } catch (error) {
      if ((await repo.list()).some((row) => row.code === input.code)) throw codeTaken(input.code);
      throw error;
    }
  },
  update: async (deps, access, id, patch) => {
    const repo = access.repos.discountCodes;
    const current = await repo.get(id);
    if (!current) return undefined;
    const merged = { kind: patch.kind ?? current.kind, value: patch.value ?? current.value };
    if (merged.kind === "percent" && merged.value > 10_000) {
      throw new DomainError("validation_failed", "A percentage is at most 10000 basis points (100%)", {
        errors: [{ path: "value", message: "At most 10000" }],
      });
    }
    if (
      patch.code !== undefined &&
      patch.code !== current.code &&
      (await repo.list()).some((row) => row.code === patch.code)
    ) {
      throw codeTaken(patch.code);
    }
    const row = await repo.update(id, toColumns(patch), deps.clock.now());
    return row && toDiscountCode(row);
  },
  remove: (deps, access, id) => access.repos.discountCodes.delete(id, deps.clock.now()),
};
