export * from "./catalogue.ts";
export * from "./commerce.ts";
export * from "./imports.ts";
export * from "./measurements.ts";
export * from "./platform.ts";
export * from "./settings.ts";
