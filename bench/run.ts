// `npm run bench`: every benchmark, one after the other, printed as tables.
import { cpus, totalmem } from "node:os";
import { benchApi } from "./api.ts";
import { benchCsvImport } from "./csv-import.ts";
import { benchDashboard } from "./dashboard.ts";
import { benchDbWrites } from "./db-writes.ts";
import { benchFairness } from "./fairness.ts";
import { benchFlashSale } from "./flash-sale.ts";
import { table } from "./lib/stats.ts";
import { benchMedia } from "./media.ts";
import { benchPasswordLoad } from "./password-load.ts";
import { benchPhotoImport } from "./photo-import.ts";
import { benchSnapshot } from "./snapshot.ts";
import { benchStorefront } from "./storefront.ts";

const machine = `${cpus().length} x ${cpus()[0]?.model.trim()}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
process.stdout.write(`Stall benchmarks, ${new Date().toISOString()}\nMachine: ${machine}\n\n`);
process.stdout.write(`## Database writes (50 concurrent)\n${table(await benchDbWrites())}\n\n`);
process.stdout.write(`## API over HTTP (50 connections)\n${table(await benchApi())}\n\n`);
const csvImport = await benchCsvImport();
process.stdout.write(
  `## Products CSV import (Shopify export)\n${table(csvImport.http)}\n\n${table(csvImport.writes)}\n\n`,
);
process.stdout.write(`## Photo files during password hashing\n${table(await benchPasswordLoad())}\n\n`);
const media = await benchMedia();
process.stdout.write(
  `## Media pipeline (12 MP phone photo)\n${table(media.summary)}\n\n${table(media.renditions)}\n\n`,
);
const snapshot = await benchSnapshot();
process.stdout.write(`## Storefront snapshot\n${table(snapshot.builds)}\n\n${table(snapshot.http)}\n`);
const storefront = await benchStorefront();
process.stdout.write(
  `\n## Storefront\n${table(storefront.budgets)}\n\n${table(storefront.lighthouse)}\n\n${table(storefront.throughput)}\n\n${table(storefront.cold)}\n`,
);
const fairness = await benchFairness();
process.stdout.write(
  `\n## Fairness: shop B during shop A's flash sale\n${table(fairness.latency)}\n\n${table(fairness.shopA)}\n`,
);
const flashSale = await benchFlashSale();
process.stdout.write(
  `\n## Flash sale on shop A's checkout, shop B measured (logs and metrics on)\n${table(flashSale.b)}\n\n${table(flashSale.a)}\n\n${table(flashSale.metrics)}\n`,
);
const dashboard = await benchDashboard();
process.stdout.write(
  `\n## Dashboard: first load per page (budget 50 KB compressed)\n${table(dashboard.weights)}\n\n${table(dashboard.lighthouse)}\n`,
);
process.stdout.write(`\n## Photo import from loopback (decision 030)\n${table(await benchPhotoImport())}\n`);
