// `npm run bench`: issue 13's goals first, each against its baseline measured in the same run, then
// the fuzz run (10,000 requests, bench/fuzz.ts), then every other benchmark, one after the other, printed
// as tables. `BENCH_ONLY=goals` stops after the goals.
import { cpus, loadavg, totalmem } from "node:os";
import { benchApi } from "./api.ts";
import { benchApiPause } from "./api-pause.ts";
import { benchCheckout } from "./checkout.ts";
import { benchCsvImport } from "./csv-import.ts";
import { benchDashboard } from "./dashboard.ts";
import { benchDbWrites } from "./db-writes.ts";
import { benchFairness } from "./fairness.ts";
import { benchFlashSale } from "./flash-sale.ts";
import { benchFuzz, fuzzReport } from "./fuzz.ts";
import { type GoalRow, goalTable } from "./lib/goals.ts";
import { table } from "./lib/stats.ts";
import { benchMedia } from "./media.ts";
import { benchMemory } from "./memory.ts";
import { benchPasswordLoad } from "./password-load.ts";
import { benchPhotoImport } from "./photo-import.ts";
import { benchSnapshot } from "./snapshot.ts";
import { benchStorefront } from "./storefront.ts";
import { benchUpload } from "./upload.ts";
import { benchWarmPages } from "./warm-pages.ts";

const out = (text: string) => process.stdout.write(text);
const load = () => (loadavg()[0] ?? 0).toFixed(1);
const machine = `${cpus().length} x ${cpus()[0]?.model.trim()}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
out(`Stall benchmarks, ${new Date().toISOString()}\nMachine: ${machine}, load average ${load()} at the start\n\n`);

// Issue 13: each part prints its details as it finishes; the goals come together at the end of the part.
const goals: GoalRow[] = [];
const part = async <T extends { goals: GoalRow[] }>(
  title: string,
  run: () => Promise<T>,
  print: (result: T) => string,
) => {
  const started = performance.now();
  const result = await run();
  goals.push(...result.goals);
  out(`## ${title} (${Math.round((performance.now() - started) / 1000)} s, load ${load()})\n${print(result)}\n\n`);
  return result;
};
await part("Checkout: orders per second", benchCheckout, (result) => table(result.details));
await part("Warm product page against nginx, same bytes", benchWarmPages, (result) =>
  Object.values(result.details)
    .map((rows) => table(rows))
    .join("\n\n"),
);
const snapshot = await part("API snapshot under load", benchSnapshot, (result) =>
  [table(result.builds), table(result.http)].join("\n\n"),
);
await part("Memory with 10,000 shops", benchMemory, (result) =>
  Object.values(result.details)
    .map((rows) => table(rows))
    .join("\n\n"),
);
await part("A 12 MP photo upload", benchUpload, (result) =>
  Object.values(result.details)
    .map((rows) => table(rows))
    .join("\n\n"),
);
out(`## Issue 13's goals, all from this run\n${table(goalTable(goals))}\n\n`);
if (process.env.BENCH_ONLY === "goals") process.exit(0);

out(`## Fuzzing: random and mutated requests to every route (issue 14)\n${fuzzReport(await benchFuzz())}\n\n`);

out(`## Database writes (50 concurrent)\n${table(await benchDbWrites())}\n\n`);
out(`## API over HTTP (50 connections)\n${table(await benchApi())}\n\n`);
const csvImport = await benchCsvImport();
out(`## Products CSV import (Shopify export)\n${table(csvImport.http)}\n\n${table(csvImport.writes)}\n\n`);
out(`## Photo files during password hashing\n${table(await benchPasswordLoad())}\n\n`);
const media = await benchMedia();
out(`## Media pipeline (12 MP phone photo)\n${table(media.summary)}\n\n${table(media.renditions)}\n\n`);
out(`## Storefront snapshot builds\n${table(snapshot.builds)}\n\n`);
const storefront = await benchStorefront();
out(
  `## Storefront\n${table(storefront.budgets)}\n\n${table(storefront.lighthouse)}\n\n${table(storefront.throughput)}\n\n${table(storefront.cold)}\n\n`,
);
const fairness = await benchFairness();
out(`## Fairness: shop B during shop A's flash sale\n${table(fairness.latency)}\n\n${table(fairness.shopA)}\n\n`);
const flashSale = await benchFlashSale();
out(
  `## Flash sale on shop A's checkout, shop B measured (logs and metrics on)\n${table(flashSale.b)}\n\n${table(flashSale.a)}\n\n${table(flashSale.metrics)}\n\n`,
);
out(`## A busy shop's page while the API is paused (decision 053)\n${table(await benchApiPause())}\n\n`);
const dashboard = await benchDashboard();
out(
  `## Dashboard: first load per page (budget 50 KB compressed)\n${table(dashboard.weights)}\n\n${table(dashboard.lighthouse)}\n\n`,
);
out(`## Photo import from loopback (decision 030)\n${table(await benchPhotoImport())}\n`);
