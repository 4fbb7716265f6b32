// The demo shop Stall starts with (`npm start`): a real-looking catalogue with photos drawn by code.
export { type Prepared, prepareDatabase } from "./prepare-database.ts";
export { DEMO_OWNER, type SeedDeps, seedDemoShop } from "./seed-demo-shop.ts";
