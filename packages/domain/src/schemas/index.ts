export * from "./accounts.ts";
export * from "./catalogue.ts";
export * from "./checkout.ts";
export * from "./cohorts.ts";
export * from "./common.ts";
export * from "./settings.ts";
export * from "./shops.ts";
