export * from "./clock.ts";
export * from "./constants.ts";
export * from "./errors.ts";
export * from "./ids.ts";
export * from "./markdown.ts";
export * from "./money.ts";
export * from "./schemas/index.ts";
export * from "./slugify.ts";
