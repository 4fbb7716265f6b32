// `npm run bench`: every benchmark, one after the other, printed as tables.
import { cpus, totalmem } from "node:os";
import { benchApi } from "./api.ts";
import { benchDbWrites } from "./db-writes.ts";
import { table } from "./lib/stats.ts";

const machine = `${cpus().length} x ${cpus()[0]?.model.trim()}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
process.stdout.write(`Stall benchmarks, ${new Date().toISOString()}\nMachine: ${machine}\n\n`);
process.stdout.write(`## Database writes (50 concurrent)\n${table(await benchDbWrites())}\n\n`);
process.stdout.write(`## API over HTTP (50 connections)\n${table(await benchApi())}\n`);
