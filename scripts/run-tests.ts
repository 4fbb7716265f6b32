// `npm test` (unit) and `npm run test:e2e` (browser): run the suites through turbo, each package
// writing a JSON report, then print one closing line: "N passed, N failed".
//   node scripts/run-tests.ts unit|e2e|cluster   run a suite (cluster: `npm run test:cluster`, needs nginx)
//   node scripts/run-tests.ts checks        run `npm run typecheck` and `npm run lint`, one result each
//   node scripts/run-tests.ts summary a b   print the totals of suites already run (checks included)
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { basename, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const reports = join(root, ".reports");

type Totals = { passed: number; failed: number; skipped: number };

type Report = {
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  numTodoTests: number;
  numFailedTestSuites: number;
  testResults?: {
    name: string;
    status: string;
    message?: string;
    assertionResults?: { fullName: string; status: string; failureMessages?: string[] }[];
  }[];
};

/** What failed, a line or two each, so the end of a long CI log says which test and why. */
const failures: string[] = [];

function firstLines(text: string, count: number): string {
  return text
    .split("\n")
    .map((line) => line.trim())
    .filter(Boolean)
    .slice(0, count)
    .join(" | ");
}

function noteFailures(suite: string, report: Report): void {
  for (const file of report.testResults ?? []) {
    const where = `${suite}: ${file.name.replace(root, "")}`;
    const failed = (file.assertionResults ?? []).filter((result) => result.status === "failed");
    for (const result of failed) {
      failures.push(`${where} > ${result.fullName}\n    ${firstLines((result.failureMessages ?? []).join("\n"), 3)}`);
    }
    if (failed.length === 0 && file.status === "failed") {
      failures.push(`${where} (the file failed to run)\n    ${firstLines(file.message ?? "", 3)}`);
    }
  }
}

/** Each suite and the turbo task every workspace that has it runs. */
const TASKS: Record<string, string> = { unit: "test", e2e: "test:e2e", cluster: "test:cluster" };

/** Workspaces that define the suite's script: each must leave a report, or it counts as a failure. */
function expectedReports(suite: string): string[] {
  const task = TASKS[suite] ?? "test";
  const { workspaces } = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { workspaces: string[] };
  const dirs = workspaces.flatMap((pattern) =>
    pattern.endsWith("/*")
      ? readdirSync(join(root, pattern.slice(0, -2))).map((name) => join(pattern.slice(0, -2), name))
      : [pattern],
  );
  return dirs.filter((dir) => {
    const file = join(root, dir, "package.json");
    if (!existsSync(file)) return false;
    const scripts = (JSON.parse(readFileSync(file, "utf8")) as { scripts?: Record<string, string> }).scripts ?? {};
    return task in scripts;
  });
}

const CHECKS = ["typecheck", "lint"] as const;

function readTotals(suite: string): Totals {
  const dir = join(reports, suite);
  const totals: Totals = { passed: 0, failed: 0, skipped: 0 };
  if (suite === "checks") {
    // Each check is one result; a check that never ran is a failure, like a missing test report.
    const file = join(dir, "checks.json");
    const results = existsSync(file) ? (JSON.parse(readFileSync(file, "utf8")) as Record<string, boolean>) : {};
    for (const check of CHECKS) {
      if (results[check]) totals.passed += 1;
      else totals.failed += 1;
    }
    return totals;
  }
  if (!existsSync(dir)) return { ...totals, failed: 1 };
  for (const workspace of expectedReports(suite)) {
    if (!existsSync(join(dir, `${basename(workspace)}.json`))) {
      failures.push(`${suite}: ${workspace} left no test report (did its tests run?); counted as a failure`);
      totals.failed += 1;
    }
  }
  for (const file of readdirSync(dir)) {
    if (!file.endsWith(".json") || file === "summary.json") continue;
    const report = JSON.parse(readFileSync(join(dir, file), "utf8")) as Report;
    noteFailures(suite, report);
    totals.passed += report.numPassedTests;
    // A test file that fails to load has no failed test of its own; count it once.
    totals.failed += report.numFailedTests + (report.numFailedTests === 0 ? report.numFailedTestSuites : 0);
    totals.skipped += report.numPendingTests + report.numTodoTests;
  }
  const summary = join(dir, "summary.json");
  if (existsSync(summary)) {
    const { exitCode } = JSON.parse(readFileSync(summary, "utf8")) as { exitCode: number };
    // Turbo failed outside any test (a build, a crash): never report that as green.
    if (exitCode !== 0 && totals.failed === 0) totals.failed = 1;
  }
  return totals;
}

/** Writes what failed (if anything), then the totals line. */
function report(label: string, totals: Totals): void {
  if (failures.length) process.stdout.write(`\nWhat failed:\n${failures.map((item) => `  ${item}`).join("\n")}\n`);
  process.stdout.write(`\n${label}${line(totals)}\n`);
}

function line(totals: Totals): string {
  return `${totals.passed} passed, ${totals.failed} failed${totals.skipped ? `, ${totals.skipped} skipped` : ""}`;
}

const [command = "unit", ...rest] = process.argv.slice(2);

if (command === "summary") {
  const suites = rest.length ? rest : ["unit", "e2e"];
  const totals = suites.map(readTotals).reduce(
    (sum, next) => ({
      passed: sum.passed + next.passed,
      failed: sum.failed + next.failed,
      skipped: sum.skipped + next.skipped,
    }),
    { passed: 0, failed: 0, skipped: 0 },
  );
  report("", totals);
  process.exit(totals.failed > 0 ? 1 : 0);
}

if (command === "checks") {
  const dir = join(reports, "checks");
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const results: Record<string, boolean> = {};
  for (const check of CHECKS) {
    const run = spawnSync("npm", ["run", check], { cwd: root, stdio: "inherit", env: process.env });
    results[check] = run.status === 0;
    process.stdout.write(`\n${check}: ${results[check] ? "passed" : "FAILED"}\n`);
  }
  writeFileSync(join(dir, "checks.json"), JSON.stringify(results));
  const totals = readTotals("checks");
  process.stdout.write(`\nchecks: ${line(totals)}\n`);
  process.exit(totals.failed > 0 ? 1 : 0);
}

const task = TASKS[command];
if (!task) {
  process.stderr.write(`Unknown suite "${command}"; use unit, e2e, cluster, checks or summary\n`);
  process.exit(2);
}
const dir = join(reports, command);
rmSync(dir, { recursive: true, force: true });
mkdirSync(dir, { recursive: true });
const turbo = spawnSync(
  "npx",
  [
    "turbo",
    "run",
    task,
    "--output-logs=new-only",
    "--log-order=grouped",
    // Every package runs even when one fails, so the totals count every test, not the first failure.
    "--continue",
    ...(command === "unit" ? ["--concurrency=2"] : []),
  ],
  {
    cwd: root,
    stdio: "inherit",
    env: { ...process.env, STALL_REPORT_DIR: dir, ASTRO_TELEMETRY_DISABLED: "1", TURBO_TELEMETRY_DISABLED: "1" },
  },
);
const exitCode = turbo.status ?? 1;
writeFileSync(join(dir, "summary.json"), JSON.stringify({ exitCode }));
const totals = readTotals(command);
report(`${command}: `, totals);
process.exit(exitCode !== 0 || totals.failed > 0 ? 1 : 0);
