export { createDb, filePathOf, type Database, type Db, type CreateDbOptions } from "./client.ts";
export { migrate, migrationsFolder } from "./migrate.ts";
export { forShop, type ShopRepositories } from "./repositories/for-shop.ts";
export {
  platform,
  DEFAULT_PLAN,
  type Platform,
  type NewShop,
  type ShopRow,
  type ShopSettingsPatch,
  type UserRow,
  type PlanRow,
} from "./repositories/platform.ts";
export type { MediaWithRenditions, NewMedia, RenditionRow } from "./repositories/media.ts";
export type { Product, NewProduct, ProductPatch } from "./repositories/products.ts";
export { EmptyFilterError } from "./repositories/scope.ts";
export * as schema from "./schema/index.ts";
