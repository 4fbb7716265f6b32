import { defineStallConfig } from "../vitest.shared.ts";

export default defineStallConfig(import.meta.dirname, {
  include: ["tests/**/*.e2e.test.ts"],
  globalSetup: ["src/global-setup.ts"],
  testTimeout: 60_000,
  // Two test files at a time against the one stack, each with its own browser: on a 2-core machine vitest
  // would run one (its default is a core less than the machine has), and much of an end-to-end test's time
  // is spent waiting on the stack (decision 060).
  maxWorkers: 2,
  hookTimeout: 150_000,
});
