export * from "./holiday.ts";
export * from "./order-state.ts";
export * from "./totals.ts";
