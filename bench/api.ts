// HTTP throughput of the API process on loopback: the health endpoints, a 404 problem, a photo file.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createLocalMediaStore } from "@stall/api/adapters";
import { createDb, migrate } from "@stall/db";
import { freePort } from "@stall/db/testing";
import autocannon from "autocannon";
import { API_ENTRY, startProcess, stopProcess } from "./lib/processes.ts";
import { table } from "./lib/stats.ts";

const DURATION_S = Number(process.env.BENCH_DURATION_MS ?? 5000) / 1000;

export async function benchApi() {
  const dir = mkdtempSync(join(tmpdir(), "stall-bench-api-"));
  const port = await freePort();
  const database = await createDb(`file:${join(dir, "stall.db")}`);
  await migrate(database.db);
  database.close();
  const photo = await createLocalMediaStore(join(dir, "media")).put(new Uint8Array(30_000).fill(7), "webp");
  const api = await startProcess(
    API_ENTRY,
    { API_PORT: String(port), API_HOST: "127.0.0.1", DATA_DIR: dir, DATABASE_URL: `file:${join(dir, "stall.db")}` },
    `http://127.0.0.1:${port}/healthz`,
  );
  const rows = [];
  try {
    for (const path of ["/healthz", "/readyz", "/v1/missing", `/media/${photo}`]) {
      const result = await autocannon({
        url: `http://127.0.0.1:${port}${path}`,
        connections: 50,
        duration: DURATION_S,
      });
      rows.push({
        path: path.startsWith("/media/") ? "/media/{30 KB webp}" : path,
        "req/s": Math.round(result.requests.average),
        "p50 ms": result.latency.p50,
        "p99 ms": result.latency.p99,
        "bytes/req": Math.round(result.throughput.total / Math.max(1, result.requests.total)),
        non2xx: result.non2xx,
        errors: result.errors,
      });
    }
  } finally {
    await stopProcess(api);
    rmSync(dir, { recursive: true, force: true });
  }
  return rows;
}

if (import.meta.main) {
  const rows = await benchApi();
  process.stdout.write(`API on loopback, 50 connections, ${DURATION_S} s each\n${table(rows)}\n`);
}
