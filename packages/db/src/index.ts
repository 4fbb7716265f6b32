export { type CreateDbOptions, createDb, type Database, type Db, filePathOf } from "./client.ts";
export { migrate, migrationsFolder } from "./migrate.ts";
export { forShop, type ShopRepositories } from "./repositories/for-shop.ts";
export type { MediaWithRenditions, NewMedia, RenditionRow } from "./repositories/media.ts";
export {
  DEFAULT_PLAN,
  type NewShop,
  type PlanRow,
  type Platform,
  platform,
  type ShopRow,
  type ShopSettingsPatch,
  type UserRow,
} from "./repositories/platform.ts";
export type { NewProduct, Product, ProductPatch } from "./repositories/products.ts";
export { EmptyFilterError } from "./repositories/scope.ts";
export * as schema from "./schema/index.ts";
