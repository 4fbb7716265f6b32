// What tools outside the API process (npm start, npm run reconcile, the demo seed, benchmarks) need to
// put the API's parts together the way the server does: `@stall/api/boot`.
export { createJsonLogger, type Logger } from "../http/logger.ts";
export { openPods } from "../pods/open-pods.ts";
export { createDeps, createHasher, createMediaStore } from "./create-deps.ts";
