import { eq } from "drizzle-orm";
import type { Db } from "../client.ts";
import { deliveryAreas, discountCodes, pickupPoints, shippingRates, taxSettings } from "../schema/index.ts";
import { shopFilter } from "./scope.ts";
import { shopTableRepository } from "./shop-table.ts";
import { bumpShopVersion } from "./shop-version.ts";

export type TaxSettingsRow = typeof taxSettings.$inferSelect;

/** How one shop hands over goods and charges for them. */
export function settingsRepositories(db: Db, shopId: string) {
  return {
    pickupPoints: shopTableRepository(db, shopId, pickupPoints, {
      name: "pickup_points",
      orderBy: pickupPoints.position,
    }),
    deliveryAreas: shopTableRepository(db, shopId, deliveryAreas, {
      name: "delivery_areas",
      orderBy: deliveryAreas.position,
    }),
    shippingRates: shopTableRepository(db, shopId, shippingRates, {
      name: "shipping_rates",
      orderBy: shippingRates.position,
    }),
    // Discount codes are not shown to shoppers until typed at checkout: no version bump.
    discountCodes: shopTableRepository(db, shopId, discountCodes, { name: "discount_codes", bumpsVersion: false }),
    tax: {
      async get(): Promise<TaxSettingsRow | undefined> {
        const [row] = await db.select().from(taxSettings).where(shopFilter(taxSettings.shopId, shopId));
        return row;
      },
      /** Sets the shop's one tax row (created with the shop). */
      async set(
        values: Pick<TaxSettingsRow, "mode" | "rateBasisPoints"> &
          Partial<Pick<TaxSettingsRow, "label" | "appliesToFulfilment">>,
        now: number,
      ): Promise<TaxSettingsRow | undefined> {
        const [rows] = await db.batch([
          db
            .update(taxSettings)
            .set({ ...values, updatedAt: now })
            .where(eq(taxSettings.shopId, shopId))
            .returning(),
          bumpShopVersion(db, shopId, now),
        ]);
        return rows[0];
      },
    },
  };
}
