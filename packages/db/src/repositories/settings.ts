import { asc } from "drizzle-orm";
import type { Db } from "../client.ts";
import { deliveryAreas, pickupPoints, shippingRates } from "../schema/index.ts";
import { shopFilter } from "./scope.ts";
import { bumpShopVersion } from "./shop-version.ts";

type WithoutShop<T> = Omit<T, "shopId">;

/** How one shop hands over goods: pickup points, local delivery areas, shipping rates. */
export function fulfilmentRepository(db: Db, shopId: string) {
  return {
    async addPickupPoint(point: WithoutShop<typeof pickupPoints.$inferInsert>, now: number) {
      await db.batch([db.insert(pickupPoints).values({ ...point, shopId }), bumpShopVersion(db, shopId, now)]);
    },
    async addDeliveryArea(area: WithoutShop<typeof deliveryAreas.$inferInsert>, now: number) {
      await db.batch([db.insert(deliveryAreas).values({ ...area, shopId }), bumpShopVersion(db, shopId, now)]);
    },
    async addShippingRate(rate: WithoutShop<typeof shippingRates.$inferInsert>, now: number) {
      await db.batch([db.insert(shippingRates).values({ ...rate, shopId }), bumpShopVersion(db, shopId, now)]);
    },
    async pickupPoints() {
      return db
        .select()
        .from(pickupPoints)
        .where(shopFilter(pickupPoints.shopId, shopId))
        .orderBy(asc(pickupPoints.position));
    },
    async deliveryAreas() {
      return db
        .select()
        .from(deliveryAreas)
        .where(shopFilter(deliveryAreas.shopId, shopId))
        .orderBy(asc(deliveryAreas.position));
    },
    async shippingRates() {
      return db
        .select()
        .from(shippingRates)
        .where(shopFilter(shippingRates.shopId, shopId))
        .orderBy(asc(shippingRates.position));
    },
  };
}
