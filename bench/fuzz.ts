// Fuzzing, the full run (issue 14): the property `npm test` checks with 1,000 requests and a fixed seed
// (apps/api/test/fuzz.int.test.ts), here with 10,000 and a new seed each run, so every run explores new
// requests; a failure prints its seed, and `BENCH_FUZZ_SEED=<seed>` replays it. Failures do not stop the
// run: each kind (route and problem) is listed once with the request that showed it.
//
// `npx node bench/fuzz.ts` prints the tables. BENCH_FUZZ_RUNS sets the number of requests (default
// 10,000), BENCH_FUZZ_SEED the seed (default: random, printed).
import { randomInt } from "node:crypto";
import { runFuzz } from "@stall/api/fuzz";
import { table } from "./lib/stats.ts";

const CLASSES = ["2xx", "3xx", "4xx", "5xx"] as const;

export async function benchFuzz() {
  const runs = Number(process.env.BENCH_FUZZ_RUNS ?? 10_000);
  const seed = process.env.BENCH_FUZZ_SEED ? Number(process.env.BENCH_FUZZ_SEED) : randomInt(2 ** 31);
  const result = await runFuzz({ seed, runs, keepGoing: true });
  const routes: Record<string, string | number>[] = [...result.counts].map(([route, classes]) => ({
    route,
    requests: CLASSES.reduce((sum, statusClass) => sum + (classes[statusClass] ?? 0), 0),
    ...Object.fromEntries(CLASSES.map((statusClass) => [statusClass, classes[statusClass] ?? 0])),
  }));
  const seconds = result.durationMs / 1000;
  const summary = [
    {
      seed,
      requests: result.runs,
      "time (s)": seconds.toFixed(1),
      "requests/s": Math.round(result.runs / seconds),
      ...Object.fromEntries(
        CLASSES.map((statusClass) => [statusClass, routes.reduce((sum, row) => sum + Number(row[statusClass]), 0)]),
      ),
      "world repairs": result.repairs,
      failures: result.failures.length,
    },
  ];
  const failures = result.failures.map((failure) => `- ${failure.request}`).join("\n");
  return { summary, routes, failures };
}

/** The tables as `npm run bench` prints them. */
export function fuzzReport(result: Awaited<ReturnType<typeof benchFuzz>>): string {
  return [
    table(result.summary),
    table(result.routes),
    result.failures
      ? `Failures (replay with BENCH_FUZZ_SEED=${result.summary[0]?.seed}):\n${result.failures}`
      : "No failures.",
  ].join("\n\n");
}

if (import.meta.main) {
  process.stdout.write(`${fuzzReport(await benchFuzz())}\n`);
}
