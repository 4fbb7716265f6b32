// The vitest settings every workspace shares. When STALL_REPORT_DIR is set (by scripts/run-tests.ts),
// each package also writes a JSON report there so CI can print one total.
import { basename, join } from "node:path";
import { fileURLToPath } from "node:url";
import { defineConfig, type ViteUserConfig } from "vitest/config";

const setupFile = fileURLToPath(new URL("./vitest.setup.ts", import.meta.url));

export function defineStallConfig(packageDir: string, test: NonNullable<ViteUserConfig["test"]> = {}) {
  const reportDir = process.env.STALL_REPORT_DIR;
  const name = basename(packageDir);
  return defineConfig({
    test: {
      include: ["src/**/*.test.ts", "test/**/*.test.ts"],
      setupFiles: [setupFile],
      // A worker's test files share its modules (decision 061). Each file makes its own app, database, servers
      // and browser, so nothing a test reads is left by another file; importing the API afresh for each of its
      // 70 files was a third of its suite's time.
      isolate: false,
      testTimeout: 30_000,
      hookTimeout: 60_000,
      reporters: reportDir ? ["default", ["json", { outputFile: join(reportDir, `${name}.json`) }]] : ["default"],
      ...test,
    },
  });
}
