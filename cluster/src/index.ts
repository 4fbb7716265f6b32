export { type BuyersResult, type Placement, placeOrder, startBuyers } from "./buyers.ts";
export { type Cluster, LIMITS_OFF, root, startCluster } from "./cluster.ts";
export { type CrashLoopResult, crashLoop } from "./crash-loop.ts";
export {
  checkDeliveries,
  checkOrders,
  type DeliveryCheck,
  type OrderCheck,
  orderCheckRow,
  watchMailWrites,
} from "./order-checks.ts";
export { getPage, type Page } from "./pages.ts";
export { call, type SeededShop, seedShop } from "./shop.ts";
