import { defineStallConfig } from "../vitest.shared.ts";

export default defineStallConfig(import.meta.dirname, {
  include: ["tests/**/*.e2e.test.ts"],
  globalSetup: ["src/global-setup.ts"],
  testTimeout: 60_000,
  hookTimeout: 150_000,
});
