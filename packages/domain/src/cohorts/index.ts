export * from "./age-bands.ts";
export * from "./chart.ts";
export * from "./co2.ts";
export * from "./figures.ts";
export * from "./page-resources.ts";
export * from "./templates.ts";
