// The published document passes Redocly's recommended rules with no errors, so real tools (docs
// generators, other languages' client generators, gateways) can use it as it is.
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const redocly = fileURLToPath(new URL("./bin/cli.js", import.meta.resolve("@redocly/cli/package.json")));

describe("the OpenAPI document", () => {
  it("passes `redocly lint --extends recommended` with no errors", () => {
    const document = fileURLToPath(new URL("../src/openapi.json", import.meta.url));
    const lint = spawnSync(
      process.execPath,
      [redocly, "lint", "--extends", "recommended", "--format", "json", document],
      {
        encoding: "utf8",
        env: { ...process.env, REDOCLY_TELEMETRY: "off", REDOCLY_SUPPRESS_UPDATE_NOTICE: "true" },
      },
    );
    const report = JSON.parse(lint.stdout) as {
      totals: { errors: number };
      problems: { ruleId: string; severity: string; message: string }[];
    };
    expect(report.problems.filter((problem) => problem.severity === "error")).toEqual([]);
    expect(report.totals.errors).toBe(0);
    expect(lint.status).toBe(0);
  }, 60_000);
});
