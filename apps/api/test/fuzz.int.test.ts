// Fuzzing (issue 14): 1,000 random and mutated requests to every route of the API's `/openapi.json`, with
// a fixed seed so a failure here fails again the same way. Never a 500, every refusal problem+json and as
// the document says, and nothing written by a refused request (test/fuzz/run-fuzz.ts). `npm run bench`
// runs 10,000 with a new seed each time (bench/fuzz.ts).
import { expect, test } from "vitest";
import { runFuzz } from "./fuzz/run-fuzz.ts";

const SEED = 14_2026;
const RUNS = Number(process.env.FUZZ_RUNS ?? 1_000);

test("1,000 fuzzed requests across every route: no 500, problem+json refusals, no write by a refusal", async () => {
  const result = await runFuzz({ seed: SEED, runs: RUNS });
  if (result.failure) {
    throw new Error(`${result.failure.message}\n\n${result.failure.counterexample}`);
  }
  expect(result.runs).toBe(RUNS);
  // Every operation of the document was called.
  const unreached = [...result.counts].filter(([, classes]) => Object.keys(classes).length === 0);
  expect(unreached.map(([label]) => label)).toEqual([]);
}, 180_000);
