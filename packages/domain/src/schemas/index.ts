export * from "./accounts.ts";
export * from "./catalogue.ts";
export * from "./checkout.ts";
export * from "./common.ts";
export * from "./operators.ts";
export * from "./plans.ts";
export * from "./settings.ts";
export * from "./shops.ts";
