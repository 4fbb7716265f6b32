import type { Db } from "../client.ts";
import { cartRepository } from "./carts.ts";
import { collectionRepository, pageRepository } from "./content.ts";
import { mediaRepository } from "./media.ts";
import { shopNotificationRepository } from "./notifications.ts";
import { orderRepository } from "./orders.ts";
import { pageWeightRepository } from "./page-weights.ts";
import { photoImportRepository } from "./photo-imports.ts";
import { productRepository, stockRepository } from "./products.ts";
import { settingsRepositories } from "./settings.ts";
import { shopDataRepository } from "./shop-data.ts";

/**
 * The one door to a shop's rows: every repository returned here binds every statement to `shopId`.
 * Apps never query shop tables any other way.
 */
export function forShop(db: Db, shopId: string) {
  if (!shopId) throw new Error("forShop needs a shop id");
  return {
    shopId,
    products: productRepository(db, shopId),
    stock: stockRepository(db, shopId),
    carts: cartRepository(db, shopId),
    orders: orderRepository(db, shopId),
    media: mediaRepository(db, shopId),
    collections: collectionRepository(db, shopId),
    pages: pageRepository(db, shopId),
    notifications: shopNotificationRepository(db, shopId),
    pageWeight: pageWeightRepository(db, shopId),
    photoImports: photoImportRepository(db, shopId),
    ...settingsRepositories(db, shopId),
    /** Raw rows, table by table, for the owner's export. */
    data: shopDataRepository(db, shopId),
  };
}

export type ShopRepositories = ReturnType<typeof forShop>;
