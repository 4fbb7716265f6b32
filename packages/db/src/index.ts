export {
  BackupError,
  type BackupReport,
  backupDatabase,
  checkDatabaseFile,
  isDatabaseInUse,
  type RestoreReport,
  restoreDatabase,
  type TableCount,
} from "./backup.ts";
export {
  boundWriters,
  type CreateDbOptions,
  createDb,
  type Database,
  type Db,
  DEFAULT_MAX_WRITERS,
  filePathOf,
} from "./client.ts";
export {
  errorChain,
  isDatabaseBusy,
  isDatabaseUnreachable,
  isForeignKeyViolation,
  isShopMoving,
  isUniqueViolation,
} from "./errors.ts";
export { createGroupedCall, type GroupedCallOptions } from "./grouped-call.ts";
export type { KeptStreamCounts } from "./kept-streams.ts";
export { migrate, migrationsFolder, pendingMigrations } from "./migrate.ts";
export type { AttemptPolicy, SessionRow, ThrottlePolicy } from "./repositories/accounts.ts";
export type { Cart, CartLineRow } from "./repositories/carts.ts";
export type { CohortRow } from "./repositories/cohorts.ts";
export type { Collection, CollectionRow, PageRow } from "./repositories/content.ts";
export { forShop, type ShopRepositories } from "./repositories/for-shop.ts";
export {
  type JobLease,
  type JobLeaseRepository,
  type JobLeaseRow,
  jobLeaseRepository,
} from "./repositories/job-leases.ts";
export {
  type AvifJob,
  avifQueue,
  type MediaWithRenditions,
  type NewMedia,
  type RenditionRow,
} from "./repositories/media.ts";
export type { AuditFilter, AuditListing, AuditRow, DomainRow, InviteRow } from "./repositories/members.ts";
export {
  type NewNotification,
  type NotificationRepository,
  type NotificationRow,
  notificationRepository,
  type UndeliveredNotification,
} from "./repositories/notifications.ts";
/** The statements that place an order (what `orders.place` writes), for the checkout bench's raw baseline. */
export { orderBatch } from "./repositories/order-batch.ts";
export type {
  NewOrder,
  Order,
  OrderChange,
  OrderEventRow,
  OrderLineRow,
  OrderRow,
  PaymentRow,
  RefundRow,
} from "./repositories/orders.ts";
export type { PageWeightRow } from "./repositories/page-weights.ts";
export {
  type ClaimLimits,
  type NewPhotoImportItem,
  type PhotoCounts,
  type PhotoImportItemRow,
  type PhotoImportRepository,
  type PhotoImportSummary,
  photoImportQueue,
} from "./repositories/photo-imports.ts";
export {
  DEFAULT_PLAN,
  type NewShop,
  type PlanRow,
  type Platform,
  platform,
  type ShopRow,
  type ShopSearch,
  type ShopSettingsPatch,
  type UserRow,
} from "./repositories/platform.ts";
export {
  bumpHomeVersionStatement,
  copyShopRows,
  deleteShopRowsStatements,
  digestShopRows,
  HOME_ONLY_TABLES,
  HOME_POD,
  movingTables,
  type PodCounters,
  placeShopRowStatements,
  podCounters,
  podDirectory,
  podFenceRepository,
  purgeShopFromPod,
  rawShopRow,
  removeShopRowStatement,
  runAtomically,
  type ShopPodRow,
  type TableDigest,
  takeCountersHomeStatement,
} from "./repositories/pods.ts";
export type {
  NewProduct,
  Product,
  ProductChange,
  ProductPatch,
  ProductVariantRow,
  VariantValues,
} from "./repositories/products.ts";
export type { QueueBacklog } from "./repositories/queue-backlog.ts";
export { EmptyFilterError } from "./repositories/scope.ts";
export type { TaxSettingsRow } from "./repositories/settings.ts";
export {
  listShopTables,
  type PurgeResult,
  purgeShop,
  type RawRow,
  type ShopTable,
  unsharedStorageKeys,
} from "./repositories/shop-data.ts";
export { PHOTO_FAILURES, type PhotoFailure } from "./schema/imports.ts";
export * as schema from "./schema/index.ts";
export { NOTIFICATION_FAILURES, type NotificationFailure } from "./schema/platform.ts";
export { STATEMENTS_PER_CONNECTION, statementCacheFigures } from "./statement-cache.ts";
