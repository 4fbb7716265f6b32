export * from "./platform.ts";
export * from "./catalogue.ts";
export * from "./settings.ts";
export * from "./commerce.ts";
